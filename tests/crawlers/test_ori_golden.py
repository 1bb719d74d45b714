"""The ORI spider against recorded answers in the official documents' shapes
(tests/fixtures/ori/): an ORI 2.0 publisher without an event feed and a mini-ORI publisher,
their stored records compared with the golden files, the standard each base serves detected,
and what went wrong reported."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from crawlers.run import run_crawl
from normalize.records import Supplier
from tests.crawlers.conftest import (
    GOLDEN_CASES,
    Crawl,
    GoldenCase,
    crawl_case,
    crawl_settings,
    words,
    zuidwaarde,
)
from tests.crawlers.ori_server import FIXTURES, OriFixtureServer
from tests.golden import assert_golden
from vindplaats.conformance.schemas import Schemas
from vindplaats.settings import Settings
from vindplaats.store import open_store

TYPES = words("organization committee person meeting agenda_item document motion vote")
MARCH = (date(2024, 3, 1), date(2024, 3, 31))


def case(publisher: str, key: str) -> GoldenCase:
    return GoldenCase(
        server=OriFixtureServer,
        source=lambda s: zuidwaarde("ori", f"{s.url}/{publisher}", key),
        window=MARCH,
        types=TYPES,
        golden=FIXTURES / "expected" / f"{key}.json",
        status="partial",
        counts={},
    )


@pytest.fixture(scope="module")
def ori2(tmp_path_factory: pytest.TempPathFactory) -> Crawl:
    done = crawl_case(GOLDEN_CASES[Supplier.ORI], tmp_path_factory.mktemp("ori2"))
    assert_golden(done.records, FIXTURES / "expected" / "zuidwaarde.json")
    return Crawl.of(done)


@pytest.fixture(scope="module")
def mini(tmp_path_factory: pytest.TempPathFactory) -> Crawl:
    done = crawl_case(case("mini", "zuidwaarde-mini"), tmp_path_factory.mktemp("mini"))
    assert_golden(done.records, FIXTURES / "expected" / "zuidwaarde-mini.json")
    return Crawl.of(done)


def types_of(crawl: Crawl) -> dict[str, int]:
    found: dict[str, int] = {}
    for record in crawl.records:
        found[record["record_type"]] = found.get(record["record_type"], 0) + 1
    return found


def test_an_ori2_base_is_read_collection_by_collection(ori2: Crawl) -> None:
    assert types_of(ori2) == {
        "organization": 1, "committee": 2, "person": 3, "meeting": 3, "agenda_item": 4,
        "document": 3, "motion": 1, "vote": 2,
    }  # fmt: skip
    paths = [r.split("?")[0] for r in ori2.requests if "/bestanden/" not in r]
    assert paths[:2] == ["/ori2/events", "/ori2/fracties"]  # no feed: the standard, then all
    assert "/ori2/vergaderingen" in paths and "/ori2/stemmen" in paths
    assert "/ori2/vergaderingen?page=2" in ori2.requests
    assert ori2.requests.count("/ori2/agendapunten?page=2") == 1  # the repeating next: once


def test_what_went_wrong_is_reported(ori2: Crawl) -> None:
    report = ori2.report
    assert report.status == "partial"
    base = ori2.base
    assert report.errors == [
        "agendapunten was not read to the end: its paging repeats itself at "
        f"{base}/ori2/agendapunten?page=2",
        "informatieobject d-4 has no link, inhoud or web page",
    ]
    assert report.counts["ori_paging_stopped"] == 1
    assert "listed_in_full" not in report.counts  # an error: the listing may be incomplete
    assert report.counts["documents_downloaded"] == 3


def test_documents_come_from_link_inline_text_or_their_web_page(ori2: Crawl) -> None:
    docs = {r["native_id"]: r for r in ori2.records if r["record_type"] == "document"}
    assert docs["d-1"]["original_url"] == "{base}/ori2/bestanden/d-1"
    assert docs["d-2"]["original_url"] == "{base}/ori2/informatieobjecten/d-2"
    assert docs["d-2"]["description"].startswith("Besluitenlijst.")
    assert docs["d-3"]["original_url"] == "{base}/stukken/d-3"
    assert docs["d-1"]["agenda_item_id"].endswith(":a-2")


def test_a_mini_ori_base_is_detected_and_read_in_full(mini: Crawl) -> None:
    assert mini.report.status == "ok", mini.report.errors
    assert mini.requests[:2] == ["/mini/events?limit=1&sortOrder=desc", "/mini/fracties"]
    listed = [r for r in mini.requests[2:] if "/bestanden/" not in r and "/stukken/" not in r]
    assert listed == ["/mini/vergaderingen", "/mini/agendapunten", "/mini/informatieobjecten"]
    assert types_of(mini) == {
        "organization": 1, "committee": 2, "meeting": 2, "agenda_item": 2, "document": 2,
    }  # fmt: skip
    assert mini.report.counts["listed_in_full"] == 1
    docs = {r["title"]: r for r in mini.records if r["record_type"] == "document"}
    assert docs["Raadsvoorstel bestemmingsplan Haven"]["original_url"].endswith("/bestanden/1")
    assert docs["Notulen 15 februari 2024"]["original_url"] == "{base}/stukken/2"


def test_the_fixtures_are_valid_against_the_official_documents() -> None:
    for standard, folder in (("ori-2", "ori2"), ("mini-ori", "mini")):
        schemas = Schemas(standard, Settings().xsd_dir)  # type: ignore[call-arg]
        for path in sorted((FIXTURES / folder).glob("*.json")):
            if path.stem.startswith("record-"):
                validator = schemas.record(path.stem.split("-")[1])
            else:
                validator = schemas.page(path.stem.rsplit("_", 1)[0])
            assert validator is not None, path
            body = json.loads(path.read_text("utf-8").replace("{base}", "http://127.0.0.1:1"))
            assert validator.errors(body) == [], path


def test_golden_files_exist() -> None:
    for name in ("zuidwaarde", "zuidwaarde-mini"):
        assert Path(FIXTURES / "expected" / f"{name}.json").is_file()


def test_without_a_feed_a_later_ori2_run_asks_gewijzigd_sinds(tmp_path: Path) -> None:
    settings = crawl_settings(tmp_path)
    since = datetime(2024, 3, 1, 12, 0, tzinfo=UTC)
    with OriFixtureServer() as server:
        store = open_store(settings)
        try:
            store.upsert_source(zuidwaarde("ori", f"{server.url}/ori2", "zuidwaarde"))
        finally:
            store.close()
        report = run_crawl(
            settings,
            "zuidwaarde",
            window_from=MARCH[0],
            window_until=MARCH[1],
            modified_since=since,
        )
        targets = server.targets()
    asked = [t for t in targets if "gewijzigdSinds" in t]
    assert [t.split("?")[0] for t in asked] == ["/ori2/vergaderingen", "/ori2/agendapunten"]
    assert all("gewijzigdSinds=2024-03-01T12%3A00%3A00Z" in t for t in asked)
    assert "/ori2/informatieobjecten" in targets and "/ori2/stemmen" in targets  # in full
    assert "listed_in_full" not in report.counts
    assert report.watermark is not None and report.watermark > since  # the crawl's start
