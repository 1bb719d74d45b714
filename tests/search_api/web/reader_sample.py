"""The reader tests' store: documents of the NotuBiz source `leesdam` in the states the reader
puts in words, with real originals.

- `nota`: a real 4-page PDF (reportlab) on an agenda item of a meeting; the word
  "woningbouwplannen" only on page 3, page 2 dense with text, page 4 blank; its title and page 3
  carry hostile markup;
- `scan`: a PDF whose pages were OCR'd; `motie`: a DOCX (no page images);
- `missing`: its download answered 404; `failed`: downloaded, text extraction failed;
- `withdrawn`: withdrawn by the source;
- `woo`: a Woo publication (DiWoo metadata) in a Woo-besluit dossier whose inventory judges it
  "deels openbaar" on ground 5.1.2e.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from normalize.dossier import Dossier, DossierGround, InventoryEntry, JoinCounts, JoinedBy
from normalize.grounds import Law
from normalize.inventory_values import Judgement
from normalize.records import (
    AgendaItem,
    Committee,
    Document,
    ExtractionStatus,
    Meeting,
    Organization,
    Page,
    Supplier,
)
from tests.normalize.woo_samples import woo_besluit
from vindplaats.settings import Settings, load_settings
from vindplaats.sources import build_source
from vindplaats.store import open_blobs, open_store
from vindplaats.store.base import Store

NB = Supplier.NOTUBIZ
HOSTILE_TITLE = 'Nota <script>alert("titel")</script> & woningbouw'
HOSTILE_TEXT = '<img src=x onerror="alert(1)">'
NOTA_PAGES = [
    "Inleiding over de gemeente Leesdam.",
    "Financiën: de begroting is sluitend. " * 30,
    f"De woningbouwplannen voor 2026 staan hier. {HOSTILE_TEXT} Einde.",
    "",
]


def pdf_bytes(pages: list[str]) -> bytes:
    """A real PDF with one page per text, each drawn in lines of 11 pt Helvetica (an empty text:
    a blank page)."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=1)
    for text in pages:
        words, y = text.split(), A4[1] - 72
        while words and y > 72:
            line, words = " ".join(words[:10]), words[10:]
            canvas.setFont("Helvetica", 11)
            canvas.drawString(72, y, line)
            y -= 15
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


@dataclass
class ReaderSample:
    settings: Settings
    ids: dict[str, str] = field(default_factory=dict)
    meeting_id: str = ""
    agenda_item_id: str = ""
    committee_id: str = ""
    dossier_id: str = ""
    nota_pdf: bytes = b""


def _store_file(store: Store, settings: Settings, doc: Document, content: bytes) -> None:
    sha = open_blobs(settings).put(content)
    store.record_download(doc.id, sha256=sha, size=len(content), content_type=doc.content_type)


def _document(native: str, title: str, **fields: object) -> Document:
    org = Organization.build(NB, "leesdam", "1", name="Gemeente Leesdam")
    built: Document = Document.build(
        NB,
        "leesdam",
        native,
        title=title,
        original_url=f"https://example.org/leesdam/{native}.pdf",
        organization_id=org.id,
        **{"content_type": "application/pdf", **fields},
    )
    return built


def _council(store: Store, sample: ReaderSample) -> None:
    store.upsert_source(
        build_source(key="leesdam", name="Leesdam", supplier="notubiz", notubiz_organisation_id="1")
    )
    org = Organization.build(NB, "leesdam", "1", name="Gemeente Leesdam")
    raad = Committee.build(NB, "leesdam", "c1", name="Gemeenteraad", organization_id=org.id)
    meeting = Meeting.build(
        NB, "leesdam", "m1", name="Raadsvergadering", organization_id=org.id,
        committee_id=raad.id, start=datetime(2025, 3, 4, 19, 30, tzinfo=UTC),
    )  # fmt: skip
    item = AgendaItem.build(
        NB, "leesdam", "a1", meeting_id=meeting.id, name="Woningbouw", order=0, raw_position="7"
    )
    for record in (org, raad, meeting, item):
        store.upsert_record(record)
    sample.meeting_id, sample.agenda_item_id, sample.committee_id = meeting.id, item.id, raad.id


def _texts(store: Store, doc: Document, pages: list[str], ocr: bool = False) -> None:
    store.record_extraction(
        doc.id,
        status=ExtractionStatus.OK,
        pages=[Page(number=n, text=t, ocr=ocr) for n, t in enumerate(pages, start=1)],
        agent="extractous 0.3.0",
        route="ocr" if ocr else "text",
    )


