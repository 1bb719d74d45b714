"""`GET /api/meetings/{id}`: a meeting with its agenda tree and documents."""

from __future__ import annotations

from collections import defaultdict

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from normalize.records import AgendaItem, Document, Meeting, RegisterEntry
from search_api.http_cache import conditional
from search_api.params import parse_params
from search_api.routes_documents import document_ref, name_of, register_entry_ref
from search_api.schemas import AgendaNode, DocumentRef, MeetingDetail, dump
from search_api.services import Services, checked_id, services
from vindplaats.errors import NotFound
from vindplaats.privacy.takedowns import check_shown

MAX_DEPTH = 32


class _Documents:
    """Looks up document titles and links; documents of the meeting are loaded at once."""

    def __init__(self, svc: Services, meeting_id: str) -> None:
        self.svc = svc
        self.known: dict[str, Document] = {}
        for record in svc.store.iter_records("document", meeting_id=meeting_id):
            assert isinstance(record, Document)
            self.known[record.id] = record

    def ref(self, doc_id: str) -> DocumentRef:
        return document_ref(self.svc, doc_id, self.known.get(doc_id))

    def refs(self, listed: list[str], extra: list[str]) -> list[DocumentRef]:
        """The listed documents in order, then documents pointing here that were not listed."""
        down = self.svc.store.taken_down_ids()  # taken-down documents are not listed
        ids = [i for i in dict.fromkeys([*listed, *extra]) if i not in down]
        return [self.ref(doc_id) for doc_id in ids]


def agenda_tree(items: list[AgendaItem], documents: _Documents) -> list[AgendaNode]:
    """Nest agenda items by `parent_id`, siblings ordered by `order`.

    Items whose parent is unknown, that sit in a parent cycle or deeper than `MAX_DEPTH` are
    shown at the top level, so nothing stored is hidden.
    """
    by_id = {item.id: item for item in items}
    children: dict[str | None, list[AgendaItem]] = defaultdict(list)
    for item in items:
        parent = item.parent_id if item.parent_id in by_id else None
        children[parent].append(item)
    for siblings in children.values():
        siblings.sort(key=lambda i: (i.order, i.position or 0, i.id))
    extra: dict[str, list[str]] = defaultdict(list)
    for doc in documents.known.values():
        if doc.agenda_item_id:
            extra[doc.agenda_item_id].append(doc.id)
    placed: set[str] = set()

    def build(item: AgendaItem, depth: int = 0) -> AgendaNode:
        placed.add(item.id)
        below = children[item.id] if depth < MAX_DEPTH else []
        return AgendaNode(
            id=item.id,
            name=item.name,
            description=item.description,
            raw_position=item.raw_position,
            position=item.position,
            order=item.order,
            is_heading=item.is_heading,
            documents=documents.refs(item.document_ids, sorted(extra[item.id])),
            children=[build(c, depth + 1) for c in below if c.id not in placed],
        )

    roots = [build(item) for item in children[None]]
    for item in sorted(items, key=lambda i: (i.order, i.id)):
        if item.id not in placed:
            roots.append(build(item))
    return roots


def meeting_detail(request: Request) -> Response:
    parse_params((), request.query_params)
    svc = services(request)
    meeting_id = checked_id(request.path_params["id"], "meeting")
    meeting = svc.store.get_record(meeting_id)
    if not isinstance(meeting, Meeting):
        raise NotFound(f"no meeting with id {meeting_id!r}")
    check_shown(svc.store, meeting_id)  # a taken-down meeting: 410
    documents = _Documents(svc, meeting.id)
    items = [
        item
        for item in svc.store.iter_records("agenda_item", meeting_id=meeting.id)
        if isinstance(item, AgendaItem)
    ]
    item_ids = {item.id for item in items}
    loose = sorted(d.id for d in documents.known.values() if d.agenda_item_id not in item_ids)
    detail = MeetingDetail(
        **meeting.model_dump(),
        organization=name_of(svc, meeting.organization_id),
        committee=name_of(svc, meeting.committee_id),
        agenda=agenda_tree(items, documents),
        documents=documents.refs(meeting.document_ids, loose),
        register_entries=[
            register_entry_ref(entry)
            for entry in svc.store.iter_records("register_entry", meeting_id=meeting.id)
            if isinstance(entry, RegisterEntry)
        ],
    )
    return conditional(request, JSONResponse(dump(detail)))


routes = [Route("/api/meetings/{id:path}", meeting_detail, methods=["GET"], name="meeting")]
