"""A small store + index built directly through the store and engine APIs, for API and CLI tests.

Two sources: `testdam` (NotuBiz; a meeting with an agenda tree, documents in every download and
extraction state, one withdrawn) and `anderdam` (iBabs; 25 dated letters and an undated annual
report) so that filters, facets, sorting and cursor paging have something to work on. testdam
also holds a Woo-besluit dossier over Woo documents that are not harvested (its rows joined or
not), so the dossier endpoint answers a record that exists.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from normalize.records import (
    AgendaItem,
    Committee,
    Document,
    ExtractionStatus,
    Meeting,
    Organization,
    Page,
)
from tests.search_api.sample_documents import (
    IB,
    LETTERS,
    NB,
    PDF_BYTES,
    SampleDocuments,
    doc_id,
)
from vindplaats.engine import open_engine
from vindplaats.engine.base import IndexDoc
from vindplaats.harvest.index import document_index_doc
from vindplaats.settings import Settings, load_settings
from vindplaats.sources import build_source
from vindplaats.store import open_blobs, open_store
from vindplaats.store.models import RunStatus


@dataclass
class Sample:
    settings: Settings
    meeting_id: str = ""
    begroting_id: str = ""
    motie_id: str = ""
    failed_id: str = ""
    pending_id: str = ""
    withdrawn_id: str = ""
    html_id: str = ""
    jaarrekening_id: str = ""
    letter_ids: list[str] = field(default_factory=list)
    heading_id: str = ""
    motion_id: str = ""  # stored, not indexed
    agenda_ids: dict[str, str] = field(default_factory=dict)
    register_entry_ids: list[str] = field(default_factory=list)
    dossier_id: str = ""


class SampleBuilder(SampleDocuments):
    """Writes the sample into a store, part by part, collecting what the index gets."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.sample = Sample(settings=settings)
        self.store = open_store(settings)
        self.blobs = open_blobs(settings)
        self.index: list[IndexDoc] = []

    def sources(self) -> None:
        """The two sources, their organisations and testdam's committees."""
        store = self.store
        store.upsert_source(
            build_source(
                key="testdam",
                name="Testdam",
                supplier="notubiz",
                notubiz_organisation_id="99",
                cbs_code="GM9999",
                tooi_uri="https://identifier.overheid.nl/tooi/id/gemeente/gm9999",
            )
        )
        store.upsert_source(
            build_source(
                key="anderdam", name="Anderdam", supplier="ibabs", ibabs_sitename="anderdam"
            )
        )
        org = Organization.build(NB, "testdam", "99", name="Gemeente Testdam")
        raad = Committee.build(NB, "testdam", "c1", name="Gemeenteraad", organization_id=org.id)
        ruimte = Committee.build(
            NB, "testdam", "c2", name="Commissie Ruimte", organization_id=org.id
        )
        other_org = Organization.build(IB, "anderdam", "anderdam", name="Gemeente Anderdam")
        for record in (org, raad, ruimte, other_org):
            store.upsert_record(record)
        self.org, self.raad, self.ruimte, self.other_org = org, raad, ruimte, other_org

    def meeting(self) -> None:
        """testdam's meeting with its agenda tree (a heading with two sub-items)."""
        store, sample, org, raad = self.store, self.sample, self.org, self.raad
        sample.begroting_id = doc_id(NB, "testdam", "1001")
        sample.motie_id = doc_id(NB, "testdam", "1002")
        sample.failed_id = doc_id(NB, "testdam", "1003")
        sample.pending_id = doc_id(NB, "testdam", "1004")
        sample.withdrawn_id = doc_id(NB, "testdam", "1005")
        sample.html_id = doc_id(NB, "testdam", "1006")

        meeting = Meeting.build(
            NB,
            "testdam",
            "m1",
            name="Raadsvergadering 5 november 2024",
            start=datetime(2024, 11, 5, 19, 30, tzinfo=UTC),
            organization_id=org.id,
            committee_id=raad.id,
            document_ids=[sample.failed_id],
        )
        store.upsert_record(meeting)
        sample.meeting_id = meeting.id

        def item(native: str, name: str, order: int, **fields: object) -> AgendaItem:
            built: AgendaItem = AgendaItem.build(
                NB, "testdam", native, meeting_id=meeting.id, name=name, order=order, **fields
            )
            store.upsert_record(built)
            sample.agenda_ids[name] = built.id
            return built

        heading = item("h1", "Hamerstukken", 1, is_heading=True, raw_position="3")
        sample.heading_id = heading.id
        item("a0", "Opening", 0, raw_position="1", position=1)
        item("a12", "Verordening afvalstoffenheffing", 1, parent_id=heading.id, raw_position="3b")
        item(
            "a11",
            "Begroting 2025",
            0,
            parent_id=heading.id,
            raw_position="3a",
            document_ids=[sample.begroting_id],
        )
        item("a2", "Motie fietspad", 2, raw_position="4", document_ids=[sample.motie_id])
        self.meeting_record = meeting

    def add(
        self,
        doc: Document,
        pages: list[str] | None,
        *,
        organization: str,
        committee: str | None = None,
        content: bytes | None = PDF_BYTES,
        download_error: str | None = None,
        indexed: bool = True,
    ) -> None:
        """Store a document: downloaded (or failed), extracted, indexed as asked."""
        store, blobs = self.store, self.blobs
        store.upsert_record(doc)
        if download_error is not None:
            store.record_download_failure(doc.id, download_error)
        elif content is not None:
            sha = blobs.put(content)
            store.record_download(
                doc.id, sha256=sha, size=len(content), content_type=doc.content_type
            )
        if pages is not None:
            store.record_extraction(
                doc.id,
                status=ExtractionStatus.OK if any(pages) else ExtractionStatus.EMPTY,
                pages=[Page(number=n, text=t) for n, t in enumerate(pages, start=1)],
                agent="extractous 0.3.0",
                route="text",
            )
        if indexed:
            self.index.append(document_index_doc(doc, organization, committee, pages or []))

    def runs(self) -> None:
        """testdam's harvest runs: one ok, one partial with a secret in its error."""
        store = self.store
        ok = store.start_run("testdam")
        store.finish_run(ok.id, RunStatus.OK, {"document": 5}, [])
        partial = store.start_run("testdam")
        store.finish_run(
            partial.id,
            RunStatus.PARTIAL,
            {"document": 6, "download_failed": 1},
            ["download https://user:pw@example.org/f?token=s3cr3t&x=1: HTTP 404 Not Found"],
        )

    def index_all(self) -> None:
        """Index what the parts collected."""
        settings, index = self.settings, self.index
        engine = open_engine(settings)
        try:
            report = engine.index(index)
            assert report.indexed == len(index), report
        finally:
            engine.close()


def build_sample(data_dir: Path) -> Sample:
    builder = SampleBuilder(load_settings(data_dir=data_dir))
    try:
        builder.sources()
        builder.meeting()
        builder.register_entries()
        builder.testdam_documents()
        builder.testdam_states()
        builder.web_page()
        builder.motion()
        builder.anderdam_documents()
        builder.dossier()
        builder.runs()
        builder.index_all()
    finally:
        builder.store.close()
    return builder.sample


__all__ = ["LETTERS", "PDF_BYTES", "Sample", "SampleBuilder", "build_sample"]
