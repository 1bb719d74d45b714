"""Every date form the suppliers write, read into one timezone-aware `datetime`.

Forms (see `docs/sandbox.md` and the parser tables in `tests/normalize/test_cleaners.py`):

- ISO 8601 and `YYYY-MM-DD HH:MM:SS` (NotuBiz), with or without milliseconds (iBabs
  `MutationDate` `2026-06-25T10:06:40.073`) or an offset; `YYYY-MM-DD`; `YYYYMMDD` (Parlaeus);
- SQL Server's default text form, which iBabs register values use: `Jan 29 2026 12:00AM`
  (English month abbreviation, one or two spaces before a one-digit day or hour, 12-hour clock,
  optionally `:ss` or `:ss:mmm`);
- Dutch numeric dates `22-01-2026`, `29-1-2026`, `22.01.2026`, `22/1/2026`, with an optional
  `19:30`; with slashes a second number above 12 means the American `MM/DD/YYYY`;
- Dutch words `22 januari 2026`, `21 jan 2026`, `donderdag 22 januari 2026 om 19:30`;
- PHP `DateTime` objects as JSON (`{"date": "...", "timezone": "Europe/Amsterdam"}`);
- unix seconds (a number).

Naive times are Dutch local time. Empty strings, `0000-00-00`, `"0"` and anything unreadable are
None: a cleaner never raises on junk. `date_in_text` finds a date inside a label such as
`Gemeenteraad 29-1-2026` or `(Raadsvergadering  17-12-2025 19:30)`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

AMSTERDAM = ZoneInfo("Europe/Amsterdam")

DUTCH_MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
                "september", "oktober", "november", "december")  # fmt: skip
_DUTCH_ABBREVIATIONS = {"mrt": 3, "sept": 9, "okt": 10}
_ENGLISH = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")

_CLOCK = r"(?:[ T]+(?:om\s+)?(\d{1,2})[:.](\d{2})(?::(\d{2}))?)?"
_SQL_SERVER = re.compile(
    r"([A-Za-z]{3})\s+(\d{1,2})\s+(\d{4})"
    r"(?:\s+(\d{1,2}):(\d{2})(?::(\d{2})(?::\d{1,3})?)?\s*([AaPp][Mm]))?"
)
_NUMERIC = re.compile(r"(\d{1,2})([-/.])(\d{1,2})\2(\d{4})" + _CLOCK)
_WORDS = re.compile(
    r"(?:[a-z]+dag\s+)?(\d{1,2})\s+([a-z]{3,9})\.?\s+(\d{4})" + _CLOCK, re.IGNORECASE
)
_NUMERIC_IN_TEXT = re.compile(r"(?<![\d-])(\d{1,2})-(\d{1,2})-(\d{4})(?:\s+(\d{1,2}):(\d{2}))?")
_WORDS_IN_TEXT = re.compile(r"\b(\d{1,2})\s+([a-z]{3,9})\.?\s+(\d{4})\b", re.IGNORECASE)


def dutch_month(word: str) -> int | None:
    """1-12 for a Dutch month name or its abbreviation ("januari", "jan", "mrt", "okt")."""
    lowered = word.lower().rstrip(".")
    if lowered in _DUTCH_ABBREVIATIONS:
        return _DUTCH_ABBREVIATIONS[lowered]
    for number, name in enumerate(DUTCH_MONTHS, start=1):
        if lowered == name or (len(lowered) >= 3 and name.startswith(lowered)):
            return number
    return None


def _local(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0
) -> datetime | None:
    try:
        return datetime(year, month, day, hour, minute, second, tzinfo=AMSTERDAM)
    except ValueError:
        return None


def _clock(groups: tuple[str | None, ...]) -> tuple[int, int, int]:
    hour, minute, second = groups
    return int(hour or 0), int(minute or 0), int(second or 0)


def _sql_server(match: re.Match[str]) -> datetime | None:
    month_word, day, year, hour, minute, second, half = match.groups()
    if month_word.lower() not in _ENGLISH:
        return None
    clock_hour = int(hour or 12 if half else 0)
    if half is not None and not 1 <= clock_hour <= 12:
        return None
    if half is not None:
        clock_hour = clock_hour % 12 + (12 if half.upper() == "PM" else 0)
    month = _ENGLISH.index(month_word.lower()) + 1
    return _local(int(year), month, int(day), clock_hour, int(minute or 0), int(second or 0))


def _numeric(match: re.Match[str]) -> datetime | None:
    first, separator, second, year, *clock = match.groups()
    day, month = int(first), int(second)
    if separator == "/" and month > 12 >= day:
        day, month = month, day  # MM/DD/YYYY (iBabs reports)
    return _local(int(year), month, day, *_clock(tuple(clock)))


def _words(match: re.Match[str]) -> datetime | None:
    day, word, year, *clock = match.groups()
    month = dutch_month(word)
    if month is None:
        return None
    return _local(int(year), month, int(day), *_clock(tuple(clock)))


def _php_datetime(value: Mapping[object, object]) -> datetime | None:
    parsed = parse_datetime(value.get("date"))
    zone = value.get("timezone")
    if parsed is None or not isinstance(zone, str) or "/" not in zone:
        return parsed
    try:
        return parsed.replace(tzinfo=ZoneInfo(zone))
    except (ZoneInfoNotFoundError, ValueError):
        return parsed


def _iso(text: str) -> datetime | None:
    if text.isdigit() and len(text) == 8:
        return _local(int(text[:4]), int(text[4:6]), int(text[6:]))
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None


def parse_datetime(value: object) -> datetime | None:
    """A supplier's date or time in any form listed above; timezone-aware; None for junk."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=AMSTERDAM)
    if isinstance(value, (int, float)):
        try:
            return datetime.fromtimestamp(value, tz=UTC)
        except (OverflowError, OSError, ValueError):
            return None
    if isinstance(value, Mapping):
        return _php_datetime(value)
    text = " ".join(str(value).split())
    if not text or text == "0" or text.startswith("0000-00-00"):
        return None
    parsed = _iso(text)
    if parsed is not None:
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=AMSTERDAM)
    for pattern, reader in ((_SQL_SERVER, _sql_server), (_NUMERIC, _numeric), (_WORDS, _words)):
        match = pattern.fullmatch(text)
        if match is not None:
            return reader(match)
    return None


def dutch_day(moment: datetime) -> date:
    """The Dutch calendar day of a moment: its day in Europe/Amsterdam (a naive time is Dutch
    already), so 00:30 in Amsterdam is that day, not the previous one in UTC."""
    return (moment.astimezone(AMSTERDAM) if moment.tzinfo else moment).date()


def date_in_text(value: object) -> datetime | None:
    """The first date written inside free text: `Gemeenteraad 29-1-2026`, `(Raadsvergadering
    17-12-2025 19:30)`, `... 21 januari 2026`; None when there is none."""
    if not isinstance(value, str):
        return None
    for match in _NUMERIC_IN_TEXT.finditer(value):
        day, month, year, hour, minute = match.groups()
        found = _local(int(year), int(month), int(day), int(hour or 0), int(minute or 0))
        if found is not None:
            return found
    for match in _WORDS_IN_TEXT.finditer(value):
        month_number = dutch_month(match[2])
        if month_number is not None:
            found = _local(int(match[3]), month_number, int(match[1]))
            if found is not None:
                return found
    return None


__all__ = [
    "AMSTERDAM",
    "DUTCH_MONTHS",
    "date_in_text",
    "dutch_day",
    "dutch_month",
    "parse_datetime",
]
