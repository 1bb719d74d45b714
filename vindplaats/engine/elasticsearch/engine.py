"""The Elasticsearch engine: the `Engine` interface over an Elasticsearch 8 cluster.

Documents live in versioned indices behind a read and a write alias (`indices`), created
from the committed index template on first use. Writes are bulk requests with retries and exact
accounting (`bulk`) followed by a refresh, so documents are visible to search when
`index()` returns. Searches (`search`) parse the user query with the same parser as the
embedded engine and page with `search_after` over a point in time.

`create_version`, `index_into`, `delete_from`, `publish` and `drop` are for the versioned
rebuild (`begin_rebuild`, `rebuild`): fill a new version while the current one keeps serving,
then swap the aliases atomically.
"""

from __future__ import annotations

import threading
from types import TracebackType

from elasticsearch import ApiError, Elasticsearch, TransportError

from vindplaats.engine.base import IndexDoc, IndexReport, Rebuild, SearchQuery, SearchResult
from vindplaats.engine.elasticsearch.bulk import (
    BulkWriter,
    Op,
    Outcome,
    RetryPolicy,
    delete_op,
    index_op,
)
from vindplaats.engine.elasticsearch.docs import Rejected, check, to_source
from vindplaats.engine.elasticsearch.errors import quiet_client_loggers, unusable
from vindplaats.engine.elasticsearch.indices import Indices
from vindplaats.engine.elasticsearch.search import GONE_RETRIES, Searcher, index_gone
from vindplaats.errors import EngineError
from vindplaats.settings import Settings

# A version being filled is not refreshed and has no replicas until it is published.
BULK_LOAD_SETTINGS = {"index": {"refresh_interval": "-1", "number_of_replicas": 0}}
PUBLISH_SETTINGS = {"index": {"refresh_interval": None, "number_of_replicas": None}}


