"""One harvest run of one source: crawl → extract → index, recorded as a HarvestRun.

Stages each do one thing and read their input from the store, so an interrupted run (even
`kill -9`) is completed by the next one: records are upserts, downloads are skipped when the
stored original is unchanged, and extraction and indexing pick up whatever is still pending.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from datetime import date, timedelta
from typing import Any

from crawlers.registry import api_base
from crawlers.run import run_crawl
from normalize.records import DownloadStatus, ExtractionStatus
from vindplaats.engine import open_engine
from vindplaats.engine.base import IndexReport
from vindplaats.extraction import extract_pending
from vindplaats.indexing import all_ids, index_documents, pending_ids
from vindplaats.leasing import INDEX_WRITER, holding
from vindplaats.net.guard import check_url
from vindplaats.settings import Settings
from vindplaats.store import open_blobs, open_store
from vindplaats.store.base import Store
from vindplaats.store.models import HarvestRun, RunStatus

Progress = Callable[[str, dict[str, Any]], None]
FULL_HISTORY_START = date(2010, 1, 1)
RECHECK_BACK = timedelta(days=30)
LOOK_AHEAD = timedelta(days=60)
MAX_ERRORS = 200


def harvest_window(
    store: Store, source_key: str, since: date | None, until: date | None
) -> tuple[date, date]:
    """The date window of a run: explicit, else since the last completed run (minus a re-check
    margin for late additions) or the full history for a first run, until 60 days ahead."""
    today = date.today()
    window_until = until or today + LOOK_AHEAD
    if since is None:
        last = store.last_completed_run(source_key)
        if last is None:
            since = FULL_HISTORY_START
        else:
            since = min(last.started_at.date(), today) - RECHECK_BACK
    if since > window_until:
        raise ValueError(f"--since {since} is after --until {window_until}")
    return since, window_until


def harvest(
    settings: Settings,
    source_key: str,
    *,
    since: date | None = None,
    until: date | None = None,
    on_progress: Progress | None = None,
) -> HarvestRun:
    """Harvest one source; raise before starting when the source is unknown or refused."""
    progress: Progress = on_progress or (lambda phase, data: None)
    store = open_store(settings)
    source = store.get_source(source_key)
    source.check_harvestable()
    check_url(api_base(source), allow_private=settings.allow_private_networks)
    window_from, window_until = harvest_window(store, source_key, since, until)
    run = store.start_run(source_key, window_from, window_until)
    counts: Counter[str] = Counter()
    errors: list[str] = []
    try:
        crawl = run_crawl(
            settings,
            source_key,
            window_from=window_from,
            window_until=window_until,
            on_progress=lambda event: progress("crawl", event),
        )
        counts.update(crawl.counts)
        errors.extend(crawl.errors)
        extraction = extract_pending(
            settings,
            store,
            open_blobs(settings),
            source_key,
            on_progress=lambda data: progress("extract", data),
        )
        counts.update(extraction.counts)
        errors.extend(extraction.errors)
        with index_writer(settings, store):
            engine = open_engine(settings)
            try:
                ids = pending_ids(store, source_key)
                report = index_documents(
                    store,
                    engine,
                    ids,
                    on_progress=lambda done, total: progress(
                        "index", {"done": done, "total": total}
                    ),
                )
            finally:
                engine.close()
        counts["indexed"] += report.indexed - len(report.failed)
        counts["index_failed"] += len(report.failed)
        errors.extend(f"index {doc_id}: {reason}" for doc_id, reason in report.failed.items())
        status = _status(crawl.status, counts)
        watermark = crawl.watermark
    except Exception as exc:  # the run as a whole failed: record it, then re-raise
        errors.append(f"harvest failed: {type(exc).__name__}: {exc}")
        store.finish_run(run.id, RunStatus.FAILED, dict(counts), errors[:MAX_ERRORS])
        raise
    counts.update(_store_totals(store, source_key))
    return store.finish_run(run.id, status, dict(counts), errors[:MAX_ERRORS], watermark)


def _status(crawl_status: str, counts: Counter[str]) -> RunStatus:
    if crawl_status == "failed":
        return RunStatus.FAILED
    troubles = ("download_failed", "extraction_failed", "index_failed", "errors")
    if crawl_status == "partial" or any(counts.get(k, 0) for k in troubles):
        return RunStatus.PARTIAL
    return RunStatus.OK


def _store_totals(store: Store, source_key: str) -> dict[str, int]:
    """What the store holds for this source after the run (stable across identical runs)."""
    totals = {f"stored_{kind}": n for kind, n in store.count_records(source_key).items()}
    docs = store.document_counts(source_key)
    totals["stored_download_failed"] = docs.get(f"download_{DownloadStatus.FAILED.value}", 0)
    totals["stored_extraction_failed"] = docs.get(f"extraction_{ExtractionStatus.FAILED.value}", 0)
    return totals


def reindex(
    settings: Settings, on_progress: Callable[[int, int], None] | None = None
) -> IndexReport:
    """Send every stored document to the engine again (the index is rebuildable from the store)."""
    store = open_store(settings)
    try:
        with index_writer(settings, store):
            engine = open_engine(settings)
            try:
                return index_documents(store, engine, all_ids(store), on_progress=on_progress)
            finally:
                engine.close()
    finally:
        store.close()


def index_writer(settings: Settings, store: Store) -> AbstractContextManager[object]:
    """The embedded index takes one writer at a time, across processes: hold the store lease
    `index-writer` while indexing (waiting up to `VINDPLAATS_INDEX_LEASE_WAIT`)."""
    if settings.engine != "embedded":
        return nullcontext()
    return holding(settings, store, INDEX_WRITER, wait=settings.index_lease_wait)