def _documents(store: Store, sample: ReaderSample) -> None:
    settings = sample.settings
    nota = _document(
        "nota", HOSTILE_TITLE, file_name="nota-woningbouw.pdf", document_type="Raadsvoorstel",
        date=datetime(2025, 3, 1, 12, tzinfo=UTC), meeting_id=sample.meeting_id,
        agenda_item_id=sample.agenda_item_id, committee_id=sample.committee_id,
    )  # fmt: skip
    scan = _document("scan", "Gescande brief")
    motie = _document(
        "motie", "Motie over de woningbouw", content_type="application/msword",
        file_name="motie.docx",
    )  # fmt: skip
    missing = _document("missing", "Verdwenen bijlage")
    failed = _document("failed", "Kapotte bijlage")
    withdrawn = _document("withdrawn", "Ingetrokken nota")
    for doc in (nota, scan, motie, missing, failed, withdrawn):
        store.upsert_record(doc)
        sample.ids[doc.native_id] = doc.id
    sample.nota_pdf = pdf_bytes(NOTA_PAGES)
    _store_file(store, settings, nota, sample.nota_pdf)
    _texts(store, nota, NOTA_PAGES)
    _store_file(store, settings, scan, pdf_bytes(["Geachte raad, hierbij mijn brief."]))
    _texts(store, scan, ["Geachte raad, hierbij mijn brief."], ocr=True)
    _store_file(store, settings, motie, b"PK\x03\x04 not really a docx")
    _texts(store, motie, ["De raad verzoekt het college meer woningbouw."])
    store.record_download_failure(missing.id, "HTTP 404 Not Found")
    _store_file(store, settings, failed, b"%PDF-1.7\n garbage")
    store.record_extraction(
        failed.id, status=ExtractionStatus.FAILED, pages=[], agent="extractous 0.3.0",
        error="the PDF is damaged: no trailer",
    )  # fmt: skip
    _store_file(store, settings, withdrawn, pdf_bytes(["Oude tekst."]))
    _texts(store, withdrawn, ["Oude tekst."])
    store.mark_withdrawn([withdrawn.id])


def _woo(store: Store, sample: ReaderSample) -> None:
    store.upsert_source(build_source(key="vws", name="VWS", supplier="diwoo"))
    vws = Organization.build(Supplier.DIWOO, "vws", "vws", name="VWS")
    woo = Document.build(
        Supplier.DIWOO, "vws", "https://open.example.nl/besluit.pdf",
        title="Besluit op het Woo-verzoek over vaccinatiecampagnes",
        original_url="https://open.example.nl/besluit.pdf", organization_id=vws.id,
        woo=woo_besluit(),
    )  # fmt: skip
    store.upsert_record(vws)
    store.upsert_record(woo)
    sample.ids["woo"] = woo.id
    ground = DossierGround(written="5.1.2 e", code="5.1.2e", law=Law.WOO, label="privacy")
    row = InventoryEntry(
        number="1", line=2, inventory_document_id=woo.id, name="Besluit",
        judgement=Judgement.DEELS_OPENBAAR, grounds=[ground], document_id=woo.id,
        joined_by=JoinedBy.NUMBER,
    )  # fmt: skip
    dossier = Dossier.build(
        Supplier.DIWOO, "vws", "besluit-1", title="Woo-besluit vaccinatiecampagnes",
        decision_date=date(2025, 11, 3), law=Law.WOO, organization_id=vws.id,
        decision_document_id=woo.id, document_ids=[woo.id], inventory=[row],
        join_counts=JoinCounts(rows=1, joined=1, by_number=1),
    )  # fmt: skip
    store.save_dossier(dossier)
    sample.dossier_id = dossier.id


def build_reader_sample(data_dir: Path) -> ReaderSample:
    """Write the sample (see the module docstring) into a new store under `data_dir`."""
    sample = ReaderSample(settings=load_settings(data_dir=data_dir))
    store = open_store(sample.settings)
    try:
        _council(store, sample)
        _documents(store, sample)
        _woo(store, sample)
    finally:
        store.close()
    return sample


__all__ = ["HOSTILE_TEXT", "HOSTILE_TITLE", "NOTA_PAGES", "ReaderSample", "build_reader_sample"]
