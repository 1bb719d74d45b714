"""GET /feed.atom: a search to follow as Atom 1.0, over a real store and embedded index.

The store is filled and indexed as a harvest does it (`upsert_record`, `record_extraction`,
`index_documents`, `index_motions`), so each record's first sighting in the store is the added
time the feed orders by. Every answer is checked against `atom.rng` (our RELAX NG schema of RFC
4287) and read with feedparser.
"""

from __future__ import annotations

import calendar
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import feedparser
import httpx
import pytest
from lxml import etree
from starlette.testclient import TestClient

from normalize.records import Document, ExtractionStatus, Motion, Organization, Page, Supplier
from search_api import create_app
from tests.search_api.web.demo_site import DemoSite
from vindplaats.engine import open_engine
from vindplaats.harvest.index import index_documents, index_motions, pending_ids
from vindplaats.harvest.rebuild import rebuild_index
from vindplaats.settings import Settings, load_settings
from vindplaats.sources import build_source
from vindplaats.store import open_store

NB = Supplier.NOTUBIZ
ATOM = "{http://www.w3.org/2005/Atom}"
SCHEMA = etree.RelaxNG(etree.parse(str(Path(__file__).with_name("atom.rng"))))


@dataclass
class World:
    settings: Settings
    org_id: str


def _settings(data_dir: Path, **extra: Any) -> Settings:
    return load_settings(data_dir=data_dir, **extra)


def harvest(settings: Settings, org_id: str, native: str, title: str, day: date, text: str) -> str:
    """Store one downloaded, extracted document of `feeddam` and index what is pending."""
    store = open_store(settings)
    engine = open_engine(settings)
    try:
        doc = Document.build(
            NB, "feeddam", native, title=title, original_url=f"https://example.org/{native}.pdf",
            content_type="application/pdf", document_type="Raadsvoorstel",
            date=datetime(day.year, day.month, day.day, 12, tzinfo=UTC), organization_id=org_id,
        )  # fmt: skip
        store.upsert_record(doc)
        store.record_download(doc.id, sha256="0" * 64, size=10, content_type="application/pdf")
        store.record_extraction(
            doc.id, status=ExtractionStatus.OK, pages=[Page(number=1, text=text)], agent="test"
        )
        report = index_documents(store, engine, pending_ids(store))
        assert report.failed == {}
        return doc.id
    finally:
        engine.close()
        store.close()


def add_motion(settings: Settings, org_id: str, document_id: str) -> str:
    store = open_store(settings)
    engine = open_engine(settings)
    try:
        motion = Motion.build(
            NB, "feeddam", "m1", title="Motie begroting op orde", organization_id=org_id,
            document_ids=[document_id], description="De raad wil een sluitende begroting.",
        )  # fmt: skip
        store.upsert_record(motion)
        assert index_motions(store, engine, "feeddam").failed == {}
        return motion.id
    finally:
        engine.close()
        store.close()


@pytest.fixture
def world(tmp_path: Path) -> World:
    settings = _settings(tmp_path / "data")
    store = open_store(settings)
    try:
        store.upsert_source(
            build_source(key="feeddam", name="Feeddam", supplier="notubiz",
                         notubiz_organisation_id="77")
        )  # fmt: skip
        org = Organization.build(NB, "feeddam", "77", name="Gemeente Feeddam")
        store.upsert_record(org)
    finally:
        store.close()
    harvest(settings, org.id, "1", "Begroting 2026", date(2025, 11, 4), "De begroting 2026.")
    harvest(settings, org.id, "2", "Kadernota & <b>begroting</b>", date(2025, 6, 1),
            "Kaders voor de begroting: R&D <en> meer.")  # fmt: skip
    harvest(settings, org.id, "3", "Jeugdzorg", date(2024, 3, 1), "Over jeugdzorg.")
    return World(settings, org.id)


@pytest.fixture
def client(world: World) -> Iterator[TestClient]:
    with TestClient(create_app(world.settings)) as test_client:
        yield test_client


def fetch(client: TestClient, query: str) -> tuple[bytes, Any]:
    """The feed's bytes, checked against the schema, and feedparser's reading of them."""
    response = client.get("/feed.atom?" + query)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/atom+xml; charset=utf-8"
    document = etree.fromstring(response.content)
    assert SCHEMA.validate(document), SCHEMA.error_log
    parsed = feedparser.parse(response.content)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    return response.content, parsed


