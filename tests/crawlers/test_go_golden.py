"""GemeenteOplossingen beyond its golden records (tests/crawlers/test_golden.py): the errors and
requests of the v1 crawl of tests/fixtures/gemeenteoplossingen/, the same records through v2,
and sources the spider refuses."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from crawlers.run import run_crawl
from normalize.records import Supplier
from tests.crawlers.conftest import GOLDEN_CASES, Crawl, Harvest, crawl_case, go_source
from vindplaats.errors import SourceError
from vindplaats.settings import load_settings
from vindplaats.sources import build_source
from vindplaats.store import open_store

MARCH_FROM, MARCH_UNTIL = date(2024, 3, 1), date(2024, 3, 31)


@pytest.fixture
def v1(golden_harvest: Callable[[Supplier], Harvest]) -> Crawl:
    return Crawl.of(golden_harvest(Supplier.GEMEENTEOPLOSSINGEN))


@pytest.fixture(scope="module")
def v2(tmp_path_factory: pytest.TempPathFactory) -> Crawl:
    case = GOLDEN_CASES[Supplier.GEMEENTEOPLOSSINGEN]
    folder = tmp_path_factory.mktemp("go-v2")
    return Crawl.of(crawl_case(case, folder, source=lambda s: go_source(s.url, "v2")))


def test_errors_say_what_was_wrong(v1: Crawl) -> None:
    base = v1.base
    assert v1.report.errors == [
        f"a committee without id in {base}/api/v1/dmus",
        "meeting 101: 1 agenda item(s) without id in "
        f"{base}/api/v1/meetings?date_from=1709247600&date_to=1711922399",
        "meeting 104: a document without id in "
        f"{base}/api/v1/meetings?date_from=1709247600&date_to=1711922399",
        f"a document without id in {base}/api/v1/documents?publicationDate_from="
        "2024-03-01T00%3A00%3A00&publicationDate_to=2024-03-31T23%3A59%3A59",
    ]


def test_the_v1_requests_carry_unix_seconds(v1: Crawl) -> None:
    meetings = [r for r in v1.requests if r.startswith("/api/v1/meetings?")]
    assert meetings == ["/api/v1/meetings?date_from=1709247600&date_to=1711922399"]
    assert not any(r.startswith("/api/v2/") for r in v1.requests)
    assert "/api/v1/meetings/103/documents/5009" not in v1.requests  # the inactive meeting


def test_v2_follows_the_pages_and_stores_the_same_records(v1: Crawl, v2: Crawl) -> None:
    pages = [r for r in v2.requests if r.startswith("/api/v2/meetings?")]
    assert pages == [
        "/api/v2/meetings?date_from=2024-03-01&date_to=2024-03-31&limit=100&offset=0",
        "/api/v2/meetings?date_from=2024-03-01&date_to=2024-03-31&limit=100&offset=2",
    ]

    def without_source_url(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [{k: v for k, v in r.items() if k != "source_url"} for r in records]

    assert without_source_url(v2.records) == without_source_url(v1.records)
    assert v2.report.counts == v1.report.counts | {"api_responses": 4, "meeting_pages": 2}


def test_an_unknown_api_version_is_refused(tmp_path: Path) -> None:
    settings = load_settings(data_dir=tmp_path, allow_private_networks=True)
    store = open_store(settings)
    try:
        store.upsert_source(
            build_source(
                key="rivierstad",
                name="Rivierstad",
                supplier="gemeenteoplossingen",
                base_url="http://127.0.0.1:9/api",
                api_version="v3",
            )
        )
    finally:
        store.close()
    report = run_crawl(settings, "rivierstad", window_from=MARCH_FROM, window_until=MARCH_UNTIL)
    assert report.status == "failed"
    assert "api_version 'v3' is not a GemeenteOplossingen API version" in report.errors[0]


def test_a_go_source_needs_a_base_url() -> None:
    source = build_source(key="x", name="X", supplier="gemeenteoplossingen")
    with pytest.raises(SourceError, match="base_url is required for gemeenteoplossingen"):
        source.check_harvestable()
