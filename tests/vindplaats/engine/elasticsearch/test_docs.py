"""The Elasticsearch source of an IndexDoc and the hit read back (`docs`), for the fields
whose shape differs per kind: multi-valued Woo fields are lists, single ones plain values."""

from __future__ import annotations

from vindplaats.engine.base import IndexDoc
from vindplaats.engine.elasticsearch.docs import hit_from, to_source

WOO = IndexDoc(
    id="document:diwoo:vws:1",
    title="Advies van de Gezondheidsraad",
    organization="VWS",
    source_key="vws",
    supplier="diwoo",
    woo_category="3.3.2i",
    woo_categories=["3.3.2i", "3.3.2e"],
    publisher="ministerie van Volksgezondheid, Welzijn en Sport",
    publisher_uri="https://identifier.overheid.nl/tooi/id/ministerie/mnre1025",
    woo_document_type=["advies"],
    woo_theme=[],
    woo_judgement="deels openbaar",
    woo_ground=["5.1.2e", "5.1.2i"],
    pages=["Het advies."],
)


def test_multi_valued_woo_fields_are_lists_and_empty_ones_are_left_out() -> None:
    source = to_source(WOO)
    assert source["woo_category"] == ["3.3.2i", "3.3.2e"]
    assert source["woo_document_type"] == ["advies"]
    assert source["woo_ground"] == ["5.1.2e", "5.1.2i"]
    assert source["woo_judgement"] == "deels openbaar"
    assert source["publisher"] == "ministerie van Volksgezondheid, Welzijn en Sport"
    assert source["publisher_key"] == "ministerie-van-volksgezondheid-welzijn-en-sport"
    assert source["publisher_uri"].endswith("/mnre1025")
    assert "woo_theme" not in source and "committee" not in source
    assert "woo_categories" not in source  # held by woo_category


def test_a_hit_shows_the_first_information_category() -> None:
    hit = hit_from({"_source": to_source(WOO)}, 1.0, None)
    assert hit.woo_category == "3.3.2i"
    council = WOO.model_copy(update={"woo_categories": [], "woo_category": "3.3.2c"})
    assert to_source(council)["woo_category"] == ["3.3.2c"]
    assert hit_from({"_source": to_source(council)}, 1.0, None).woo_category == "3.3.2c"
