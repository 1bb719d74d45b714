"""Harvester workers: any number of them, on one machine or many, share the store's sources.

A worker loops: it picks a due source, takes the lease `source:<key>` (so no other worker
harvests it meanwhile; a heartbeat renews it), runs `vindplaats.harvest.run.harvest`, schedules the
source's next harvest one interval ahead and releases the lease. A worker that dies stops
renewing; once its lease expires another worker takes the source over, and the interrupted run
is recorded as failed when the next run starts. Each pass of the loop and each progress event
of a harvest also beats the worker's heartbeat (`vindplaats.heartbeat`): a worker that hangs
stops beating and its health check fails.
"""

from __future__ import annotations

import logging
import threading

from pydantic import BaseModel, Field

from vindplaats.heartbeat import Pulse
from vindplaats.leasing import Heartbeat, new_holder, source_lease
from vindplaats.settings import Settings
from vindplaats.store import open_store
from vindplaats.store.base import Store
from vindplaats.store.models import RunStatus

logger = logging.getLogger(__name__)


class WorkerRun(BaseModel):
    source_key: str
    run_id: int | None = None  # None when the harvest was refused before a run started
    status: RunStatus
    lease_lost: bool = False  # another worker took the source over during the harvest
    error: str | None = None


class WorkerSummary(BaseModel):
    worker_id: str
    runs: list[WorkerRun] = Field(default_factory=list)


def run_worker(
    settings: Settings,
    *,
    worker_id: str | None = None,
    once: bool = False,
    poll_interval: float = 5.0,
    stop: threading.Event | None = None,
) -> WorkerSummary:
    """Harvest due sources until `stop` is set (with `once`: until no source is due)."""
    summary = WorkerSummary(worker_id=worker_id or new_holder("worker"))
    stop = stop or threading.Event()
    store = open_store(settings)
    logger.info("worker %s started", summary.worker_id)
    try:
        with Pulse(store, "worker", summary.worker_id) as pulse:
            while not stop.is_set():
                pulse.beat()
                key = claim(store, summary.worker_id, settings.lease_ttl)
                if key is not None:
                    run = _harvest_leased(settings, store, key, summary.worker_id, pulse)
                    summary.runs.append(run)
                elif once:
                    break
                else:
                    stop.wait(poll_interval)
    finally:
        store.close()
    logger.info("worker %s stopped after %d harvests", summary.worker_id, len(summary.runs))
    return summary


def claim(store: Store, holder: str, ttl: float) -> str | None:
    """Lease the first due source no other worker holds; None when there is none."""
    for key in store.due_sources():
        if not store.acquire_lease(source_lease(key), holder, ttl):
            continue
        # another worker may have harvested it between our look and our lease
        if key in store.due_sources():
            return key
        store.release_lease(source_lease(key), holder)
    return None


def _harvest_leased(
    settings: Settings, store: Store, key: str, holder: str, pulse: Pulse
) -> WorkerRun:
    from vindplaats.harvest.run import harvest

    name = source_lease(key)
    before = store.last_run(key)
    logger.info("worker %s harvests %s", holder, key)
    try:
        with Heartbeat(settings, name, holder, settings.lease_ttl) as beat:
            try:
                run = harvest(settings, key, on_progress=lambda phase, data: pulse.beat())
                result = WorkerRun(source_key=key, run_id=run.id, status=run.status)
            except Exception as exc:  # recorded; the worker goes on with the next source
                logger.exception("harvest of %s failed", key)
                last = store.last_run(key)
                started = last is not None and (before is None or last.id != before.id)
                result = WorkerRun(
                    source_key=key,
                    run_id=last.id if started and last is not None else None,
                    status=RunStatus.FAILED,
                    error=f"{type(exc).__name__}: {exc}",
                )
        result.lease_lost = beat.lost.is_set()
        due = store.schedule_next(key, settings.harvest_interval)
        logger.info("worker %s: %s %s, next due %s", holder, key, result.status.value, due)
    finally:
        store.release_lease(name, holder)
    return result


__all__ = ["WorkerRun", "WorkerSummary", "claim", "run_worker"]
