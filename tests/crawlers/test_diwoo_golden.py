"""The DiWoo spider beyond its golden records (tests/crawlers/test_golden.py): every variant of
woo.md harvested from tests/fixtures/diwoo/ on the loopback fixture server, the files
downloaded, the failures of single files and urls counted while the crawl goes on, what fails a
crawl as a whole, and a second crawl that downloads nothing again."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from crawlers.report import CrawlReport
from crawlers.run import run_crawl
from normalize.cleaners import AMSTERDAM
from normalize.records import Document, DownloadStatus, Supplier
from tests.crawlers.conftest import Harvest, crawl_settings, diwoo_source
from tests.crawlers.diwoo_server import DiwooFixtureServer
from vindplaats.sources import Source
from vindplaats.store import open_store

KEY = "utrecht"


@pytest.fixture
def utrecht(golden_harvest: Callable[[Supplier], Harvest]) -> Harvest:
    return golden_harvest(Supplier.DIWOO)


def by_title(harvest: Harvest) -> dict[str, dict[str, Any]]:
    return {r["title"]: r for r in harvest.records if r["record_type"] == "document"}


def test_every_variant_is_harvested_as_a_document(utrecht: Harvest) -> None:
    docs = by_title(utrecht)
    assert sorted(docs) == [
        "Advies Stationsplein",  # undeclared diwoo: prefix, invented codes
        "Advies van de rekenkamer over het armoedebeleid",  # next to a <url> without loc
        "Amendement A1 Groen op het Stationsplein",  # a gzip sitemap
        "Besluit op het Woo-verzoek over de parkeervergunningen",  # the diwoo:Documents root
        "Besluitenlijst raadsvergadering 13 november 2025",  # a query string in loc
        "Jaarverslag 2024",  # DiWoo 0.9.4, lastmod after the document, not a W3C datetime
        "Raadsvoorstel herinrichting Stationsplein",  # in two sitemaps: read once, with metadata
        "begroting 2026.pdf",  # no metadata, no lastmod: titled by its file name
        "inventarislijst.pdf",  # the diwoo:Documents root, loc and lastmod only
    ]
    besluit = docs["Besluit op het Woo-verzoek over de parkeervergunningen"]
    assert besluit["woo_category"] == "3.3.2i"
    assert besluit["woo"]["publisher"]["uri"].endswith("/gemeente/gm0344")
    assert besluit["source_url"] == "{base}/sitemapindex-diwoo-infocat014.xml/publications?page=1"
    jaarverslag = docs["Jaarverslag 2024"]
    assert (jaarverslag["woo_category"], jaarverslag["version"]) == (
        "3.3.2g",
        "2025-11-11 11:32:33",
    )
    assert jaarverslag["modified"] == "2025-11-11T11:32:33+01:00"  # read as Dutch time
    advies = docs["Advies Stationsplein"]
    assert advies["woo_category"] == "3.3.2e"
    unknown = [advies["woo"]["documentsoorten"][0], advies["woo"]["language"]]
    assert [(c["uri"].rsplit("/", 1)[1], c["known"]) for c in unknown] == [
        ("c_advies", False),
        ("c_nl", False),
    ]
    raadsvoorstel = docs["Raadsvoorstel herinrichting Stationsplein"]
    assert raadsvoorstel["source_url"] == "{base}/sitemaps/infocat008-1.xml"
    assert docs["Besluitenlijst raadsvergadering 13 november 2025"]["original_url"] == (
        "{base}/files/008/besluitenlijst.pdf?versie=2"
    )
    assert "woo" not in docs["begroting 2026.pdf"]
    organisations = [r for r in utrecht.records if r["record_type"] == "organization"]
    assert [o["name"] for o in organisations] == ["Gemeente Utrecht"]
    assert {d["organization_id"] for d in docs.values()} == {organisations[0]["id"]}


def test_every_file_is_downloaded_once(utrecht: Harvest) -> None:
    assert len(utrecht.states) == 9
    for state in utrecht.states.values():
        assert state.download_status == DownloadStatus.OK, state.download_error
        assert state.sha256 is not None
        assert utrecht.blobs.path(state.sha256).read_bytes().startswith(b"%PDF-1.4")
    files = [r.path for r in utrecht.requests if r.path.startswith(("/files/", "/woo/", "/index"))]
    assert len(files) == len(set(files)) == 9


def test_the_failures_of_single_files_and_urls_are_counted_and_named(utrecht: Harvest) -> None:
    base, errors = utrecht.base, utrecht.first.errors
    assert sorted(errors) == sorted(
        [
            f"sitemap not read: HTTP 404 Not Found: {base}/sitemaps/ontbreekt.xml",
            f"sitemap not read: {base}/sitemaps/kapot.xml: not well-formed XML (Premature end "
            "of data in tag lastmod line 5, line 6, column 1 (<string>, line 6))",
            f"{base}/sitemaps/infocat010-1.xml: a <url> with no loc; not read",
        ]
    )
    assert utrecht.first.counts.get("listed_in_full") is None  # nothing may be withdrawn


def test_robots_txt_comes_first_and_each_file_is_asked_once(utrecht: Harvest) -> None:
    paths = [r.path for r in utrecht.requests]
    assert paths[0] == "/robots.txt"
    listings = [p for p in paths if not p.startswith(("/files/", "/woo/", "/index"))]
    assert len(listings) == len(set(listings)) == 13
    assert "/sitemaps/infocat008-2.xml.gz" in listings
    assert "/sitemapindex-diwoo-infocat014.xml/publications" in listings
    sitemap = next(r for r in utrecht.requests if r.path == "/sitemap-00001.xml")
    assert "application/xml" in sitemap.header("accept")


def test_a_second_crawl_downloads_nothing_again(utrecht: Harvest) -> None:
    again = utrecht.second
    assert again is not None
    assert again.counts.get("documents_unchanged") == 9
    assert again.counts.get("documents_downloaded") is None
    assert utrecht.records_again == utrecht.records
    assert not [r for r in utrecht.requests_again if r.path.startswith(("/files/", "/woo/"))]


def crawl(
    tmp: Path,
    source: Callable[[str], Source],
    change: Callable[[DiwooFixtureServer], None],
    **overrides: Any,
) -> tuple[CrawlReport, list[Document], list[str]]:
    settings = crawl_settings(tmp, **overrides)
    with DiwooFixtureServer() as server:
        change(server)
        store = open_store(settings)
        try:
            store.upsert_source(source(server.url))
            report = run_crawl(
                settings, KEY, window_from=date(2025, 1, 1), window_until=date(2025, 12, 31)
            )
            docs = [d for d in store.iter_records("document", KEY) if isinstance(d, Document)]
        finally:
            store.close()
        return report, docs, [r.path for r in server.logged()]


def test_a_site_without_robots_txt_fails_the_crawl(tmp_path: Path) -> None:
    report, docs, paths = crawl(
        tmp_path, lambda url: diwoo_source(url + "/nergens"), lambda s: None
    )
    assert report.status == "failed"
    assert re.fullmatch(
        r"robots\.txt could not be read: HTTP 404 Not Found: http://127\.0\.0\.1:\d+/nergens/"
        r"robots\.txt \(a site without one: register its sitemap index's URL as the source's "
        r"base_url\)",
        report.errors[0],
    )
    assert (docs, paths) == ([], ["/nergens/robots.txt"])


def test_robots_txt_without_sitemap_lines_fails_the_crawl(tmp_path: Path) -> None:
    report, docs, _ = crawl(tmp_path, diwoo_source, lambda s: s.unlist("itemap"))
    assert report.status == "failed"
    assert report.errors[0].startswith("robots.txt lists no Sitemap: lines: http://")
    assert docs == []


def test_a_source_registered_with_an_index_reads_it_without_robots_txt(tmp_path: Path) -> None:
    report, docs, paths = crawl(
        tmp_path, lambda url: diwoo_source(url + "/sitemap-index.xml"), lambda s: None
    )
    assert report.status == "ok", report.errors
    assert sorted(d.title for d in docs) == [
        "Advies Stationsplein",
        "Jaarverslag 2024",
        "begroting 2026.pdf",
    ]
    assert "/robots.txt" not in paths
    assert report.counts["listed_in_full"] == 1
    jaarverslag = next(d for d in docs if d.title == "Jaarverslag 2024")
    assert jaarverslag.modified == datetime(2025, 11, 11, 11, 32, 33, tzinfo=AMSTERDAM)


def test_a_sitemap_over_its_cap_is_an_error_naming_the_setting(tmp_path: Path) -> None:
    cap = 1600  # the fixtures hold sitemaps of 1,504 to 3,734 bytes
    report, docs, _ = crawl(
        tmp_path, diwoo_source, lambda s: s.unlist("010"), max_sitemap_bytes=cap
    )
    base = report.errors[0].split("/sitemap", 1)[0].removeprefix("sitemap not read: ")
    assert sorted(report.errors) == [
        f"sitemap not read: {base}/sitemap-00001.xml: too large: over the cap of {cap} bytes "
        "(VINDPLAATS_MAX_SITEMAP_BYTES); not read",
        f"sitemap not read: {base}/sitemap-00002.xml: too large: over the cap of {cap} bytes "
        "(VINDPLAATS_MAX_SITEMAP_BYTES); not read",
        f"sitemap not read: {base}/sitemaps/infocat008-1.xml: too large: over the cap of {cap} "
        "bytes (VINDPLAATS_MAX_SITEMAP_BYTES); not read",
        f"sitemap not read: {base}/sitemaps/infocat008-2.xml.gz: gzip sitemap decompresses to "
        f"more than {cap} bytes",
    ]
    assert report.status == "partial"
    assert sorted(d.file_name or "" for d in docs) == [
        "inventarislijst.pdf",
        "woo-besluit-2025-0412.pdf",
    ]  # the sitemap under the cap is still read
