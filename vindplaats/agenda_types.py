"""A document's type in the light of its stored agenda point (`normalize.doctypes.agenda_role`).

A document whose own label, title and file name name no type is `vergaderstuk` when its record is
built; spiders do not know the agenda point's role. The index (`vindplaats.harvest.index`) and the
document API read the stored agenda item and the headings above it, and give such a document the
type its agenda point gives its documents (`Ingekomen stukken` → ingekomen_stuk, with Woo
category 3.3.2a). The stored record is not changed: the agenda point may be read after the
document, and an improved rule reaches every document on the next `vindplaats index rebuild`.
"""

from __future__ import annotations

from functools import lru_cache

from normalize.doctypes import DocType, agenda_role, classify
from normalize.records import AgendaItem, Document
from normalize.woo_categories import category_for
from vindplaats.errors import NotFound
from vindplaats.store.base import Store

MAX_DEPTH = 32  # headings above an agenda point; a parent cycle or a deeper tree stops here


class AgendaTypes:
    """Applies the agenda point's role to documents, caching each point's chain of titles."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._titles = lru_cache(maxsize=4096)(self._lookup_titles)

    def _lookup_titles(self, item_id: str) -> tuple[str, ...]:
        """The names of the agenda point and the headings above it, nearest first."""
        titles: list[str] = []
        seen: set[str] = set()
        current: str | None = item_id
        while current is not None and current not in seen and len(titles) < MAX_DEPTH:
            seen.add(current)
            try:
                record = self.store.get_record(current)
            except NotFound:
                break
            if not isinstance(record, AgendaItem):
                break
            titles.append(record.name)
            current = record.parent_id
        return tuple(titles)

    def apply(self, doc: Document) -> Document:
        """The document with the type of its agenda point when its own texts name none; else
        the document unchanged."""
        if doc.agenda_item_id is None or doc.document_type is not DocType.VERGADERSTUK:
            return doc
        label = doc.document_type_label
        if classify(label, title=doc.title, file_name=doc.file_name) is not DocType.OVERIG:
            return doc  # its own label, title or file name named the type
        role = agenda_role(self._titles(doc.agenda_item_id), doc.title, doc.file_name)
        if role is None:
            return doc
        return doc.model_copy(
            update={"document_type": role, "woo_category": category_for(role, label, doc.title)}
        )


__all__ = ["MAX_DEPTH", "AgendaTypes"]
