"""Facet counts: every facet field, over the whole filtered result set, count then value; a
multi-valued field counts each document once under each of its values."""

from __future__ import annotations

import pytest

from tests.vindplaats.engine.conftest import make_doc, search
from vindplaats.engine.base import FacetValue, Filters, IndexDoc
from vindplaats.engine.embedded import EmbeddedEngine, facets
from vindplaats.engine.facet_fields import FACET_FIELDS


def test_facets_count_the_whole_filtered_result_set(engine: EmbeddedEngine) -> None:
    engine.index(
        [
            make_doc(1, "begroting", organization="Gouda", committee="Raad"),
            make_doc(2, "begroting", organization="Delft", committee="Raad"),
            make_doc(3, "begroting", organization="Delft", document_type="motie"),
            make_doc(4, "begroting", organization="Assen", supplier="notubiz"),
            make_doc(5, "jeugdzorg", organization="Zwolle"),
            make_doc(6, "begroting", organization="Gouda", document_type="motie"),
        ]
    )
    result = search(engine, "begroting", size=1)
    assert len(result.hits) == 1 and result.total == 5
    assert (
        set(result.facets)
        == set(FACET_FIELDS)
        == {
            "organization",
            "supplier",
            "document_type",
            "committee",
            "motion_result",
            "woo_category",
            "publisher",
            "woo_document_type",
            "woo_theme",
            "woo_judgement",
            "woo_ground",
            "year",
        }
    )
    assert result.facets["organization"] == [
        FacetValue(value="Delft", count=2),
        FacetValue(value="Gouda", count=2),
        FacetValue(value="Assen", count=1),
    ]
    assert result.facets["committee"] == [FacetValue(value="Raad", count=2)]
    assert result.facets["supplier"] == [
        FacetValue(value="ibabs", count=4),
        FacetValue(value="notubiz", count=1),
    ]
    assert result.facets["year"] == [FacetValue(value="2024", count=5)]
    filtered = search(engine, "begroting", filters=Filters(document_type=["motie"]))
    assert filtered.facets["organization"] == [
        FacetValue(value="Delft", count=1),
        FacetValue(value="Gouda", count=1),
    ]


def test_facets_can_be_skipped(engine: EmbeddedEngine) -> None:
    engine.index([make_doc(1)])
    assert search(engine, "", facets=False).facets == {}


def _woo(native: int, categories: list[str], grounds: list[str]) -> IndexDoc:
    return make_doc(
        native,
        "advies",
        woo_category=categories[0],
        woo_categories=categories,
        woo_ground=grounds,
    )


WOO_DOCS = [
    _woo(1, ["3.3.2i", "3.3.2e"], ["5.1.2e", "5.1.2i"]),
    _woo(2, ["3.3.2i"], ["5.1.2e"]),
    _woo(3, ["3.3.2e", "3.3.2i"], ["5.1.2i", "5.1.2e", "5.1.2e"]),
    _woo(4, ["3.3.2f"], []),
    make_doc(5, "advies", woo_category="3.3.2c"),
]
EXPECTED = {
    "woo_category": [("3.3.2i", 3), ("3.3.2e", 2), ("3.3.2c", 1), ("3.3.2f", 1)],
    "woo_ground": [("5.1.2e", 3), ("5.1.2i", 2)],
}


def test_multi_valued_facets_count_each_document_once_per_value(engine: EmbeddedEngine) -> None:
    engine.index(WOO_DOCS)
    facets = search(engine, "advies").facets
    for name, expected in EXPECTED.items():
        assert [(v.value, v.count) for v in facets[name]] == expected, name
    only = search(engine, "advies", filters=Filters(woo_ground=["5.1.2i"])).facets
    assert [(v.value, v.count) for v in only["woo_category"]] == [("3.3.2e", 2), ("3.3.2i", 2)]


def test_more_value_sets_than_asked_for_are_counted_on_the_values(
    engine: EmbeddedEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(facets, "MAX_SETS", 1)  # three distinct sets of categories: too many
    engine.index(WOO_DOCS)
    found = search(engine, "advies").facets
    for name, expected in EXPECTED.items():
        assert [(v.value, v.count) for v in found[name]] == expected, name
