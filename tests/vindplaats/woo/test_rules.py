"""The Woo-index rules on single values: loc, file type, lastmod, index and sitemap names."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from vindplaats.woo import rules

NOW = datetime(2026, 1, 15, 12, 0, tzinfo=UTC)
FORMATS = {"PDF": "http://publications.europa.eu/resource/authority/file-type/PDF", "DOCX": "x"}


@pytest.mark.parametrize(
    ("loc", "rule"),
    [
        ("https://example.nl/woo/besluit.pdf", None),
        ("http://example.nl/woo/besluit.pdf", "WOO-LOC-HTTPS"),
        ("//example.nl/woo/besluit.pdf", "WOO-LOC-ABSOLUTE"),
        ("woo/besluit.pdf", "WOO-LOC-ABSOLUTE"),
    ],
)
def test_loc(loc: str, rule: str | None) -> None:
    problem = rules.loc_problem(loc)
    assert (problem[0] if problem else None) == rule


@pytest.mark.parametrize(
    ("loc", "format_uri", "rule"),
    [
        ("https://example.nl/d/besluit.PDF", None, None),
        ("https://example.nl/d/besluit.docx", None, None),
        ("https://example.nl/d/besluit", FORMATS["PDF"], None),  # the type from <format>
        ("https://example.nl/d/besluit.html", "…/file-type/HTML", None),  # an HTML document
        ("https://example.nl/d/besluit.html", None, "WOO-LOC-FILE"),
        ("https://example.nl/d/download.php?id=4", None, "WOO-LOC-FILE"),
        ("https://example.nl/d/besluit/", None, "WOO-LOC-FILE"),
        ("https://example.nl/d/besluit.msg", None, "WOO-FORMAT-ACCEPTED"),
        ("https://example.nl/d/4711", None, "WOO-FORMAT-UNKNOWN"),
        ("https://example.nl/d/versie.2", None, "WOO-FORMAT-UNKNOWN"),  # a number is no type
    ],
)
def test_file_type(loc: str, format_uri: str | None, rule: str | None) -> None:
    problem = rules.file_problem(loc, format_uri, FORMATS)
    assert (problem[0] if problem else None) == rule


@pytest.mark.parametrize(
    ("lastmod", "rule", "says"),
    [
        ("2025-11-11", None, ""),
        ("2025-11-11T11:32:33+01:00", None, ""),
        ("2025-11-11T11:32:33.250Z", None, ""),
        ("2025-11-11 11:32:33", "WOO-LASTMOD-FORMAT", "a space instead of T"),
        ("2025-11-11T11:32:33", "WOO-LASTMOD-FORMAT", "no time zone"),
        ("2025-11-11T11:32+01:00", "WOO-LASTMOD-FORMAT", "not a W3C datetime"),  # xs:dateTime
        ("2025-02-30", "WOO-LASTMOD-FORMAT", "not a real date"),
        ("11-11-2025", "WOO-LASTMOD-FORMAT", "not a W3C datetime"),
        ("2026-01-16T11:00:00Z", None, ""),  # within a day: clocks differ
        ("2026-02-01", "WOO-LASTMOD-FUTURE", "in the future"),
    ],
)
def test_lastmod(lastmod: str, rule: str | None, says: str) -> None:
    problem = rules.lastmod_problem(lastmod, NOW)
    assert (problem[0] if problem else None) == rule
    assert says in (problem[1] if problem else "")


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://example.nl/woo/sitemapindex-diwoo.xml", True),
        ("https://example.nl/woo/sitemapindex-diwoo-infocat008.xml", True),
        ("https://example.nl/woo/sitemapindex-diwoo-infocat008.xml.gz", True),
        ("sitemapindex-diwoo.xml", True),
        ("https://example.nl/woo/sitemap-index.xml", False),
        ("https://example.nl/woo/sitemapindex-diwoo.xml?page=1", False),
        ("https://example.nl/woo/sitemapindex-diwoo-infocat001.xml/publications", False),
        ("https://example.nl/woo/Sitemapindex-DiWoo.xml", False),
    ],
)
def test_index_names(url: str, ok: bool) -> None:
    assert (rules.index_name_problem(url) is None) == ok


def test_sitemap_urls_in_an_index() -> None:
    assert rules.sitemap_url_problem("https://example.nl/woo/sitemaps/infocat008-00001.xml") is None
    assert rules.sitemap_url_problem("https://example.nl/api/sitemap/2025/11.xml") is None
    paged = "https://example.nl/woo/sitemapindex-diwoo-infocat001.xml/publications?page=2"
    assert rules.sitemap_url_problem(paged) == (
        "WOO-SITEMAP-URL",
        f"sitemap {paged!r} has a query string",
    )
    after = "https://example.nl/woo/sitemapindex-diwoo-infocat001.xml/publications"
    assert rules.sitemap_url_problem(after) == (
        "WOO-SITEMAP-URL",
        f"sitemap {after!r} has a path after .xml",
    )
