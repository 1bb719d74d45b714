"""The sandbox's sample Woo publishers as compact tables (pure data; `woo_world` reads them).

Two publishers, each a DiWoo site served under `/diwoo/<key>` (`diwoo` plug-in):

- `ministerie-ienw`: a ministry (its TOOI URI from the ministries list) publishing two
  Woo-besluit dossiers the way ministries do: `robots.txt` → `sitemapindex-diwoo-infocat014.xml`
  → one sitemap per dossier, DiWoo 0.9.8 metadata, a decision letter listing its inventory with
  `hasParts`, documents pointing to it with `isPartOf`, the inventory as an XLSX in the
  e-discovery export's shape (one dossier) or as the lower-case CSV (the other), judgements and
  refusal grounds per document, documents judged `niet openbaar` listed but not published, and a
  handwritten note published as a scan (no text layer: only OCR reads it).
- `zandaam-woo`: the fictional municipality Zandaam, whose sitemaps show the variants seen in
  the wild (`../shared/docs/woo.md`): padded, relative and blank `Sitemap:` lines without a
  User-agent, an index with a relative gzip part, a document loc with a query string, an index
  loc with a path after `.xml` and a query string leading to a `diwoo:Documents` root, an index
  named `sitemap-index.xml` written as `<urlset>` with `<sitemap>` children and parts named
  `sitemap-00001.xml`, DiWoo 0.9.4 beside 0.9.8, a lastmod after the document written
  `2026-11-11 11:32:33`, documents without metadata (full text only). Zandaam is not in TOOI's
  gemeentelijst, so its publisher is a label without a resource (an unknown code, counted).

Paths are below the publisher's site (`<sandbox>/diwoo/<key>`); `{site}` in a robots.txt line or
an index loc is the site's absolute URL, `{path}` its path on the host (a relative `Sitemap:`
line resolves against the host root). Everything here is fictional sample data.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from normalize.woo_categories import WooCategory

# listing shapes (rendered by `woo_sitemaps`)
INDEX = "sitemapindex"  # <sitemapindex> with a lastmod per part
INDEX_BARE = "sitemapindex-bare"  # <sitemapindex> without lastmod
URLSET_INDEX = "urlset-index"  # an index written as <urlset> with <sitemap> children
SITEMAP = "sitemap"  # <urlset>, DiWoo 0.9.8, lastmod before diwoo:Document
SITEMAP_094 = "sitemap-0.9.4"  # DiWoo 0.9.4 schemaLocation, lastmod after diwoo:Document
DOCUMENTS_ROOT = "diwoo-documents"  # diwoo:Documents root, loc/lastmod and flat metadata inside

# file kinds (rendered by `woo_files`)
PDF, SCAN, XLSX, CSV = "pdf", "scan", "xlsx", "csv"

W = WooCategory


@dataclass(frozen=True)
class Listing:
    """One index or sitemap file of a site. `parts`: an index's sitemap locs as written."""

    path: str  # "/sitemapindex-diwoo-infocat008.xml", "/sitemaps/infocat008-2.xml.gz" (gzip)
    shape: str
    parts: tuple[str, ...] = ()
    query: str = ""  # served only with this query string ("page=1"), when given
    lastmod: str = "2026-11-20T09:00:00+01:00"  # of each part, in an index that writes one


@dataclass(frozen=True)
class Row:
    """One row of an inventory list, as written; `file` is the judged document's file name in
    the dossier's folder when it is published (None: not published); `linked`: the list links
    it (else the harvester must join it by number)."""

    number: int
    name: str
    judgement: str
    grounds: str | None
    written: str  # the document's date as the list writes it
    file: str | None
    linked: bool = True


@dataclass(frozen=True)
class Besluit:
    """A Woo-besluit: its letter `besluit.pdf`, its inventory and the documents judged, all in
    `folder`, listed in `sitemap`."""

    case: str
    title: str
    summary: str
    decided: date
    folder: str
    inventory: str  # "inventarislijst.xlsx" (e-discovery shape) or "inventarislijst.csv"
    sitemap: str
    rows: tuple[Row, ...]
    scanned: tuple[int, ...] = ()  # numbers of rows published as a scan


@dataclass(frozen=True)
class Publication:
    """A document of a site outside a Woo-besluit (`metadata=False`: loc and lastmod only)."""

    path: str  # may carry a query string
    title: str
    category: WooCategory
    kind: str  # a TOOI documentsoort label, or "" for none
    created: date
    sitemap: str
    lastmod: str | None
    text: str
    metadata: bool = True


@dataclass(frozen=True)
class Publisher:
    key: str
    name: str  # the source's name
    label: str  # the DiWoo publisher's label
    tooi_uri: str | None  # None: not in TOOI's lists (the label is an unknown code)
    organisation_type: str  # a `normalize.records.OrganizationType` value
    robots: tuple[str, ...]  # robots.txt lines
    listings: tuple[Listing, ...]
    besluiten: tuple[Besluit, ...] = ()
    publications: tuple[Publication, ...] = ()


