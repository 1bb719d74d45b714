"""One search against Elasticsearch: request body, cursor pages, point in time, result.

The first page is a plain search on the read alias. Its cursor holds the sort key of its last hit;
the second page opens a point in time (PIT) on the alias and every later page reads that same
snapshot with `search_after`, so concurrent indexing or a rebuild's alias swap cannot shift the
pages under a client. The last page closes the PIT. A PIT that has expired (`pit_keep_alive`
after the previous page) or whose index a rebuild deleted is replaced by a fresh one: the sort
is total (ties broken by id), so the list continues where it stopped. Paging never uses `from`,
so deep pages cost the same as the first and never hit `index.max_result_window`.

Facets are terms aggregations over the whole filtered result set, counts descending then value
ascending, at most `FACET_SIZE` values per field. A search that times out in Elasticsearch
(`timeout`) raises `EngineError` instead of returning a partial list.

A rebuild moves the alias atomically, then deletes the old version: a search that Elasticsearch
resolved to the old version just before the move may find it gone while it runs. Partial results
are refused (`allow_partial_search_results=false`, and a response reporting failed shards), and
such a search is sent again, a few times (`GONE_RETRIES`): the alias names the new version by
then. A point in time opened in that instant is replaced the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from elasticsearch import ApiError, Elasticsearch, NotFoundError, TransportError

from vindplaats.engine.base import FacetValue, SearchQuery, SearchResult
from vindplaats.engine.elasticsearch import cursor as elastic_cursor
from vindplaats.engine.elasticsearch.compile import (
    compile_terms,
    doc_query,
    page_clause,
    sort_clause,
)
from vindplaats.engine.elasticsearch.cursor import Page
from vindplaats.engine.elasticsearch.docs import hit_from
from vindplaats.engine.elasticsearch.mapping import PAGES
from vindplaats.engine.facet_fields import FACET_FIELDS, FACET_SIZE
from vindplaats.engine.query import parse_query
from vindplaats.engine.snippets import Highlighter
from vindplaats.engine.terms import analyse_query
from vindplaats.errors import EngineError, QueryError


class _PitGone(Exception):
    """The point in time of a cursor no longer exists."""


class _IndexGone(Exception):
    """The index version a search was sent to was deleted (by a rebuild) while it ran."""


GONE_RETRIES = 3
# What Elasticsearch answers when the index a search resolved to is deleted under it.
_GONE_TYPES = (
    "index_not_found_exception",
    "no_shard_available_action_exception",
    "shard_not_found_exception",
    "index_closed_exception",
    "already_closed_exception",
)


def index_gone(exc: ApiError) -> bool:
    """True for the errors of a search whose index was deleted while it ran: a 404, or an error
    (often a `search_phase_execution_exception` whose shards all failed) naming a missing or
    closed index or shard. Query errors are not among them."""
    if isinstance(exc, NotFoundError):
        return True
    return any(kind in str(exc.body) for kind in _GONE_TYPES)


@dataclass(frozen=True)
class Searcher:
    client: Elasticsearch
    read_alias: str
    timeout: float
    pit_keep_alive: str = "5m"

    def search(self, query: SearchQuery) -> SearchResult:
        parsed = parse_query(query.q)
        compiled = compile_terms(parsed)
        page = (
            elastic_cursor.decode(query, query.cursor, scored=compiled.scored)
            if query.cursor
            else None
        )
        body: dict[str, Any] = {
            "query": doc_query(
                compiled,
                query.filters,
                page_clause(compiled, query.pages_per_hit),
                query.exclude_ids,
            ),
            "sort": sort_clause(query.sort, compiled.scored),
            "size": query.size,
            "track_total_hits": True,
            "timeout": f"{max(1, int(self.timeout * 1000))}ms",
            "_source": {"excludes": [PAGES]},
        }
        if query.facets:
            body["aggs"] = {
                name: {
                    "terms": {
                        "field": name,
                        "size": FACET_SIZE,
                        "order": [{"_count": "desc"}, {"_key": "asc"}],
                    }
                }
                for name in FACET_FIELDS
            }
        response, pit = self._run(body, page)
        hits = response["hits"]["hits"]
        total = int(response["hits"]["total"]["value"])
        highlighter = None
        if query.pages_per_hit and compiled.units:
            marked = analyse_query(parsed)
            highlighter = Highlighter(marked.highlight_stems, marked.highlight_prefixes)
        scored = query.sort == "relevance" and compiled.scored
        results = [
            hit_from(hit, float(hit["_score"] or 0.0) if scored else 0.0, highlighter)
            for hit in hits
        ]
        end = (page.offset if page else 0) + len(results)
        next_cursor = None
        if results and end < total:
            after = tuple(hits[-1]["sort"])
            next_cursor = elastic_cursor.encode(query, Page(after=after, offset=end, pit=pit))
        elif pit is not None:
            self._close(pit)
        return SearchResult(
            total=total,
            hits=results,
            facets=_facets(response.get("aggregations", {})) if query.facets else {},
            next_cursor=next_cursor,
        )

    # -- requests --------------------------------------------------------------------------

    def _run(self, body: dict[str, Any], page: Page | None) -> tuple[dict[str, Any], str | None]:
        """Run `body` at `page`; returns the response and the PIT id for the next page."""
        if page is None:
            return self._on_alias(body), None
        body = {**body, "search_after": list(page.after)}
        if page.pit is not None:
            try:
                return self._in_pit(page.pit, body)
            except _PitGone:
                pass  # expired, or its index was deleted by a rebuild: open a new one
        for _ in range(GONE_RETRIES + 1):
            pit = self._open()
            try:
                return self._in_pit(pit, body)
            except _PitGone:
                self._close(pit)  # opened on a version a rebuild deleted at once: again
            except (QueryError, EngineError):
                self._close(pit)
                raise
        raise EngineError("search failed: the index kept disappearing under a new point in time")

    def _on_alias(self, body: dict[str, Any]) -> dict[str, Any]:
        """Search the read alias; again when the version it named was deleted meanwhile."""
        gone = _IndexGone()
        for _ in range(GONE_RETRIES + 1):
            try:
                return self._request(index=self.read_alias, **body)
            except _IndexGone as exc:
                gone = exc
        raise EngineError(f"search failed: {gone}") from gone

    def _in_pit(self, pit: str, body: dict[str, Any]) -> tuple[dict[str, Any], str]:
        try:
            response = self._request(pit={"id": pit, "keep_alive": self.pit_keep_alive}, **body)
        except _IndexGone as exc:
            raise _PitGone() from exc
        return response, str(response.get("pit_id") or pit)

    def _request(self, **kwargs: Any) -> dict[str, Any]:
        try:
            response = self.client.search(allow_partial_search_results=False, **kwargs).body
        except ApiError as exc:
            if "pit" in kwargs and (
                isinstance(exc, NotFoundError) or "search_context_missing" in str(exc.body)
            ):
                raise _PitGone() from exc
            if index_gone(exc):
                raise _IndexGone(str(exc)) from exc
            if exc.meta.status == 400 and "search_after" in kwargs:
                raise QueryError("invalid cursor") from exc
            raise EngineError(f"search failed: {exc}") from exc
        except TransportError as exc:
            raise EngineError(f"search failed: {exc}") from exc
        if response.get("timed_out"):
            raise EngineError(f"search timed out after {self.timeout:g} s")
        shards = response.get("_shards") or {}
        if shards.get("failed"):
            raise _IndexGone(f"{shards['failed']} of {shards.get('total', '?')} shards failed")
        return response

    def _open(self) -> str:
        try:
            opened = self.client.open_point_in_time(
                index=self.read_alias, keep_alive=self.pit_keep_alive
            )
        except (ApiError, TransportError) as exc:
            raise EngineError(f"cannot open a point in time: {exc}") from exc
        return str(opened["id"])

    def _close(self, pit: str) -> None:
        try:
            self.client.close_point_in_time(id=pit)
        except NotFoundError:
            pass  # already gone
        except (ApiError, TransportError):
            pass  # it expires on its own after `pit_keep_alive`


def _facets(aggregations: dict[str, Any]) -> dict[str, list[FacetValue]]:
    out: dict[str, list[FacetValue]] = {}
    for name in FACET_FIELDS:
        buckets = aggregations.get(name, {}).get("buckets", [])
        values = [FacetValue(value=str(b["key"]), count=int(b["doc_count"])) for b in buckets]
        values.sort(key=lambda v: (-v.count, v.value))
        out[name] = values
    return out


__all__ = ["Searcher"]
