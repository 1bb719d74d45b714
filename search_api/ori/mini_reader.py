"""What mini-ORI serves, read from the store: which records are served and their JSON.

A record is served at `/ori/mini/v1/` when it is a meeting, an agenda item or a council document
(not a Woo publication, as at `/ori/v2/`), it is not withdrawn, and its organisation has a TOOI
code mini-ORI can carry (a gemeente, provincie or waterschap): from the source's Organization
record, else the registered source, else the shipped catalogue (`vindplaats sources update KEY
--tooi-uri URI` sets it). A reference to another record
is given only when that record is served too, so every reference resolves.

One `MiniReader` answers one request: it keeps what it looked up (organisations, withdrawn ids
per source) for the records of that answer.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from normalize.records import AgendaItem, Committee, Document, Meeting, Organization, Record
from search_api.routes_documents import file_is_held, served_media_type
from search_api.services import Services, file_path
from vindplaats.catalogue import load_catalogue
from vindplaats.errors import NotFound, VindplaatsError
from vindplaats.ori import mini_records as mini
from vindplaats.ori.mini_records import FileInfo, Links
from vindplaats.store.models import DocumentState

BASE_PATH = "/ori/mini/v1"


@cache
def _catalogue_uris() -> dict[str, str]:
    return {source.key: source.tooi_uri for source in load_catalogue() if source.tooi_uri}


def api_base(svc: Services, request_base: str) -> str:
    """The absolute base of mini-ORI: on the public base URL when one is set."""
    root = svc.settings.public_base_url or request_base
    return root.rstrip("/") + BASE_PATH


class MiniReader:
    def __init__(self, svc: Services, base: str) -> None:
        self.svc = svc
        self.links = Links(base)
        self._orgs: dict[str, dict[str, str] | None] = {}
        self._withdrawn: dict[tuple[str, str], set[str]] = {}
        self._taken_down: frozenset[str] | None = None

    # -- what is served -------------------------------------------------------------------
    def organisatie(self, source_key: str) -> dict[str, str] | None:
        if source_key not in self._orgs:
            self._orgs[source_key] = self._find_organisatie(source_key)
        return self._orgs[source_key]

    def _find_organisatie(self, source_key: str) -> dict[str, str] | None:
        store = self.svc.store
        name, uri = "", None
        for record in store.iter_records("organization", source_key):
            if isinstance(record, Organization):
                name, uri = name or record.name, uri or record.tooi_uri
        try:
            source = store.get_source(source_key)
            name, uri = name or source.name, uri or source.tooi_uri
        except NotFound:
            pass
        uri = uri or _catalogue_uris().get(source_key)
        return mini.organisatie_of(uri, name or source_key)

    def withdrawn(self, record_type: str, source_key: str) -> set[str]:
        key = (record_type, source_key)
        if key not in self._withdrawn:
            self._withdrawn[key] = self.svc.store.withdrawn_record_ids(record_type, source_key)
        return self._withdrawn[key]

    def council(self, record: Record) -> bool:
        """Whether the record is of a kind mini-ORI serves (withdrawn or not): a meeting, an
        agenda item or a council document (a Woo publication is not council information) of
        an organisation with a TOOI code mini-ORI can carry."""
        return (
            record.record_type in mini.COLLECTIONS
            and not (isinstance(record, Document) and record.woo is not None)
            and self.organisatie(record.source_key) is not None
        )

    def served(self, record: Record) -> bool:
        """Served: of a kind mini-ORI serves, not withdrawn or taken down, and for an agenda
        item its meeting not withdrawn either (its required reference to the meeting must
        resolve)."""
        if self._taken_down is None:
            self._taken_down = self.svc.store.taken_down_ids()
        if record.id in self._taken_down:
            return False
        if isinstance(record, AgendaItem) and record.meeting_id in self.withdrawn(
            "meeting", record.source_key
        ):
            return False
        return self.council(record) and record.id not in self.withdrawn(
            record.record_type, record.source_key
        )

    def served_record(self, record_id: str | None) -> Record | None:
        """The record, when it is stored and served; else None."""
        if not record_id:
            return None
        try:
            record = self.svc.store.get_record(record_id)
        except (NotFound, VindplaatsError, ValueError):
            return None
        return record if self.served(record) else None

    # -- the JSON of a served record ------------------------------------------------------
    def render(self, record: Record) -> dict[str, Any] | None:
        organisatie = self.organisatie(record.source_key)
        if organisatie is None:
            return None
        if isinstance(record, Meeting):
            return self._vergadering(record, organisatie)
        if isinstance(record, AgendaItem):
            return self._agendapunt(record, organisatie)
        if isinstance(record, Document):
            return self._informatieobject(record, organisatie)
        return None

    def _items_of(self, meeting_id: str, source_key: str) -> list[AgendaItem]:
        gone = self.withdrawn("agenda_item", source_key)
        items = self.svc.store.iter_records("agenda_item", meeting_id=meeting_id)
        found = [i for i in items if isinstance(i, AgendaItem) and i.id not in gone]
        return sorted(found, key=lambda item: (item.order, item.id))

    def _vergadering(self, meeting: Meeting, organisatie: dict[str, str]) -> dict[str, Any]:
        committee = self.served_committee(meeting.committee_id)
        items = self._items_of(meeting.id, meeting.source_key)
        tops = [item.id for item in items if item.parent_id is None]
        return mini.vergadering(
            meeting, self.links, organisatie, committee=committee, agenda_ids=tops
        )

    def served_committee(self, committee_id: str | None) -> Committee | None:
        if not committee_id:
            return None
        try:
            record = self.svc.store.get_record(committee_id)
        except (NotFound, ValueError):
            return None
        return record if isinstance(record, Committee) else None

    def _agendapunt(self, item: AgendaItem, organisatie: dict[str, str]) -> dict[str, Any]:
        siblings = self._items_of(item.meeting_id, item.source_key)
        children = [other.id for other in siblings if other.parent_id == item.id]
        parent = item.parent_id if any(s.id == item.parent_id for s in siblings) else None
        return mini.agendapunt(item, self.links, organisatie, parent_id=parent, child_ids=children)

    def _informatieobject(self, doc: Document, organisatie: dict[str, str]) -> dict[str, Any]:
        state = self._state(doc.id)
        meeting = self.served_record(doc.meeting_id)
        item = self.served_record(doc.agenda_item_id)
        return mini.informatieobject(
            doc,
            self.links,
            organisatie,
            submitted=mini.submitted_day(doc, state.first_seen if state else None),
            meeting_ids=[meeting.id] if meeting else [],
            agenda_ids=[item.id] if item else [],
            file=self._file(doc, state),
        )

    def _state(self, doc_id: str) -> DocumentState | None:
        try:
            return self.svc.store.get_document_state(doc_id)
        except NotFound:
            return None

    def _file(self, doc: Document, state: DocumentState | None) -> FileInfo | None:
        if state is None or not file_is_held(self.svc, state):
            return None
        root = self.links.base.removesuffix(BASE_PATH)
        return FileInfo(url=root + file_path(doc.id), media_type=served_media_type(state))


__all__ = ["BASE_PATH", "MiniReader", "api_base"]