WOO_NOTICE = "Voorbeeldgegevens van de Vindplaats-sandbox, geen echte Woo-publicatie."
MINISTRY_LASTMOD = "2026-11-05T16:00:00+01:00"
SCANNED_WORD = "brugkleppen"  # only in the scanned note, so only OCR finds it
SCANNED_NOTE = (
    "Ministerie van Infrastructuur en Waterstaat",
    "Aantekening bouwoverleg Kreekbrug",
    "Voorbeeldgegevens van de Vindplaats-sandbox",
    "",
    f"De {SCANNED_WORD} worden in maart vervangen.",
    "De omleiding loopt via de Sluisstraat.",
    "Kenmerk WOO-2026-0117, document 2106",
)

KREEKBRUG = Besluit(
    case="WOO-2026-0117",
    title="Besluit op het Woo-verzoek over de vervanging van de Kreekbrug bij Zandaam",
    summary="Besluit op een verzoek om informatie over de planning en de aanbesteding van de "
    "vervanging van de Kreekbrug.",
    decided=date(2026, 10, 14),
    folder="/woo/2026-0117",
    inventory="inventarislijst.xlsx",
    sitemap="/sitemaps/infocat014-1.xml",
    rows=(
        Row(2101, "E-mail over de planning van de Kreekbrug", "Deels Openbaar", "5.1.2e",
            "3/4/2026 9:12 AM UTC", "2101.pdf"),
        Row(2102, "Nota aan de minister", "Deels Openbaar", "5.2; 5.1.2 i",
            "3/18/2026 2:40 PM UTC", "2102.pdf"),
        Row(2103, "Verslag bouwoverleg", "Openbaar", None, "4/2/2026 10:00 AM UTC", "2103.pdf"),
        Row(2104, "Persbericht vervanging Kreekbrug", "Reeds openbaar", None,
            "4/9/2026 8:30 AM UTC", "2104.pdf"),
        Row(2105, "Offerte aannemer", "Niet Openbaar", "5.1.1c; 5.1.2f;",
            "5/12/2026 4:05 PM UTC", None),
        Row(2106, "Handgeschreven aantekening", "Openbaar", None, "5/20/2026 11:00 AM UTC",
            "2106_Handgeschreven_aantekening.pdf", linked=False),
    ),
    scanned=(2106,),
)  # fmt: skip
WINDPARK = Besluit(
    case="WOO-2026-0142",
    title="Besluit op het Woo-verzoek over de vergunning voor windpark Zandaam-Noord",
    summary="Besluit op een verzoek om de adviezen en de briefwisseling over de vergunning "
    "voor windpark Zandaam-Noord.",
    decided=date(2026, 11, 4),
    folder="/woo/2026-0142",
    inventory="inventarislijst.csv",
    sitemap="/sitemaps/infocat014-2.xml",
    rows=(
        Row(3101, "Advies Rijkswaterstaat", "Openbaar", None, "2026-06-02", "3101.pdf", False),
        Row(3102, "Brief aan de gemeente Zandaam", "Deels openbaar", "5.1.2e", "2026-06-15",
            "3102.pdf", False),
        Row(3103, "Intern memo", "Niet openbaar", "5.1.5", "2026-06-20", None, False),
    ),
)  # fmt: skip

MINISTRY = Publisher(
    key="ministerie-ienw",
    name="Ministerie van Infrastructuur en Waterstaat (voorbeeld)",
    label="ministerie van Infrastructuur en Waterstaat",
    tooi_uri="https://identifier.overheid.nl/tooi/id/ministerie/mnre1130",
    organisation_type="overig",
    robots=(
        "# Voorbeeldgegevens van de Vindplaats-sandbox",
        "User-agent: *",
        "Allow: /",
        "Sitemap: {site}/sitemapindex-diwoo-infocat014.xml",
    ),
    listings=(
        Listing(
            "/sitemapindex-diwoo-infocat014.xml",
            INDEX,
            ("{site}/sitemaps/infocat014-1.xml", "{site}/sitemaps/infocat014-2.xml"),
            lastmod=MINISTRY_LASTMOD,
        ),
        Listing("/sitemaps/infocat014-1.xml", SITEMAP),
        Listing("/sitemaps/infocat014-2.xml", SITEMAP),
    ),
    besluiten=(KREEKBRUG, WINDPARK),
)

