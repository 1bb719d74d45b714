"""The rolling re-read of older iBabs meetings: iBabs meetings carry no modification date, so a
late change to a meeting older than the re-check window would never be seen. Each ordinary run
(one with `modified_since`) therefore also reads one slice of the older history.

The history from `history_from` (`VINDPLAATS_BACKFILL_FROM`) is cut into slices of
`VINDPLAATS_IBABS_REREAD_MONTHS` months (0: no re-read), aligned on that first day; the slices
are those that start before the run's window (the last may overlap it). A run reads the slice
after the one the newest completed (ok or partial) run re-read, and the first slice after the
last: the whole history is read again every N ordinary runs, N the number of slices (about 70
runs for quarters since 2010). The run records the slice's first day as the count
`reread_from` (YYYYMMDD), which is the cursor: nothing else is stored. A failed run does not
move it, so its slice is read again by the next run.

A re-read meeting is read in full like any meeting the crawl reads: what disappeared from it
(agenda items, documents) is marked withdrawn after a complete run, as for old meetings read
because they changed; a meeting gone from the slice entirely stays, as it lies outside the
run's window.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from crawlers.counts import REREAD_FROM
from vindplaats.months import month_slices
from vindplaats.store.models import HarvestRun, RunStatus

RUNS_LOOKED_AT = 50  # the newest runs of the source searched for the cursor


def slices(history_from: date, before: date, months: int) -> list[tuple[date, date]]:
    """The slices of `months` months from `history_from` that start before `before`."""
    return month_slices(history_from, months, before)


def stamp(day: date) -> int:
    return day.year * 10000 + day.month * 100 + day.day


def cursor(runs: Iterable[HarvestRun]) -> int | None:
    """The `reread_from` of the newest completed run that re-read a slice (runs newest first)."""
    for run in runs:
        if run.status in (RunStatus.OK, RunStatus.PARTIAL) and "reread_from" in run.counts:
            return run.counts[REREAD_FROM]
    return None


def next_slice(all_slices: list[tuple[date, date]], last: int | None) -> tuple[date, date] | None:
    """The slice after the one starting on `last` (YYYYMMDD); the first when `last` is None,
    unknown (the settings changed) or the last slice."""
    if not all_slices:
        return None
    starts = [stamp(first) for first, _ in all_slices]
    if last in starts:
        return all_slices[(starts.index(last) + 1) % len(all_slices)]
    return all_slices[0]
