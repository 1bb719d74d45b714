"""The national catalogue shipped with Vindplaats: every entry valid and harvestable, unique keys,
TOOI organisation URIs from the official value lists, and `sources import` loading all of it."""

from __future__ import annotations

import csv
import json
import re
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest
from lxml import etree

from normalize.records import OrganizationType, Supplier
from tests.shared import shared_file
from tests.vindplaats.cli.runner import ROOT, run_cli
from vindplaats.catalogue import catalogue_path, load_catalogue
from vindplaats.sources import Source

ORI_SOURCES = "data/ori-sources.csv"  # in ../shared (tests/shared.py)
LISTS = "standards/diwoo/0.9.8/diwoo-metadata-lijsten.xsd"
TOOI = "https://identifier.overheid.nl/tooi/id/"
URI = {
    OrganizationType.MUNICIPALITY: re.compile(re.escape(TOOI) + r"gemeente/gm\d{4}"),
    OrganizationType.PROVINCE: re.compile(re.escape(TOOI) + r"provincie/pv\d{2}"),
    OrganizationType.WATER_BOARD: re.compile(re.escape(TOOI) + r"waterschap/ws\d{4}"),
}
VALUE_LISTS = {
    OrganizationType.MUNICIPALITY: "gemeentelijst",
    OrganizationType.PROVINCE: "provincielijst",
    OrganizationType.WATER_BOARD: "waterschapslijst",
}
SOURCES = load_catalogue()


@cache
def value_list(kind: OrganizationType) -> dict[str, str]:
    """TOOI URI -> label of the XSD's value list (skips without the shared reference data,
    fails under CI)."""
    lists = shared_file(LISTS)
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    tree = etree.parse(str(lists), parser)
    xs = {"xs": "http://www.w3.org/2001/XMLSchema"}
    simple = tree.find(f".//xs:simpleType[@name='{VALUE_LISTS[kind]}']", xs)
    assert simple is not None
    return {
        str(e.get("value")): " ".join("".join(map(str, e.itertext())).split())
        for e in simple.iterfind(".//xs:enumeration", xs)
    }


def test_the_catalogue_has_330_sources_with_unique_keys() -> None:
    assert len(SOURCES) == 330
    assert len({s.key for s in SOURCES}) == 330
    kinds = [s.organisation_type for s in SOURCES]
    assert kinds.count(OrganizationType.MUNICIPALITY) == 309
    assert kinds.count(OrganizationType.PROVINCE) == 8
    assert kinds.count(OrganizationType.WATER_BOARD) == 13


def test_shared_keys_were_given_to_one_organisation_each() -> None:
    by_key = {s.key: s for s in SOURCES}
    assert by_key["groningen"].organisation_type == OrganizationType.MUNICIPALITY
    assert by_key["provincie-groningen"].organisation_type == OrganizationType.PROVINCE
    assert by_key["provincie-limburg"].organisation_type == OrganizationType.PROVINCE
    assert by_key["waterschap-limburg"].organisation_type == OrganizationType.WATER_BOARD
    assert "limburg" not in by_key


def test_names_are_the_official_ones() -> None:
    names = {s.key: s.name for s in SOURCES}
    assert names["alphen-chaam"] == "Alphen-Chaam"
    assert names["den_bosch"] == "'s-Hertogenbosch"
    assert names["sudwest_fryslan"] == "Súdwest-Fryslân"
    assert names["provincie-groningen"] == "Provincie Groningen"
    assert names["waterschap-limburg"] == "Waterschap Limburg"
    assert names["amsterdam_noord"] == "Amsterdam-Noord"  # a district keeps its own name


@pytest.mark.parametrize("source", SOURCES, ids=lambda s: s.key)
def test_every_entry_is_a_valid_harvestable_source(source: Source) -> None:
    assert Source.model_validate(source.model_dump()) == source
    source.check_harvestable()
    needs = {
        Supplier.NOTUBIZ: source.notubiz_organisation_id,
        Supplier.IBABS: source.ibabs_sitename,
        Supplier.GEMEENTEOPLOSSINGEN: source.base_url,
        Supplier.PARLAEUS: source.base_url,
    }
    assert source.supplier in needs, f"no harvester knows supplier {source.supplier}"
    assert needs[source.supplier], f"{source.key}: its {source.supplier} id is missing"
    if source.supplier == Supplier.NOTUBIZ:
        assert source.notubiz_organisation_id is not None
        assert source.notubiz_organisation_id.isdigit()
    if source.base_url is not None:
        assert source.base_url.startswith(("https://", "http://"))


@pytest.mark.parametrize("source", SOURCES, ids=lambda s: s.key)
def test_every_entry_has_its_tooi_organisation_uri(source: Source) -> None:
    assert source.tooi_uri is not None
    assert URI[source.organisation_type].fullmatch(source.tooi_uri), source.tooi_uri
    if source.organisation_type == OrganizationType.MUNICIPALITY:
        assert source.cbs_code is not None
        assert source.tooi_uri.endswith("/" + source.cbs_code.lower())
    label = value_list(source.organisation_type).get(source.tooi_uri)
    assert label is not None, f"{source.tooi_uri} is not in the TOOI value list"
    if source.municipality_prefix is None:  # a district keeps its own name
        official = label.removeprefix("gemeente ")
        assert source.name == official[:1].upper() + official[1:]


def test_the_committed_catalogue_is_what_the_generator_writes(tmp_path: Path) -> None:
    ori_sources = shared_file(ORI_SOURCES)
    shared_file(LISTS)  # the generator reads both
    output = tmp_path / "sources.csv"
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build-catalogue"), "--output", str(output)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert output.read_text("utf-8") == catalogue_path().read_text("utf-8")
    with ori_sources.open(encoding="utf-8") as shared, output.open(encoding="utf-8") as ours:
        assert csv.DictReader(shared).fieldnames == csv.DictReader(ours).fieldnames


@pytest.mark.parametrize("args", [(), ("--catalogue",)])
def test_sources_import_loads_the_catalogue(tmp_path: Path, args: tuple[str, ...]) -> None:
    done = run_cli("sources", "import", *args, data_dir=tmp_path)
    assert done.code == 0, done.err
    assert "330 added" in done.out
    listed = run_cli("sources", "list", "--json", data_dir=tmp_path)
    sources = json.loads(listed.out)
    assert len(sources) == 330
    assert {s["health"]["state"] for s in sources} == {"never_harvested"}
