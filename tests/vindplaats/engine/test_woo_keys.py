"""How the Woo fields hold values and how the Woo filters read what users type (`woo_keys`),
and the filter clauses both engines build from them (`filter_keys`)."""

from __future__ import annotations

import pytest

from vindplaats.engine.base import Filters, IndexDoc
from vindplaats.engine.filter_keys import filter_clauses, keyword_values
from vindplaats.engine.woo_keys import (
    coded_value,
    filter_value,
    ground_codes,
    judgement_value,
    publisher_name,
)

KERN = "https://identifier.overheid.nl/tooi/def/thes/kern/"
ADVIES = f"{KERN}c_d506b718"
AMSTERDAM = "https://identifier.overheid.nl/tooi/id/gemeente/gm0363"


@pytest.mark.parametrize(
    ("label", "uri", "expected"),
    [
        ("Advies", ADVIES, "advies"),  # the TOOI label of a known URI
        ("Iets anders", ADVIES, "advies"),  # the URI decides
        ("  ADVIES ", None, "advies"),  # a label naming a value of the list
        ("Advies", f"{KERN}c_advies", "advies"),  # an invented code with a known label
        ("E-Mail  Bericht", None, "e-mail bericht"),  # unknown: lower case, spaces collapsed
        (None, f"{KERN}c_onbekend", f"{KERN}c_onbekend"),  # unknown URI without a label
        (None, None, None),
    ],
)
def test_coded_values_are_the_tooi_label_else_the_label_in_lower_case(
    label: str | None, uri: str | None, expected: str | None
) -> None:
    assert coded_value("documentsoorten", label, uri) == expected


def test_a_filter_value_is_read_as_a_uri_or_a_label() -> None:
    assert filter_value("documentsoorten", ADVIES) == "advies"
    assert filter_value("documentsoorten", "ADVIES") == "advies"
    assert filter_value("themas", "Europese Zaken") == "Europese zaken"
    assert filter_value("themas", "Wonen en Zo") == "wonen en zo"


def test_publisher_names_prefer_the_tooi_label() -> None:
    assert publisher_name("Gemeente A'dam", AMSTERDAM, "Amsterdam") == "gemeente Amsterdam"
    assert publisher_name(None, None, "Gemeente Amsterdam") == "gemeente Amsterdam"
    assert publisher_name("Stichting Open", "https://example.org/x", "Org") == "Stichting Open"
    assert publisher_name(None, "https://example.org/x", "Gemeente Testdam") == "Gemeente Testdam"


def test_judgements_and_grounds_in_any_spelling() -> None:
    assert judgement_value("Deels Openbaar") == "deels openbaar"
    assert judgement_value("gedeeltelijke openbaarmaking") == "deels openbaar"
    assert judgement_value("misschien") is None
    assert ground_codes("5.1.2 e en i") == ["5.1.2e", "5.1.2i"]
    assert ground_codes("artikel 10, lid 2, sub e Wob") == ["10.2e"]
    assert ground_codes("zie besluit") == []


def test_filter_clauses_of_the_woo_filters() -> None:
    filters = Filters(
        publisher=["Gemeente Amsterdam", AMSTERDAM],
        woo_document_type=["ADVIES", "Onbekende Soort"],
        woo_theme=["afval"],
        woo_judgement=["Niet Openbaar", "misschien"],
        woo_ground=["5.1.2 e; 5.1.2e", "zie besluit"],
    )
    assert filter_clauses(filters) == [
        (("publisher_key", "publisher_uri"), ["amsterdam", AMSTERDAM]),
        (("woo_document_type",), ["advies", "onbekende soort"]),
        (("woo_theme",), ["afval"]),
        (("woo_judgement",), ["niet openbaar"]),
        (("woo_ground",), ["5.1.2e"]),
    ]
    # a filter naming nothing known matches nothing (no terms), like an unknown organisation
    assert filter_clauses(Filters(woo_ground=["zie besluit"])) == [(("woo_ground",), [])]


def test_keyword_values_of_the_woo_fields() -> None:
    doc = IndexDoc(
        id="document:diwoo:vws:1",
        title="Advies",
        organization="VWS",
        source_key="vws",
        supplier="diwoo",
        woo_category="3.3.2i",
        woo_categories=["3.3.2i", "3.3.2e", "3.3.2i"],
        publisher="gemeente Amsterdam",
        woo_ground=["5.1.2e", "", "5.1.2i"],
    )
    assert keyword_values(doc, "woo_category") == ["3.3.2i", "3.3.2e"]
    assert keyword_values(doc, "publisher_key") == ["amsterdam"]
    assert keyword_values(doc, "woo_ground") == ["5.1.2e", "5.1.2i"]
    assert keyword_values(doc, "woo_judgement") == []
    council = doc.model_copy(update={"woo_categories": [], "woo_category": "3.3.2c"})
    assert keyword_values(council, "woo_category") == ["3.3.2c"]
