"""The sandbox's ORI API (good publisher `kreekmond`): every answer valid against the official
documents, paging, `gewijzigdSinds`, the event feed and the changes tests make."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pypdf
import pytest

from vindplaats.conformance.checker import check
from vindplaats.conformance.client import Limits
from vindplaats.conformance.schemas import Schemas
from vindplaats.sandbox import Sandbox
from vindplaats.sandbox.ori import OriApi
from vindplaats.sandbox.ori_feed import PAGE_SIZE
from vindplaats.sandbox.ori_records import COLLECTIONS
from vindplaats.settings import Settings, load_settings

PUBLISHER = "kreekmond"


@pytest.fixture(scope="module")
def ori2() -> Schemas:
    return Schemas("ori-2", Settings().xsd_dir)


@pytest.fixture(scope="module")
def events_spec() -> Schemas:
    return Schemas("ori-events", Settings().xsd_dir)


def plugin(sandbox: Sandbox) -> OriApi:
    found = next(p for p in sandbox.plugins if p.supplier == "ori")
    assert isinstance(found, OriApi)
    return found


def api(sandbox: Sandbox) -> str:
    return f"{sandbox.url('ori')}/{PUBLISHER}"


def walk(client: httpx.Client, url: str, ori2: Schemas, collection: str) -> Iterator[Any]:
    """Every page of a collection, each checked against the official page schema."""
    seen = set()
    while url:
        assert url not in seen
        seen.add(url)
        response = client.get(url)
        assert response.status_code == 200, response.text
        assert response.headers["content-type"].startswith("application/json")
        page = response.json()
        validator = ori2.page(collection)
        assert validator is not None
        assert validator.errors(page) == []
        assert len(page["results"]) <= PAGE_SIZE
        yield page
        url = page.get("next", "")


@pytest.mark.parametrize("collection", COLLECTIONS)
def test_every_collection_pages_validly_and_every_record_answers_at_its_url(
    sandbox: Sandbox, client: httpx.Client, ori2: Schemas, collection: str
) -> None:
    served = plugin(sandbox).feed(PUBLISHER).listing(collection)
    records = [
        r for page in walk(client, f"{api(sandbox)}/{collection}", ori2, collection)
        for r in page["results"]
    ]  # fmt: skip
    assert [r["id"] for r in records] == [r["id"] for r in served]
    record_schema = ori2.record(collection)
    assert record_schema is not None
    for record in records:
        answer = client.get(record["url"])
        assert answer.status_code == 200
        assert answer.json() == record
        assert record_schema.errors(record) == []


def test_the_sample_has_every_kind_of_record_and_pages_more_than_once(sandbox: Sandbox) -> None:
    feed = plugin(sandbox).feed(PUBLISHER)
    sizes = {name: len(feed.listing(name)) for name in COLLECTIONS}
    for name in ("vergaderingen", "agendapunten", "informatieobjecten", "stemmen"):
        assert sizes[name] > PAGE_SIZE, name
    for name in ("stemmingen", "besluiten", "fracties", "natuurlijkpersonen", "indieners"):
        assert sizes[name] > 0, name
    statuses = {r["status"] for r in feed.listing("vergaderingen")}
    assert statuses == {"gehouden", "geannuleerd", "gepland"}


def test_documents_download_with_their_formaat_or_carry_their_text(
    sandbox: Sandbox, client: httpx.Client
) -> None:
    papers = plugin(sandbox).feed(PUBLISHER).listing("informatieobjecten")
    linked = [p for p in papers if "link" in p]
    assert {"inhoud" in p for p in papers if "link" not in p} == {True, False}
    for paper in linked:
        response = client.get(paper["link"])
        assert response.status_code == 200
        assert response.headers["content-type"] == paper["formaat"] == "application/pdf"
        text = pypdf.PdfReader(__import__("io").BytesIO(response.content)).pages[0].extract_text()
        assert "Voorbeeldgegevens" in text
    page = client.get(papers[0]["webpaginalink"])
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]


def test_gewijzigd_sinds_keeps_the_records_changed_since(
    sandbox: Sandbox, client: httpx.Client, ori2: Schemas
) -> None:
    url = f"{api(sandbox)}/vergaderingen?gewijzigdSinds=2026-01-01T00:00:00%2B01:00"
    names = [r["geplandeVergaderdatum"] for p in walk(client, url, ori2, "vergaderingen")
             for r in p["results"]]  # fmt: skip
    assert names == ["2026-01-29", "2026-12-10"]


def test_the_event_feed_pages_by_offset_in_timestamp_order(
    sandbox: Sandbox, client: httpx.Client, events_spec: Schemas
) -> None:
    url = f"{api(sandbox)}/events"
    validator = events_spec.events()
    assert validator is not None
    stamps, offset, total = [], 0, None
    while True:
        page = client.get(url, params={"sortOrder": "asc", "limit": 10, "offset": offset}).json()
        assert validator.errors(page) == []
        total = page["total"]
        stamps += [e["timestamp"] for e in page["results"]]
        if "next" not in page:
            break
        offset += 10
    feed = plugin(sandbox).feed(PUBLISHER)
    expected = sum(len(feed.listing(c)) for c in ("vergaderingen", "agendapunten"))
    assert total == len(stamps) == expected + len(feed.listing("informatieobjecten"))
    assert stamps == sorted(stamps)
    newest = client.get(url, params={"limit": 1}).json()["results"][0]
    assert newest["timestamp"] == stamps[-1]  # default order: newest first
    one = client.get(f"{url}/{newest['eventId']}")
    assert one.status_code == 200 and one.json()["eventId"] == newest["eventId"]


def test_a_change_and_a_deletion_add_their_events(client: httpx.Client) -> None:
    with Sandbox() as sandbox:
        feed = plugin(sandbox).feed(PUBLISHER)
        newest = feed.events[-1].at
        sitting = feed.listing("vergaderingen")[0]
        paper = feed.listing("informatieobjecten")[1]
        feed.change("vergaderingen", sitting["id"], locatie="Dorpshuis De Kreek")
        feed.delete("informatieobjecten", paper["id"])
        since = newest.isoformat()
        events = client.get(
            f"{api(sandbox)}/events", params={"fromTimestamp": since, "sortOrder": "asc"}
        ).json()["results"][1:]
        assert [(e["eventType"], e["resourceUrl"]) for e in events] == [
            ("UPDATE", sitting["url"]),
            ("DELETE", paper["url"]),
        ]
        assert events[1]["data"] == {"pid": paper["url"]}
        assert client.get(sitting["url"]).json()["locatie"] == "Dorpshuis De Kreek"
        assert client.get(paper["url"]).status_code == 404
        assert client.get(paper["url"]).headers["content-type"] == "application/problem+json"


def test_the_demo_lists_no_ori_source_and_tests_get_one(sandbox: Sandbox) -> None:
    assert sandbox.sources("ori") == []
    source = plugin(sandbox).ori_source()
    assert source.base_url == api(sandbox) and source.supplier.value == "ori"


@pytest.mark.parametrize("standard", ["ori-2", "ori-events"])
def test_the_conformance_checker_finds_nothing_wrong_with_the_good_publisher(
    sandbox: Sandbox, tmp_path: Path, standard: str
) -> None:
    settings = load_settings(data_dir=tmp_path, allow_private_networks=True)
    report = check(api(sandbox), standard, settings, Limits(pace=0, max_requests=2000))
    assert [(f.rule, f.resource, f.record, f.field, f.found) for f in report.findings] == []
