"""Times as the organisation and dossier pages say them, in Dutch: how long ago ("3 dagen
geleden"), how far ahead ("over 2 uur") and a day in words ("3 november 2025")."""

from __future__ import annotations

from datetime import date, datetime

from normalize.dates import AMSTERDAM, DUTCH_MONTHS, dutch_day

# (seconds in the unit, singular, plural), largest first
_UNITS = (
    (365 * 86400, "jaar", "jaar"),
    (30 * 86400, "maand", "maanden"),
    (7 * 86400, "week", "weken"),
    (86400, "dag", "dagen"),
    (3600, "uur", "uur"),
    (60, "minuut", "minuten"),
)


def span(seconds: float) -> str:
    """A duration in its largest whole unit: "3 dagen", "1 uur", "minder dan een minuut"."""
    for size, one, many in _UNITS:
        if seconds >= size:
            count = int(seconds // size)
            return f"{count} {one if count == 1 else many}"
    return "minder dan een minuut"


def ago(moment: datetime | None, now: datetime) -> str:
    """How long before `now` `moment` was: "3 dagen geleden"; "nooit" for None."""
    if moment is None:
        return "nooit"
    seconds = (now - moment).total_seconds()
    if seconds < 0:
        return ahead(moment, now)
    if seconds < 60:
        return "zojuist"
    return f"{span(seconds)} geleden"


def ahead(moment: datetime | None, now: datetime) -> str:
    """How long after `now` `moment` is: "over 2 uur"; "nu" when it has passed or is None."""
    if moment is None or moment <= now:
        return "nu"
    return f"over {span((moment - now).total_seconds())}"


def long_date(value: date | datetime | None) -> str:
    """A day in Dutch words ("3 november 2025"; a moment by its Dutch day); "" for None."""
    if value is None:
        return ""
    day = dutch_day(value) if isinstance(value, datetime) else value
    return f"{day.day} {DUTCH_MONTHS[day.month - 1]} {day.year}"


def moment_text(value: datetime | None) -> str:
    """A moment as a Dutch day and time ("3 november 2025 14:05", Amsterdam time)."""
    if value is None:
        return ""
    local = value.astimezone(AMSTERDAM) if value.tzinfo else value
    return f"{long_date(local.date())} {local:%H:%M}"


__all__ = ["ago", "ahead", "long_date", "moment_text", "span"]
