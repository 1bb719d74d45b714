"""The facets every engine counts: the `facet: true` fields of `mappings/fields.json`.

Counted over the whole filtered result set, ordered by count descending, value ascending, at
most `FACET_SIZE` values per field.
"""

from __future__ import annotations

from mappings import FACET_FIELDS

FACET_SIZE = 1000

__all__ = ["FACET_FIELDS", "FACET_SIZE"]
