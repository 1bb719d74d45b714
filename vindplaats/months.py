"""Calendar months: a day some months on, and a range cut into slices of whole months.

Both the full backfill (`vindplaats.harvest.backfill`: chunks of `VINDPLAATS_BACKFILL_CHUNK_MONTHS`)
and the iBabs re-read of older history (`crawlers.ibabs_reread`: slices of
`VINDPLAATS_IBABS_REREAD_MONTHS`) cut the history this way, aligned on its first day.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta


def add_months(day: date, months: int) -> date:
    """`day` moved `months` months on, its day clamped to the length of the month reached."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def month_slices(first: date, months: int, starting_before: date) -> list[tuple[date, date]]:
    """Consecutive slices of `months` months from `first` (slice k starts `k × months` months
    after `first`), each (first day, last day), for every slice that starts before
    `starting_before`; none when `months` is below 1."""
    if months < 1:
        return []
    found: list[tuple[date, date]] = []
    start = first
    while start < starting_before:
        following = add_months(first, (len(found) + 1) * months)
        found.append((start, following - timedelta(days=1)))
        start = following
    return found
