"""The reader's facts about a document: its metadata rows (Woo fields when present) and where it
belongs (meeting and agenda item, register entry, Woo-besluit dossiers), all in Dutch.

The data comes from the same assembly as the JSON detail (`search_api.routes_documents`: names of
the records it refers to, its dossiers) and the judgement and refusal grounds the dossiers'
inventories give it (`vindplaats.harvest.index_woo.StoredAssessments`, as search filters them).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import quote

from normalize.doctypes import VOCABULARY
from normalize.records import AgendaItem, Document, Meeting, Supplier
from normalize.woo_categories import CATEGORIES
from normalize.woo_metadata import Coded, WooMetadata
from search_api.routes_documents import dossiers_of, entry_of, name_of
from search_api.services import Services
from search_api.web.council_text import agenda_anchor
from search_api.web.dutch_time import long_date
from vindplaats.errors import NotFound
from vindplaats.harvest.index_woo import StoredAssessments
from vindplaats.store.models import DocumentState

SUPPLIERS = {
    Supplier.NOTUBIZ: "NotuBiz",
    Supplier.IBABS: "iBabs",
    Supplier.GEMEENTEOPLOSSINGEN: "GemeenteOplossingen",
    Supplier.PARLAEUS: "Parlaeus",
    Supplier.ORI_API: "Open Raadsinformatie (VNG)",
    Supplier.DIWOO: "Woo-index (DiWoo)",
}


@dataclass(frozen=True)
class Fact:
    """One row of the metadata list: a label, its value and an optional link (`href`)."""

    label: str
    value: str
    href: str | None = None


def dutch_date(value: date | datetime | None) -> str | None:
    """`5 november 2024` (a moment: its Dutch day)."""
    return long_date(value) or None


def file_size(size: int | None) -> str | None:
    """`12,3 kB`, `1,5 MB` (Dutch decimal comma)."""
    if size is None:
        return None
    if size < 1000:
        return f"{size} bytes"
    for unit, scale in (("kB", 1e3), ("MB", 1e6), ("GB", 1e9)):
        if size < scale * 1000 or unit == "GB":
            return f"{size / scale:.1f} {unit}".replace(".", ",")
    return None  # pragma: no cover - the loop always returns


def _labels(values: list[Coded]) -> str | None:
    return ", ".join(v.label or v.uri or "?" for v in values) or None


def _woo_facts(woo: WooMetadata, title: str) -> list[Fact | None]:
    handelingen = [
        f"{h.soort_handeling.label} op {dutch_date(h.at_time)}" if h.at_time else
        h.soort_handeling.label
        for h in woo.documenthandelingen
    ]  # fmt: skip
    rows: list[tuple[str, str | None]] = [
        ("Publicerende organisatie", woo.publisher.label if woo.publisher else None),
        ("Verantwoordelijke", woo.verantwoordelijke.label if woo.verantwoordelijke else None),
        ("Officiële titel", woo.officiele_titel if woo.officiele_titel != title else None),
        ("Informatiecategorie", _labels(woo.informatiecategorieen)),
        ("Documentsoort", _labels(woo.documentsoorten)),
        ("Thema", _labels(woo.themas)),
        ("Trefwoorden", ", ".join(woo.trefwoorden) or None),
        ("Creatiedatum", dutch_date(woo.creatiedatum)),
        ("Kenmerken", ", ".join(woo.identifiers) or None),
        ("Documenthandelingen", "; ".join(handelingen) or None),
        ("Omschrijving", " ".join(woo.omschrijvingen) or None),
    ]
    return [Fact(label, value) if value else None for label, value in rows]


def metadata_facts(
    svc: Services, doc: Document, typed: Document, state: DocumentState
) -> list[Fact]:
    """The metadata rows of the reader, in order; rows without a value are left out."""
    organization = name_of(svc, doc.organization_id)
    committee = name_of(svc, doc.committee_id)
    info = VOCABULARY[typed.document_type]
    doc_type = info.label
    if typed.document_type_label and typed.document_type_label.lower() != info.label.lower():
        doc_type += f" ({typed.document_type_label})"
    rows: list[Fact | None] = [
        Fact("Organisatie", organization.name or doc.source_key, f"/organisaties/{doc.source_key}")
        if organization
        else None,
        Fact("Datum", dutch_date(doc.sort_date) or "") if doc.sort_date else None,
        Fact("Documenttype", doc_type),
        Fact("Woo-informatiecategorie", CATEGORIES[typed.woo_category].label),
        Fact("Commissie", committee.name) if committee and committee.name else None,
        Fact("Beschrijving", doc.description) if doc.description else None,
        Fact("Bestandsnaam", doc.file_name) if doc.file_name else None,
        Fact("Bestandstype", state.content_type or doc.content_type or "")
        if state.content_type or doc.content_type
        else None,
        Fact("Grootte", file_size(state.size) or "") if state.size is not None else None,
        Fact("Leverancier", SUPPLIERS.get(doc.supplier, doc.supplier.value)),
    ]
    if doc.woo is not None:
        rows += _woo_facts(doc.woo, doc.title)
    assessment = StoredAssessments(svc.store)(doc.id)
    if assessment is not None and assessment.judgement:
        rows.append(Fact("Oordeel", assessment.judgement))
    if assessment is not None and assessment.grounds:
        rows.append(Fact("Weigeringsgronden", ", ".join(assessment.grounds)))
    return [row for row in rows if row is not None]


def _record(svc: Services, record_id: str | None) -> object | None:
    if record_id is None:
        return None
    try:
        return svc.store.get_record(record_id)
    except NotFound:
        return None


def belonging(svc: Services, doc: Document) -> list[Fact]:
    """Where the document belongs: meeting, agenda item, register entry, Woo dossiers."""
    item = _record(svc, doc.agenda_item_id)
    meeting_id = doc.meeting_id or (item.meeting_id if isinstance(item, AgendaItem) else None)
    meeting = _record(svc, meeting_id)
    rows: list[Fact] = []
    if isinstance(meeting, Meeting):
        when = dutch_date(meeting.start)
        name = f"{meeting.name} ({when})" if when and when not in meeting.name else meeting.name
        rows.append(Fact("Vergadering", name, f"/vergaderingen/{_path(meeting.id)}"))
    if isinstance(item, AgendaItem):
        position = f"{item.raw_position} " if item.raw_position else ""
        href = f"/vergaderingen/{_path(item.meeting_id)}#{agenda_anchor(item.id)}"
        rows.append(Fact("Agendapunt", f"{position}{item.name}", href))
    entry = entry_of(svc, doc.register_entry_id)
    if entry is not None and entry.name:
        label = f"Register {entry.register_name}" if entry.register_name else "Register"
        rows.append(Fact(label, entry.name))
    for dossier in dossiers_of(svc, doc):
        rows.append(
            Fact("Woo-dossier", dossier.title or dossier.id, f"/dossiers/{_path(dossier.id)}")
        )
    return rows


def _path(record_id: str) -> str:
    return quote(record_id, safe=":")


__all__ = ["Fact", "belonging", "dutch_date", "file_size", "metadata_facts"]
