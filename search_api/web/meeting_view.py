"""What the meeting page shows: the meeting's agenda tree (built as `GET /api/meetings/{id}`
builds it) with, at every agenda item, its documents, its motions and its register entries, each
marked when the page's query hits it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from markupsafe import Markup

from normalize.doctypes import label_of
from normalize.records import AgendaItem, Document, Meeting, Motion, RegisterEntry
from search_api.routes_documents import register_entry_ref
from search_api.routes_meetings import _Documents, agenda_tree
from search_api.schemas import AgendaNode, DocumentRef, RegisterEntryRef
from search_api.services import Services
from search_api.web.council_text import RESULT, agenda_anchor, path_of, safe_snippet
from search_api.web.meeting_hits import MeetingHits, meeting_hits
from vindplaats.engine.base import Hit


@dataclass
class Marked:
    """A record on the page with the query's hit on it, if any."""

    href: str
    hit: Hit | None

    @property
    def snippet(self) -> Markup | None:
        if self.hit is None or not self.hit.pages:
            return None
        return safe_snippet(self.hit.pages[0].snippet)

    @property
    def page(self) -> int | None:
        return self.hit.pages[0].number if self.hit and self.hit.pages else None


@dataclass
class DocumentLine(Marked):
    ref: DocumentRef | None = None
    kind: str = "Document"  # the controlled type's label: Raadsvoorstel, Brief, Motie, ...
    register: str | None = None  # the register whose entry holds it, when not listed itself


@dataclass
class MotionLine(Marked):
    motion: Motion | None = None
    withdrawn: bool = False

    @property
    def result(self) -> str | None:
        motion = self.motion
        if motion is None or motion.result is None:
            return None
        return RESULT[motion.result]


@dataclass
class AgendaPoint:
    """One agenda item with what hangs from it; `level` is its heading level (3 = top)."""

    node: AgendaNode
    level: int
    documents: list[DocumentLine]
    motions: list[MotionLine]
    entries: list[RegisterEntryRef]
    children: list[AgendaPoint] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return agenda_anchor(self.node.id)

    @property
    def hits(self) -> int:
        """Hits on this item's own documents and motions."""
        lines: list[Marked] = [*self.documents, *self.motions]
        return sum(1 for line in lines if line.hit is not None)

    @property
    def hits_below(self) -> int:
        return sum(child.hits + child.hits_below for child in self.children)


@dataclass
class MeetingView:
    meeting: Meeting
    agenda: list[AgendaPoint]
    documents: list[DocumentLine]  # of the meeting itself, not of an agenda item
    motions: list[MotionLine]  # of the meeting, not on an agenda item shown
    entries: list[RegisterEntryRef]  # idem
    hits: MeetingHits


class _Parts:
    """The meeting's records grouped by agenda item (None: not on a known agenda item)."""

    def __init__(self, svc: Services, meeting: Meeting, item_ids: set[str]) -> None:
        self.motions: dict[str | None, list[Motion]] = defaultdict(list)
        self.entries: dict[str | None, list[RegisterEntry]] = defaultdict(list)
        self.withdrawn = svc.store.withdrawn_record_ids("motion", meeting.source_key)
        down = svc.store.taken_down_ids()  # taken-down motions are not shown
        for record in svc.store.iter_records("motion", meeting_id=meeting.id):
            if isinstance(record, Motion) and record.id not in down:
                key = record.agenda_item_id if record.agenda_item_id in item_ids else None
                self.motions[key].append(record)
        for record in svc.store.iter_records("register_entry", meeting_id=meeting.id):
            if isinstance(record, RegisterEntry):
                key = record.agenda_item_id if record.agenda_item_id in item_ids else None
                self.entries[key].append(record)
        for group in self.motions.values():
            group.sort(key=lambda m: (m.title, m.id))


def _all_ids(nodes: list[AgendaNode], documents: list[DocumentRef], parts: _Parts) -> set[str]:
    ids = {ref.id for ref in documents}
    ids |= {motion.id for group in parts.motions.values() for motion in group}
    stack = list(nodes)
    while stack:
        node = stack.pop()
        ids |= {ref.id for ref in node.documents}
        stack += node.children
    return ids


class _Builder:
    def __init__(self, parts: _Parts, hits: MeetingHits, known: dict[str, Document]) -> None:
        self.parts, self.hits, self.q, self.known = parts, hits, hits.q, known

    def document(self, ref: DocumentRef, register: str | None = None) -> DocumentLine:
        doc = self.known.get(ref.id)
        kind = (label_of(doc.document_type.value) if doc else None) or "Document"
        return DocumentLine(
            href=path_of("/documenten/", ref.id, self.q),
            hit=self.hits.get(ref.id),
            ref=ref,
            kind=kind,
            register=register,
        )

    def motion(self, motion: Motion) -> MotionLine:
        return MotionLine(
            href=path_of("/moties/", motion.id),
            hit=self.hits.get(motion.id),
            motion=motion,
            withdrawn=motion.id in self.parts.withdrawn,
        )

    def records(
        self, refs: list[DocumentRef], key: str | None
    ) -> tuple[list[DocumentLine], list[MotionLine], list[RegisterEntryRef]]:
        """The documents, motions and register entries of agenda item `key` (None: of the
        meeting itself). An entry that is a motion shown here, or whose documents are all
        shown here, is not listed again: its documents name its register instead."""
        motions = self.parts.motions.get(key, [])
        shown = {ref.id for ref in refs}
        as_motion = {m.register_entry_id for m in motions}
        register: dict[str, str] = {}
        entries = []
        for entry in self.parts.entries.get(key, []):
            name = entry.register_name or entry.document_type_label or "Register"
            if entry.id in as_motion:
                continue
            if entry.document_ids and set(entry.document_ids) <= shown:
                register.update(dict.fromkeys(entry.document_ids, name))
                continue
            entries.append(register_entry_ref(entry))
        return (
            [self.document(ref, register.get(ref.id)) for ref in refs],
            [self.motion(m) for m in motions],
            entries,
        )

    def point(self, node: AgendaNode, level: int = 3) -> AgendaPoint:
        documents, motions, entries = self.records(node.documents, node.id)
        return AgendaPoint(
            node=node,
            level=min(level, 6),
            documents=documents,
            motions=motions,
            entries=entries,
            children=[self.point(child, level + 1) for child in node.children],
        )


def meeting_view(svc: Services, meeting: Meeting, q: str) -> MeetingView:
    """The meeting page's content, with the hits of `q` (empty: no query) marked."""
    documents = _Documents(svc, meeting.id)
    items = [
        item
        for item in svc.store.iter_records("agenda_item", meeting_id=meeting.id)
        if isinstance(item, AgendaItem)
    ]
    item_ids = {item.id for item in items}
    tree = agenda_tree(items, documents)
    loose = sorted(d.id for d in documents.known.values() if d.agenda_item_id not in item_ids)
    own = documents.refs(meeting.document_ids, loose)
    parts = _Parts(svc, meeting, item_ids)
    ids = _all_ids(tree, own, parts)
    hits = meeting_hits(svc, q, meeting.source_key, meeting.id, ids)
    build = _Builder(parts, hits, documents.known)
    own_documents, own_motions, own_entries = build.records(own, None)
    return MeetingView(
        meeting=meeting,
        agenda=[build.point(node) for node in tree],
        documents=own_documents,
        motions=own_motions,
        entries=own_entries,
        hits=hits,
    )