class ElasticsearchEngine:
    """`Engine` over the indices of `index_prefix` in the cluster at `url`."""

    name = "elasticsearch"
    single_writer = False  # any number of processes may write at once

    def __init__(
        self,
        url: str,
        index_prefix: str = "vindplaats",
        timeout: float = 30.0,
        *,
        retry: RetryPolicy | None = None,
        pit_keep_alive: str = "5m",
    ) -> None:
        quiet_client_loggers()
        self._url = url
        self._client: Elasticsearch | None = Elasticsearch(
            url, request_timeout=timeout, max_retries=2, retry_on_timeout=False
        )
        self._timeout = timeout
        self._indices = Indices(self._client, index_prefix)
        self._bulk = BulkWriter(self._client, retry or RetryPolicy())
        self._searcher = Searcher(self._client, self._indices.read_alias, timeout, pit_keep_alive)
        self._ready = False
        self._fields_checked = False
        self._lock = threading.Lock()

    @classmethod
    def from_settings(cls, settings: Settings) -> ElasticsearchEngine:
        return cls(
            settings.elasticsearch_url,
            settings.elasticsearch_index_prefix,
            settings.elasticsearch_timeout,
        )

    @classmethod
    def begin_rebuild(cls, settings: Settings) -> Rebuild:
        """A new index version from the template, filled through an engine of its own."""
        from vindplaats.engine.elasticsearch.rebuild import ElasticsearchRebuild

        return ElasticsearchRebuild(cls.from_settings(settings))

    @property
    def read_alias(self) -> str:
        return self._indices.read_alias

    @property
    def write_alias(self) -> str:
        return self._indices.write_alias

    @property
    def indices(self) -> Indices:
        return self._indices

    # -- lifecycle ---------------------------------------------------------------------------

    def _open(self) -> Elasticsearch:
        if self._client is None:
            raise EngineError("the Elasticsearch engine is closed")
        if not self._ready:
            with self._lock:
                if not self._ready:
                    try:
                        self._indices.ensure()
                    except (ApiError, TransportError) as exc:
                        raise unusable(exc, self._url) from exc
                    self._ready = True
        return self._client

    def _current(self) -> Elasticsearch:
        """`_open`, and refuse an index of an older field list (once per engine): searches and
        writes through the aliases need the current fields; a rebuild does not."""
        client = self._open()
        if not self._fields_checked:
            try:
                self._indices.check_fields()
            except (ApiError, TransportError) as exc:
                raise unusable(exc, self._url) from exc
            self._fields_checked = True
        return client

    def close(self) -> None:
        client, self._client = self._client, None
        if client is not None:
            client.close()

    def __enter__(self) -> ElasticsearchEngine:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # -- writing -----------------------------------------------------------------------------

    def _write(self, target: str, ops: list[Op], outcome: Outcome, *, refresh: bool) -> Outcome:
        client = self._current() if target == self.write_alias else self._open()
        self._bulk.run(ops, require_alias=target == self.write_alias, outcome=outcome)
        if refresh and outcome.done:
            try:
                client.indices.refresh(index=target)
            except (ApiError, TransportError) as exc:
                raise EngineError(f"refreshing {target} failed: {exc}") from exc
        return outcome

    def index_into(self, target: str, docs: list[IndexDoc], *, refresh: bool = True) -> IndexReport:
        """Index `docs` into `target` (an alias or a version); see `index`."""
        outcome = Outcome()
        ops: list[Op] = []
        for position, doc in enumerate(docs):
            key = getattr(doc, "id", None)
            key = key if isinstance(key, str) and key else f"#{position}"
            try:
                checked = check(doc)
                ops.append(index_op(key, position, target, checked.id, to_source(checked)))
            except (Rejected, ValueError, TypeError) as exc:  # e.g. lone surrogates
                outcome.fail(Op(key, position, b"", "index"), f"cannot index: {exc}")
        self._write(target, ops, outcome, refresh=refresh)
        return IndexReport(submitted=len(docs), indexed=outcome.done, failed=outcome.failed)

    def index(self, docs: list[IndexDoc]) -> IndexReport:
        """Add or replace documents by id; visible to search when this returns.

        A document Elasticsearch refuses (mapping error, immense term, ...) is reported in
        `failed` with Elasticsearch's reason; the others are indexed.
        """
        return self.index_into(self.write_alias, docs)

    def delete_from(self, target: str, ids: list[str], *, refresh: bool = True) -> None:
        wanted = [i for i in dict.fromkeys(ids) if isinstance(i, str) and i]
        if not wanted:
            return
        ops = [delete_op(doc_id, n, target, doc_id) for n, doc_id in enumerate(wanted)]
        outcome = self._write(target, ops, Outcome(), refresh=refresh)
        if outcome.failed:
            key, reason = next(iter(outcome.failed.items()))
            raise EngineError(f"{len(outcome.failed)} deletions failed, e.g. {key}: {reason}")

    def delete(self, ids: list[str]) -> None:
        self.delete_from(self.write_alias, ids)

    # -- rebuilding --------------------------------------------------------------------------

    def create_version(self) -> str:
        """A new, empty index version (not searched yet), set up for bulk loading."""
        self._open()
        return self._indices.create_version(BULK_LOAD_SETTINGS)

    def publish(self, version: str) -> list[str]:
        """Make `version` searchable: refresh it, then swap both aliases to it atomically.

        Returns the versions the aliases left (the caller deletes them with `drop`).
        """
        client = self._open()
        try:
            client.indices.put_settings(index=version, settings=PUBLISH_SETTINGS)
            client.indices.refresh(index=version)
            client.cluster.health(
                index=version, wait_for_status="yellow", timeout=f"{int(self._timeout)}s"
            )
        except (ApiError, TransportError) as exc:
            raise EngineError(f"preparing {version} failed: {exc}") from exc
        return self._indices.swap(version)

    def drop(self, versions: list[str]) -> None:
        """Delete index versions no alias points at."""
        self._open()
        try:
            self._indices.delete(versions)
        except (ApiError, TransportError) as exc:
            raise EngineError(f"deleting {', '.join(versions)} failed: {exc}") from exc

    # -- reading -----------------------------------------------------------------------------

    def count(self) -> int:
        """Documents in the read alias; counted again when a rebuild deleted the version the
        alias named while the count ran (a partial count is never returned)."""
        client = self._open()
        problem = ""
        for _ in range(GONE_RETRIES + 1):
            try:
                response = client.count(index=self.read_alias)
            except ApiError as exc:
                if not index_gone(exc):
                    raise EngineError(f"count failed: {exc}") from exc
                problem = str(exc)
                continue
            except TransportError as exc:
                raise EngineError(f"count failed: {exc}") from exc
            shards = response.get("_shards") or {}
            if not shards.get("failed"):
                return int(response["count"])
            problem = f"{shards['failed']} of {shards.get('total', '?')} shards failed"
        raise EngineError(f"count failed: {problem}")

    def store_bytes(self) -> int:
        """Bytes of the primary shards behind the read alias (the index size of /metrics)."""
        client = self._open()
        try:
            stats = client.indices.stats(index=self.read_alias, metric="store")
        except (ApiError, TransportError) as exc:
            raise EngineError(f"index stats failed: {exc}") from exc
        return int(stats["_all"]["primaries"]["store"]["size_in_bytes"])

    def search(self, query: SearchQuery) -> SearchResult:
        self._current()
        return self._searcher.search(query)


__all__ = ["BULK_LOAD_SETTINGS", "ElasticsearchEngine"]
