"""Facet counts for the embedded engine: every facet field (`vindplaats.engine.facet_fields`).

Counted over the whole filtered result set (not just the page shown) with one tantivy terms
aggregation per field, then ordered by count descending, value ascending. At most
`FACET_SIZE` values per field are returned.

A `multi` field is counted on its `__set` twin (`schema`): one term per document, the set
of its values; each value's count is the sum of the counts of the sets holding it, exactly the
number of matching documents holding the value. The sets are asked for all at once (up to
`MAX_SETS`); should a result hold more distinct sets than that, the field is counted on its
values instead, which is slower and just as exact.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from tantivy import Query, Searcher

from vindplaats.engine.base import FacetValue
from vindplaats.engine.embedded.schema import MULTI_FACET_FIELDS, SET_SEPARATOR, set_name
from vindplaats.engine.facet_fields import FACET_FIELDS, FACET_SIZE

MAX_SETS = 65_000  # tantivy's default limit of buckets per aggregation request


def _request(name: str) -> dict[str, Any]:
    if name in MULTI_FACET_FIELDS:
        return {"terms": {"field": set_name(name), "size": MAX_SETS}}
    return {"terms": {"field": name, "size": FACET_SIZE}}


def _counts(buckets: list[dict[str, Any]], *, sets: bool) -> Counter[str]:
    counts: Counter[str] = Counter()
    for bucket in buckets:
        keys = str(bucket["key"]).split(SET_SEPARATOR) if sets else [str(bucket["key"])]
        for key in keys:
            counts[key] += int(bucket["doc_count"])
    return counts


def facet_counts(searcher: Searcher, query: Query) -> dict[str, list[FacetValue]]:
    result: dict[str, Any] = searcher.aggregate(
        query, {name: _request(name) for name in FACET_FIELDS}
    )
    out: dict[str, list[FacetValue]] = {}
    for name in FACET_FIELDS:
        found = result.get(name, {})
        sets = name in MULTI_FACET_FIELDS
        if sets and found.get("sum_other_doc_count"):  # more sets than asked for: count values
            plain = {"terms": {"field": name, "size": FACET_SIZE}}
            found, sets = searcher.aggregate(query, {name: plain}).get(name, {}), False
        counts = _counts(found.get("buckets", []), sets=sets)
        values = [FacetValue(value=key, count=count) for key, count in counts.items()]
        values.sort(key=lambda v: (-v.count, v.value))
        out[name] = values[:FACET_SIZE]
    return out


__all__ = ["facet_counts"]
