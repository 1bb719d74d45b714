"""Bulk retries and accounting, against a scripted `_bulk` endpoint on 127.0.0.1.

A real Elasticsearch node does not reject on cue, so these tests answer `_bulk` from a loopback
replay server (`tests.replay`) that plays Elasticsearch's part (status codes and item errors as
Elasticsearch sends them); the client and `BulkWriter` are the real ones.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from elasticsearch import Elasticsearch

from tests.replay import Answer as ReplayAnswer
from tests.replay import ReplayServer, Request
from tests.vindplaats.engine.elasticsearch.replay import elastic_answer
from vindplaats.engine.elasticsearch.bulk import BulkWriter, Op, RetryPolicy, delete_op, index_op

Answer = tuple[int, dict[str, Any]]
Script = Callable[[int, list[str]], Answer]  # (request number, ids in it) -> status, body

REJECTED = {"type": "es_rejected_execution_exception", "reason": "write queue is full"}
MAPPING = {"type": "document_parsing_exception", "reason": "failed to parse field [date]"}


class Stub(ReplayServer):
    """Answers `_bulk` by `script`; `bulks` lists the ids each request carried."""

    def __init__(self) -> None:
        super().__init__(self.answer)
        self.bulks: list[list[str]] = []
        self.script: Script = lambda n, ids: (200, items(ids))

    def answer(self, request: Request) -> ReplayAnswer:  # the client sends bulk as PUT or POST
        ids = []
        for line in request.body.decode().splitlines():
            meta = json.loads(line)
            action = next(iter(meta)) if isinstance(meta, dict) and len(meta) == 1 else None
            if action in ("index", "delete"):
                ids.append(meta[action]["_id"])
        self.bulks.append(ids)
        return elastic_answer(*self.script(len(self.bulks), ids))


def items(
    ids: list[str], errors: dict[str, tuple[int, dict[str, Any]]] | None = None
) -> dict[str, Any]:
    out = []
    for doc_id in ids:
        status, error = (errors or {}).get(doc_id, (201, None))
        result: dict[str, Any] = {"_id": doc_id, "status": status}
        if error is not None:
            result["error"] = error
        out.append({"index": result})
    return {"took": 1, "errors": bool(errors), "items": out}


@pytest.fixture
def stub() -> Iterator[Stub]:
    with Stub() as server:
        yield server


@pytest.fixture
def client(stub: Stub) -> Iterator[Elasticsearch]:
    es = Elasticsearch(stub.url, request_timeout=5)
    yield es
    es.close()


def ops(*ids: str) -> list[Op]:
    return [index_op(i, n, "idx", i, {"title": i}) for n, i in enumerate(ids)]


def writer(client: Elasticsearch, sleeps: list[float], **policy: Any) -> BulkWriter:
    return BulkWriter(client, RetryPolicy(**{"attempts": 4, **policy}), sleep=sleeps.append)


def test_rejected_items_are_retried_alone_and_bad_ones_reported(
    stub: Stub, client: Elasticsearch
) -> None:
    def script(n: int, ids: list[str]) -> Answer:
        if n == 1:
            return 200, items(ids, {"b": (429, REJECTED), "c": (400, MAPPING)})
        return 200, items(ids)

    stub.script = script
    sleeps: list[float] = []
    outcome = writer(client, sleeps).run(ops("a", "b", "c"))
    assert outcome.done == 2
    assert list(outcome.failed) == ["c"]
    assert outcome.failed["c"].startswith("document_parsing_exception: failed to parse")
    assert stub.bulks == [["a", "b", "c"], ["b"]]
    assert len(sleeps) == 1


def test_a_rejected_request_is_sent_again_with_growing_backoff(
    stub: Stub, client: Elasticsearch
) -> None:
    stub.script = lambda n, ids: (
        (429, {"error": REJECTED, "status": 429})
        if n < 3
        else (
            200,
            items(ids),
        )
    )
    sleeps: list[float] = []
    outcome = writer(client, sleeps, backoff=1.0).run(ops("a", "b"))
    assert (outcome.done, outcome.failed) == (2, {})
    assert len(stub.bulks) == 3
    assert 0.5 <= sleeps[0] <= 1.0 and 1.0 <= sleeps[1] <= 2.0


def test_giving_up_reports_every_operation_left(stub: Stub, client: Elasticsearch) -> None:
    stub.script = lambda n, ids: (200, items(ids, {"b": (503, REJECTED)}))
    sleeps: list[float] = []
    outcome = writer(client, sleeps, attempts=3).run(ops("a", "b"))
    assert outcome.done == 1
    assert "gave up after 3 attempts" in outcome.failed["b"]
    assert stub.bulks == [["a", "b"], ["b"], ["b"]]


def test_an_invalid_request_is_split_until_the_culprit_stands_alone(
    stub: Stub, client: Elasticsearch
) -> None:
    bad = {"error": {"type": "action_request_validation_exception", "reason": "id too long"}}
    stub.script = lambda n, ids: (400, {**bad, "status": 400}) if "x" in ids else (200, items(ids))
    outcome = writer(client, []).run(ops("a", "b", "x", "c", "d"))
    assert outcome.done == 4
    assert list(outcome.failed) == ["x"]
    assert "id too long" in outcome.failed["x"]


def test_chunks_respect_the_operation_limit(stub: Stub, client: Elasticsearch) -> None:
    outcome = writer(client, [], chunk_docs=2).run(ops("a", "b", "c", "d", "e"))
    assert outcome.done == 5
    assert stub.bulks == [["a", "b"], ["c", "d"], ["e"]]


def test_an_unreachable_cluster_fails_each_operation_after_the_retries() -> None:
    client = Elasticsearch("http://127.0.0.1:9", request_timeout=2)
    try:
        sleeps: list[float] = []
        outcome = writer(client, sleeps, attempts=2).run(ops("a", "b"))
    finally:
        client.close()
    assert outcome.done == 0
    assert set(outcome.failed) == {"a", "b"}
    assert all("gave up after 2 attempts" in reason for reason in outcome.failed.values())
    assert len(sleeps) == 1


def test_deleting_an_unknown_id_counts_as_done(stub: Stub, client: Elasticsearch) -> None:
    def script(n: int, ids: list[str]) -> Answer:
        return 200, {"items": [{"delete": {"_id": i, "status": 404}} for i in ids]}

    stub.script = script
    outcome = writer(client, []).run([delete_op("a", 0, "idx", "a")])
    assert (outcome.done, outcome.failed) == (1, {})


def test_duplicate_keys_stay_apart_in_failed(stub: Stub, client: Elasticsearch) -> None:
    stub.script = lambda n, ids: (200, items(ids, {"a": (400, MAPPING)}))
    outcome = writer(client, []).run(ops("a", "a"))
    assert outcome.done == 0
    assert sorted(outcome.failed) == ["a", "a #1"]
