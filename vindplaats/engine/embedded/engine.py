"""The embedded engine: an on-disk tantivy index in one directory, no server.

Several processes may use the same index one after another or side by side (a `harvest`
writing while `serve` reads). Writing takes tantivy's single writer lock only for the duration
of one `index()`/`delete()` call: the writer is opened, fed, committed, allowed to finish its
merges and released (another process holding it is waited for up to `writer_wait_seconds`).
Readers check `meta.json` before each search (one `stat`) and reload when another process has
committed, so a server sees a harvest's documents without a restart.

`index_dir` may be a symlink that `index rebuild` moves to a new version directory. Each search
resolves it (one `readlink`) and, when it moved, opens the version it names now; the version an
engine uses is leased (`index_lease`, a shared lock every process can see), so a rebuild never
deletes it under a reader, and a search that started on the old version finishes on it
(`version`). Reading the link and opening its directory are two steps: when a rebuild
retired and removed that directory in between, the link is read again (it names a newer
version by then). So no search ever sees a missing, half-removed or empty index.

Searching runs two kinds of tantivy queries (see `schema`): one over `doc` documents for
matching, total, facets, sort and the page of hits, then one over the `page` documents of the
hits shown, for their best pages and snippets (`pages`).
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import Any

from tantivy import DocAddress, Index, IndexWriter, Query, Searcher

from vindplaats.engine.base import (
    FacetValue,
    IndexDoc,
    IndexReport,
    Rebuild,
    SearchQuery,
    SearchResult,
)
from vindplaats.engine.cursor import decode_cursor, encode_cursor
from vindplaats.engine.embedded import native
from vindplaats.engine.embedded import sort as tantivy_sort
from vindplaats.engine.embedded.compile import doc_query, expand_prefixes
from vindplaats.engine.embedded.docs import Rejected, check, hit_from_stored, to_documents
from vindplaats.engine.embedded.facets import facet_counts
from vindplaats.engine.embedded.pages import attach_best_pages
from vindplaats.engine.embedded.schema import ID, KIND, KIND_DOC, build_schema
from vindplaats.engine.embedded.version import Version
from vindplaats.engine.query import parse_query
from vindplaats.engine.terms import analyse_query
from vindplaats.errors import EngineError
from vindplaats.settings import Settings

logger = logging.getLogger(__name__)

DEFAULT_WRITER_HEAP = 256_000_000
ADDED = "added"  # the timestamp field of the `added_desc` order
SWITCH_WAIT = 2.0  # seconds to find a rebuilt version that opens while the link moves


class EmbeddedEngine:
    """`Engine` over a tantivy index in `index_dir` (created when missing)."""

    name = "embedded"
    single_writer = True  # one writing process at a time: the store lease `index-writer`

    @classmethod
    def from_settings(cls, settings: Settings) -> EmbeddedEngine:
        settings.index_dir.mkdir(parents=True, exist_ok=True)
        return cls(settings.index_dir)

    @classmethod
    def begin_rebuild(cls, settings: Settings) -> Rebuild:
        """A new version beside `index_dir` (`rebuild`); the current one is not opened, so a
        rebuild also replaces an index this version of Vindplaats cannot open."""
        from vindplaats.engine.embedded.rebuild import EmbeddedRebuild

        return EmbeddedRebuild(settings.index_dir)

    def __init__(
        self,
        index_dir: Path,
        *,
        writer_heap_bytes: int = DEFAULT_WRITER_HEAP,
        writer_wait_seconds: float = 30.0,
        switch_wait_seconds: float = SWITCH_WAIT,
    ) -> None:
        self._dir = Path(index_dir)
        self._heap = writer_heap_bytes
        self._wait = writer_wait_seconds
        self._switch_wait = switch_wait_seconds
        self._lock = threading.RLock()
        self._schema = build_schema()
        self._closed = False
        try:
            self._dir.mkdir(parents=True, exist_ok=True)
            self._version = self._open_named(create=True)
        except (OSError, ValueError) as exc:
            raise EngineError(
                f"cannot open the search index in {self._dir}: {exc}. If it was built by another "
                "Vindplaats version (its fields differ: a schema mismatch), run `vindplaats index "
                "rebuild` to build it again from the store."
            ) from exc

    # -- lifecycle -------------------------------------------------------------------------

    def close(self) -> None:
        with self._lock:
            if not self._closed:
                self._closed = True
                self._version.retire()  # its lease goes when running searches have finished

    def __enter__(self) -> EmbeddedEngine:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # -- the version `index_dir` names -------------------------------------------------------

    def _open_named(self, *, create: bool) -> Version:
        """Open the version directory `index_dir` names now (a rebuild may be moving the link:
        read it again until the directory it names opens, for up to `switch_wait_seconds`)."""
        deadline = time.monotonic() + self._switch_wait
        real = os.path.realpath(self._dir)
        while True:
            try:
                version = Version.open(self._schema, real, create=create)
            except (OSError, ValueError):
                if os.path.realpath(self._dir) == real:
                    raise  # not a moved link: a real failure (e.g. another schema)
                version = None
            if version is not None:
                return version
            if time.monotonic() >= deadline:
                raise EngineError(
                    f"the search index {self._dir} names {real}, which cannot be opened "
                    f"(removed, or not an index; waited {self._switch_wait:g} s)"
                )
            moved = os.path.realpath(self._dir)
            if moved == real:
                time.sleep(0.01)
            real = moved

    def _current(self, *, strict: bool) -> Version:
        """The version to use now: the one `index_dir` names, switched to when a rebuild moved
        the link (`rebuild.py`). When the new version cannot be opened, a search (`strict`
        False) carries on with the version it has, which is complete though older; a write
        fails rather than land in a version searches have left."""
        if self._closed:
            raise EngineError("the embedded engine is closed")
        version = self._version
        if os.path.realpath(self._dir) == version.real:
            return version
        try:
            new = self._open_named(create=False)
        except (EngineError, OSError, ValueError) as exc:
            if strict:
                raise EngineError(f"cannot open the rebuilt search index: {exc}") from exc
            logger.warning("still searching %s: %s", version.real, exc)
            return version
        if new.real == version.real:  # the link moved back meanwhile
            new.retire()
            return version
        version.retire()
        self._version = new
        return new

    @contextmanager
    def _reading(self) -> Iterator[Searcher]:
        """A searcher on the latest commit of the current version, which stays open (leased)
        until the block ends even if a rebuild switches versions meanwhile."""
        with self._lock:
            version = self._current(strict=False)
            version.enter()
        try:
            yield version.searcher()
        finally:
            version.leave()

    # -- writing ---------------------------------------------------------------------------

    def _writer(self, index: Index) -> IndexWriter:
        deadline = time.monotonic() + self._wait
        while True:
            try:
                return index.writer(heap_size=self._heap)
            except ValueError as exc:
                if "LockBusy" not in str(exc):
                    raise EngineError(f"cannot open the index writer: {exc}") from exc
                if time.monotonic() >= deadline:
                    raise EngineError(
                        f"the index in {self._dir} is being written by another process "
                        f"(waited {self._wait:.0f} s)"
                    ) from exc
                time.sleep(0.05)

    def _write(self, operations: list[tuple[str, list[Any]]]) -> None:
        """Delete each id and add its documents, in one commit; the writer is released after."""
        with self._lock:
            version = self._current(strict=True)
            writer = self._writer(version.index)
            try:
                for doc_id, documents in operations:
                    writer.delete_documents_by_term(ID, doc_id)
                    for document in documents:
                        writer.add_document(document)
                writer.commit()
            except (ValueError, OSError, RuntimeError) as exc:
                writer.rollback()
                raise EngineError(f"indexing failed, nothing was committed: {exc}") from exc
            finally:
                writer.wait_merging_threads()  # finishes merges, releases the writer lock
            version.committed()

    def index(self, docs: list[IndexDoc]) -> IndexReport:
        failed: dict[str, str] = {}

        def reject(position: int, doc: object, exc: Rejected) -> None:
            key = getattr(doc, "id", None)
            key = key if isinstance(key, str) and key else f"#{position}"
            failed[key if key not in failed else f"{key} #{position}"] = str(exc)

        accepted: list[tuple[int, IndexDoc]] = []
        for position, doc in enumerate(docs):
            try:
                accepted.append((position, check(doc)))  # it may not even have an id
            except Rejected as exc:
                reject(position, doc, exc)
        analysed = native.analyse([doc.pages for _, doc in accepted])  # all at once, all cores
        operations: list[tuple[str, list[Any]]] = []
        for (position, doc), text in zip(accepted, analysed, strict=True):
            try:
                operations.append((doc.id, to_documents(doc, text)))
            except Rejected as exc:
                reject(position, doc, exc)
        if operations:
            self._write(operations)
        return IndexReport(submitted=len(docs), indexed=len(operations), failed=failed)

    def delete(self, ids: list[str]) -> None:
        wanted = [i for i in dict.fromkeys(ids) if isinstance(i, str) and i]
        if wanted:
            self._write([(doc_id, []) for doc_id in wanted])

    # -- reading ---------------------------------------------------------------------------

    def count(self) -> int:
        try:
            with self._reading() as searcher:
                return tantivy_sort.count(searcher, Query.term_query(self._schema, KIND, KIND_DOC))
        except (ValueError, OSError, RuntimeError) as exc:
            raise EngineError(f"count failed: {exc}") from exc

    def search(self, query: SearchQuery) -> SearchResult:
        offset = decode_cursor(query, query.cursor) if query.cursor else 0
        try:
            with self._reading() as searcher:
                return self._search(searcher, query, offset)
        except (ValueError, OSError, RuntimeError) as exc:  # tantivy's own failures
            raise EngineError(f"search failed: {exc}") from exc

    def _search(self, searcher: Searcher, query: SearchQuery, offset: int) -> SearchResult:
        compiled = analyse_query(parse_query(query.q))
        ranking = expand_prefixes(searcher, self._schema, compiled) if compiled.scored else {}
        matcher = doc_query(self._schema, compiled, query.filters, ranking, query.exclude_ids)
        stored: dict[tuple[int, int], dict[str, list[Any]]] = {}

        def load(address: DocAddress) -> dict[str, list[Any]]:
            key = (address.segment_ord, address.doc)
            if key not in stored:
                stored[key] = searcher.doc(address).to_dict()
            return stored[key]

        def id_of(address: DocAddress) -> str:
            return str(load(address)[ID][0])

        span = (offset, query.size)
        if query.sort == "added_desc":
            window = tantivy_sort.by_date(
                searcher, self._schema, matcher, True, span, id_of, field=ADDED
            )
        elif query.sort != "relevance":
            descending = query.sort == "date_desc"
            window = tantivy_sort.by_date(searcher, self._schema, matcher, descending, span, id_of)
        elif compiled.scored:
            window = tantivy_sort.by_relevance(searcher, matcher, span, id_of)
        else:
            window = tantivy_sort.by_id(searcher, matcher, span)
        hits = [hit_from_stored(load(r.address), r.score) for r in window.ranked]
        attach_best_pages(searcher, self._schema, compiled, hits, query.pages_per_hit)
        end = offset + len(hits)
        facets: dict[str, list[FacetValue]] = {}
        if query.facets:
            facets = facet_counts(searcher, matcher)
        return SearchResult(
            total=window.total,
            hits=hits,
            facets=facets,
            next_cursor=encode_cursor(query, end) if hits and end < window.total else None,
        )


__all__ = ["EmbeddedEngine"]
