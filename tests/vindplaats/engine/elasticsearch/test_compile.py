"""The Elasticsearch filters of the Woo fields (`compile.filter_clauses`): `terms` on the
same fields and values as the embedded engine's (`filter_keys`), OR within a filter."""

from __future__ import annotations

from vindplaats.engine.base import Filters
from vindplaats.engine.elasticsearch.compile import filter_clauses

VWS = "https://identifier.overheid.nl/tooi/id/ministerie/mnre1025"


def test_woo_filters_become_terms_clauses() -> None:
    filters = Filters(
        publisher=["Gemeente Utrecht", VWS],
        woo_category=["3.3.2e"],
        woo_judgement=["Deels Openbaar"],
        woo_ground=["5.1.2 e"],
    )
    assert filter_clauses(filters) == [
        {"terms": {"woo_category": ["3.3.2e"]}},
        {
            "bool": {
                "should": [
                    {"terms": {"publisher_key": ["utrecht", VWS]}},
                    {"terms": {"publisher_uri": ["utrecht", VWS]}},
                ],
                "minimum_should_match": 1,
            }
        },
        {"terms": {"woo_judgement": ["deels openbaar"]}},
        {"terms": {"woo_ground": ["5.1.2e"]}},
    ]


def test_a_woo_filter_naming_nothing_known_matches_nothing() -> None:
    assert filter_clauses(Filters(woo_ground=["zie besluit"])) == [{"match_none": {}}]
    assert filter_clauses(Filters(woo_judgement=["misschien"])) == [{"match_none": {}}]