def moment(parsed_time: time.struct_time) -> datetime:
    """feedparser's UTC time as an aware datetime."""
    return datetime.fromtimestamp(calendar.timegm(parsed_time), tz=UTC)


def entry_ids(parsed: Any) -> list[str]:
    return [entry.id for entry in parsed.entries]


def test_feed_is_atom_with_dutch_title_links_and_entries(client: TestClient) -> None:
    raw, parsed = fetch(client, "q=begroting&organization=Feeddam")
    feed = parsed.feed
    assert feed.title == "Vindplaats: zoekopdracht “begroting” (organisatie: Feeddam)"
    assert feed.id.startswith("urn:uuid:")
    assert feed.author == "Vindplaats" and feed.language == "nl"
    links = {link.rel: link.href for link in feed.links}
    assert links["self"] == "http://testserver/feed.atom?q=begroting&organization=Feeddam"
    assert links["alternate"] == "http://testserver/?q=begroting&organization=Feeddam"
    titles = {e.title: e for e in parsed.entries}
    assert set(titles) == {"Begroting 2026", "Kadernota & <b>begroting</b>"}
    newest_first = sorted(
        parsed.entries, key=lambda e: (-calendar.timegm(e.updated_parsed), e.link)
    )
    assert [e.id for e in newest_first] == entry_ids(parsed)
    kadernota = titles["Kadernota & <b>begroting</b>"]
    assert kadernota.link == "http://testserver/documenten/document:notubiz:feeddam:2"
    assert kadernota.summary == "Kaders voor de begroting: R&D <en> meer."  # plain text, whole
    assert kadernota.summary_detail.type == "text/plain"
    assert kadernota.published == "2025-06-01T00:00:00+02:00"  # the Dutch day it is dated
    assert [(t.term, t.label) for t in kadernota.tags] == [("raadsvoorstel", "Raadsvoorstel")]
    assert b"<b>" not in raw and b"&lt;b&gt;begroting&lt;/b&gt;" in raw  # escaped by lxml
    root = etree.fromstring(raw)
    assert len(root.findall(f"{ATOM}author")) == 1  # the feed's author covers every entry
    assert all(
        len(e.findall(f"{ATOM}link[@rel='alternate']")) == 1 for e in root.iter(f"{ATOM}entry")
    )


def test_entry_updated_is_when_the_record_was_first_harvested(
    client: TestClient, world: World
) -> None:
    _, parsed = fetch(client, "q=jeugdzorg")
    (entry,) = parsed.entries
    store = open_store(world.settings)
    try:
        seen = store.get_document_state("document:notubiz:feeddam:3").first_seen
    finally:
        store.close()
    assert moment(entry.updated_parsed) == seen.replace(microsecond=0)
    assert parsed.feed.updated == entry.updated  # the newest entry's


def test_ids_are_stable_across_requests_spellings_and_a_rebuild(
    client: TestClient, world: World
) -> None:
    _, first = fetch(client, "q=begroting&organization=Feeddam&year=2025")
    _, again = fetch(client, "year=2025&organization=Feeddam&q=begroting++&sort=date_asc")
    assert again.feed.id == first.feed.id  # the same search, written otherwise
    assert entry_ids(again) == entry_ids(first) and len(entry_ids(first)) == 2
    _, other = fetch(client, "q=begroting&organization=Feeddam&year=2024")
    assert other.feed.id != first.feed.id and other.entries == []
    rebuild_index(world.settings)
    _, rebuilt = fetch(client, "q=begroting&organization=Feeddam&year=2025")
    assert rebuilt.feed.id == first.feed.id
    assert [(e.id, e.updated) for e in rebuilt.entries] == [
        (e.id, e.updated) for e in first.entries
    ]
    _, broader = fetch(client, "q=begroting")  # a record's id is the same in every feed
    assert set(entry_ids(first)) <= set(entry_ids(broader))


def test_a_document_a_reharvest_adds_comes_first_whatever_its_date(
    client: TestClient, world: World
) -> None:
    _, before = fetch(client, "q=begroting")
    latest = max(moment(e.updated_parsed) for e in before.entries)
    while datetime.now(UTC).replace(microsecond=0) <= latest:  # the next harvest is later
        time.sleep(0.05)
    # An old document, with the last id: neither date nor id order would put it first.
    new = harvest(world.settings, world.org_id, "zz-99", "Oude begroting 2010", date(2010, 1, 5),
                  "Een begroting uit het archief.")  # fmt: skip
    _, after = fetch(client, "q=begroting")
    assert after.entries[0].title == "Oude begroting 2010"
    assert after.entries[0].link.endswith("/documenten/" + new)
    assert entry_ids(after)[1:] == entry_ids(before)
    assert after.feed.updated == after.entries[0].updated


