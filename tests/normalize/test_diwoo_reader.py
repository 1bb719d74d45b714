"""Reading DiWoo XML into Woo metadata: the shapes publishers write (fixtures in
tests/fixtures/woo_metadata/, each naming the public recording it mirrors), what is kept when a
part is odd, and what is refused."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from normalize.dates import AMSTERDAM
from normalize.diwoo_reader import DiWooXmlError, parse_diwoo_xml, read_entries, read_metadata
from normalize.woo_categories import WooCategory
from normalize.woo_metadata import unknown_codes

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "woo_metadata"
KERN = "https://identifier.overheid.nl/tooi/def/thes/kern/"
VWS = "https://identifier.overheid.nl/tooi/id/ministerie/mnre1025"
NS = 'xmlns:diwoo="https://standaarden.overheid.nl/diwoo/metadata/"'


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def test_a_full_0_9_8_sitemap_reads_every_part_of_the_diwoo_block() -> None:
    besluit, bijlage, plain = read_entries(fixture("sitemap-0.9.8.xml"))
    assert besluit.loc == "https://open.example.nl/files/woo-2025-0412/besluit.pdf"
    assert besluit.lastmod_time == datetime(2025, 11, 12, 8, 30, tzinfo=UTC)
    assert besluit.warnings == ()
    meta = besluit.metadata
    assert meta is not None and unknown_codes(meta) == [] and meta.missing_mandatory() == []
    assert meta.identifiers == ["WOO-2025-0412", "zaak 3798064-1063791"]
    assert meta.publisher is not None and meta.publisher.uri == VWS
    assert meta.publisher.list == "ministeries"
    assert [m.label for m in meta.medeverantwoordelijken] == [
        "ministerie van Binnenlandse Zaken en Koninkrijksrelaties"
    ]
    assert meta.opsteller is not None and meta.opsteller.list == "gemeenten"
    assert meta.naam_opsteller == "Directie Publieke Gezondheid"
    assert meta.officiele_titel == "Besluit op het Woo-verzoek over vaccinatiecampagnes 2021"
    assert meta.verkorte_titels == ["Woo-besluit vaccinatiecampagnes"]
    assert meta.alternatieve_titels == ["Besluit Woo-verzoek 2025-0412"]
    assert meta.omschrijvingen[0].startswith("Besluit op een verzoek om informatie")
    assert meta.woo_categories() == [WooCategory.WOO_VERZOEKEN]
    assert [d.label for d in meta.documentsoorten] == ["beslissing op Wob-/Woo-verzoek"]
    assert [t.label for t in meta.themas] == [
        "geneesmiddelen en medische hulpmiddelen",
        "gezondheidsrisico's",
    ]
    assert meta.trefwoorden == ["vaccinatie", "campagne"]
    assert meta.creatiedatum == date(2025, 11, 3)
    assert meta.geldigheid is not None and meta.geldigheid.einddatum is None
    assert meta.geldigheid.begindatum == datetime(2025, 11, 4, tzinfo=AMSTERDAM)
    assert meta.language is not None and meta.language.label == "Nederlands"
    assert meta.format is not None and meta.format.uri is not None
    assert meta.format.uri.endswith("/file-type/PDF")
    assert meta.aggregatiekenmerk == "WOO-2025-0412"
    assert [p.label for p in meta.has_parts] == ["Inventarislijst", "Openbaar gemaakte documenten"]
    vaststelling, ondertekening = meta.documenthandelingen
    assert vaststelling.soort_handeling.label == "vaststelling"
    assert vaststelling.at_time == datetime(2025, 11, 3, 15, tzinfo=UTC)
    assert vaststelling.was_associated_with is not None
    assert ondertekening.was_associated_with is None
    (relatie,) = meta.documentrelaties
    assert relatie.role.label == "is reactie op" and relatie.role.known
    assert relatie.relation.resource == "https://open.example.nl/files/woo-2025-0412/verzoek.pdf"
    assert meta.reden_verwijdering_vervanging is not None
    assert meta.reden_verwijdering_vervanging.label == "correctie privacygevoelige gegevens"
    (extra,) = meta.extra_metadata
    assert (extra.namespace, extra.prefix) == ("https://open.example.nl/woo/", "vws")
    assert [(f.key, f.values) for f in extra.fields] == [("beoordeling", ["deels openbaar"])]
    assert bijlage.metadata is not None and bijlage.metadata.is_part_of is not None
    assert bijlage.metadata.is_part_of.resource == besluit.loc
    assert plain.loc is not None and plain.metadata is None  # full text only


def test_a_0_9_4_sitemap_with_lastmod_after_the_document_reads_the_same() -> None:
    (entry,) = read_entries(fixture("sitemap-0.9.4.xml"))
    assert entry.loc == "https://woo.example.nl/convenant/2024-17/convenant.pdf?versie=2"
    assert entry.lastmod == "2025-11-11 11:32:33"  # as written, and read as Dutch time
    assert entry.lastmod_time == datetime(2025, 11, 11, 11, 32, 33, tzinfo=AMSTERDAM)
    meta = entry.metadata
    assert meta is not None and meta.missing_mandatory() == []
    assert meta.woo_categories() == [WooCategory.CONVENANTEN]
    (action,) = meta.documenthandelingen
    assert action.at_time == datetime(2024, 6, 20, 14, tzinfo=AMSTERDAM)  # no zone: Dutch time


def test_the_documents_root_with_loc_inside_and_flat_metadata() -> None:
    besluit, bijlage = read_entries(fixture("documents-root.xml"))
    assert besluit.loc is not None and besluit.loc.endswith("/download/besluit.pdf")
    assert besluit.lastmod == "2025-01-15T14:30:00+01:00"
    meta = besluit.metadata
    assert meta is not None
    assert meta.publisher is not None and meta.publisher.known
    assert meta.creatiedatum == date(2024, 11, 1)  # written as a date-time
    assert meta.format is not None and meta.format.known and meta.format.label == "pdf"
    (action,) = meta.documenthandelingen  # soortHandeling and atTime without their wrapper
    assert action.soort_handeling.uri == f"{KERN}c_dfcee535"
    assert action.at_time == datetime(2024, 11, 1, 8, tzinfo=UTC)
    assert meta.missing_mandatory() == ["titelcollectie/officieleTitel"]
    assert bijlage.loc is not None and bijlage.metadata is None


def test_invented_codes_are_kept_flagged_and_counted() -> None:
    (entry,) = read_entries(fixture("generated-codes.xml"))
    meta = entry.metadata
    assert meta is not None
    assert meta.verkorte_titels == ["Advies Stationsplein"]  # directly under titelcollectie
    unknown = {u.field: (u.value.uri, u.value.label, u.value.list) for u in unknown_codes(meta)}
    assert unknown == {
        "language": (f"{KERN}c_nl", "Nederlands", "talen"),
        "informatiecategorieen[0]": (f"{KERN}c_5ba23c01", "Adviezen", "informatiecategorieen"),
        "documentsoorten[0]": (f"{KERN}c_advies", "advies", "documentsoorten"),
        "documenthandelingen[0].soort_handeling": (
            f"{KERN}c_vaststelling",
            "vaststelling",
            "documenthandelingen",
        ),
    }
    assert meta.publisher is not None and meta.publisher.known
    assert meta.woo_categories() == []  # the category URI is not Woo's


def test_odd_parts_are_kept_or_left_out_with_a_warning() -> None:
    xml = f"""<diwoo:Document {NS}><diwoo:DiWoo>
      <diwoo:publisher resource="{VWS}">VWS</diwoo:publisher>
      <diwoo:publisher>tweede uitgever</diwoo:publisher>
      <diwoo:titelcollectie><diwoo:officieleTitel>  Jaarverslag
        2021 </diwoo:officieleTitel></diwoo:titelcollectie>
      <diwoo:classificatiecollectie><diwoo:themas><diwoo:thema/></diwoo:themas>
      </diwoo:classificatiecollectie>
      <diwoo:creatiedatum>december 2021</diwoo:creatiedatum>
      <diwoo:documenthandelingen>
        <diwoo:documenthandeling><diwoo:atTime>2022-01-05T10:00:00Z</diwoo:atTime>
        </diwoo:documenthandeling>
        <diwoo:documenthandeling><diwoo:soortHandeling>ontvangst</diwoo:soortHandeling>
          <diwoo:atTime>gisteren</diwoo:atTime></diwoo:documenthandeling>
      </diwoo:documenthandelingen>
    </diwoo:DiWoo></diwoo:Document>"""
    reading = read_metadata(parse_diwoo_xml(xml.encode()))
    meta = reading.metadata
    assert meta is not None
    assert meta.publisher is not None and meta.publisher.uri == VWS
    assert meta.officiele_titel == "Jaarverslag 2021"
    assert meta.themas == [] and meta.creatiedatum is None
    (action,) = meta.documenthandelingen
    assert action.soort_handeling.known and action.at_time is None
    assert list(reading.warnings) == [
        "publisher: 2 given where DiWoo allows one; first kept",
        "creatiedatum 'december 2021' is not a date; left out",
        "documenthandeling without soortHandeling; left out",
        "atTime 'gisteren' is not a date and time; left out",
    ]


def test_a_bare_diwoo_block_a_versioned_namespace_and_mdto_only() -> None:
    versioned = 'xmlns:d="http://standaarden.overheid.nl/diwoo/metadata/0.9.4/"'
    bare = f'<d:DiWoo {versioned}><d:publisher resource="{VWS}"/></d:DiWoo>'
    (entry,) = read_entries(bare.encode())
    assert entry.metadata is not None and entry.metadata.publisher is not None
    assert entry.metadata.publisher.label == "ministerie van Volksgezondheid, Welzijn en Sport"
    mdto = (
        f'<diwoo:Document {NS}><mdto:MDTO xmlns:mdto="https://www.nationaalarchief.nl/mdto">'
        "<mdto:naam>x</mdto:naam></mdto:MDTO></diwoo:Document>"
    )
    reading = read_metadata(parse_diwoo_xml(mdto.encode()))
    assert reading.metadata is None and reading.warnings == ("MDTO metadata is not read",)


@pytest.mark.parametrize(
    ("xml", "message"),
    [
        (b"", "empty document"),
        (b"<urlset><url><loc>x</loc></urlset>", "not well-formed XML"),
        (b"<url><diwoo:Document/></url>", "not well-formed XML"),  # undeclared prefix
        (
            b'<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY a "aaaa">]><urlset>&a;</urlset>',
            "DTD",
        ),
        (b"<sitemapindex><sitemap><loc>x</loc></sitemap></sitemapindex>", "not a DiWoo sitemap"),
        (b"<html><body>Not found</body></html>", "not a DiWoo sitemap"),
    ],
)
def test_what_is_not_diwoo_xml_is_a_clear_error(xml: bytes, message: str) -> None:
    with pytest.raises(DiWooXmlError, match=message):
        read_entries(xml)