ZANDAAM = Publisher(
    key="zandaam-woo",
    name="Gemeente Zandaam (Woo-publicaties)",
    label="gemeente Zandaam",
    tooi_uri=None,
    organisation_type="gemeente",
    robots=(
        "# Voorbeeldgegevens van de Vindplaats-sandbox: geen User-agent, witregels,",
        "# opgevulde en relatieve Sitemap-regels, een index die niet naar de conventie heet.",
        "",
        "  Sitemap: {path}/sitemapindex-diwoo-infocat008.xml  ",
        "Sitemap:{site}/sitemapindex-diwoo-infocat014.xml",
        "",
        "sitemap: {site}/sitemap-index.xml\t",
    ),
    listings=(
        Listing(
            "/sitemapindex-diwoo-infocat008.xml",
            INDEX,
            ("{site}/sitemaps/infocat008-1.xml", "sitemaps/infocat008-2.xml.gz"),
        ),
        Listing("/sitemaps/infocat008-1.xml", SITEMAP),
        Listing("/sitemaps/infocat008-2.xml.gz", SITEMAP),
        Listing(
            "/sitemapindex-diwoo-infocat014.xml",
            INDEX_BARE,
            ("{site}/sitemapindex-diwoo-infocat014.xml/publications?page=1",),
        ),
        Listing("/sitemapindex-diwoo-infocat014.xml/publications", DOCUMENTS_ROOT, query="page=1"),
        Listing("/sitemap-index.xml", URLSET_INDEX, ("{site}/sitemap-00001.xml",)),
        Listing("/sitemap-00001.xml", SITEMAP_094),
    ),
    publications=(
        Publication("/woo/raadsvoorstel-havenkwartier.pdf",
                    "Raadsvoorstel herinrichting Havenkwartier", W.VERGADERSTUKKEN_DECENTRAAL,
                    "vergaderstuk", date(2026, 10, 20), "/sitemaps/infocat008-1.xml",
                    "2026-10-22T09:30:00+02:00",
                    "Het college stelt de raad voor het krediet voor de herinrichting van het "
                    "Havenkwartier beschikbaar te stellen."),
        Publication("/woo/besluitenlijst.pdf?versie=2", "Besluitenlijst raadsvergadering "
                    "12 november 2026", W.VERGADERSTUKKEN_DECENTRAAL, "besluitenlijst",
                    date(2026, 11, 13), "/sitemaps/infocat008-1.xml",
                    "2026-11-13T12:00:00+01:00",
                    "De raad stemt in met het raadsvoorstel herinrichting Havenkwartier."),
        Publication("/woo/motie-dijkzicht.pdf", "Motie groen in Dijkzicht",
                    W.VERGADERSTUKKEN_DECENTRAAL, "motie", date(2026, 11, 12),
                    "/sitemaps/infocat008-2.xml.gz", "2026-11-13T12:00:00+01:00",
                    "De raad verzoekt het college in Dijkzicht meer bomen te planten."),
        Publication("/woo/bijlage-havenkwartier.pdf", "Bijlage kaart Havenkwartier",
                    W.VERGADERSTUKKEN_DECENTRAAL, "", date(2026, 10, 20),
                    "/sitemaps/infocat008-2.xml.gz", "2026-10-22T09:30:00+02:00",
                    "Kaart van het Havenkwartier met de nieuwe kades.", metadata=False),
        Publication("/woo/besluit-woo-2026-0088.pdf",
                    "Besluit op het Woo-verzoek over de parkeervergunningen in Westerhaven",
                    W.WOO_VERZOEKEN, "", date(2026, 10, 1),
                    "/sitemapindex-diwoo-infocat014.xml/publications",
                    "2026-10-15T14:30:00+02:00",
                    "Het college maakt de stukken over de parkeervergunningen openbaar."),
        Publication("/woo/parkeervergunningen-stukken.pdf", "Stukken parkeervergunningen",
                    W.WOO_VERZOEKEN, "", date(2026, 10, 1),
                    "/sitemapindex-diwoo-infocat014.xml/publications", "2026-10-15",
                    "De openbaar gemaakte stukken over de parkeervergunningen.",
                    metadata=False),
        Publication("/woo/jaarverslag-2025.pdf", "Jaarverslag 2025",
                    W.JAARPLANNEN_JAARVERSLAGEN, "jaarverslag", date(2026, 5, 28),
                    "/sitemap-00001.xml", "2026-11-11 11:32:33",
                    "Het jaarverslag 2025 van de gemeente Zandaam."),
        Publication("/woo/begroting%202027.pdf", "begroting 2027",
                    W.JAARPLANNEN_JAARVERSLAGEN, "", date(2026, 11, 5), "/sitemap-00001.xml",
                    None, "De begroting 2027 van de gemeente Zandaam.", metadata=False),
    ),
)  # fmt: skip

PUBLISHERS: tuple[Publisher, ...] = (MINISTRY, ZANDAAM)

__all__ = [
    "CSV",
    "DOCUMENTS_ROOT",
    "INDEX",
    "INDEX_BARE",
    "PDF",
    "PUBLISHERS",
    "SCAN",
    "SCANNED_NOTE",
    "SCANNED_WORD",
    "SITEMAP",
    "SITEMAP_094",
    "URLSET_INDEX",
    "WOO_NOTICE",
    "XLSX",
    "Besluit",
    "Listing",
    "Publication",
    "Publisher",
    "Row",
]
