"""Searches that meet an index a rebuild deleted under them, against a scripted Elasticsearch.

A real node deletes an index in a few milliseconds, so the instant a search is in flight on
the version a rebuild just removed cannot be hit on cue. These tests answer `_search` and
`_pit` from a loopback replay server (`tests.replay`) that plays Elasticsearch's part with the
answers Elasticsearch gives then (404 `index_not_found_exception`, failed shards); the client
and `Searcher` are the real ones.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from elasticsearch import Elasticsearch

from tests.replay import Answer as ReplayAnswer
from tests.replay import ReplayServer, Request
from tests.vindplaats.engine.elasticsearch.replay import elastic_answer
from vindplaats.engine.base import SearchQuery
from vindplaats.engine.elasticsearch import ElasticsearchEngine
from vindplaats.engine.elasticsearch import cursor as elastic_cursor
from vindplaats.engine.elasticsearch.search import GONE_RETRIES, Searcher
from vindplaats.errors import EngineError

ALIAS = "t-documents"
Answer = tuple[int, dict[str, Any]]
Script = Callable[[int, str, dict[str, Any]], Answer]  # (search number, path, body) -> answer


def error(kind: str, status: int, reason: str = "gone") -> Answer:
    cause = {"type": kind, "reason": reason}
    return status, {"error": {"root_cause": [cause], **cause}, "status": status}


INDEX_GONE = error("index_not_found_exception", 404, "no such index [t-documents-v1-1]")
ALL_SHARDS_FAILED = (
    503,
    {
        "error": {
            "root_cause": [{"type": "no_shard_available_action_exception", "reason": "x"}],
            "type": "search_phase_execution_exception",
            "reason": "all shards failed",
            "phase": "query",
        },
        "status": 503,
    },
)


def found(ids: list[str], total: int, failed_shards: int = 0) -> Answer:
    hits = [
        {
            "_index": f"{ALIAS}-v2-1",
            "_id": doc_id,
            "_score": 1.0,
            "_source": {"id": doc_id, "title": doc_id},
            "sort": [1.0, doc_id],
        }
        for doc_id in ids
    ]
    return 200, {
        "took": 1,
        "timed_out": False,
        "_shards": {"total": 2, "successful": 2 - failed_shards, "failed": failed_shards},
        "hits": {"total": {"value": total, "relation": "eq"}, "max_score": 1.0, "hits": hits},
    }


class Stub(ReplayServer):
    """Answers `_search` by `script`; opens and closes points in time."""

    def __init__(self) -> None:
        super().__init__(self.answer)
        self.searches: list[tuple[str, dict[str, list[str]], dict[str, Any]]] = []
        self.pits_opened: list[str] = []
        self.pits_closed: list[str] = []
        self.script: Script = lambda n, path, body: found(["d1"], 1)
        self.counts = 0
        self.count_script: Callable[[int], Answer] = lambda n: (200, {"count": 1})

    def answer(self, request: Request) -> ReplayAnswer:
        if request.method == "HEAD":  # "does the alias exist?": yes
            return elastic_answer(200)
        body = json.loads(request.body or b"{}")
        url = urlsplit(request.target)
        if url.path.endswith("/_pit") and request.method == "POST":
            pit = f"pit-{len(self.pits_opened) + 1}"
            self.pits_opened.append(pit)
            return elastic_answer(200, {"id": pit})
        if url.path.endswith("/_count"):
            self.counts += 1
            return elastic_answer(*self.count_script(self.counts))
        if url.path == "/_pit" and request.method == "DELETE":
            self.pits_closed.append(body["id"])
            return elastic_answer(200, {"succeeded": True, "num_freed": 1})
        self.searches.append((url.path, parse_qs(url.query), body))
        return elastic_answer(*self.script(len(self.searches), url.path, body))


@pytest.fixture
def stub() -> Iterator[Stub]:
    with Stub() as server:
        yield server


@pytest.fixture
def searcher(stub: Stub) -> Iterator[Searcher]:
    client = Elasticsearch(stub.url, request_timeout=5, max_retries=0)
    yield Searcher(client, ALIAS, timeout=5)
    client.close()


QUERY = SearchQuery(q="raad", size=1, facets=False, pages_per_hit=0)


def test_a_search_whose_index_was_deleted_meanwhile_is_sent_again(
    stub: Stub, searcher: Searcher
) -> None:
    answers = [INDEX_GONE, ALL_SHARDS_FAILED, found(["d1"], 2)]
    stub.script = lambda n, path, body: answers[n - 1]
    result = searcher.search(QUERY)
    assert (result.total, [h.id for h in result.hits]) == (2, ["d1"])
    assert [path for path, _, _ in stub.searches] == [f"/{ALIAS}/_search"] * 3
    # partial results are refused up front: a shard lost to a deletion is an error, not fewer hits
    assert all(q["allow_partial_search_results"] == ["false"] for _, q, _ in stub.searches)


def test_an_answer_with_failed_shards_is_never_returned(stub: Stub, searcher: Searcher) -> None:
    answers = [found(["d1"], 1, failed_shards=1), found(["d1"], 2)]
    stub.script = lambda n, path, body: answers[n - 1]
    assert searcher.search(QUERY).total == 2
    assert len(stub.searches) == 2


def test_an_index_that_stays_gone_is_an_engine_error(stub: Stub, searcher: Searcher) -> None:
    stub.script = lambda n, path, body: INDEX_GONE
    with pytest.raises(EngineError, match="index_not_found"):
        searcher.search(QUERY)
    assert len(stub.searches) == GONE_RETRIES + 1


def test_other_errors_are_not_retried(stub: Stub, searcher: Searcher) -> None:
    stub.script = lambda n, path, body: error("illegal_argument_exception", 400, "bad query")
    with pytest.raises(EngineError, match="bad query"):
        searcher.search(QUERY)
    assert len(stub.searches) == 1


def test_a_point_in_time_opened_on_a_deleted_version_is_replaced(
    stub: Stub, searcher: Searcher
) -> None:
    stub.script = lambda n, path, body: found(["d1"], 3)
    page_one = searcher.search(QUERY)
    assert page_one.next_cursor is not None
    stub.searches.clear()

    # page two opens a point in time; the alias still named the version a rebuild deleted
    answers = [INDEX_GONE, found(["d2"], 3)]
    stub.script = lambda n, path, body: answers[n - 1]
    page_two = searcher.search(QUERY.model_copy(update={"cursor": page_one.next_cursor}))
    assert [h.id for h in page_two.hits] == ["d2"]
    assert stub.pits_opened == ["pit-1", "pit-2"] and stub.pits_closed == ["pit-1"]
    assert [body["pit"]["id"] for _, _, body in stub.searches] == ["pit-1", "pit-2"]
    assert page_two.next_cursor is not None
    assert elastic_cursor.decode(QUERY, page_two.next_cursor, scored=True).pit == "pit-2"


def test_a_count_whose_index_was_deleted_meanwhile_is_counted_again(stub: Stub) -> None:
    shards = {"total": 1, "successful": 0, "failed": 1}
    answers = [INDEX_GONE, (200, {"count": 0, "_shards": shards}), (200, {"count": 7})]
    stub.count_script = lambda n: answers[n - 1]
    with ElasticsearchEngine(stub.url, "t", timeout=5) as engine:
        assert engine.count() == 7
        assert stub.counts == 3
        stub.counts = 0
        stub.count_script = lambda n: INDEX_GONE
        with pytest.raises(EngineError, match="count failed"):
            engine.count()
        assert stub.counts == GONE_RETRIES + 1
