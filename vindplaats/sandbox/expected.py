"""What a complete harvest of one NotuBiz sample source must find (`NotubizWorld.expected`)."""

from __future__ import annotations

from dataclasses import dataclass

from vindplaats.sandbox.concepts import FileKind
from vindplaats.sandbox.model import MOTION_ITEM_TYPE, Municipality


@dataclass(frozen=True)
class Expected:
    """The ids a complete harvest of one source finds, computed from the current world.

    Document ids are split by where they are reachable (a document may be reachable in more
    than one place); `document_ids` is their union. The broken ones are listed by kind:
    `missing` (download answers 404), `corrupt` (%PDF- then garbage), `empty` (0 bytes);
    `scanned` documents are valid PDFs whose text is only an image (they need OCR).
    """

    source_key: str
    organisation_id: int
    committee_ids: frozenset[int]
    public_meeting_ids: frozenset[int]
    non_public_meeting_ids: frozenset[int]
    agenda_item_ids: frozenset[int]  # every agenda item, headings (type "label") included
    heading_ids: frozenset[int]
    register_item_ids: frozenset[int]
    motion_item_ids: frozenset[int]  # the register items of motion registers (also Motions)
    meeting_document_ids: frozenset[int]
    agenda_item_document_ids: frozenset[int]
    register_document_ids: frozenset[int]
    document_ids: frozenset[int]
    missing_document_ids: frozenset[int]
    corrupt_document_ids: frozenset[int]
    empty_document_ids: frozenset[int]
    scanned_document_ids: frozenset[int]
    docx_document_ids: frozenset[int]
    quirk_url_document_ids: frozenset[int]  # url written as `httphttp://...`

    @property
    def broken_document_ids(self) -> frozenset[int]:
        """Documents whose file cannot yield text at all (404, corrupt, empty)."""
        return self.missing_document_ids | self.corrupt_document_ids | self.empty_document_ids

    @property
    def downloadable_document_ids(self) -> frozenset[int]:
        return self.document_ids - self.missing_document_ids

    @property
    def text_layer_document_ids(self) -> frozenset[int]:
        """Documents whose text a plain extractor finds without OCR (PDF text layer or DOCX)."""
        return self.document_ids - self.broken_document_ids - self.scanned_document_ids


def compute_expected(municipality: Municipality) -> Expected:
    public = [m for m in municipality.meetings if m.public]
    items = [item for m in public for item in m.agenda_items()]
    refs = [r for m in public for r in m.module_items] + [r for i in items for r in i.module_items]
    register_ids = {r.item_id for r in refs if r.item_id in municipality.register_items}
    meeting_docs = {d for m in public for d in m.documents}
    item_docs = {d for i in items for d in i.documents}
    register_docs = {
        d for rid in register_ids for d in municipality.register_items[rid].document_ids()
    }
    all_docs = meeting_docs | item_docs | register_docs
    docs = municipality.documents
    motion_modules = {r.id for r in municipality.registers if r.kind == MOTION_ITEM_TYPE}
    motion_ids = {
        rid
        for rid in register_ids
        if municipality.register_items[rid].register_id in motion_modules
    }

    def of_kind(kind: FileKind) -> frozenset[int]:
        return frozenset(d for d in all_docs if docs[d].kind is kind)

    return Expected(
        source_key=municipality.key,
        organisation_id=municipality.organisation_id,
        committee_ids=frozenset(g.id for g in municipality.gremia),
        public_meeting_ids=frozenset(m.id for m in public),
        non_public_meeting_ids=frozenset(m.id for m in municipality.meetings if not m.public),
        agenda_item_ids=frozenset(i.id for i in items),
        heading_ids=frozenset(i.id for i in items if i.kind == "label"),
        register_item_ids=frozenset(register_ids),
        motion_item_ids=frozenset(motion_ids),
        meeting_document_ids=frozenset(meeting_docs),
        agenda_item_document_ids=frozenset(item_docs),
        register_document_ids=frozenset(register_docs),
        document_ids=frozenset(all_docs),
        missing_document_ids=of_kind(FileKind.MISSING),
        corrupt_document_ids=of_kind(FileKind.CORRUPT),
        empty_document_ids=of_kind(FileKind.EMPTY),
        scanned_document_ids=of_kind(FileKind.SCANNED),
        docx_document_ids=of_kind(FileKind.DOCX),
        quirk_url_document_ids=frozenset(d for d in all_docs if docs[d].quirk_url),
    )
