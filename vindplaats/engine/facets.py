"""Facet counts for the embedded engine: every `facet: true` field of `mappings/fields.json`.

Counted over the whole filtered result set (not just the page shown) with one tantivy terms
aggregation per field, then ordered by count descending, value ascending. At most
`FACET_SIZE` values per field are returned.
"""

from __future__ import annotations

from typing import Any

from tantivy import Query, Searcher

from mappings import FACET_FIELDS
from vindplaats.engine.base import FacetValue

FACET_SIZE = 1000


def facet_counts(searcher: Searcher, query: Query) -> dict[str, list[FacetValue]]:
    request = {name: {"terms": {"field": name, "size": FACET_SIZE}} for name in FACET_FIELDS}
    result: dict[str, Any] = searcher.aggregate(query, request)
    out: dict[str, list[FacetValue]] = {}
    for name in FACET_FIELDS:
        buckets = result.get(name, {}).get("buckets", [])
        values = [FacetValue(value=str(b["key"]), count=int(b["doc_count"])) for b in buckets]
        values.sort(key=lambda v: (-v.count, v.value))
        out[name] = values
    return out


__all__ = ["FACET_SIZE", "facet_counts"]
