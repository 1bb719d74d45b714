"""The DiWoo spider's pure functions (`crawlers.diwoo_parse`): robots.txt Sitemap lines, gzip
with a cap, what a file lists (index or sitemap, every variant of woo.md), ids from URLs and the
fields of a document."""

from __future__ import annotations

import gzip
from datetime import datetime

import pytest

from crawlers import diwoo_parse as parse
from normalize.cleaners import AMSTERDAM
from normalize.diwoo_reader import DiWooEntry
from normalize.woo_categories import WooCategory
from tests.crawlers.diwoo_server import FIXTURES

SITE = "https://woo.example.nl"


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes().replace(b"{base}", SITE.encode())


def test_robots_sitemap_lines_padded_relative_and_without_user_agent() -> None:
    urls = parse.sitemap_urls(fixture("robots.txt"), f"{SITE}/robots.txt")
    assert urls == [
        f"{SITE}/sitemapindex-diwoo-infocat008.xml",
        f"{SITE}/sitemapindex-diwoo-infocat014.xml",
        f"{SITE}/sitemap-index.xml",
        f"{SITE}/sitemapindex-diwoo-infocat010.xml",
    ]


def test_robots_lines_each_once_and_only_web_addresses() -> None:
    robots = b"Sitemap: /a.xml\nSITEMAP: /a.xml\nsitemap: ftp://x/b.xml\nDisallow: /\n\n"
    assert parse.sitemap_urls(robots, f"{SITE}/robots.txt") == [f"{SITE}/a.xml"]
    assert parse.sitemap_urls(b"User-agent: *\nDisallow:\n", f"{SITE}/robots.txt") == []


def test_gzip_is_decompressed_up_to_its_cap() -> None:
    body = fixture("sitemap-index.xml")
    assert parse.unpack(gzip.compress(body), cap=len(body)) == body
    assert parse.unpack(body, cap=10) == body  # not gzip: as it is (the request's cap applies)
    bomb = gzip.compress(b"<" * 5_000_000)
    with pytest.raises(parse.SitemapError, match="decompresses to more than 1000000 bytes"):
        parse.unpack(bomb, cap=1_000_000)
    with pytest.raises(parse.SitemapError, match="not a readable gzip file"):
        parse.unpack(b"\x1f\x8b\x08\x00garbage", cap=1_000_000)


def test_a_sitemap_index_lists_its_sitemaps_with_lastmod() -> None:
    listing = parse.read_listing(fixture("sitemapindex-diwoo-infocat008.xml"))
    assert listing.kind == "index"
    assert [(s.loc, s.lastmod) for s in listing.sitemaps] == [
        (f"{SITE}/sitemaps/infocat008-1.xml", "2025-11-20T12:00:00+01:00"),
        ("/sitemaps/infocat008-2.xml.gz", "2025-11-20T12:00:00+01:00"),
    ]


def test_an_index_written_as_urlset_with_sitemap_children_is_an_index() -> None:
    listing = parse.read_listing(fixture("sitemap-index.xml"))
    assert listing.kind == "index"
    assert [s.loc for s in listing.sitemaps] == [
        f"{SITE}/sitemap-00001.xml",
        f"{SITE}/sitemap-00002.xml",
    ]
    assert all(s.lastmod is None for s in listing.sitemaps)


def test_an_index_entry_without_loc_is_counted() -> None:
    body = b"<sitemapindex><sitemap><lastmod>2025-01-01</lastmod></sitemap></sitemapindex>"
    listing = parse.read_listing(body)
    assert (listing.kind, listing.sitemaps, listing.without_loc) == ("index", (), 1)


def test_the_documents_root_is_a_sitemap_with_loc_inside_each_document() -> None:
    listing = parse.read_listing(fixture("infocat014-publications-page1.xml"))
    assert listing.kind == "sitemap"
    first, second = listing.entries
    assert first.loc == f"{SITE}/index.php/s/aB3dE/download/woo-besluit-2025-0412.pdf"
    assert first.metadata is not None
    assert first.metadata.woo_categories() == [WooCategory.WOO_VERZOEKEN]
    assert (second.lastmod, second.metadata) == ("2025-10-15", None)


def test_an_undeclared_diwoo_prefix_is_read_with_the_declaration_added() -> None:
    listing = parse.read_listing(fixture("sitemap-00002.xml"))
    assert listing.prefix_added
    (entry,) = listing.entries
    assert entry.metadata is not None
    assert entry.metadata.verkorte_titels == ["Advies Stationsplein"]
    assert entry.metadata.publisher is not None and entry.metadata.publisher.known


