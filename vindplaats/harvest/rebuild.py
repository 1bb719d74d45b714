"""Rebuilding the search index from the store without a moment of missing or empty results.

`rebuild_index(settings)` fills a new index version from the store while the current one keeps
serving searches and writes, then switches over atomically and removes the old versions, through
the engine's versioned rebuild (`vindplaats.engine.base.Rebuild`; the same steps for every
engine: `begin_rebuild`, fill, `publish`, `retire_old`):

- Elasticsearch: a new versioned index from the template, then both aliases move to it in one
  `_aliases` request; old versions are deleted a moment later, so searches already running
  there finish (`vindplaats.engine.elasticsearch.rebuild`);
- embedded: a new tantivy index beside the index directory, then `index_dir` (a symlink) moves
  to it atomically; old versions are removed only when no process has them open any more
  (`vindplaats.engine.embedded.rebuild`).

Documents that change while the new version is filled (a harvest writes to the current one) are
caught up before the switch: every document touched after the rebuild started is sent again, and
documents withdrawn meanwhile are removed. For an engine with a single writer (`single_writer`)
that last pass and the switch run under the `index-writer` lease, so no harvest writes in
between. One rebuild at a time (the `index-rebuild` lease).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from contextlib import AbstractContextManager, ExitStack, nullcontext
from dataclasses import dataclass, field

from normalize.records import Document, Motion
from vindplaats.engine import engine_kind
from vindplaats.engine.base import IndexDoc, IndexReport
from vindplaats.errors import EngineError, HarvestError, NotFound
from vindplaats.harvest.index import BATCH, IndexDocBuilder
from vindplaats.leasing import INDEX_WRITER, holding, new_holder
from vindplaats.settings import Settings
from vindplaats.store import open_store
from vindplaats.store.base import Store
from vindplaats.store.models import DocumentState

logger = logging.getLogger(__name__)

REBUILD_LEASE = "index-rebuild"
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
            return _rebuild(settings, store, on_progress)
    finally:
        store.close()


def _rebuild(settings: Settings, store: Store, on_progress: Progress | None) -> IndexReport:
    kind = engine_kind(settings)
    rebuild = kind.begin_rebuild(settings)
    try:
        loader = _Loader(store, rebuild.index, rebuild.delete, on_progress)
        loader.load()
        with _sole_writer(settings, store, kind.single_writer):
            loader.catch_up()
            rebuild.publish()
    except BaseException:
        rebuild.abandon()
        raise
    retired = rebuild.retire_old()
    logger.info("search index rebuilt into %s; %s", rebuild.version, retired)
    return loader.tally.report()


def _sole_writer(
    settings: Settings, store: Store, single_writer: bool
) -> AbstractContextManager[object]:
    """The `index-writer` lease when the engine takes one writer at a time."""
    if not single_writer:
        return nullcontext()
    return holding(settings, store, INDEX_WRITER, wait=settings.index_lease_wait)


__all__ = ["REBUILD_LEASE", "rebuild_index"]
