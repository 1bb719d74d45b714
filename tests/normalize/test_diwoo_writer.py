"""Writing Woo metadata as `diwoo:Document`: valid against the official DiWoo 0.9.8 XSD (read from
`../shared/standards/diwoo/0.9.8/`, the MDTO import resolved to our stub; skipped with the reason
when `../shared` is absent), and read back to the same metadata."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from normalize.diwoo_reader import parse_diwoo_xml, read_entries, read_metadata
from normalize.diwoo_schema import DiWooSchemaError, diwoo_schema
from normalize.diwoo_writer import DiWooIncomplete, diwoo_document, diwoo_xml
from normalize.woo_metadata import Coded, WooMetadata, unknown_codes
from tests.normalize.woo_samples import woo_besluit
from tests.shared import shared_file

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "woo_metadata"
DIWOO = "{https://standaarden.overheid.nl/diwoo/metadata/}"


@pytest.fixture(scope="module")
def schema() -> etree.XMLSchema:
    return diwoo_schema(shared_file("standards/diwoo/0.9.8/diwoo-metadata.xsd").parent)


def assert_valid(schema: etree.XMLSchema, xml: bytes) -> None:
    document = etree.fromstring(xml)
    assert schema.validate(document), str(schema.error_log)


def complete_fixture_metadata() -> list[WooMetadata]:
    out = []
    for path in sorted(FIXTURES.glob("*.xml")):
        for entry in read_entries(path.read_bytes()):
            if entry.metadata is not None and not entry.metadata.missing_mandatory():
                out.append(entry.metadata)
    return out


def test_the_schema_really_checks_codes_and_accepts_our_mdto_stub(schema: etree.XMLSchema) -> None:
    # the fixture blocks as published are valid; an invented code in `resource` is not
    for url in etree.fromstring((FIXTURES / "sitemap-0.9.8.xml").read_bytes()):
        for document in url.iter(f"{DIWOO}Document"):
            assert schema.validate(document), schema.error_log
    invented = (FIXTURES / "generated-codes.xml").read_bytes()
    assert not schema.validate(etree.fromstring(invented))
    assert "c_vaststelling" in str(schema.error_log)
    mdto = (
        b'<diwoo:Document xmlns:diwoo="https://standaarden.overheid.nl/diwoo/metadata/">'
        b'<mdto:MDTO xmlns:mdto="https://www.nationaalarchief.nl/mdto"><mdto:naam>x</mdto:naam>'
        b"</mdto:MDTO></diwoo:Document>"
    )
    assert_valid(schema, mdto)


def test_every_complete_fixture_is_written_valid_and_read_back_the_same(
    schema: etree.XMLSchema,
) -> None:
    metadata = complete_fixture_metadata()
    assert len(metadata) == 4
    for meta in metadata:
        xml = diwoo_xml(meta)
        assert_valid(schema, xml)
        if not unknown_codes(meta):
            assert read_metadata(parse_diwoo_xml(xml)).metadata == meta


def test_unknown_codes_are_written_by_label_only_so_the_export_stays_valid(
    schema: etree.XMLSchema,
) -> None:
    meta = woo_besluit()
    assert len(unknown_codes(meta)) == 2
    xml = diwoo_xml(meta)
    assert_valid(schema, xml)
    text = xml.decode()
    assert "c_advies" not in text and "kern/c_nl" not in text
    assert "<diwoo:documentsoort>advies</diwoo:documentsoort>" in text
    assert "<diwoo:language>Nederlands</diwoo:language>" in text
    assert 'resource="https://identifier.overheid.nl/tooi/id/ministerie/mnre1025"' in text


def test_texts_with_characters_xml_cannot_hold_are_cleaned(schema: etree.XMLSchema) -> None:
    meta = woo_besluit().model_copy(
        update={"officiele_titel": "Besluit\x0b op \x00verzoek", "trefwoorden": ["a\x1fb"]}
    )
    xml = diwoo_xml(meta)
    assert_valid(schema, xml)
    back = read_metadata(parse_diwoo_xml(xml)).metadata
    assert back is not None
    assert back.officiele_titel == "Besluit op verzoek" and back.trefwoorden == ["ab"]


def test_incomplete_metadata_is_refused_naming_what_is_missing() -> None:
    meta = WooMetadata(publisher=Coded.of("organisaties", "gemeente Utrecht"))
    with pytest.raises(DiWooIncomplete) as caught:
        diwoo_document(meta)
    assert caught.value.missing == [
        "titelcollectie/officieleTitel",
        "classificatiecollectie/informatiecategorieen/informatiecategorie",
        "documenthandelingen/documenthandeling",
    ]
    assert "missing titelcollectie/officieleTitel" in str(caught.value)


def test_a_directory_without_the_schema_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(DiWooSchemaError, match="not found"):
        diwoo_schema(tmp_path)
    (tmp_path / "diwoo-metadata.xsd").write_text("<xs:schema", encoding="utf-8")
    with pytest.raises(DiWooSchemaError, match="not a usable DiWoo schema"):
        diwoo_schema(tmp_path)
