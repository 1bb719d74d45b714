"""The robots.txt, sitemap indexes and sitemaps of the sample Woo publishers, in the shapes of
`woo_publishers` (the variants of `../shared/docs/woo.md`).

- `robots(publisher, site)`: its `Sitemap:` lines (`{site}`: the site's absolute URL, `{path}`:
  its path on the host, for the relative lines);
- `listing(publisher, listing, documents, site)`: one index or sitemap as bytes (the caller
  gzips a `.gz` one). A sitemap's `<url>`s carry the DiWoo metadata of `metadata()`, written by
  the house's DiWoo writer (`normalize.diwoo_writer`, valid DiWoo 0.9.8), except in a
  `diwoo:Documents` root, which carries the flat elements that shape uses;
- `metadata(publisher, document, site)`: a document's `WooMetadata` (publisher, officiële titel,
  information category, documentsoort, creatiedatum, vaststelling, language, format,
  kenmerken, aggregatiekenmerk, `isPartOf` / `hasParts` as absolute URLs).
"""

from __future__ import annotations

from datetime import datetime, time
from urllib.parse import urlsplit
from xml.sax.saxutils import escape, quoteattr

from lxml import etree

from normalize.dates import AMSTERDAM
from normalize.diwoo_writer import diwoo_document
from normalize.woo_categories import CATEGORIES
from normalize.woo_metadata import WooMetadata
from vindplaats.sandbox.woo_publishers import (
    CSV,
    DOCUMENTS_ROOT,
    INDEX,
    INDEX_BARE,
    SITEMAP_094,
    URLSET_INDEX,
    XLSX,
    Listing,
    Publisher,
)
from vindplaats.sandbox.woo_world import WooDocument

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
DIWOO_NS = "https://standaarden.overheid.nl/diwoo/metadata/"
DIWOO_094_XSD = "https://standaarden.overheid.nl/diwoo/metadata/0.9.4/xsd/diwoo-metadata.xsd"
NEDERLANDS = "http://publications.europa.eu/resource/authority/language/NLD"
FORMATS = {XLSX: "Excel XLSX", CSV: "CSV"}  # else PDF
HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'
COMMENT = "<!-- Voorbeeldgegevens van de Vindplaats-sandbox -->\n"


def robots(publisher: Publisher, site: str) -> bytes:
    path = urlsplit(site).path
    lines = [line.format(site=site, path=path) for line in publisher.robots]
    return ("\n".join(lines) + "\n").encode("utf-8")


def metadata(publisher: Publisher, document: WooDocument, site: str) -> WooMetadata:
    fields: dict[str, object] = {
        "publisher": {"label": publisher.label, "uri": publisher.tooi_uri},
        "officiele_titel": document.title,
        "omschrijvingen": [document.text],
        "informatiecategorieen": [{"uri": CATEGORIES[document.category].tooi_uri}],
        "creatiedatum": document.created,
        "documenthandelingen": [
            {
                "soort_handeling": {"label": "vaststelling"},
                "at_time": datetime.combine(document.created, time(10), AMSTERDAM),
            }
        ],
        "language": {"uri": NEDERLANDS},
        "format": {"label": FORMATS.get(document.kind, "PDF")},
        "identifiers": list(document.identifiers),
        "aggregatiekenmerk": document.aggregatiekenmerk,
        "has_parts": [{"label": label, "resource": site + path} for label, path in document.parts],
    }
    if document.documentsoort:
        fields["documentsoorten"] = [{"label": document.documentsoort}]
    if document.part_of is not None:
        fields["is_part_of"] = {"label": "Besluit", "resource": site + document.part_of}
    return WooMetadata.model_validate(fields)


def _block(publisher: Publisher, document: WooDocument, site: str) -> str:
    element = diwoo_document(metadata(publisher, document, site))
    return etree.tostring(element, encoding="unicode")


