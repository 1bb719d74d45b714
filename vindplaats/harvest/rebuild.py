"""Rebuilding the search index from the store without a moment of missing or empty results.

`rebuild_index(settings)` fills a new index version from the store while the current one keeps
serving searches and writes, then switches over atomically and removes the old versions:

- Elasticsearch: a new versioned index from the template (`ElasticsearchEngine.create_version`),
  then both aliases move to it in one `_aliases` request (`publish`); old versions are deleted
  only after that request succeeded, `DROP_GRACE` later, so searches already running there
  finish (one that still meets the deleted version is sent again: `elasticsearch.search`);
- embedded: a new tantivy index in `<index_dir>-v<N>-<timestamp>` beside the index directory,
  then `index_dir` (a symlink) is replaced by one pointing at it (`rename` over the old link:
  atomic). An index directory from before versioned indices is exchanged for the link with
  `renameat2(RENAME_EXCHANGE)` (atomic too; where the platform lacks it, two renames). Engines
  open in other processes follow the link at their next search or write. Old versions are
  removed only when no process has them open any more (`index_lease`): one a server still
  searches is kept and removed by a later rebuild.

Documents that change while the new version is filled (a harvest writes to the current one) are
caught up before the switch: every document touched after the rebuild started is sent again, and
documents withdrawn meanwhile are removed. For the embedded engine that last pass and the switch
run under the `index-writer` lease, so no harvest writes in between. One rebuild at a time (the
`index-rebuild` lease).
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import shutil
import time
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, field

from normalize.records import Document, Motion
from vindplaats.engine.base import IndexDoc, IndexReport
from vindplaats.engine.embedded.swap import next_version, point_link, remove_retired
from vindplaats.errors import EngineError, HarvestError, NotFound
from vindplaats.harvest.index import BATCH, IndexDocBuilder
from vindplaats.leasing import INDEX_WRITER, holding, new_holder
from vindplaats.settings import Settings
from vindplaats.store import open_store
from vindplaats.store.base import Store
from vindplaats.store.models import DocumentState

logger = logging.getLogger(__name__)

REBUILD_LEASE = "index-rebuild"
DROP_GRACE = 1.0  # seconds between the alias swap and deleting the old Elasticsearch versions
Progress = Callable[[int, int], None]
Write = Callable[[list[IndexDoc]], IndexReport]
Remove = Callable[[list[str]], None]


@dataclass
class _Tally:
    """Per-document outcome in the new version: the last attempt decides."""

    sent: set[str] = field(default_factory=set)
    failed: dict[str, str] = field(default_factory=dict)

    def record(self, ids: list[str], report: IndexReport) -> None:
        self.sent.update(ids)
        for doc_id in ids:
            self.failed.pop(doc_id, None)
        self.failed.update(report.failed)

    def report(self) -> IndexReport:
        return IndexReport(
            submitted=len(self.sent), indexed=len(self.sent) - len(self.failed), failed=self.failed
        )


def _utc(value: dt.datetime | None) -> dt.datetime | None:
    if value is None:
        return None
    return value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)


def _touched_since(state: DocumentState, since: dt.datetime) -> bool:
    stamps = (state.last_seen, state.downloaded_at, state.extracted_at)
    return any((s := _utc(stamp)) is not None and s >= since for stamp in stamps)


class _Loader:
    """Sends stored documents to the new version, and catches up with changes made meanwhile."""

    def __init__(self, store: Store, write: Write, remove: Remove, progress: Progress | None):
        self.store = store
        self.write = write
        self.remove = remove
        self.progress = progress
        self.builder = IndexDocBuilder(store)
        self.tally = _Tally()
        self.loaded: set[str] = set()
        self.started = store.clock() - dt.timedelta(seconds=1)  # margin for clock granularity

    def _send(self, ids: list[str]) -> None:
        docs: list[IndexDoc] = []
        for doc_id in ids:
            try:
                record = self.store.get_record(doc_id)
            except NotFound as exc:
                self.tally.failed[doc_id] = f"not in the store: {exc}"
                self.tally.sent.add(doc_id)
                continue
            if not isinstance(record, Document):
                self.tally.failed[doc_id] = f"not a document: {record.record_type}"
                self.tally.sent.add(doc_id)
                continue
            docs.append(self.builder.build(record))
        if not docs:
            return
        report = self.write(docs)
        self.tally.record([d.id for d in docs], report)
        self.store.mark_indexed([d.id for d in docs if d.id not in report.failed])
        self.loaded.update(d.id for d in docs)

    def load(self) -> None:
        ids = [s.id for s in self.store.iter_document_states() if not s.withdrawn]
        for start in range(0, len(ids), BATCH):
            self._send(ids[start : start + BATCH])
            if self.progress is not None:
                self.progress(min(start + BATCH, len(ids)), len(ids))
        self.load_motions()

    def load_motions(self) -> None:
        """Every motion not withdrawn (motions have no document state; they are few)."""
        withdrawn = self.store.withdrawn_record_ids("motion")
        docs = [
            self.builder.build_motion(record)
            for record in self.store.iter_records("motion")
            if isinstance(record, Motion) and record.id not in withdrawn
        ]
        for start in range(0, len(docs), BATCH):
            batch = docs[start : start + BATCH]
            report = self.write(batch)
            self.tally.record([d.id for d in batch], report)
            self.loaded.update(d.id for d in batch)

    def catch_up(self) -> None:
        changed: list[str] = []
        gone: list[str] = []
        for state in self.store.iter_document_states():
            if state.withdrawn:
                if state.id in self.loaded:
                    gone.append(state.id)
            elif _touched_since(state, self.started) or state.id not in self.tally.sent:
                changed.append(state.id)
        for start in range(0, len(changed), BATCH):
            self._send(changed[start : start + BATCH])
        if gone:
            self.remove(gone)
            for doc_id in gone:
                self.tally.sent.discard(doc_id)
                self.tally.failed.pop(doc_id, None)
        # motions have no touched-time: send them all again, drop those withdrawn meanwhile
        gone_motions = sorted(self.store.withdrawn_record_ids("motion") & self.loaded)
        self.load_motions()
        if gone_motions:
            self.remove(gone_motions)
            for motion_id in gone_motions:
                self.tally.sent.discard(motion_id)
                self.tally.failed.pop(motion_id, None)
        if changed or gone:
            logger.info("rebuild caught up %d changed and %d withdrawn", len(changed), len(gone))


def rebuild_index(settings: Settings, on_progress: Progress | None = None) -> IndexReport:
    """Rebuild the index of `settings.engine` from the store; see the module docstring.

    `on_progress(done, total)` is called after each batch of the first pass. The report counts
    the documents in the new version: indexed + len(failed) == submitted.
    """
    store = open_store(settings)
    try:
        with ExitStack() as stack:
            try:
                stack.enter_context(
                    holding(settings, store, REBUILD_LEASE, holder=new_holder("rebuild"))
                )
            except HarvestError as exc:
                raise EngineError(f"another index rebuild is running: {exc}") from exc
            if settings.engine == "elasticsearch":
                return _rebuild_elastic(settings, store, on_progress)
            return _rebuild_embedded(settings, store, on_progress)
    finally:
        store.close()


def _rebuild_elastic(settings: Settings, store: Store, on_progress: Progress | None) -> IndexReport:
    from vindplaats.engine.elasticsearch import ElasticsearchEngine

    with ElasticsearchEngine.from_settings(settings) as engine:
        version = engine.create_version()
        try:
            loader = _Loader(
                store,
                lambda docs: engine.index_into(version, docs, refresh=False),
                lambda ids: engine.delete_from(version, ids, refresh=False),
                on_progress,
            )
            loader.load()
            loader.catch_up()
            old = engine.publish(version)
        except BaseException:
            engine.drop([version])
            raise
        time.sleep(DROP_GRACE)  # searches already sent to the old version finish there
        engine.drop(old)
        logger.info("search index rebuilt into %s; removed %s", version, old or "nothing")
        return loader.tally.report()


def _rebuild_embedded(
    settings: Settings, store: Store, on_progress: Progress | None
) -> IndexReport:
    from vindplaats.engine.embedded import EmbeddedEngine

    link = settings.index_dir
    link.parent.mkdir(parents=True, exist_ok=True)
    target = next_version(link, dt.datetime.now(dt.UTC).strftime("%Y%m%d%H%M%S"))
    try:
        with EmbeddedEngine(target) as engine:
            loader = _Loader(store, engine.index, engine.delete, on_progress)
            loader.load()
            with holding(settings, store, INDEX_WRITER, wait=settings.index_lease_wait):
                loader.catch_up()
                point_link(link, target)
    except BaseException:
        if os.path.realpath(link) != os.path.realpath(target):  # never remove what is served
            shutil.rmtree(target, ignore_errors=True)
        raise
    removed, kept = remove_retired(link)
    logger.info(
        "search index rebuilt into %s; removed %d old version(s)%s",
        target,
        len(removed),
        f"; kept {', '.join(p.name for p in kept)} (still open in another process, removed "
        "by a later rebuild)"
        if kept
        else "",
    )
    return loader.tally.report()


__all__ = ["REBUILD_LEASE", "rebuild_index"]
