"""What the ORI API 2.0 is built from: the live council records, indexed by id, and the links.

A `Corpus` holds the records the store serves (not withdrawn; Woo publications are not council
information and are left out) with when each last changed, the sources (for the `gemeente` of a
record) and which documents have a stored original (or failed to download). It knows the
relations the ORI resources need both ways (a meeting's agenda items, an agenda item's
documents, a motion's votes, ...). `Links` makes the absolute URLs of resources on our own
server. Nothing here does I/O: the API layer reads the store and hands the records over
(`Corpus.build`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any
from urllib.parse import quote

from normalize.records import (
    AgendaItem,
    Committee,
    Document,
    Meeting,
    Motion,
    Organization,
    Person,
    Record,
    Vote,
)
from vindplaats.ori.ids import ori_uuid
from vindplaats.sources import Source

# the record types the ORI API is built from, in the order they are read
RECORD_TYPES = (
    "organization",
    "committee",
    "meeting",
    "agenda_item",
    "document",
    "motion",
    "vote",
    "person",
)


@lru_cache(maxsize=1 << 18)
def uuid_of(key: str) -> str:
    """`ori_uuid(key)`, remembered: a resource's UUID is asked for by every reference to it."""
    return ori_uuid(key)


@dataclass(frozen=True)
class Links:
    """Absolute URLs on our own server: `api` is the ORI API's root (`.../ori/v2`), `site` the
    server's root (for a document's stored original)."""

    api: str
    site: str

    def url(self, collection: str, uuid: str) -> str:
        return f"{self.api}/{collection}/{uuid}"

    def ref(self, collection: str, key: str) -> dict[str, str]:
        """The `VerwijzingNaarResource` of the resource known by `key` (a record id or the key
        of a derived resource)."""
        uuid = uuid_of(key)
        return {"id": uuid, "url": self.url(collection, uuid)}

    def href(self, collection: str, key: str) -> str:
        return self.url(collection, uuid_of(key))

    def file(self, doc_id: str) -> str:
        return f"{self.site}/api/documents/{quote(doc_id, safe=':')}/file"


