"""A small, clean Woo-index publication for the validation tests, as files in a directory.

Its shape follows the Woo-index exports seen in public repositories: one `Sitemap:` line per
information category pointing to `sitemapindex-diwoo-infocatNNN.xml` (OpenCatalogi's robots.txt
for Woo catalogues, ConductionNL/opencatalogi), an index per category listing its sitemaps, and
`<url>`s with `loc`, `lastmod` and a `diwoo:Document` in the order of KOOP's 0.9.8 handleiding
(publisher, titelcollectie, classificatiecollectie, creatiedatum, format, documenthandelingen).
The files are our own; the tests change one thing at a time to break one rule.
"""

from __future__ import annotations

from pathlib import Path

SITE = "https://example.nl/woo"
CATEGORY = "https://identifier.overheid.nl/tooi/def/thes/kern/c_db4862c3"
LABEL = "vergaderstukken decentrale overheden"
PUBLISHER = "https://identifier.overheid.nl/tooi/id/gemeente/gm0361"
PDF = "http://publications.europa.eu/resource/authority/file-type/PDF"
DUTCH = "http://publications.europa.eu/resource/authority/language/NLD"
VASTSTELLING = "https://identifier.overheid.nl/tooi/def/thes/kern/c_641ecd76"

Files = dict[str, str | bytes]

ROBOTS = f"""User-agent: *
Allow: /

Sitemap: {SITE}/sitemapindex-diwoo-infocat008.xml
Sitemap: {SITE}/sitemapindex-diwoo-infocat006.xml
"""


def index(*sitemaps: str) -> str:
    entries = "".join(
        f"""  <sitemap>
    <loc>{SITE}/{name}</loc>
    <lastmod>2025-11-11T11:32:33+01:00</lastmod>
  </sitemap>
"""
        for name in sitemaps
    )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
{entries}</sitemapindex>
"""


def _list_of_one(wrapper: str, item: str, value: str | None) -> str:
    """`<diwoo:wrapper><diwoo:item>value</diwoo:item></diwoo:wrapper>` on lines; "" for None."""
    if value is None:
        return ""
    return f"""        <diwoo:{wrapper}>
          <diwoo:{item}>{value}</diwoo:{item}>
        </diwoo:{wrapper}>
"""


def document(title: str, identifier: str | None = None, omschrijving: str | None = None) -> str:
    """A complete `diwoo:Document`, with an identifier and an omschrijving when given."""
    identifiers = _list_of_one("identifiers", "identifier", identifier)
    omschrijvingen = _list_of_one("omschrijvingen", "omschrijving", omschrijving)
    return f"""    <diwoo:Document>
      <diwoo:DiWoo>
{identifiers}        <diwoo:publisher resource="{PUBLISHER}">gemeente Alkmaar</diwoo:publisher>
        <diwoo:titelcollectie>
          <diwoo:officieleTitel>{title}</diwoo:officieleTitel>
        </diwoo:titelcollectie>
{omschrijvingen}        <diwoo:classificatiecollectie>
          <diwoo:informatiecategorieen>
            <diwoo:informatiecategorie resource="{CATEGORY}">{LABEL}</diwoo:informatiecategorie>
          </diwoo:informatiecategorieen>
        </diwoo:classificatiecollectie>
        <diwoo:creatiedatum>2025-03-04</diwoo:creatiedatum>
        <diwoo:language resource="{DUTCH}">Nederlands</diwoo:language>
        <diwoo:format resource="{PDF}">pdf</diwoo:format>
        <diwoo:documenthandelingen>
          <diwoo:documenthandeling>
            <diwoo:soortHandeling resource="{VASTSTELLING}">vaststelling</diwoo:soortHandeling>
            <diwoo:atTime>2025-03-04T20:00:00+01:00</diwoo:atTime>
          </diwoo:documenthandeling>
        </diwoo:documenthandelingen>
      </diwoo:DiWoo>
    </diwoo:Document>
"""


def sitemap(*documents: str) -> str:
    urls = "".join(
        f"""  <url>
    <loc>{SITE}/documenten/{name}.pdf</loc>
    <lastmod>2025-03-05T09:00:00+01:00</lastmod>
{document(f"Raadsvoorstel {name}")}  </url>
"""
        for name in documents
    )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:diwoo="https://standaarden.overheid.nl/diwoo/metadata/">
{urls}</urlset>
"""


def clean() -> Files:
    """robots.txt, two category indexes, one sitemap each, two documents per sitemap."""
    return {
        "robots.txt": ROBOTS,
        "sitemapindex-diwoo-infocat008.xml": index("sitemaps/infocat008-00001.xml"),
        "sitemapindex-diwoo-infocat006.xml": index("sitemaps/infocat006-00001.xml"),
        "sitemaps/infocat008-00001.xml": sitemap("rv-2025-001", "rv-2025-002"),
        "sitemaps/infocat006-00001.xml": sitemap("is-2025-101", "is-2025-102"),
    }


def write(root: Path, files: Files) -> Path:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


def line_of(text: str | bytes, needle: str, nth: int = 1) -> int:
    """The line (from 1) of the `nth` occurrence of `needle` in `text`."""
    body = text.decode("utf-8") if isinstance(text, bytes) else text
    at = -1
    for _ in range(nth):
        at = body.index(needle, at + 1)
    return body.count("\n", 0, at) + 1
