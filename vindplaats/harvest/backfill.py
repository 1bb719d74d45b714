"""Full backfill (`vindplaats harvest KEY --full`): a source's whole history, in chunks, resumably.

The range runs from `VINDPLAATS_BACKFILL_FROM` (2010-01-01) to today plus
`VINDPLAATS_RECHECK_DAYS_AHEAD`, cut into chunks of `VINDPLAATS_BACKFILL_CHUNK_MONTHS` months and
harvested oldest first, one ordinary recorded run per chunk (its window is the chunk; what a
complete chunk no longer finds is marked withdrawn, as in any run). The store keeps a cursor
per source: the range, the chunk size, and the first day of the first unfinished chunk. It
moves only after a chunk's run completed (ok or partial), so a backfill interrupted anywhere
(Ctrl-C, a crash, `kill -9`) resumes at that chunk on the next `--full`, and a chunk whose
crawl failed stops the backfill there. `restart=True` (`--restart`) starts over; a `--full`
after a finished backfill starts a new one.

When the last chunk is done the source's watermark is lowered to the moment the backfill began
(by this machine's clock, which the watermark margin absorbs): changes made meanwhile to chunks
already done are then fetched by the next ordinary run.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from vindplaats.harvest.run import Progress, check_harvestable, run_window
from vindplaats.months import month_slices
from vindplaats.settings import Settings
from vindplaats.store import open_store
from vindplaats.store.base import Store
from vindplaats.store.models import Backfill, HarvestRun, RunStatus


@dataclass(frozen=True)
class Chunk:
    number: int  # 1-based
    total: int
    start: date
    end: date


def plan_chunks(range_from: date, range_until: date, months: int) -> list[Chunk]:
    """The chunks of a range, oldest first; the last one ends at `range_until`."""
    if range_from > range_until:
        raise ValueError(f"a backfill from {range_from} cannot end before it, {range_until}")
    if months < 1:
        raise ValueError(f"a backfill chunk must be at least one month, not {months}")
    bounds = month_slices(range_from, months, range_until + timedelta(days=1))
    return [
        Chunk(i, len(bounds), start, min(end, range_until))
        for i, (start, end) in enumerate(bounds, start=1)
    ]


def cursor(
    settings: Settings, store: Store, source_key: str, *, restart: bool, today: date | None
) -> tuple[Backfill, bool]:
    """The backfill to run and whether it resumes an unfinished one."""
    current = store.get_backfill(source_key)
    if current is not None and not current.finished and not restart:
        return current, True
    until = (today or date.today()) + timedelta(days=settings.recheck_days_ahead)
    started = store.start_backfill(
        source_key, settings.backfill_from, until, settings.backfill_chunk_months
    )
    return started, False


def backfill(
    settings: Settings,
    source_key: str,
    *,
    restart: bool = False,
    today: date | None = None,
    on_progress: Progress | None = None,
) -> HarvestRun:
    """Run (or resume) the full backfill of a source; return the last chunk's run (the failed
    one when a chunk failed: the backfill stops there and resumes there next time).

    Progress events: `backfill` before each chunk (`chunk`, `chunks`, `from`, `until`,
    `resumed`) and `backfill_chunk_done` after it (also `run_id`, `status`); the chunk's own
    run reports `crawl`, `extract` and `index` in between.
    """
    progress: Progress = on_progress or (lambda phase, data: None)
    store = open_store(settings)
    try:
        check_harvestable(settings, store, source_key)
        state, resumed = cursor(settings, store, source_key, restart=restart, today=today)
        chunks = plan_chunks(state.range_from, state.range_until, state.chunk_months)
        last: HarvestRun | None = None
        for chunk in (c for c in chunks if c.start >= state.next_from):
            event = {
                "chunk": chunk.number,
                "chunks": chunk.total,
                "from": chunk.start.isoformat(),
                "until": chunk.end.isoformat(),
                "resumed": resumed,
            }
            progress("backfill", event)
            last = run_window(
                settings, store, source_key, (chunk.start, chunk.end), on_progress=on_progress
            )
            progress("backfill_chunk_done", {**event, "run_id": last.id, "status": last.status})
            if last.status == RunStatus.FAILED:
                return last
            store.advance_backfill(source_key, chunk.end + timedelta(days=1))
        finished = store.finish_backfill(source_key)
        mark = store.get_watermark(source_key)
        if mark is None or finished.started_at < mark:
            store.set_watermark(source_key, finished.started_at)
        if last is None:  # every chunk was done already (interrupted just before finishing)
            last = store.last_run(source_key)
            assert last is not None
        return last
    finally:
        store.close()