def test_a_declared_prefix_is_not_touched() -> None:
    assert not parse.read_listing(fixture("sitemaps/infocat008-1.xml")).prefix_added


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"", "empty document"),
        (b"<html><body>Niet gevonden</body></html>", "is not a DiWoo sitemap"),
        (b"<urlset><url><loc>x</loc>", "not well-formed"),
        (
            b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">]><urlset>&lol;</urlset>',
            "DTD",
        ),
        (b"<urlset><url><other:loc>x</other:loc></url></urlset>", "other"),
    ],
)
def test_what_cannot_be_read_is_a_sitemap_error(body: bytes, reason: str) -> None:
    with pytest.raises(parse.SitemapError, match=reason):
        parse.read_listing(body)


BILLION_LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol0 "lol">'
    + b"".join(b'<!ENTITY lol%d "%s">' % (i, b"&lol%d;" % (i - 1) * 10) for i in range(1, 10))
    + b"]><urlset><url><loc>&lol9;</loc></url></urlset>"
)
EXTERNAL = (
    b'<?xml version="1.0"?><!DOCTYPE u [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    b"<urlset><url><loc>&x;</loc></url></urlset>"
)
DEEP = b"<urlset><url><loc>x</loc>" + b"<a>" * 10_000 + b"</a>" * 10_000 + b"</url></urlset>"


@pytest.mark.parametrize(
    ("body", "reason"),
    [(BILLION_LAUGHS, "amplification|DTD"), (EXTERNAL, "DTD"), (DEEP, "Excessive depth")],
    ids=["billion-laughs", "external-entity", "10000-deep"],
)
def test_hostile_xml_fails_fast_without_expanding_anything(body: bytes, reason: str) -> None:
    with pytest.raises(parse.SitemapError, match=reason) as raised:
        parse.read_listing(body)
    assert "root:" not in str(raised.value)  # nothing of /etc/passwd


def test_url_native_is_the_same_for_the_site_however_its_address_is_written() -> None:
    path = "/files/008/besluitenlijst.pdf?versie=2"
    native = parse.url_native(SITE + path, SITE)
    assert native == parse.url_native("http://127.0.0.1:8080" + path, "http://127.0.0.1:8080/")
    assert len(native) == parse.NATIVE_LENGTH and native.isalnum()
    assert native != parse.url_native(SITE + "/files/008/besluitenlijst.pdf?versie=3", SITE)
    other = "https://CDN.example.nl/files/008/besluitenlijst.pdf?versie=2"
    assert parse.url_native(other, SITE) == parse.url_native(other.lower(), SITE)
    assert parse.url_native(other, SITE) != native


def test_lastmod_problems() -> None:
    def entry(lastmod: str | None) -> DiWooEntry:
        return DiWooEntry(loc="x", lastmod=lastmod, lastmod_time=None, metadata=None)

    assert parse.lastmod_problem(entry(None)) == "missing"
    assert parse.lastmod_problem(entry("2025-11-11 11:32:33")) == "malformed"
    assert parse.lastmod_problem(entry("11-11-2025")) == "malformed"
    for good in ("2025-11-11", "2025-11-11T11:32:33+01:00", "2025-11-11T10:32Z", "2025"):
        assert parse.lastmod_problem(entry(good)) is None


def test_document_fields_from_full_metadata() -> None:
    (first, _) = parse.read_listing(fixture("sitemaps/infocat008-1.xml")).entries
    loc = f"{SITE}/files/008/raadsvoorstel-2025-17.pdf"
    fields = parse.document_fields(first, loc)
    assert fields["title"] == "Raadsvoorstel herinrichting Stationsplein"
    assert fields["file_name"] == "raadsvoorstel-2025-17.pdf"
    assert fields["version"] == "2025-11-12T09:30:00+01:00"
    assert fields["date"] == datetime(2025, 11, 4, tzinfo=AMSTERDAM)
    assert fields["published"] == datetime(2025, 11, 4, 16, tzinfo=AMSTERDAM)
    assert fields["description"].startswith("Voorstel aan de raad")
    assert fields["woo"] is first.metadata


def test_document_fields_without_metadata_take_the_file_name() -> None:
    (_, bare) = parse.read_listing(fixture("sitemap-00001.xml")).entries
    fields = parse.document_fields(bare, f"{SITE}/woo/begroting%202026.pdf")
    assert fields["title"] == fields["file_name"] == "begroting 2026.pdf"
    assert fields["version"] is None and "woo" not in fields
    assert parse.file_name(f"{SITE}/") is None
