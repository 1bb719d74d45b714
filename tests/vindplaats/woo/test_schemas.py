"""The official XSDs read offline: MDTO resolved to our stub, the list facts, a clear error."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.vindplaats.woo.conftest import standards_or_skip
from tests.vindplaats.woo.publication import document
from vindplaats.errors import ConfigError
from vindplaats.woo.schemas import load_schemas


def test_a_missing_directory_names_the_setting(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"^VINDPLAATS_XSD_DIR: .*nowhere is not a directory"):
        load_schemas(tmp_path / "nowhere")


def test_a_missing_schema_is_named(tmp_path: Path) -> None:
    standards = standards_or_skip()
    shutil.copytree(standards / "sitemaps", tmp_path / "sitemaps")
    with pytest.raises(
        ConfigError, match=r"VINDPLAATS_XSD_DIR: .* has no diwoo/0.9.8/diwoo-metadata"
    ):
        load_schemas(tmp_path)


def test_list_facts_come_from_the_xsds() -> None:
    schemas = load_schemas(standards_or_skip())
    assert schemas.code_lists["informatiecategorie"].describe() == (
        "informatiecategorielijst (scw_woo_informatiecategorieen)"
    )
    assert "gemeentelijst" in schemas.code_lists["publisher"].members
    assert schemas.reference_elements == {"isPartOf", "hasPart", "relation"}
    assert len(schemas.formats) == 19 and "DOCX" in schemas.formats and "EXE" not in schemas.formats


def _urlset(document_xml: str) -> bytes:
    return (
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:diwoo="https://standaarden.overheid.nl/diwoo/metadata/" '
        'xmlns:mdto="https://www.nationaalarchief.nl/mdto">'
        f"<url><loc>https://example.nl/d/1.pdf</loc>{document_xml}</url></urlset>"
    ).encode()


def test_diwoo_and_mdto_documents_validate_offline() -> None:
    from lxml import etree

    schemas = load_schemas(standards_or_skip())
    mdto = "<diwoo:Document><mdto:MDTO><mdto:informatieobject/></mdto:MDTO></diwoo:Document>"
    for content in (document("Besluit"), mdto):
        assert schemas.urlset.validate(etree.fromstring(_urlset(content))), schemas.urlset.error_log
    unknown = "<diwoo:Document><mdto:Other/></diwoo:Document>"
    assert not schemas.urlset.validate(etree.fromstring(_urlset(unknown)))