@dataclass
class Corpus:
    now: datetime
    sources: dict[str, Source] = field(default_factory=dict)
    organizations: dict[str, Organization] = field(default_factory=dict)
    committees: dict[str, Committee] = field(default_factory=dict)
    meetings: dict[str, Meeting] = field(default_factory=dict)
    agenda_items: dict[str, AgendaItem] = field(default_factory=dict)
    documents: dict[str, Document] = field(default_factory=dict)
    motions: dict[str, Motion] = field(default_factory=dict)
    votes: dict[str, Vote] = field(default_factory=dict)
    persons: dict[str, Person] = field(default_factory=dict)
    changed: dict[str, datetime] = field(default_factory=dict)
    stored_files: set[str] = field(default_factory=set)
    failed_files: set[str] = field(default_factory=set)
    _relations: dict[str, dict[str, list[str]]] = field(default_factory=dict)

    @classmethod
    def build(
        cls,
        now: datetime,
        sources: Iterable[Source],
        records: Iterable[tuple[Record, datetime]],
        stored_files: Iterable[str] = (),
        failed_files: Iterable[str] = (),
    ) -> Corpus:
        """`stored_files`: the documents whose original we hold; `failed_files`: those whose
        download failed (the supplier's link does not answer with the file)."""
        corpus = cls(now=now, sources={s.key: s for s in sources})
        corpus.stored_files, corpus.failed_files = set(stored_files), set(failed_files)
        tables: dict[str, dict[str, Any]] = {
            "organization": corpus.organizations,
            "committee": corpus.committees,
            "meeting": corpus.meetings,
            "agenda_item": corpus.agenda_items,
            "document": corpus.documents,
            "motion": corpus.motions,
            "vote": corpus.votes,
            "person": corpus.persons,
        }
        for record, changed in records:
            table = tables.get(record.record_type)
            if table is None or (isinstance(record, Document) and record.woo is not None):
                continue
            table[record.id] = record
            corpus.changed[record.id] = changed
        return corpus

    def changed_at(self, *record_ids: str | None) -> datetime:
        """When the newest of these records last changed (the corpus' time when none is known)."""
        found = [self.changed[r] for r in record_ids if r is not None and r in self.changed]
        return max(found) if found else self.now

    # -- relations, both ways ---------------------------------------------------------------
    def _relation(self, name: str) -> dict[str, list[str]]:
        if not self._relations:
            self._relations = self._index()
        return self._relations.get(name, {})

    def _index(self) -> dict[str, dict[str, list[str]]]:
        found: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))

        def link(name: str, key: str | None, value: str) -> None:
            if key is not None and value not in found[name][key]:
                found[name][key].append(value)

        for item in sorted(self.agenda_items.values(), key=lambda i: (i.order, i.id)):
            link("items_of_meeting", item.meeting_id, item.id)
            link("children", item.parent_id, item.id)
            for doc_id in item.document_ids:
                if doc_id in self.documents:
                    link("documents_of_item", item.id, doc_id)
                    link("items_of_document", doc_id, item.id)
        for meeting in self.meetings.values():
            for doc_id in meeting.document_ids:
                if doc_id in self.documents:
                    link("documents_of_meeting", meeting.id, doc_id)
                    link("meetings_of_document", doc_id, meeting.id)
        for doc in sorted(self.documents.values(), key=lambda d: d.id):
            link("documents_of_meeting", doc.meeting_id, doc.id)
            link("documents_of_item", doc.agenda_item_id, doc.id)
            if doc.meeting_id is not None:
                link("meetings_of_document", doc.id, doc.meeting_id)
            if doc.agenda_item_id is not None:
                link("items_of_document", doc.id, doc.agenda_item_id)
        for vote in sorted(self.votes.values(), key=lambda v: v.id):
            link("votes_of_motion", vote.motion_id, vote.id)
        return found

    def items_of_meeting(self, meeting_id: str) -> list[str]:
        return list(self._relation("items_of_meeting").get(meeting_id, []))

    def children(self, item_id: str) -> list[str]:
        return list(self._relation("children").get(item_id, []))

    def documents_of_item(self, item_id: str) -> list[str]:
        return list(self._relation("documents_of_item").get(item_id, []))

    def documents_of_meeting(self, meeting_id: str) -> list[str]:
        return list(self._relation("documents_of_meeting").get(meeting_id, []))

    def items_of_document(self, doc_id: str) -> list[str]:
        """The agenda items (served ones: their meeting is known) that hold the document."""
        return [
            i for i in self._relation("items_of_document").get(doc_id, []) if self.served_item(i)
        ]

    def meetings_of_document(self, doc_id: str) -> list[str]:
        return [
            m for m in self._relation("meetings_of_document").get(doc_id, []) if m in self.meetings
        ]

    def served_item(self, item_id: str | None) -> bool:
        """Whether an agenda item is served: it is known and so is its meeting."""
        item = self.agenda_items.get(item_id or "")
        return item is not None and item.meeting_id in self.meetings

    def votes_of_motion(self, motion_id: str) -> list[str]:
        return list(self._relation("votes_of_motion").get(motion_id, []))


@dataclass(frozen=True)
class Entry:
    """One resource of a collection: its `key` (the record id, or the key of a resource made
    from several records), its body and when it last changed (`gewijzigdSinds`)."""

    key: str
    body: dict[str, Any]
    changed: datetime

    @property
    def id(self) -> str:
        return str(self.body["id"])


def stamp(moment: datetime | None) -> str | None:
    """An RFC 3339 date-time (UTC, `Z`)."""
    if moment is None:
        return None
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def compact(body: dict[str, Any]) -> dict[str, Any]:
    """The body without the fields that have no value (ORI fields are optional, rarely null)."""
    return {k: v for k, v in body.items() if v is not None and v != "" and v != {}}
