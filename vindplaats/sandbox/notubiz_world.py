"""`NotubizWorld`: the NotuBiz part of the sample world (three municipalities, built from the
table in `council_year`), the expectations tests assert against, and the mutations tests use to
simulate a supplier changing its data. Tests and tools know it as `SandboxWorld` (`world.py`).

The world is built the same way on every run (no clock, no unseeded randomness). Mutations move
a world clock that starts at the sandbox's "today" (2026-11-28 12:00) one minute per change, so
even mutated worlds are reproducible. Servers read the world under `lock`; mutations take it too,
so a change is visible to the very next request.
"""

from __future__ import annotations

import threading
from datetime import date, datetime, timedelta

from vindplaats.sandbox.blueprints import SCANNED_WORD, UNIQUE_WORD
from vindplaats.sandbox.concepts import (
    AgendaItem,
    Document,
    DocumentVersion,
    FileKind,
    Meeting,
    RegisterEntry,
    by_key,
)
from vindplaats.sandbox.council_year import build_municipalities
from vindplaats.sandbox.dates import DATE_FROM, DATE_UNTIL, TODAY
from vindplaats.sandbox.expected import Expected, compute_expected
from vindplaats.sandbox.model import Municipality


class NotubizWorld:
    """Three fictional municipalities (Voorbeeldstad 9001, Zandaam 9002, Oosterproef 9003)."""

    date_from: date = DATE_FROM  # every meeting starts on or after this day
    date_until: date = DATE_UNTIL  # ... and on or before this day
    page3_word: str = UNIQUE_WORD  # occurs only on page 3 of document `page3_document_id`
    scanned_word: str = SCANNED_WORD  # occurs only in the image of the scanned letter

    def __init__(self) -> None:
        self.municipalities: list[Municipality] = build_municipalities()
        self.now: datetime = TODAY
        self.lock = threading.RLock()

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, NotubizWorld):
            return NotImplemented
        return (self.municipalities, self.now) == (other.municipalities, other.now)

    __hash__ = None  # type: ignore[assignment]

    # -- lookups -------------------------------------------------------------------------------

    @property
    def source_keys(self) -> list[str]:
        return [m.key for m in self.municipalities]

    def municipality(self, source_key: str) -> Municipality:
        return by_key(self.municipalities, source_key, "sandbox municipality")

    def by_organisation(self, organisation_id: int) -> Municipality | None:
        return next((m for m in self.municipalities if m.organisation_id == organisation_id), None)

    def expected(self, source_key: str) -> Expected:
        with self.lock:
            return compute_expected(self.municipality(source_key))

    def meeting(self, meeting_id: int) -> Meeting[int] | None:
        return next((x for m in self.municipalities if (x := m.meeting(meeting_id))), None)

    def document(self, document_id: int) -> Document[int] | None:
        return next(
            (m.documents[document_id] for m in self.municipalities if document_id in m.documents),
            None,
        )

    def register_item(self, item_id: int) -> RegisterEntry[int] | None:
        return next(
            (m.register_items[item_id] for m in self.municipalities if item_id in m.register_items),
            None,
        )

    def documents(self) -> list[Document[int]]:
        return [d for m in self.municipalities for d in m.documents.values()]

    def _special(self, wanted: FileKind | None = None) -> Document[int]:
        for doc in self.documents():
            if (wanted is None and doc.unique_word_page) or (wanted and doc.kind is wanted):
                return doc
        raise LookupError("the special document was removed from the world")

    @property
    def page3_document_id(self) -> int:
        return self._special().id

    @property
    def page3_source_key(self) -> str:
        return self._special().source_key

    @property
    def scanned_document_id(self) -> int:
        return self._special(FileKind.SCANNED).id

    # -- mutations -----------------------------------------------------------------------------

    def _tick(self) -> datetime:
        self.now += timedelta(minutes=1)
        return self.now

    def add_document(
        self, meeting_id: int, *, agenda_item_id: int | None = None, title: str | None = None
    ) -> int:
        """Add a new PDF to a meeting (or to one of its agenda items); returns its id."""
        with self.lock:
            meeting = self.meeting(meeting_id)
            if meeting is None:
                raise KeyError(f"no meeting {meeting_id}")
            item = _find_item(meeting, agenda_item_id) if agenda_item_id is not None else None
            now = self._tick()
            doc_id = max(d.id for d in self.documents()) + 1
            municipality = self.municipality(meeting.source_key)
            municipality.documents[doc_id] = Document(
                id=doc_id,
                source_key=meeting.source_key,
                title=title or f"Aanvullende raadsinformatiebrief {doc_id}",
                blueprint="raadsinformatiebrief_jeugd",
                kind=FileKind.PDF,
                pages=2,
                type_id=13,
                type_label="Raadsinformatiebrief",
                category="Informatie",
                policy_field="Sociaal domein",
                case_code=f"Z/26/{doc_id % 100000:05d}",
                description="Toegevoegd na publicatie van de agenda (voorbeeldgegevens)",
                date=now.replace(hour=0, minute=0),
                published=now,
                last_modified=now,
                versions=[DocumentVersion(1, f"raadsinformatiebrief-{doc_id}.pdf", now)],
            )
            (item.documents if item else meeting.documents).append(doc_id)
            if item:
                item.last_modified = now
            meeting.last_modified = now
            return doc_id

    def remove_document(self, document_id: int) -> None:
        """Withdraw a document from every meeting, agenda item and register item it hangs on."""
        with self.lock:
            doc = self.document(document_id)
            if doc is None:
                raise KeyError(f"no document {document_id}")
            now = self._tick()
            municipality = self.municipality(doc.source_key)
            del municipality.documents[document_id]
            for item in municipality.register_items.values():
                if document_id in item.document_ids():
                    if item.main_document == document_id:
                        item.main_document = None
                    item.documents = [d for d in item.documents if d != document_id]
                    item.last_modified = now
            self._touch_owners(municipality, document_id, now, remove=True)

    def bump_document_version(self, document_id: int) -> int:
        """Publish a new version of a document's file; returns the new version number."""
        with self.lock:
            doc = self.document(document_id)
            if doc is None:
                raise KeyError(f"no document {document_id}")
            now = self._tick()
            number = doc.version + 1
            stem, _, extension = doc.versions[0].file_name.rpartition(".")
            doc.versions.append(DocumentVersion(number, f"{stem}-v{number}.{extension}", now))
            doc.last_modified = now
            municipality = self.municipality(doc.source_key)
            for item in municipality.register_items.values():
                if document_id in item.document_ids():
                    item.last_modified = now
            self._touch_owners(municipality, document_id, now, remove=False)
            return number

    def _touch_owners(
        self, municipality: Municipality, document_id: int, now: datetime, *, remove: bool
    ) -> None:
        """Bump `last_modified` of every meeting and agenda item that reaches the document."""
        changed_items = {
            i.id for i in municipality.register_items.values() if i.last_modified == now
        }
        for meeting in municipality.meetings:
            touched = document_id in meeting.documents or any(
                r.item_id in changed_items for r in meeting.module_items
            )
            if remove and document_id in meeting.documents:
                meeting.documents.remove(document_id)
            for item in meeting.agenda_items():
                if document_id in item.documents or any(
                    r.item_id in changed_items for r in item.module_items
                ):
                    touched = True
                    item.last_modified = now
                    if remove and document_id in item.documents:
                        item.documents.remove(document_id)
            if touched:
                meeting.last_modified = now


def _find_item(meeting: Meeting[int], agenda_item_id: int) -> AgendaItem[int]:
    for item in meeting.agenda_items():
        if item.id == agenda_item_id:
            return item
    raise KeyError(f"meeting {meeting.id} has no agenda item {agenda_item_id}")
