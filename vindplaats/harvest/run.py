"""One harvest run of one source: crawl → withdraw → (DiWoo: dossiers) → extract → index,
recorded as a HarvestRun.

Stages each do one thing and read their input from the store, so an interrupted run (even
`kill -9`) is completed by the next one: records are upserts, downloads are skipped when the
stored original is unchanged, and extraction and indexing pick up whatever is still pending.

The window of an ordinary run (no `since`/`until`) re-checks the present: from
`VINDPLAATS_RECHECK_DAYS_BACK` days before today (or before the last run that re-checked the
present, when that is older: a source not harvested for three months gets those three months)
to `VINDPLAATS_RECHECK_DAYS_AHEAD` days after; a source never harvested gets its whole history
from `VINDPLAATS_BACKFILL_FROM`. An ordinary run also passes the source's watermark to the
spider (`modified_since`, what changed outside the window) and, when its crawl completed,
raises the watermark to the largest last-modified time it saw (never past the run's start).
What a complete crawl no longer saw in its window is marked withdrawn
(`vindplaats.harvest.withdraw`).
`full=True` harvests the whole history in resumable chunks (`vindplaats.harvest.backfill`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from datetime import date, datetime, timedelta
from typing import Any

from crawlers.blocks import refuse_if_blocked
from crawlers.registry import api_base
from crawlers.report import CrawlReport
from crawlers.run import run_crawl
from normalize.records import DownloadStatus, ExtractionStatus, Supplier
from vindplaats.engine import engine_kind, open_engine
from vindplaats.engine.base import IndexReport
from vindplaats.errors import HarvestRefused
from vindplaats.harvest.dossiers import assemble_dossiers
from vindplaats.harvest.extract import extract_pending
from vindplaats.harvest.index import index_documents, index_motions, pending_ids
from vindplaats.harvest.withdraw import withdraw_unseen
from vindplaats.leasing import INDEX_WRITER, holding
from vindplaats.net.guard import check_url_resolved
from vindplaats.settings import Settings
from vindplaats.store import open_blobs, open_store
from vindplaats.store.base import Store
from vindplaats.store.models import HarvestRun, RunStatus

Progress = Callable[[str, dict[str, Any]], None]
# The watermark is lowered by this much before use: a change made while a run was listing, or
# a supplier clock a little behind, is fetched again rather than missed.
WATERMARK_MARGIN = timedelta(days=1)


def harvest_window(
    store: Store,
    source_key: str,
    since: date | None,
    until: date | None,
    *,
    settings: Settings,
    today: date | None = None,
) -> tuple[date, date]:
    """The date window of a run: explicit `since`/`until` win; else the re-check window around
    `today` (default: the local date), widened back to the last run that re-checked the present,
    or the whole history for a source never harvested so."""
    today = today or date.today()
    window_until = until or today + timedelta(days=settings.recheck_days_ahead)
    if since is not None:
        if since > window_until:
            given = "--until" if until is not None else "the end of the default window"
            raise HarvestRefused(f"--since {since} is after {given} {window_until}")
        return since, window_until
    last = store.last_covering_run(source_key)
    if last is None:
        since = settings.backfill_from
        origin = f"the first harvest starts at VINDPLAATS_BACKFILL_FROM, {since}"
    else:
        back = timedelta(days=settings.recheck_days_back)
        since = min(last.started_at.date(), today) - back
        origin = (
            f"without --since this harvest starts at {since} (the last run, less re-check days)"
        )
    if since > window_until:
        raise HarvestRefused(
            f"--until {window_until} is before the start of the window: {origin}; "
            "give --since as well"
        )
    return since, window_until


def check_harvestable(settings: Settings, store: Store, source_key: str) -> None:
    """Refuse before anything starts: unknown source (NotFound), a source lacking its supplier
    ids (SourceError), an API base at a blocked address (UnsafeURLError), a supplier that
    blocked us and whose cooling-off has not ended (HarvestRefused)."""
    source = store.get_source(source_key)
    source.check_harvestable()
    check_url_resolved(api_base(source), allow_private=settings.allow_private_networks)
    refuse_if_blocked(store, source)


def harvest(
    settings: Settings,
    source_key: str,
    *,
    since: date | None = None,
    until: date | None = None,
    on_progress: Progress | None = None,
    full: bool = False,
    restart: bool = False,
    today: date | None = None,
) -> HarvestRun:
    """Harvest one source; raise before starting when the source is unknown or refused.

    `full`: the whole history in chunks, resuming an unfinished backfill unless `restart`; the
    last chunk's run is returned. `today` (default: the local date) anchors the windows.
    """
    if full:
        if since is not None or until is not None:
            raise HarvestRefused("a full backfill covers the whole history: no --since or --until")
        from vindplaats.harvest.backfill import backfill

        return backfill(settings, source_key, restart=restart, today=today, on_progress=on_progress)
    if restart:
        raise HarvestRefused("--restart goes with --full")
    store = open_store(settings)
    try:
        check_harvestable(settings, store, source_key)
        window = harvest_window(store, source_key, since, until, settings=settings, today=today)
        ordinary = since is None and until is None
        mark = store.get_watermark(source_key) if ordinary else None
        return run_window(
            settings,
            store,
            source_key,
            window,
            modified_since=mark - WATERMARK_MARGIN if mark is not None else None,
            advance_watermark=ordinary,
            on_progress=on_progress,
        )
    finally:
        store.close()


def run_window(
    settings: Settings,
    store: Store,
    source_key: str,
    window: tuple[date, date],
    *,
    modified_since: datetime | None = None,
    advance_watermark: bool = False,
    on_progress: Progress | None = None,
) -> HarvestRun:
    """One recorded run over `window`. A run that fails as a whole (or is interrupted) is
    recorded as failed before the exception goes on."""
    progress: Progress = on_progress or (lambda phase, data: None)
    window_from, window_until = window
    run = store.start_run(source_key, window_from, window_until)
    counts: Counter[str] = Counter()
    errors: list[str] = []
    try:
        crawl, complete = _run_stages(
            settings, store, run, window, modified_since, progress, counts, errors
        )
        status = _status(crawl.status, counts)
    except BaseException as exc:  # the run as a whole failed or was interrupted: record it
        what = "interrupted" if isinstance(exc, KeyboardInterrupt) else "harvest failed"
        errors.append(f"{what}: {type(exc).__name__}: {exc}".rstrip(": "))
        # the store bounds the error text and counts what it leaves out (store.run_errors)
        store.finish_run(run.id, RunStatus.FAILED, dict(counts), errors)
        raise
    counts.update(_store_totals(store, source_key))
    finished = store.finish_run(run.id, status, dict(counts), errors, crawl.watermark)
    if advance_watermark and complete and crawl.watermark is not None:
        _raise_watermark(store, source_key, crawl.watermark, run.started_at)
    return finished


def _run_stages(
    settings: Settings,
    store: Store,
    run: HarvestRun,
    window: tuple[date, date],
    modified_since: datetime | None,
    progress: Progress,
    counts: Counter[str],
    errors: list[str],
) -> tuple[CrawlReport, bool]:
    """Crawl, withdraw, extract and index for `run`, adding to `counts` and `errors` as each
    stage ends (so a failure later keeps what the earlier stages counted); the crawl's report
    and whether the withdrawal found the crawl complete."""
    source_key = run.source_key
    crawl = run_crawl(
        settings,
        source_key,
        window_from=window[0],
        window_until=window[1],
        on_progress=lambda event: progress("crawl", event),
        run_id=run.id,
        modified_since=modified_since,
    )
    counts.update(crawl.counts)
    errors.extend(crawl.errors)
    withdrawal = withdraw_unseen(store, run, crawl)
    counts.update(withdrawal.counts)
    errors.extend(withdrawal.notes)
    if store.get_source(source_key).supplier == Supplier.DIWOO:  # Woo-besluit dossiers
        dossiers = assemble_dossiers(store, open_blobs(settings), source_key)
        counts.update(dossiers.counts)
        errors.extend(dossiers.errors)
    extraction = extract_pending(
        settings,
        store,
        open_blobs(settings),
        source_key,
        on_progress=lambda data: progress("extract", data),
    )
    counts.update(extraction.counts)
    errors.extend(extraction.errors)
    report, motions = _index(settings, store, source_key, progress)
    counts["indexed"] += report.indexed - len(report.failed)
    if motions.submitted:
        counts["indexed_motions"] += motions.indexed - len(motions.failed)
    failed = {**report.failed, **motions.failed}
    counts["index_failed"] += len(failed)
    errors.extend(f"index {doc_id}: {reason}" for doc_id, reason in failed.items())
    return crawl, withdrawal.complete


def _raise_watermark(store: Store, source_key: str, seen: datetime, started: datetime) -> None:
    """Raise the source's watermark to the last-modified time a complete crawl saw. A time in
    the future (a supplier clock ahead, a date set ahead) never carries the watermark past the
    moment the run started."""
    seen = min(seen, started)
    current = store.get_watermark(source_key)
    if current is None or seen > current:
        store.set_watermark(source_key, seen)


def _index(
    settings: Settings, store: Store, source_key: str, progress: Progress
) -> tuple[IndexReport, IndexReport]:
    """Index the pending documents of the source, then all its motions (they are few and have
    no indexing state); the reports of both."""
    with index_writer(settings, store):
        engine = open_engine(settings)
        try:
            documents = index_documents(
                store,
                engine,
                pending_ids(store, source_key),
                on_progress=lambda done, total: progress("index", {"done": done, "total": total}),
            )
            return documents, index_motions(store, engine, source_key)
        finally:
            engine.close()


def _status(crawl_status: str, counts: Counter[str]) -> RunStatus:
    if crawl_status == "failed":
        return RunStatus.FAILED
    troubles = ("download_failed", "extraction_failed", "index_failed", "dossier_failed", "errors")
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


def index_writer(settings: Settings, store: Store) -> AbstractContextManager[object]:
    """An engine with a single writer (`single_writer`: the embedded index) takes one writer at a
    time, across processes: hold the store lease `index-writer` while indexing (waiting up to
    `VINDPLAATS_INDEX_LEASE_WAIT`)."""
    if not engine_kind(settings).single_writer:
        return nullcontext()
    return holding(settings, store, INDEX_WRITER, wait=settings.index_lease_wait)
