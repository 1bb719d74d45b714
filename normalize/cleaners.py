"""Value cleaners: turn supplier junk into clean values or None (never raise on junk).

The one shared place for reading supplier dates (`clean_datetime`, `date_in_text`; the forms are
in `normalize.dates`) and person names (`parse_person`, `parse_people`; `normalize.names`).
"""

from __future__ import annotations

import re
from datetime import date, datetime

from normalize.dates import AMSTERDAM, date_in_text, dutch_month, parse_datetime
from normalize.names import PersonName, parse_people, parse_person

__all__ = [
    "AMSTERDAM",
    "PersonName",
    "clean_date",
    "clean_datetime",
    "clean_int",
    "clean_text",
    "clean_url",
    "date_in_text",
    "dutch_month",
    "numeric_position",
    "parse_people",
    "parse_person",
]
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
    """Parse supplier timestamps in every form they write (`normalize.dates`: ISO 8601,
    '2024-03-05 19:30:00', 'Jan 29 2026 12:00AM', '22-01-2026', '22 januari 2026', YYYYMMDD,
    unix seconds, PHP DateTime objects).

    Naive times are Dutch local time; the result is always timezone-aware (UTC offset kept).
    """
    return parse_datetime(value)


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
