"""Source health: is each source harvested, and is what we hold of it fresh?

One state per source, computed from the store (runs, schedule, supplier blocks), first match:

- `blocked`: its supplier blocked us and the cooling-off has not ended (`VINDPLAATS_BLOCK_COOLDOWN`,
  lifted early with `vindplaats sources unblock SUPPLIER`);
- `never_harvested`: no harvest run ever finished (none started, or the first is running);
- `failing`: the latest finished run failed and either `VINDPLAATS_FAILING_AFTER` runs in a row
  failed or no run ever completed;
- `stale`: the last completed run (ok or partial) ended longer ago than `VINDPLAATS_STALE_AFTER`
  seconds, by default three times the source's harvest interval (its own, else
  `VINDPLAATS_HARVEST_INTERVAL`: three days);
- `ok` otherwise.

`health_report` computes it for every source at once (the listing of `vindplaats sources list`
and `GET /api/sources`); times are by the store's clock.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from enum import StrEnum

from pydantic import BaseModel, Field

from vindplaats.settings import Settings
from vindplaats.sources import Source
from vindplaats.store.base import Store
from vindplaats.store.models import HarvestRun, RunStatus, SupplierBlock

STALE_FACTOR = 3  # stale: no completed harvest within this many harvest intervals
RUN_HISTORY = 20  # runs looked at to count failures in a row (at least VINDPLAATS_FAILING_AFTER)


class HealthState(StrEnum):
    OK = "ok"
    STALE = "stale"
    FAILING = "failing"
    BLOCKED = "blocked"
    NEVER_HARVESTED = "never_harvested"


class SourceHealth(BaseModel):
    state: HealthState
    summary: str = Field(description="The state in words, e.g. 'failing: 2 failed runs in a row'.")
    last_success: datetime | None = Field(
        description="End of the newest completed harvest run (ok or partial)."
    )
    last_run_status: str | None = Field(description="Status of the newest run: ok, partial, ...")
    last_error: str | None = Field(description="The last error of the newest failed run.")
    failed_in_a_row: int = Field(description="Failed runs since the last completed one.")
    runs: int = Field(description=f"Runs looked at (the newest, at most {RUN_HISTORY}).")
    stale_after_seconds: float = Field(description="Age of the last success that is stale.")
    blocked_until: datetime | None = Field(description="End of the supplier's cooling-off.")
    block_reason: str | None = Field(description="Why the supplier counts as blocking us.")


def health_report(
    store: Store, settings: Settings, sources: list[Source] | None = None
) -> dict[str, SourceHealth]:
    """The health of `sources` (default: every registered source), by key."""
    now = store.clock()
    blocks = {block.supplier: block for block in store.supplier_blocks()}
    intervals = {s.key: s.harvest_interval for s in store.source_schedules()}
    report = {}
    for source in store.list_sources() if sources is None else sources:
        block = blocks.get(source.supplier.value)
        interval = intervals.get(source.key)
        report[source.key] = source_health(
            store, source, settings, now=now, block=block, interval=interval
        )
    return report


def source_health(
    store: Store,
    source: Source,
    settings: Settings,
    *,
    now: datetime,
    block: SupplierBlock | None,
    interval: float | None = None,
) -> SourceHealth:
    """The health of one source at `now` (store clock), given its supplier's active block."""
    history = store.list_runs(source.key, limit=max(RUN_HISTORY, settings.failing_after))
    finished = [run for run in history if run.status != RunStatus.RUNNING]
    failed_in_a_row = next(
        (i for i, run in enumerate(finished) if run.status != RunStatus.FAILED), len(finished)
    )
    completed = store.last_completed_run(source.key)
    last_failed = next((run for run in finished if run.status == RunStatus.FAILED), None)
    stale_after = stale_after_seconds(settings, interval)
    last_success = run_end(completed) if completed is not None else None
    state, summary = _state(
        block, finished, failed_in_a_row, completed, last_success, now, stale_after, settings
    )
    return SourceHealth(
        state=state,
        summary=summary,
        last_success=last_success,
        last_run_status=history[0].status.value if history else None,
        last_error=last_failed.errors[-1] if last_failed and last_failed.errors else None,
        failed_in_a_row=failed_in_a_row,
        runs=len(history),
        stale_after_seconds=stale_after,
        blocked_until=block.blocked_until if block else None,
        block_reason=block.reason if block else None,
    )


def _state(
    block: SupplierBlock | None,
    finished: list[HarvestRun],
    failed_in_a_row: int,
    completed: HarvestRun | None,
    last_success: datetime | None,
    now: datetime,
    stale_after: float,
    settings: Settings,
) -> tuple[HealthState, str]:
    if block is not None:
        until = f"{block.blocked_until:%Y-%m-%d %H:%M} UTC"
        return HealthState.BLOCKED, f"blocked: {block.supplier} refused us, until {until}"
    if not finished:
        return HealthState.NEVER_HARVESTED, "never harvested"
    if failed_in_a_row and (failed_in_a_row >= settings.failing_after or completed is None):
        runs = "run" if failed_in_a_row == 1 else "runs"
        return HealthState.FAILING, f"failing: {failed_in_a_row} failed {runs} in a row"
    if last_success is None or is_stale(last_success, now, stale_after):
        when = f"since {last_success:%Y-%m-%d %H:%M} UTC" if last_success else "ever"
        return HealthState.STALE, f"stale: no completed harvest {when}"
    return HealthState.OK, "ok"


def stale_after_seconds(settings: Settings, interval: float | None) -> float:
    """The one stale rule, of `sources list`, the API and the scheduler alike: seconds without a
    completed harvest after which a source is stale (`VINDPLAATS_STALE_AFTER`, else
    `STALE_FACTOR` times its own interval or `VINDPLAATS_HARVEST_INTERVAL`)."""
    return settings.stale_after or STALE_FACTOR * (interval or settings.harvest_interval)


def is_stale(since: datetime, now: datetime, stale_after: float) -> bool:
    """No completed harvest from `since` (the end of the last one) until `now`, for longer than
    `stale_after` seconds."""
    return now - since > timedelta(seconds=stale_after)


def run_end(run: HarvestRun) -> datetime:
    return run.ended_at or run.started_at


__all__ = [
    "HealthState",
    "SourceHealth",
    "health_report",
    "is_stale",
    "run_end",
    "source_health",
    "stale_after_seconds",
]
