"""The scheduler: keeps every source's `next_due_at` true to its interval and watches health.

Workers schedule a source one interval ahead after each harvest; the scheduler corrects what
that cannot see: an interval that was shortened since (the source's own or
`VINDPLAATS_HARVEST_INTERVAL`) makes the source due as soon as that interval has passed since
its last run ended. Each tick it also reports, in its log and its result, the sources that are
stale (by the rule of `sources list` and the API,
`vindplaats.operations.health.stale_after_seconds`,
counted from the end of the last completed run, or from the source's registration when none
completed), failing (their latest runs failed)
or interrupted (a run still "running" that no worker holds). One scheduler acts at a time
(lease `scheduler`); others skip their tick. Every scheduler beats its heartbeat each tick
(`vindplaats.heartbeat`), acting or not, so a hung one fails its health check.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import datetime, timedelta

from pydantic import BaseModel, Field

from vindplaats.heartbeat import Pulse
from vindplaats.leasing import SCHEDULER, new_holder, source_lease
from vindplaats.operations.health import is_stale, run_end, stale_after_seconds
from vindplaats.settings import Settings
from vindplaats.store import open_store
from vindplaats.store.base import SourceSchedule, Store
from vindplaats.store.models import RunStatus

logger = logging.getLogger(__name__)

FAILURE_HISTORY = 10  # runs looked at to count consecutive failures
MAX_SLACK = timedelta(seconds=60)


class SchedulerReport(BaseModel):
    ticks: int = 0  # ticks this scheduler acted on
    skipped: int = 0  # ticks skipped because another scheduler held the lease
    marked_due: list[str] = Field(default_factory=list)  # over all ticks, in order
    stale: list[str] = Field(default_factory=list)  # at the last tick
    failing: dict[str, int] = Field(default_factory=dict)  # key -> consecutive failed runs
    interrupted: list[str] = Field(default_factory=list)  # at the last tick


def run_scheduler(
    settings: Settings,
    *,
    once: bool = False,
    poll_interval: float = 60.0,
    stop: threading.Event | None = None,
    scheduler_id: str | None = None,
    clock: Callable[[], datetime] | None = None,
) -> SchedulerReport:
    """Tick every `poll_interval` seconds until `stop` is set (with `once`: one tick).

    `clock` (default: the store's clock) is the time each tick judges intervals and staleness
    by; tests pass one ahead of the store's to let an interval pass without waiting."""
    holder = scheduler_id or new_holder("scheduler")
    stop = stop or threading.Event()
    report = SchedulerReport()
    ttl = max(settings.lease_ttl, poll_interval * 2)
    store = open_store(settings)
    try:
        with Pulse(store, "scheduler", holder) as pulse:
            while True:
                pulse.beat()
                if store.acquire_lease(SCHEDULER, holder, ttl):
                    now = clock() if clock is not None else store.clock()
                    tick(store, settings, report, now=now)
                else:
                    report.skipped += 1
                    logger.info("scheduler: %s holds the lease", store.lease_holder(SCHEDULER))
                if once or stop.wait(poll_interval):
                    break
            store.release_lease(SCHEDULER, holder)
    finally:
        store.close()
    return report


def tick(
    store: Store, settings: Settings, report: SchedulerReport, *, now: datetime | None = None
) -> None:
    """One pass over all sources at `now` (default: the store's clock): mark due, then report
    stale, failing and interrupted."""
    now = now if now is not None else store.clock()
    report.ticks += 1
    report.stale, report.failing, report.interrupted = [], {}, []
    for schedule in store.source_schedules():
        interval = timedelta(seconds=schedule.harvest_interval or settings.harvest_interval)
        if _overdue(store, schedule, interval, now):
            store.mark_due(schedule.key)
            report.marked_due.append(schedule.key)
            logger.info("scheduler: %s is due (interval %s passed)", schedule.key, interval)
        stale_after = stale_after_seconds(settings, schedule.harvest_interval)
        _health(store, schedule, stale_after, now, report)


def _overdue(store: Store, schedule: SourceSchedule, interval: timedelta, now: datetime) -> bool:
    """Scheduled later than its interval allows, counted from the end of its last run (a
    little slack absorbs the difference between the workers' and the database's clocks)."""
    if schedule.next_due_at is None or schedule.next_due_at <= now:
        return False  # due already
    last = store.last_run(schedule.key)
    if last is None:
        return True
    if last.status == RunStatus.RUNNING:
        return False  # being harvested
    allowed = (last.ended_at or last.started_at) + interval
    slack = min(MAX_SLACK, interval / 10)
    return allowed <= now and schedule.next_due_at > allowed + slack


def _health(
    store: Store,
    schedule: SourceSchedule,
    stale_after: float,
    now: datetime,
    report: SchedulerReport,
) -> None:
    key = schedule.key
    completed = store.last_completed_run(key)
    since = run_end(completed) if completed else schedule.added_at
    if is_stale(since, now, stale_after):
        report.stale.append(key)
        when = f"since {since:%Y-%m-%d %H:%M}" if completed else "ever"
        logger.warning("scheduler: %s is stale: no completed harvest %s", key, when)
    runs = store.list_runs(key, limit=FAILURE_HISTORY)
    failures = 0
    for run in runs:
        if run.status == RunStatus.RUNNING:
            continue
        if run.status != RunStatus.FAILED:
            break
        failures += 1
    if failures:
        report.failing[key] = failures
        reason = next((r.errors[-1] for r in runs if r.status == RunStatus.FAILED and r.errors), "")
        logger.warning(
            "scheduler: %s failing: %d failed runs in a row; last: %s", key, failures, reason
        )
    if (
        runs
        and runs[0].status == RunStatus.RUNNING
        and store.lease_holder(source_lease(key)) is None
    ):
        report.interrupted.append(key)
        logger.warning("scheduler: %s has an interrupted run (%d) no worker holds", key, runs[0].id)


__all__ = ["SchedulerReport", "run_scheduler", "tick"]