def _url(publisher: Publisher, document: WooDocument, site: str, *, lastmod_last: bool) -> str:
    loc = f"<loc>{escape(site + document.path)}</loc>"
    lastmod = f"<lastmod>{document.lastmod}</lastmod>" if document.lastmod else ""
    block = _block(publisher, document, site) if document.metadata else ""
    inner = loc + block + lastmod if lastmod_last else loc + lastmod + block
    return f"  <url>{inner}</url>\n"


def _flat(publisher: Publisher, document: WooDocument, site: str) -> str:
    """A `diwoo:Document` of the `diwoo:Documents` root: loc, lastmod and flat metadata."""
    parts = [f"<loc>{escape(site + document.path)}</loc>"]
    if document.lastmod:
        parts.append(f"<lastmod>{document.lastmod}</lastmod>")
    if document.metadata:
        category = CATEGORIES[document.category]
        publisher_attr = f" resource={quoteattr(publisher.tooi_uri)}" if publisher.tooi_uri else ""
        at = datetime.combine(document.created, time(10), AMSTERDAM).isoformat()
        parts += [
            f"<diwoo:creatiedatum>{at}</diwoo:creatiedatum>",
            f"<diwoo:publisher{publisher_attr}>{escape(publisher.label)}</diwoo:publisher>",
            f"<diwoo:officieleTitel>{escape(document.title)}</diwoo:officieleTitel>",
            "<diwoo:format>pdf</diwoo:format>",
            f"<diwoo:informatiecategorie resource={quoteattr(category.tooi_uri)}>"
            f"{escape(category.label)}</diwoo:informatiecategorie>",
            "<diwoo:soortHandeling>vaststelling</diwoo:soortHandeling>",
            f"<diwoo:atTime>{at}</diwoo:atTime>",
        ]
    return "  <diwoo:Document>" + "".join(parts) + "</diwoo:Document>\n"


def _index(listing: Listing, site: str, root: str) -> str:
    entries = []
    for part in listing.parts:
        loc = f"<loc>{escape(part.format(site=site))}</loc>"
        lastmod = f"<lastmod>{listing.lastmod}</lastmod>" if listing.shape == INDEX else ""
        entries.append(f"  <sitemap>{loc}{lastmod}</sitemap>\n")
    return f'<{root} xmlns="{SITEMAP_NS}">\n{"".join(entries)}</{root}>\n'


def listing(
    publisher: Publisher, listing: Listing, documents: list[WooDocument], site: str
) -> bytes:
    """One index or sitemap of `publisher`'s site at `site`, listing `documents`."""
    if listing.shape in (INDEX, INDEX_BARE):
        body = _index(listing, site, "sitemapindex")
    elif listing.shape == URLSET_INDEX:
        body = _index(listing, site, "urlset")
    elif listing.shape == DOCUMENTS_ROOT:
        flat = "".join(_flat(publisher, d, site) for d in documents)
        body = (
            f'<diwoo:Documents xmlns="{SITEMAP_NS}" xmlns:diwoo="{DIWOO_NS}">\n'
            f"{flat}</diwoo:Documents>\n"
        )
    elif listing.shape == SITEMAP_094:
        urls = "".join(_url(publisher, d, site, lastmod_last=True) for d in documents)
        body = (
            f'<urlset xmlns="{SITEMAP_NS}" xmlns:diwoo="{DIWOO_NS}"\n'
            '        xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"\n'
            f'        xsi:schemaLocation="{SITEMAP_NS} {SITEMAP_NS}/sitemap.xsd '
            f'{DIWOO_NS} {DIWOO_094_XSD}">\n{urls}</urlset>\n'
        )
    else:
        urls = "".join(_url(publisher, d, site, lastmod_last=False) for d in documents)
        body = f'<urlset xmlns="{SITEMAP_NS}" xmlns:diwoo="{DIWOO_NS}">\n{urls}</urlset>\n'
    return (HEAD + COMMENT + body).encode("utf-8")


__all__ = ["listing", "metadata", "robots"]
