from __future__ import annotations

import ast
from pathlib import Path

import pytest

from normalize.ids import RECORD_TYPES
from normalize.records import Supplier
from vindplaats.errors import SourceError
from vindplaats.sources import build_source
from vindplaats.suppliers import SUPPLIERS, harvested, supplier_facts

ROOT = Path(__file__).resolve().parents[2]


def test_every_row_names_its_own_supplier_and_known_record_types() -> None:
    assert list(SUPPLIERS) == [
        Supplier.NOTUBIZ,
        Supplier.GEMEENTEOPLOSSINGEN,
        Supplier.PARLAEUS,
        Supplier.IBABS,
        Supplier.DIWOO,
        Supplier.ORI,
    ]
    for supplier, facts in SUPPLIERS.items():
        assert facts.supplier is supplier
        assert set(facts.record_types) <= set(RECORD_TYPES)
        assert facts.spider.startswith(f"crawlers.{supplier.value}:")


def test_suppliers_without_a_default_api_base_need_a_base_url() -> None:
    own = [s for s, facts in SUPPLIERS.items() if facts.needs_base_url]
    assert own == [Supplier.GEMEENTEOPLOSSINGEN, Supplier.PARLAEUS, Supplier.DIWOO, Supplier.ORI]
    source = build_source(key="raad", name="Raad", supplier="gemeenteoplossingen")
    with pytest.raises(SourceError, match="base_url is required for gemeenteoplossingen"):
        source.check_harvestable()
    parlaeus = build_source(key="raad", name="Raad", supplier="parlaeus")
    with pytest.raises(SourceError, match=r"base_url \(or municipality_prefix\) is required"):
        parlaeus.check_harvestable()
    diwoo = build_source(key="woo", name="Woo", supplier="diwoo")
    with pytest.raises(SourceError, match="base_url is required for diwoo"):
        diwoo.check_harvestable()
    ori = build_source(key="ori", name="ORI", supplier="ori")
    with pytest.raises(SourceError, match="base_url is required for ori"):
        ori.check_harvestable()


@pytest.mark.parametrize(
    ("supplier", "field"),
    [("notubiz", "notubiz_organisation_id"), ("ibabs", "ibabs_sitename")],
)
def test_a_required_source_field_is_checked(supplier: str, field: str) -> None:
    assert supplier_facts(Supplier(supplier)).required_fields == (field,)  # type: ignore[union-attr]
    with pytest.raises(SourceError, match=f"'leeg': {field} is required"):
        build_source(key="leeg", name="Leeg", supplier=supplier).check_harvestable()
    build_source(key="vol", name="Vol", supplier=supplier, **{field: "x"}).check_harvestable()


def test_a_supplier_without_a_row_is_not_harvested() -> None:
    unharvested = [s for s in Supplier if s not in SUPPLIERS]
    for supplier in unharvested:
        assert supplier_facts(supplier) is None
        source = build_source(key="x", name="X", supplier=supplier.value)
        with pytest.raises(SourceError, match=f"harvested suppliers: {harvested()}"):
            source.check_harvestable()
    assert harvested() == "notubiz, gemeenteoplossingen, parlaeus, ibabs, diwoo, ori"


def test_the_table_is_base_layer_importing_nothing_above_it() -> None:
    tree = ast.parse((ROOT / "vindplaats" / "suppliers.py").read_text("utf-8"))
    imported = {
        node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
    } | {a.name for node in ast.walk(tree) if isinstance(node, ast.Import) for a in node.names}
    above = ("crawlers", "search_api", "vindplaats.cli")
    assert not [name for name in imported if name.split(".")[0] in above or name.startswith(above)]