def test_motions_link_to_their_page(client: TestClient, world: World) -> None:
    motion = add_motion(world.settings, world.org_id, "document:notubiz:feeddam:1")
    _, parsed = fetch(client, "q=sluitende")
    (entry,) = parsed.entries
    assert entry.link == f"http://testserver/moties/{motion}"
    assert [t.term for t in entry.tags] == ["motie"]
    assert "sluitende begroting" in entry.summary


def test_empty_search_lists_everything_with_a_summary(client: TestClient) -> None:
    _, parsed = fetch(client, "")
    assert parsed.feed.title == "Vindplaats: zoekopdracht alle documenten"
    assert len(parsed.entries) == 3
    assert all(e.summary.startswith("Gemeente Feeddam, Raadsvoorstel, 20") for e in parsed.entries)
    assert {link.rel: link.href for link in parsed.feed.links}["alternate"] == "http://testserver/"


def test_links_use_the_public_base_url(world: World) -> None:
    settings = world.settings.model_copy(update={"public_base_url": "https://ori.example.nl"})
    with TestClient(create_app(settings)) as public:
        _, parsed = fetch(public, "q=jeugdzorg&year=2024")
    links = {link.rel: link.href for link in parsed.feed.links}
    assert links["self"] == "https://ori.example.nl/feed.atom?q=jeugdzorg&year=2024"
    assert parse_qs(urlsplit(links["alternate"]).query) == {"q": ["jeugdzorg"], "year": ["2024"]}
    assert parsed.entries[0].link == "https://ori.example.nl/documenten/document:notubiz:feeddam:3"


@pytest.mark.parametrize(
    ("query", "parameter"),
    [("year=24", "year"), ("colour=red", "colour"), ("size=0", "size"), ("q=a&q=b", "q")],
)
def test_bad_parameters_answer_400_in_json(client: TestClient, query: str, parameter: str) -> None:
    response = client.get("/feed.atom?" + query)
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("application/json")
    assert response.json()["error"]["parameter"] == parameter


def test_the_schema_refuses_what_rfc_4287_forbids() -> None:
    """The schema is strict enough to matter: each broken feed below is refused."""
    good = (
        '<feed xmlns="http://www.w3.org/2005/Atom"><id>urn:uuid:1</id><title>t</title>'
        "<updated>2026-01-02T09:30:05Z</updated><author><name>V</name></author>"
        "<entry><id>urn:uuid:2</id><title>e</title><updated>2026-01-02T09:30:05Z</updated>"
        '<link rel="alternate" href="https://x.nl/d"/></entry></feed>'
    )
    assert SCHEMA.validate(etree.fromstring(good))
    broken = [
        good.replace("<id>urn:uuid:1</id>", ""),  # a feed needs an id
        good.replace("2026-01-02T09:30:05Z</updated><link", "2026-01-02</updated><link"),
        good.replace('href="https://x.nl/d"', 'rel2="x"'),  # a link needs href
        good.replace("<title>e</title>", "<title>e</title><title>f</title>"),
        good.replace("<title>t</title>", '<title type="rich">t</title>'),
        good.replace("</feed>", "<title>late</title></feed>"),  # metadata after entries
    ]
    for feed in broken:
        assert not SCHEMA.validate(etree.fromstring(feed)), feed


def test_feed_of_the_demo_over_http_links_to_pages_that_answer(demo_site: DemoSite) -> None:
    """The served demo (real HTTP on loopback): a feed of a search over every harvested
    supplier is valid Atom, newest added first, and each entry's link opens its page."""
    response = httpx.get(demo_site.link("/feed.atom?q=begroting"), timeout=30)
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/atom+xml; charset=utf-8"
    assert SCHEMA.validate(etree.fromstring(response.content)), SCHEMA.error_log
    parsed = feedparser.parse(response.content)
    assert parsed.bozo == 0 and 0 < len(parsed.entries) <= 50
    times = [calendar.timegm(e.updated_parsed) for e in parsed.entries]
    assert times == sorted(times, reverse=True)
    for entry in parsed.entries[:5]:
        assert entry.link.startswith(demo_site.url + "/documenten/") or "/moties/" in entry.link
        assert httpx.get(entry.link, timeout=30).status_code == 200, entry.link
