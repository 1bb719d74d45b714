"""Cell values of an inventory list: ids, judgements, dates, yes/no, text.

- Ids and numbers: Excel stores `1001` as a number; `1001.0` reads back as `1001`.
- Judgements (`Judgement`): `Openbaar`, `Deels Openbaar`, `Niet Openbaar`, `Reeds openbaar`
  in any case and spacing, and the longer words of decision letters (`Gedeeltelijke
  openbaarmaking`, `Geen openbaarmaking`, `Volledig openbaar`, ...). Unknown text is no
  judgement and a problem of the row, never silently "niet openbaar".
- Dates: Excel date cells (naive: Dutch time, or UTC when the header says `(UTC)`), Excel serial
  numbers in a date column (1950-2100, 1900 date system), the e-discovery form
  `2/19/2021 8:46 AM UTC` (month first, 12-hour clock, a zone), `2022-12-28`, `28-12-2022`
  and every other form of `normalize.dates`.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from enum import StrEnum

from normalize.dates import AMSTERDAM, parse_datetime
from normalize.inventory_files import Cell


class Judgement(StrEnum):
    OPENBAAR = "openbaar"
    DEELS_OPENBAAR = "deels openbaar"
    NIET_OPENBAAR = "niet openbaar"
    REEDS_OPENBAAR = "reeds openbaar"


_JUDGEMENTS: dict[str, Judgement] = {
    **dict.fromkeys(
        ("openbaar", "openbaarmaking", "volledig openbaar", "geheel openbaar",
         "openbaar maken", "volledige openbaarmaking", "public"),
        Judgement.OPENBAAR,
    ),
    **dict.fromkeys(
        ("deels openbaar", "gedeeltelijk openbaar", "gedeeltelijke openbaarmaking",
         "deels openbaar maken", "deels", "partial public", "partially public"),
        Judgement.DEELS_OPENBAAR,
    ),
    **dict.fromkeys(
        ("niet openbaar", "geen openbaarmaking", "niet openbaar maken", "geweigerd",
         "weigeren", "not public"),
        Judgement.NIET_OPENBAAR,
    ),
    **dict.fromkeys(
        ("reeds openbaar", "al openbaar", "eerder openbaar gemaakt", "reeds openbaar gemaakt",
         "already public"),
        Judgement.REEDS_OPENBAAR,
    ),
}  # fmt: skip


def text_value(value: Cell) -> str | None:
    """A cell as text with whitespace collapsed; None for empty. Whole numbers lose `.0`."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime):
        return value.isoformat()
    text = " ".join(str(value).split())
    return text or None


def judgement_of(value: str | None) -> Judgement | None:
    """The judgement a cell names, or None (also for unknown text: the caller flags that)."""
    if value is None:
        return None
    key = " ".join(re.sub(r"[^a-z ]", " ", value.lower()).split())
    return _JUDGEMENTS.get(key)


_YES = {"ja", "j", "yes", "y", "true", "waar", "1", "x", "opgeschort"}
_NO = {"nee", "n", "no", "false", "onwaar", "0", "niet opgeschort"}


def yes_no(value: Cell) -> bool | None:
    """True/False for yes/no cells in Dutch or English; None when empty or unknown."""
    if isinstance(value, bool):
        return value
    text = (text_value(value) or "").lower()
    if text in _YES:
        return True
    if text in _NO:
        return False
    return None


_US_CLOCK = re.compile(
    r"(\d{1,2})/(\d{1,2})/(\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])"
    r"(?:\s*(UTC|GMT|Z))?"
)
_ZONE_SUFFIX = re.compile(r"^(.*?\d)\s*(?:UTC|GMT|Z)$", re.IGNORECASE)
_EXCEL_EPOCH = datetime(1899, 12, 30)
_SERIAL_MIN, _SERIAL_MAX = 18_264, 73_051  # Excel serial numbers of 1950-01-01 and 2100-01-01


def _us_clock(match: re.Match[str]) -> datetime | None:
    month, day, year, hour, minute, second, half, zone = match.groups()
    clock = int(hour)
    if not 1 <= clock <= 12:
        return None
    clock = clock % 12 + (12 if half.upper() == "PM" else 0)
    try:
        moment = datetime(int(year), int(month), int(day), clock, int(minute), int(second or 0))
    except ValueError:
        return None
    return moment.replace(tzinfo=UTC if zone else AMSTERDAM)


def date_value(value: Cell, *, utc: bool = False) -> datetime | None:
    """The date of a date cell in any form above, timezone-aware; None when unreadable.

    `utc`: the column says its times are UTC (naive values are UTC, not Dutch time).
    """
    if value is None or isinstance(value, bool):
        return None
    zone = UTC if utc else AMSTERDAM
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=zone)
    if isinstance(value, (int, float)):
        if not _SERIAL_MIN <= value < _SERIAL_MAX:
            return None  # not a plausible date (a year, a count): unreadable, not 1905
        return (_EXCEL_EPOCH + timedelta(days=float(value))).replace(tzinfo=zone)
    text = " ".join(str(value).split())
    if not text:
        return None
    match = _US_CLOCK.fullmatch(text)
    if match is not None:
        return _us_clock(match)
    suffix = _ZONE_SUFFIX.fullmatch(text)
    if suffix is not None:
        zone, text = UTC, suffix[1]
    parsed = parse_datetime(text)
    if parsed is None:
        return None
    if parsed.tzinfo is AMSTERDAM and zone is UTC and not _has_offset(text):
        return parsed.replace(tzinfo=UTC)
    return parsed


def _has_offset(text: str) -> bool:
    return bool(re.search(r"(?:[+-]\d{2}:?\d{2}|Z)$", text))


__all__ = ["Judgement", "date_value", "judgement_of", "text_value", "yes_no"]
