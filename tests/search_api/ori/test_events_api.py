"""The event feed at /ori/mini/v1/events over a sample of its own (the tests change records):
valid against the official draft, every served record once per its latest change, and a poll
from the last read time yielding just what changed since. testdam has a real TOOI code in it
(`tooi_sample`), so its records are served. Each test runs on SQLite and on PostgreSQL (skipped
outside CI without it)."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from normalize.records import Document
from search_api import create_app
from tests.search_api.ori.test_mini_api import tooi_sample, walk
from tests.search_api.sample import Sample
from tests.vindplaats.store.backends import fresh_schema
from vindplaats.ori import spec
from vindplaats.ori.events_feed import instant
from vindplaats.ori.ids import ori_uuid
from vindplaats.ori.json_schema import errors
from vindplaats.settings import PREFIX, Settings
from vindplaats.store import open_store

DATABASE_URL = PREFIX + "DATABASE_URL"
EVENTS = spec.load("ori-events", Settings().xsd_dir)
BASE = "/ori/mini/v1"


@contextmanager
def _database(backend: str) -> Iterator[None]:
    """For "postgres": `VINDPLAATS_DATABASE_URL` naming a fresh schema while the sample is
    built and served (skipped outside CI without PostgreSQL)."""
    if backend == "sqlite":
        yield
        return
    with fresh_schema() as url:
        before = os.environ.get(DATABASE_URL)
        os.environ[DATABASE_URL] = url
        try:
            yield
        finally:
            if before is None:
                os.environ.pop(DATABASE_URL, None)
            else:
                os.environ[DATABASE_URL] = before


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def own(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Sample, TestClient]]:
    with _database(request.param):
        sample = tooi_sample(Path(tmp_path_factory.mktemp("events-data")))
        with TestClient(create_app(sample.settings)) as client:
            yield sample, client


def read_all(client: TestClient, **params: Any) -> list[dict[str, Any]]:
    """Every event, following `next` (checked against the draft on every page)."""
    found: list[dict[str, Any]] = []
    answer = client.get(f"{BASE}/events", params={"limit": 3, **params})
    while True:
        assert answer.status_code == 200, answer.text
        body = answer.json()
        assert errors(EVENTS, "PaginatedEventList", body) == []
        assert body["offset"] == len(found) and body["limit"] == 3
        found += body["results"]
        if "next" not in body:
            assert len(found) == body["total"]
            return found
        answer = client.get(body["next"])


def test_the_feed_from_the_start_lists_every_served_record_once(own):
    sample, client = own
    events = read_all(client, sortOrder="asc")
    served = {
        r["url"]
        for c in ("vergaderingen", "agendapunten", "informatieobjecten")
        for r in walk(client, c)
    }
    live = [e for e in events if e["eventType"] != "DELETE"]
    assert sorted(e["resourceUrl"] for e in live) == sorted(served)
    stamps = [e["timestamp"] for e in events]
    assert stamps == sorted(stamps)
    deleted = [e for e in events if e["eventType"] == "DELETE"]
    assert [e["data"]["pid"].rsplit("/", 1)[1] for e in deleted] == [ori_uuid(sample.withdrawn_id)]
    assert client.get(deleted[0]["resourceUrl"]).status_code == 404
    for event in live:
        assert (
            client.get(event["resourceUrl"]).json()["id"] == event["resourceUrl"].rsplit("/", 1)[1]
        )
    newest_first = read_all(client)
    assert [e["eventId"] for e in newest_first] == [e["eventId"] for e in events][::-1]


def test_an_event_answers_by_its_id(own):
    _, client = own
    event = read_all(client)[0]
    answer = client.get(f"{BASE}/events/{event['eventId']}")
    assert answer.status_code == 200 and answer.json() == event
    assert errors(EVENTS, "StoredEvent", answer.json()) == []
    unknown = client.get(f"{BASE}/events/00000000-0000-0000-0000-000000000000")
    assert unknown.status_code == 404 and errors(EVENTS, "ErrorResponse", unknown.json()) == []


def test_after_a_change_polling_from_the_last_read_time_yields_just_that_change(own):
    sample, client = own
    read_all(client)
    read_at = instant(datetime.now(UTC))
    time.sleep(0.01)
    assert read_all(client, fromTimestamp=read_at) == []
    store = open_store(sample.settings)
    try:
        record = store.get_record(sample.begroting_id)
        assert isinstance(record, Document)
        store.upsert_record(record.model_copy(update={"title": "Begroting 2025 (gewijzigd)"}))
        store.mark_withdrawn([sample.motie_id])
    finally:
        store.close()
    changes = read_all(client, fromTimestamp=read_at, sortOrder="asc")
    assert [(e["eventType"], e["resourceUrl"].rsplit("/", 1)[1]) for e in changes] == [
        ("UPDATE", ori_uuid(sample.begroting_id)),
        ("DELETE", ori_uuid(sample.motie_id)),
    ]
    assert changes[0]["data"]["titel"] == "Begroting 2025 (gewijzigd)"
    assert changes[0]["metadata"]["reason"]
    only_deletes = read_all(client, fromTimestamp=read_at, eventType="DELETE")
    assert [e["eventId"] for e in only_deletes] == [changes[1]["eventId"]]
    before = read_all(client, toTimestamp=read_at)
    assert all(e["timestamp"] <= read_at for e in before) and changes[0] not in before


def test_filters_on_resource_type_and_organisation(own):
    _, client = own
    meetings = read_all(client, resourceType="Vergadering")
    assert len(meetings) == 1 and meetings[0]["resourceType"] == "Vergadering"
    assert len(read_all(client, organisatieCode="GM0361")) == len(read_all(client))
    assert read_all(client, organisatieCode="gm0363") == []


@pytest.mark.parametrize(
    "query",
    [
        "limit=0",
        "limit=101",
        "limit=abc",
        "offset=-1",
        "sortOrder=up",
        "eventType=PATCH",
        "resourceType=Besluit",
        "fromTimestamp=2026-03-01",
        "toTimestamp=yesterday",
        "fromTimestamp=2026-02-30T00:00:00Z",
    ],
)
def test_bad_parameters_answer_400_with_the_drafts_error_response(own, query):
    _, client = own
    answer = client.get(f"{BASE}/events?{query}")
    assert answer.status_code == 400
    assert errors(EVENTS, "ErrorResponse", answer.json()) == [] and answer.json()["detail"]


def test_the_stream_sends_the_stored_events_from_a_time_then_ends(own):
    _, client = own
    expected = read_all(client, sortOrder="asc")
    answer = client.get(f"{BASE}/events/stream", params={"fromTimestamp": "2000-01-01T00:00:00Z"})
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/event-stream")
    messages = [m for m in answer.text.split("\n\n") if m]
    assert all(m.startswith("data: ") for m in messages)
    assert [json.loads(m.removeprefix("data: ")) for m in messages] == expected
    assert client.get(f"{BASE}/events/stream").text == ""  # from now: nothing stored yet
    assert client.get(f"{BASE}/events/stream?eventType=NONE").status_code == 400


def test_webhooks_and_posted_events_are_refused_on_a_read_only_server(own):
    _, client = own
    assert client.get(f"{BASE}/webhook-subscriptions").json() == []
    for path in ("/webhook-subscriptions", "/events"):
        answer = client.post(
            BASE + path, json={"url": "https://example.org/hook", "events": ["eventProcessed"]}
        )
        assert answer.status_code == 401 and answer.content == b""
    gone = client.delete(f"{BASE}/webhook-subscriptions/00000000-0000-0000-0000-000000000000")
    assert gone.status_code == 404 and errors(EVENTS, "ErrorResponse", gone.json()) == []
