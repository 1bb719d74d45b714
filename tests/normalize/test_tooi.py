"""`normalize/tooi_lists.json` is what `scripts/build-vocabulary` builds from the official XSD,
it holds every value list of it, and `normalize.tooi` finds values by URI and by label."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree

from normalize.tooi import (
    LIST_NAMES,
    ORGANISATION_LISTS,
    list_set,
    list_values,
    list_xsd_type,
    tooi_labels,
    tooi_uri,
    value_by_uri,
    values_by_label,
)
from tests.shared import shared_file

ROOT = Path(__file__).resolve().parents[2]
XSD = "standards/diwoo/0.9.8/diwoo-metadata-lijsten.xsd"
XS = "{http://www.w3.org/2001/XMLSchema}"
KERN = "https://identifier.overheid.nl/tooi/def/thes/kern/"


def test_the_committed_lists_are_the_ones_built_from_the_xsd(tmp_path: Path) -> None:
    lists = shared_file(XSD)
    out = tmp_path / "tooi_lists.json"
    script = ROOT / "scripts" / "build-vocabulary"
    done = subprocess.run(
        [sys.executable, str(script), "--lists", str(lists), "--output", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    committed = (ROOT / "normalize" / "tooi_lists.json").read_text("utf-8")
    assert out.read_text("utf-8") == committed, "regenerate it: scripts/build-vocabulary"
    # 16 lists, 1,654 values: each <xs:enumeration> once (3,308 counts the closing tags too)
    assert "16 lists, 1654 values" in done.stdout
    assert "91 documentsoorten" in done.stdout and "18 informatiecategorieen" in done.stdout


def test_every_value_of_every_list_of_the_xsd_is_in_the_file_in_order() -> None:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    tree = etree.parse(str(shared_file(XSD)), parser)
    in_xsd = {
        str(simple.get("name")): [str(e.get("value")) for e in simple.iter(f"{XS}enumeration")]
        for simple in tree.getroot().iter(f"{XS}simpleType")
        if simple.find(f"{XS}restriction/{XS}enumeration") is not None
    }
    assert len(in_xsd) == 16
    assert {list_xsd_type(name) for name in LIST_NAMES} == set(in_xsd)
    for name in LIST_NAMES:
        assert [v.uri for v in list_values(name)] == in_xsd[list_xsd_type(name)], name
    assert sum(len(list_values(name)) for name in LIST_NAMES) == 1654


def test_the_file_holds_all_sixteen_lists_with_their_sizes_and_set_ids() -> None:
    sizes = {name: len(list_values(name)) for name in LIST_NAMES}
    assert sizes == {
        "caribische_openbare_lichamen": 3,
        "gemeenten": 605,
        "ministeries": 19,
        "provincies": 12,
        "overige_overheidsorganisaties": 193,
        "samenwerkingsorganisaties": 375,
        "waterschappen": 32,
        "zbos": 159,
        "talen": 27,
        "bestandsformaten": 19,
        "documentsoorten": 91,
        "documenthandelingen": 3,
        "themas": 92,
        "documentrelaties": 4,
        "informatiecategorieen": 18,
        "redenen_verwijdering_vervanging": 2,
    }
    assert (
        list_set("gemeenten") == "https://identifier.overheid.nl/tooi/set/rwc_gemeenten_compleet/4"
    )
    assert len(list_values("organisaties")) == sum(sizes[n] for n in ORGANISATION_LISTS)


def test_values_are_found_by_uri_in_their_own_list_only() -> None:
    amsterdam = value_by_uri("gemeenten", "https://identifier.overheid.nl/tooi/id/gemeente/gm0363")
    assert amsterdam is not None and amsterdam.label == "gemeente Amsterdam"
    in_union = value_by_uri("organisaties", amsterdam.uri)
    assert in_union == amsterdam and in_union.list == "gemeenten"
    assert value_by_uri("ministeries", amsterdam.uri) is None
    assert value_by_uri("documenthandelingen", f"{KERN}c_641ecd76") is not None
    assert value_by_uri("documenthandelingen", f"{KERN}c_vaststelling") is None
    assert value_by_uri("talen", f"{KERN}c_nl") is None
    dutch = value_by_uri("talen", "http://publications.europa.eu/resource/authority/language/NLD")
    assert dutch is not None and dutch.label == "Nederlands"


def test_values_are_found_by_label_without_case_spaces_or_curly_apostrophes() -> None:
    (pdf,) = values_by_label("bestandsformaten", "pdf")
    assert pdf.uri == "http://publications.europa.eu/resource/authority/file-type/PDF"
    (handeling,) = values_by_label("documenthandelingen", " Ontvangst ")
    assert handeling.uri == f"{KERN}c_dfcee535"
    (agendas,) = values_by_label(
        "informatiecategorieen", "Agenda's en besluitenlijsten bestuurscolleges"
    )
    assert agendas.uri == f"{KERN}c_3a248e3a"
    assert len(values_by_label("ministeries", "ministerie van Economische Zaken")) == 2
    assert values_by_label("documentsoorten", "advies-achtig") == ()


def test_the_exact_label_lookups_of_the_vocabularies_keep_working() -> None:
    assert tooi_uri("informatiecategorieen", "adviezen") == f"{KERN}c_99a836c7"
    assert tooi_labels("documentsoorten")["Kamerbrief"] == f"{KERN}c_49599e6c"
    with pytest.raises(KeyError, match="no value labelled"):
        tooi_uri("documentsoorten", "Raadsvoorstel van de maand")
    with pytest.raises(KeyError, match="no TOOI list"):
        list_values("kleuren")  # type: ignore[arg-type]
