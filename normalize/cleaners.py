"""Value cleaners: turn supplier junk into clean values or None (never raise on junk)."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
_WS = re.compile(r"\s+")
_DOUBLED_SCHEME = re.compile(r"^(https?)(?:https?)+://", re.IGNORECASE)
_DOUBLED_HOST = re.compile(r"^https?://[^/]+?(https?://)", re.IGNORECASE)
_TAGS = re.compile(r"<[^>]+>")
_POSITION = re.compile(r"^\s*(\d+)")


def clean_text(value: object) -> str | None:
    """Collapse whitespace; empty → None. HTML tags are stripped."""
    if value is None:
        return None
    text = str(value)
    if "<" in text:
        text = _TAGS.sub(" ", text)
    text = _WS.sub(" ", text).strip()
    return text or None


def clean_int(value: object) -> int | None:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    try:
        return int(str(value).strip())
    except ValueError:
        return None


def clean_datetime(value: object) -> datetime | None:
    """Parse supplier timestamps ('2024-03-05 19:30:00', ISO 8601, unix seconds).

    Naive times are Dutch local time; the result is always timezone-aware (UTC offset kept).
    """
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        dt = value
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        return datetime.fromtimestamp(value, tz=UTC)
    else:
        text = str(value).strip()
        if text.isdigit() and len(text) == 8:
            try:
                return datetime.strptime(text, "%Y%m%d").replace(tzinfo=AMSTERDAM)
            except ValueError:
                return None
        if text.startswith("0000-00-00"):
            return None
        try:
            dt = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=AMSTERDAM)
    return dt


def clean_date(value: object) -> date | None:
    dt = clean_datetime(value)
    return dt.date() if dt else None


def clean_url(value: object) -> str | None:
    """Repair known link quirks (`httphttp://`, doubled hosts); only http(s) survives."""
    text = clean_text(value)
    if not text:
        return None
    text = _DOUBLED_SCHEME.sub(lambda m: m.group(1).lower() + "://", text)
    text = _DOUBLED_HOST.sub(r"\1", text)
    if not text.lower().startswith(("http://", "https://")):
        return None
    return text


def numeric_position(raw: object) -> int | None:
    """The leading number of an agenda position ('4A' → 4, '12.' → 12)."""
    text = clean_text(raw)
    if not text:
        return None
    match = _POSITION.match(text)
    return int(match.group(1)) if match else None
