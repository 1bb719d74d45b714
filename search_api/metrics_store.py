"""The store and index figures of `/metrics`, read when scraped (and reused for
`VINDPLAATS_METRICS_STORE_INTERVAL` seconds, so a burst of scrapes costs one read).

- documents by download and extraction state, indexed and withdrawn; extraction failures;
- records by type; harvest runs by status (finished ones as counters, running as a gauge);
- sources by health state (the same states as `/api/sources`), and per source the time of its
  last completed harvest and its failed runs in a row;
- supplier blocks in force; documents in the index and its size in bytes;
- whether each of these could be read (`vindplaats_collector_up`): a store or an engine that
  fails leaves the other figures and the HTTP counters served.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path

from normalize.records import DownloadStatus, ExtractionStatus, Supplier
from search_api.exposition import Family
from search_api.services import Services
from vindplaats.operations.health import HealthState, SourceHealth, health_report
from vindplaats.store.models import RunStatus, SupplierBlock
from vindplaats.store.sql_stats import StoreStats

log = logging.getLogger("vindplaats.metrics")

P = "vindplaats_"


def _gauge(name: str, help: str) -> Family:
    return Family(P + name, "gauge", help)


def store_families(services: Services) -> list[Family]:
    """Figures from the store."""
    store, settings = services.store, services.settings
    stats = store.stats()
    return [
        *_document_families(stats),
        *_record_and_run_families(stats),
        *_source_families(health_report(store, settings)),
        *_block_families(store.supplier_blocks()),
    ]


def _document_families(stats: StoreStats) -> list[Family]:
    """Documents by download and extraction state; indexed, withdrawn and failed ones."""
    documents = _gauge("documents", "Documents in the store by download and extraction state.")
    indexed = _gauge("documents_indexed", "Documents the store records as indexed.")
    withdrawn = _gauge("documents_withdrawn", "Documents withdrawn by their source.")
    failures = _gauge("extraction_failures", "Documents whose text extraction failed.")
    download_failures = _gauge("download_failures", "Documents whose download failed.")
    by_state: dict[tuple[str, str], float] = {
        (d.value, e.value): 0.0 for d in DownloadStatus for e in ExtractionStatus
    }
    counts = {"indexed": 0, "withdrawn": 0}
    for group in stats.documents:
        pair = (group.download_status, group.extraction_status)
        by_state[pair] = by_state.get(pair, 0.0) + group.count
        counts["indexed"] += group.count if group.indexed else 0
        counts["withdrawn"] += group.count if group.withdrawn else 0
    for (download, extraction), value in sorted(by_state.items()):
        documents.add(value, {"download_status": download, "extraction_status": extraction})
    indexed.add(counts["indexed"])
    withdrawn.add(counts["withdrawn"])
    failures.add(sum(v for (_, e), v in by_state.items() if e == ExtractionStatus.FAILED))
    download_failures.add(sum(v for (d, _), v in by_state.items() if d == DownloadStatus.FAILED))
    return [documents, indexed, withdrawn, failures, download_failures]


def _record_and_run_families(stats: StoreStats) -> list[Family]:
    """Records by type; finished harvest runs by status and the ones in progress."""
    records = _gauge("records", "Records in the store by type.")
    for kind, value in sorted(stats.records.items()):
        records.add(value, {"type": kind})
    runs = Family(P + "harvest_runs_total", "counter", "Finished harvest runs by status.")
    for status in (RunStatus.OK, RunStatus.PARTIAL, RunStatus.FAILED):
        runs.add(stats.runs.get(status.value, 0), {"status": status.value})
    running = _gauge("harvest_runs_running", "Harvest runs in progress.")
    running.add(stats.runs.get(RunStatus.RUNNING.value, 0))
    return [records, runs, running]


def _source_families(health: dict[str, SourceHealth]) -> list[Family]:
    """Sources by health state; per source its last completed run and failed runs in a row."""
    sources = _gauge("sources", "Registered sources by health state (as in /api/sources).")
    for state in HealthState:
        sources.add(sum(1 for h in health.values() if h.state == state), {"state": state.value})
    success = _gauge(
        "source_last_success_timestamp_seconds",
        "End of the last completed (ok or partial) harvest run of each source (Unix time).",
    )
    failed = _gauge(
        "source_failed_runs_in_a_row",
        "Failed harvest runs of each source since its last completed one.",
    )
    for key, found in sorted(health.items()):
        if found.last_success is not None:
            success.add(found.last_success.timestamp(), {"source": key})
        failed.add(found.failed_in_a_row, {"source": key})
    return [sources, success, failed]


def _block_families(in_force: list[SupplierBlock]) -> list[Family]:
    """Per supplier whether its block is in force and when it ends; the blocks in force."""
    blocks = {block.supplier: block for block in in_force}
    blocked = _gauge("supplier_blocked", "1 while a supplier's block (it refused us) is in force.")
    until = _gauge("supplier_blocked_until_timestamp_seconds", "When a supplier's block ends.")
    for supplier in sorted({s.value for s in Supplier} | set(blocks)):
        block = blocks.get(supplier)
        blocked.add(1 if block else 0, {"supplier": supplier})
        if block is not None:
            until.add(block.blocked_until.timestamp(), {"supplier": supplier})
    active = _gauge("supplier_blocks_active", "Supplier blocks in force.")
    active.add(len(blocks))
    return [blocked, until, active]


def index_families(services: Services) -> list[Family]:
    """Documents in the search index and its size in bytes."""
    count = _gauge("index_documents", "Documents in the search index.")
    count.add(services.engine.count())
    size = _gauge(
        "index_size_bytes",
        "Bytes of the search index (on disk for the embedded engine; primary store size for "
        "Elasticsearch).",
    )
    measure = getattr(services.engine, "store_bytes", None)
    if callable(measure):
        size.add(float(measure()))
    else:
        size.add(directory_bytes(services.settings.index_dir))
    return [count, size]


def directory_bytes(directory: Path) -> int:
    """Bytes of the files below `directory` (a symlinked directory is followed once)."""
    total = 0
    pending = [directory.resolve()] if directory.exists() else []
    while pending:
        current = pending.pop()
        try:
            entries = list(os.scandir(current))
        except OSError:
            continue  # removed meanwhile (an index version swapped out)
        for entry in entries:
            try:
                if entry.is_dir(follow_symlinks=False):
                    pending.append(Path(entry.path))
                elif entry.is_file(follow_symlinks=False):
                    total += entry.stat(follow_symlinks=False).st_size
            except OSError:
                continue
    return total


Collector = Callable[[Services], list[Family]]
COLLECTORS: dict[str, Collector] = {"store": store_families, "index": index_families}


class StateCache:
    """The store and index families, reused for `interval` seconds; one read at a time."""

    def __init__(self, interval: float) -> None:
        self.interval = interval
        self._lock = threading.Lock()
        self._at = -float("inf")
        self._families: list[Family] = []

    def families(self, services: Services) -> list[Family]:
        with self._lock:
            if time.monotonic() - self._at >= self.interval or self.interval <= 0:
                self._families = collect(services)
                self._at = time.monotonic()
            return self._families


def collect(services: Services) -> list[Family]:
    up = _gauge(
        "collector_up",
        "1 when the figures of a collector could be read at the last scrape, 0 when it failed "
        "(the error is logged).",
    )
    found: list[Family] = []
    for name, collector in COLLECTORS.items():
        try:
            found += collector(services)
        except Exception as exc:  # a failing store or engine must not take /metrics down
            log.warning("metrics: reading the %s failed: %s", name, exc, exc_info=exc)
            up.add(0, {"collector": name})
        else:
            up.add(1, {"collector": name})
    return [*found, up]
