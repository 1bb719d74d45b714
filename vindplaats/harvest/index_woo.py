"""The Woo fields of a record's `IndexDoc`, for the Woo filters and facets of search.

Council records and Woo publications share one index; each record fills the same fields from its
own metadata (the values as `vindplaats.engine.woo_keys` says), so the facets count both together:

- `woo_category`: a Woo publication's known information categories (its DiWoo metadata, in
  order; none known: the record's own `woo_category`); a council record's `woo_category`;
- `publisher`, `publisher_uri`: a Woo publication's DiWoo publisher (TOOI label and URI; none:
  as a council record); a council record's organisation (its TOOI label when its TOOI URI is in
  the lists, else its name);
- `woo_document_type`: a Woo publication's DiWoo documentsoorten (none: as a council record); a
  council record's TOOI documentsoort of its controlled type (`normalize.doctypes`);
- `woo_theme`: a Woo publication's DiWoo themas; none for council records;
- `woo_judgement`, `woo_ground`: the `Assessment` of the document by its dossier's inventory
  list (see below).

The organisation's TOOI URI is its record's `tooi_uri`, else its source's.

**Judgement and refusal grounds** come from one input of the indexer: the `Assessment` of a
document (the judgement and the refusal ground codes a Woo-besluit's inventory list gives it),
asked of an `AssessmentLookup` (a document id in, an `Assessment` or None out).
`IndexDocBuilder` (`vindplaats.harvest.index`) uses `StoredAssessments`, the lookup in the store,
unless it is given another: the rows of the document's current dossiers
(`Store.dossiers_of`, then each `normalize.dossier.Dossier` record's `inventory`) joined to the
document (`InventoryEntry.document_id`); the first judgement found, and every known ground code of
those rows, each once (text naming no ground is left out). A document no dossier's inventory
names has none. The dossier stage runs before indexing in a harvest run, and the store sends the
documents of a new, changed or withdrawn dossier back to indexing (`Store.save_dossier`,
`mark_withdrawn`), so the run's index stage gives them their judgement and grounds as they are.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from normalize.doctypes import VOCABULARY
from normalize.dossier import Dossier, InventoryEntry
from normalize.records import Document, Motion
from vindplaats.engine.woo_keys import coded_value, publisher_name
from vindplaats.errors import NotFound
from vindplaats.store.base import Store


@dataclass(frozen=True)
class Assessment:
    """How a Woo-besluit's inventory list judged one document."""

    judgement: str | None = None  # a `normalize.inventory_values.Judgement` value
    grounds: tuple[str, ...] = field(default=())  # refusal ground codes: 5.1.2e, 10.2e, ...


AssessmentLookup = Callable[[str], Assessment | None]
CACHED_DOSSIERS = 256


class StoredAssessments:
    """The assessments the store's dossiers give documents (see the module docstring); the
    inventories of the `CACHED_DOSSIERS` dossiers used last are kept, not read again."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._of_dossier = lru_cache(maxsize=CACHED_DOSSIERS)(self._read_dossier)

    def _read_dossier(self, dossier_id: str) -> dict[str, list[InventoryEntry]]:
        try:
            record = self.store.get_record(dossier_id)
        except NotFound:
            return {}
        rows: dict[str, list[InventoryEntry]] = {}
        if isinstance(record, Dossier):
            for entry in record.inventory:
                if entry.document_id is not None:
                    rows.setdefault(entry.document_id, []).append(entry)
        return rows

    def __call__(self, doc_id: str) -> Assessment | None:
        rows = [
            row
            for dossier_id in self.store.dossiers_of(doc_id)
            for row in self._of_dossier(dossier_id).get(doc_id, [])
        ]
        judgements = [row.judgement.value for row in rows if row.judgement is not None]
        grounds = dict.fromkeys(g.code for row in rows for g in row.grounds if g.code)
        if not judgements and not grounds:
            return None
        return Assessment(judgements[0] if judgements else None, tuple(grounds))


@dataclass(frozen=True)
class OrganizationInfo:
    """The organisation a record belongs to: its name and TOOI URI (None: not known)."""

    name: str
    tooi_uri: str | None = None


def _unique(values: list[str | None]) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))


def woo_fields(
    record: Document | Motion, organization: OrganizationInfo, assessment: Assessment | None
) -> dict[str, Any]:
    """The Woo fields of the IndexDoc of `record` (see the module docstring)."""
    woo = record.woo if isinstance(record, Document) else None
    categories: list[str] = []
    types: list[str] = []
    themes: list[str] = []
    publisher_label: str | None = None
    publisher_uri = organization.tooi_uri
    if woo is not None:
        categories = _unique([c.value for c in woo.woo_categories()])
        types = _unique(
            [coded_value("documentsoorten", v.label, v.uri) for v in woo.documentsoorten]
        )
        themes = _unique([coded_value("themas", v.label, v.uri) for v in woo.themas])
        if woo.publisher is not None:
            publisher_label, publisher_uri = woo.publisher.label, woo.publisher.uri
    categories = categories or [record.woo_category.value]
    if not types:
        own = VOCABULARY[record.document_type].tooi_label
        types = _unique([coded_value("documentsoorten", own)])
    return {
        "woo_category": categories[0],
        "woo_categories": categories,
        "publisher": publisher_name(publisher_label, publisher_uri, organization.name),
        "publisher_uri": publisher_uri,
        "woo_document_type": types,
        "woo_theme": themes,
        "woo_judgement": assessment.judgement if assessment is not None else None,
        "woo_ground": list(assessment.grounds) if assessment is not None else [],
    }


__all__ = [
    "Assessment",
    "AssessmentLookup",
    "OrganizationInfo",
    "StoredAssessments",
    "woo_fields",
]
