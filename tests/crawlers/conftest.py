"""Shared crawler fixtures: settings, store, the NotuBiz replay server, and one golden case a
registered spider (`GOLDEN_CASES`, crawled once a session by `golden_harvest`)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from crawlers.report import CrawlReport
from crawlers.run import run_crawl
from normalize.records import Supplier
from tests.crawlers.diwoo_server import DiwooFixtureServer
from tests.crawlers.go_server import GoFixtureServer
from tests.crawlers.ibabs_server import IbabsFixtureServer
from tests.crawlers.notubiz_server import NotubizFixtureServer
from tests.crawlers.ori_server import OriFixtureServer
from tests.crawlers.parlaeus_server import TOKEN, ParlaeusFixtureServer
from tests.golden import stored_records
from tests.replay import FIXTURES, ReplayServer, Request
from vindplaats.settings import Settings, load_settings
from vindplaats.sources import Source, build_source
from vindplaats.store import BlobStore, Store, open_blobs, open_store
from vindplaats.store.models import DocumentState


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return crawl_settings(tmp_path)


def crawl_settings(data_dir: Path, **overrides: Any) -> Settings:
    """Settings for crawling loopback fixture servers at full speed."""
    return load_settings(
        data_dir=data_dir,
        allow_private_networks=True,
        download_delay=0,
        autothrottle=False,
        **overrides,
    )


@pytest.fixture
def store(settings: Settings) -> Iterator[Store]:
    opened = open_store(settings)
    yield opened
    opened.close()


@pytest.fixture
def fixture_server() -> Iterator[NotubizFixtureServer]:
    with NotubizFixtureServer() as server:
        yield server


def zuidwaarde(supplier: str, base_url: str, key: str, **fields: str) -> Source:
    """Gemeente Zuidwaarde (GM9999) as a source of `supplier`."""
    name = "Gemeente Zuidwaarde"
    return build_source(
        key=key, name=name, supplier=supplier, base_url=base_url, cbs_code="GM9999", **fields
    )


def notubiz_source(base_url: str, organisation: str = "686", key: str = "zuidwaarde") -> Source:
    return zuidwaarde("notubiz", base_url, key, notubiz_organisation_id=organisation)


def ibabs_source(endpoint: str, site: str = "Zuidwaarde", key: str = "zuidwaarde") -> Source:
    return zuidwaarde("ibabs", endpoint, key, ibabs_sitename=site)


def go_source(url: str, version: str | None = None) -> Source:
    fields = {"api_version": version, "cbs_code": "GM9998"}
    name = "Gemeente Rivierstad"
    return build_source(
        key="rivierstad", name=name, supplier="gemeenteoplossingen", base_url=f"{url}/api", **fields
    )


def parlaeus_source(url: str, token: str | None = TOKEN) -> Source:
    base_url = f"{url}/receive/opendata"
    return build_source(
        key="zuidrade",
        name="Gemeente Zuidrade",
        supplier="parlaeus",
        base_url=base_url,
        api_token=token,
    )


def diwoo_source(url: str) -> Source:
    """The Woo publications of Gemeente Utrecht (GM0344), registered with the site's URL."""
    name = "Gemeente Utrecht"
    return build_source(key="utrecht", name=name, supplier="diwoo", base_url=url, cbs_code="GM0344")


@dataclass(frozen=True)
class GoldenCase:
    """A spider crawled against its fixtures: what it must store and report."""

    server: Callable[[], ReplayServer]
    source: Callable[[ReplayServer], Source]
    window: tuple[date, date]
    types: tuple[str, ...]
    golden: Path
    status: str
    counts: dict[str, int]  # a subset of the report's counts
    watermark: str | None = None  # the watermark's ISO text starts with this
    again: bool = False  # harvest a second time (what did it change?)


@dataclass
class Harvest:
    base: str
    first: CrawlReport
    records: list[dict[str, Any]]
    requests: list[Request]
    events: list[dict[str, Any]]
    states: dict[str, DocumentState]  # by native id
    blobs: BlobStore
    second: CrawlReport | None = None
    records_again: list[dict[str, Any]] = field(default_factory=list)
    requests_again: list[Request] = field(default_factory=list)


@dataclass
class Crawl:
    """One crawl as the GemeenteOplossingen and Parlaeus tests read it (requests as targets)."""

    base: str
    report: CrawlReport
    records: list[dict[str, Any]]
    requests: list[str]

    @classmethod
    def of(cls, done: Harvest) -> Crawl:
        return cls(done.base, done.first, done.records, [r.target for r in done.requests])


def words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


def tally(text: str) -> dict[str, int]:
    """`"meetings=2 errors=4"` as {"meetings": 2, "errors": 4}."""
    pairs = (word.partition("=") for word in text.split())
    return {name: int(value) for name, _, value in pairs}


