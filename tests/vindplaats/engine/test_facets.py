"""Facet counts: every facet field, over the whole filtered result set, count then value."""

from __future__ import annotations

from tests.vindplaats.engine.conftest import make_doc, search
from vindplaats.engine.base import FacetValue, Filters
from vindplaats.engine.embedded import EmbeddedEngine
from vindplaats.engine.facets import FACET_FIELDS


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
    filtered = search(engine, "begroting", filters=Filters(document_type=["motie"]))
    assert filtered.facets["organization"] == [
        FacetValue(value="Delft", count=1),
        FacetValue(value="Gouda", count=1),
    ]


def test_facets_can_be_skipped(engine: EmbeddedEngine) -> None:
    engine.index([make_doc(1)])
    assert search(engine, "", facets=False).facets == {}