MARCH = (date(2024, 3, 1), date(2024, 3, 31))
GOLDEN_CASES: dict[Supplier, GoldenCase] = {
    Supplier.NOTUBIZ: GoldenCase(
        server=NotubizFixtureServer,
        source=lambda s: notubiz_source(s.url),
        window=MARCH,
        types=words("organization committee meeting agenda_item register_entry motion document"),
        golden=FIXTURES / "notubiz" / "expected" / "zuidwaarde.json",
        status="partial",
        # skipped_non_public: a private event, "No rights", a confidential doc
        counts=tally(
            "meetings=2 agenda_items=7 documents=12 committees=2 register_entries=6 "
            "organizations=1 motions=3 skipped_non_public=3 errors=4 "
            "repaired_links=1 documents_downloaded=10 download_failed=2"
        ),
        watermark="2024-03-07",  # item 3100003
        again=True,
    ),
    Supplier.IBABS: GoldenCase(
        server=IbabsFixtureServer,
        source=lambda s: ibabs_source(s.url + "/api/Public.svc"),
        window=(date(2024, 1, 1), date(2024, 3, 31)),
        types=words(
            "organization committee meeting agenda_item register_entry document person motion vote"
        ),
        golden=FIXTURES / "ibabs" / "expected" / "zuidwaarde.json",
        status="partial",  # a document without a URL, a locked file
        # skipped_non_public: a confidential agenda item and document
        counts=tally(
            "meetings=3 agenda_items=4 documents=5 committees=3 organizations=1 "
            "persons=3 register_entries=3 motions=2 votes=3 skipped_non_public=2 "
            "errors=1 download_failed=1 documents_downloaded=4"
        ),
        watermark="2024-02-16T10:15:30",
        again=True,
    ),
    Supplier.GEMEENTEOPLOSSINGEN: GoldenCase(
        server=GoFixtureServer,
        source=lambda s: go_source(s.url),
        window=MARCH,
        types=words("organization committee meeting agenda_item document"),
        golden=FIXTURES / "gemeenteoplossingen" / "expected" / "rivierstad.json",
        status="partial",
        counts=tally(
            "meetings=3 agenda_items=5 documents=8 committees=4 organizations=1 "
            "skipped_inactive=1 skipped_non_agenda_items=2 documents_downloaded=8 "
            "errors=4"
        ),
    ),
    Supplier.PARLAEUS: GoldenCase(
        server=ParlaeusFixtureServer,
        source=lambda s: parlaeus_source(s.url),
        window=MARCH,
        types=words("organization committee person meeting agenda_item document"),
        golden=FIXTURES / "parlaeus" / "expected" / "zuidrade.json",
        status="partial",
        counts=tally(
            "meetings=2 agenda_items=8 documents=4 committees=3 repaired_links=1 "
            "documents_downloaded=4 errors=6"
        ),
        watermark="2024-03-10T08:00:00+01:00",
    ),
    Supplier.DIWOO: GoldenCase(
        server=DiwooFixtureServer,
        source=lambda s: diwoo_source(s.url),
        window=MARCH,  # a sitemap listing has no dates: it is read in full
        types=words("organization document"),
        golden=FIXTURES / "diwoo" / "expected" / "utrecht.json",
        status="partial",  # a broken sitemap, a missing one, a <url> without loc
        counts=tally(
            "organizations=1 documents=9 sitemap_indexes=4 sitemaps=6 sitemap_urls=11 "
            "sitemap_urls_repeated=1 diwoo_prefix_undeclared=1 documents_without_metadata=3 "
            "unknown_codes=2 lastmod_missing=1 lastmod_malformed=1 documents_downloaded=9 "
            "errors=3"
        ),
        watermark="2025-11-20",  # the newest lastmod listed (besluitenlijst.pdf)
        again=True,
    ),
    Supplier.ORI: GoldenCase(
        server=OriFixtureServer,  # an ORI 2.0 publisher without an event feed
        source=lambda s: zuidwaarde("ori", f"{s.url}/ori2", "zuidwaarde"),
        window=MARCH,
        types=words("organization committee person meeting agenda_item document motion vote"),
        golden=FIXTURES / "ori" / "expected" / "zuidwaarde.json",
        status="partial",  # a paging that repeats itself, a document without any location
        counts=tally(
            "meetings=3 agenda_items=4 documents=3 committees=2 organizations=1 persons=3 "
            "motions=1 votes=2 ori_paging_stopped=1 documents_downloaded=3 errors=2"
        ),
    ),
}


def crawl_case(
    case: GoldenCase, data_dir: Path, source: Callable[[ReplayServer], Source] | None = None
) -> Harvest:
    """Crawl the case's spider (child process, real Scrapy) against its replay server."""
    settings = crawl_settings(data_dir)
    events: list[dict[str, Any]] = []
    with case.server() as server:
        store = open_store(settings)
        try:
            registered = (source or case.source)(server)
            store.upsert_source(registered)
            key = registered.key

            def run(sink: list[dict[str, Any]]) -> CrawlReport:
                window_from, window_until = case.window
                return run_crawl(
                    settings,
                    key,
                    window_from=window_from,
                    window_until=window_until,
                    on_progress=sink.append,
                )

            first = run(events)
            harvest = Harvest(
                base=server.url,
                first=first,
                records=stored_records(store, key, case.types, server.url),
                requests=server.logged(),
                events=events,
                states={s.id.rsplit(":", 1)[1]: s for s in store.iter_document_states(key)},
                blobs=open_blobs(settings),
            )
            if case.again:
                server.requests.clear()
                harvest.second = run([])
                harvest.records_again = stored_records(store, key, case.types, server.url)
                harvest.requests_again = server.logged()
            return harvest
        finally:
            store.close()


@pytest.fixture(scope="session")
def golden_harvest(tmp_path_factory: pytest.TempPathFactory) -> Callable[[Supplier], Harvest]:
    """The crawl of a supplier's golden case, run once a session and shared by its tests."""
    done: dict[Supplier, Harvest] = {}

    def harvest(supplier: Supplier) -> Harvest:
        if supplier not in done:
            folder = tmp_path_factory.mktemp(f"golden-{supplier.value}")
            done[supplier] = crawl_case(GOLDEN_CASES[supplier], folder)
        return done[supplier]

    return harvest
