"""A small store + index built directly through the store and engine APIs, for API and CLI tests.

Two sources: `testdam` (NotuBiz; a meeting with an agenda tree, documents in every download and
extraction state, one withdrawn) and `anderdam` (iBabs; 25 dated letters and an undated annual
report) so that filters, facets, sorting and cursor paging have something to work on. testdam
also holds a Woo-besluit dossier over Woo documents that are not harvested (its rows joined or
not), so the dossier endpoint answers a record that exists.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from normalize.dossier import (
    Dossier,
    DossierGround,
    InventoryEntry,
    JoinCounts,
    JoinedBy,
    NotJoined,
    Outcome,
    OutcomeSource,
)
from normalize.grounds import Law
from normalize.inventory_values import Judgement
from normalize.records import (
    AgendaItem,
    Committee,
    Document,
    ExtractionStatus,
    Meeting,
    Motion,
    MotionResult,
    Organization,
    Page,
    RegisterEntry,
    Supplier,
    Vote,
    VoteChoice,
)
from vindplaats.engine import open_engine
from vindplaats.engine.base import IndexDoc
from vindplaats.harvest.index import document_index_doc
from vindplaats.settings import Settings, load_settings
from vindplaats.sources import build_source
from vindplaats.store import open_blobs, open_store
from vindplaats.store.models import RunStatus

NB = Supplier.NOTUBIZ
IB = Supplier.IBABS
PDF_BYTES = b"%PDF-1.4\n% sample original for the API tests\n%%EOF\n"
LETTERS = 25


def _at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 12, 0, tzinfo=UTC)


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


def doc_id(supplier: Supplier, key: str, native: str) -> str:
    return f"document:{supplier.value}:{key}:{native}"


class SampleBuilder:
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
        self.meeting = meeting

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

    def register_entries(self) -> None:
        """testdam's register entries: a motion and a received letter."""
        store, sample, org, meeting = self.store, self.sample, self.org, self.meeting
        testdam = {"organization_id": org.id, "meeting_id": meeting.id}
        motion_entry = RegisterEntry.build(
            NB,
            "testdam",
            "re-1",
            register_name="Moties en amendementen",
            title="Motie fietspad Dorpsstraat",
            attributes={"Type": "Motie", "Indiener(s)": "A. de Vries"},
            **testdam,
        )
        received = RegisterEntry.build(
            NB,
            "testdam",
            "re-2",
            register_name="Ingekomen stukken",
            title="Brief van de fietsersbond",
            attributes={"Soort": "Brief"},
            **testdam,
        )
        for entry in (motion_entry, received):
            store.upsert_record(entry)
        sample.register_entry_ids = [motion_entry.id, received.id]
        self.testdam, self.motion_entry = testdam, motion_entry

    def testdam_documents(self) -> None:
        """testdam's begroting (on an agenda item) and motie (also in a register)."""
        sample, add, testdam = self.sample, self.add, self.testdam
        raad, ruimte, motion_entry = self.raad, self.ruimte, self.motion_entry
        add(
            Document.build(
                NB,
                "testdam",
                "1001",
                title="Begroting 2025",
                original_url="https://example.org/files/1001.pdf",
                file_name='Begroting "2025" – definitief.pdf',
                content_type="application/pdf",
                document_type="Raadsvoorstel",
                date=_at(date(2024, 11, 5)),
                committee_id=raad.id,
                agenda_item_id=sample.agenda_ids["Begroting 2025"],
                **testdam,
            ),
            [
                "De begroting voor 2025 is sluitend.",
                "Het college investeert in woningbouw en onderwijs.",
                "Na vaststelling van de begroting volgen de begrotingen van de verbonden partijen.",
            ],
            organization="Gemeente Testdam",
            committee="Gemeenteraad",
        )
        add(
            Document.build(
                NB,
                "testdam",
                "1002",
                title="Motie fietspad Dorpsstraat",
                original_url="https://example.org/files/1002.docx",
                file_name="motie.docx",
                content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                document_type="Motie",
                date=_at(date(2023, 5, 1)),
                committee_id=ruimte.id,
                agenda_item_id=sample.agenda_ids["Motie fietspad"],
                register_entry_id=motion_entry.id,
                **testdam,
            ),
            ["De raad verzoekt het college een veilig fietspad aan te leggen."],
            organization="Gemeente Testdam",
            committee="Commissie Ruimte",
            content=b"PK\x03\x04 sample docx",
        )

    def testdam_states(self) -> None:
        """testdam's documents in the other states: failed, pending, withdrawn."""
        store, sample, org, add, testdam = self.store, self.sample, self.org, self.add, self.testdam
        add(
            Document.build(
                NB,
                "testdam",
                "1003",
                title="Raadsbrief over de woningbouw",
                original_url="https://example.org/files/1003.pdf",
                document_type="Raadsbrief",
                date=_at(date(2024, 10, 1)),
                **testdam,
            ),
            None,
            organization="Gemeente Testdam",
            download_error="HTTP 404 Not Found",
        )
        add(
            Document.build(
                NB,
                "testdam",
                "1004",
                title="Notulen",
                original_url="https://example.org/files/1004.pdf",
                organization_id=org.id,
            ),
            None,
            organization="Gemeente Testdam",
            content=None,
            indexed=False,
        )
        add(
            Document.build(
                NB,
                "testdam",
                "1005",
                title="Oude nota parkeren",
                original_url="https://example.org/files/1005.pdf",
                content_type="application/pdf",
                organization_id=org.id,
            ),
            ["Parkeren in het centrum."],
            organization="Gemeente Testdam",
            indexed=False,
        )
        store.mark_withdrawn([sample.withdrawn_id])

    def web_page(self) -> None:
        """An HTML document whose file name tries to climb out of the download directory."""
        org, add = self.org, self.add
        add(
            Document.build(
                NB,
                "testdam",
                "1006",
                title="Webpagina",
                original_url="https://example.org/page.html",
                file_name="../../etc/pagina.html",
                content_type="text/html; charset=utf-8",
                organization_id=org.id,
            ),
            ["Een webpagina."],
            organization="Gemeente Testdam",
            content=b"<html><script>alert(1)</script></html>",
        )

    def motion(self) -> None:
        """A motion with one vote (stored, not indexed)."""
        store, sample, org, meeting = self.store, self.sample, self.org, self.meeting
        motion = Motion.build(
            NB,
            "testdam",
            "mo-1",
            title="Motie veilig fietspad Dorpsstraat",
            motion_type="motie",
            submitters=["A. de Vries"],
            result=MotionResult.AANGENOMEN,
            organization_id=org.id,
            meeting_id=meeting.id,
            document_ids=[sample.motie_id],
        )
        store.upsert_record(motion)
        vote = Vote.build(
            NB, "testdam", "mo-1:de-vries", motion_id=motion.id, voter_name="A. de Vries",
            choice=VoteChoice.VOOR,
        )  # fmt: skip
        store.upsert_record(vote)
        sample.motion_id = motion.id

    def anderdam_documents(self) -> None:
        """anderdam's annual report and its dated letters."""
        sample, other_org, add = self.sample, self.other_org, self.add
        sample.jaarrekening_id = doc_id(IB, "anderdam", "jr-2023")
        add(
            Document.build(
                IB,
                "anderdam",
                "jr-2023",
                title="Jaarrekening 2023",
                original_url="https://example.net/jr.pdf",
                content_type="application/pdf",
                document_type="Jaarstukken",
                organization_id=other_org.id,
            ),
            ["De jaarrekening volgt de begroting van 2023.", "Bijlagen."],
            organization="Gemeente Anderdam",
        )
        for n in range(LETTERS):
            native = f"brief-{n:02d}"
            sample.letter_ids.append(doc_id(IB, "anderdam", native))
            add(
                Document.build(
                    IB,
                    "anderdam",
                    native,
                    title=f"Ingekomen brief {n:02d}",
                    original_url=f"https://example.net/brieven/{n}.pdf",
                    content_type="application/pdf",
                    document_type="Ingekomen stuk",
                    date=_at(date(2024, 1, 1) + timedelta(days=n)),
                    organization_id=other_org.id,
                ),
                [f"Een brief over afvalinzameling, nummer {n}."],
                organization="Gemeente Anderdam",
                content=PDF_BYTES + str(n).encode(),
            )

    def dossier(self) -> None:
        """testdam's Woo-besluit dossier: two inventory rows, one joined, one not published."""
        letter = doc_id(NB, "testdam", "woo-besluit")
        joined = doc_id(NB, "testdam", "woo-1")
        ground = DossierGround(written="5.1.2 e", code="5.1.2e", law=Law.WOO, label="privacy")
        rows = [
            InventoryEntry(number="1", line=2, inventory_document_id=letter, name="Mail",
                           judgement=Judgement.DEELS_OPENBAAR, grounds=[ground],
                           document_id=joined, joined_by=JoinedBy.NUMBER),
            InventoryEntry(number="2", line=3, inventory_document_id=letter, name="Nota",
                           judgement=Judgement.NIET_OPENBAAR, judgement_text="Niet openbaar"),
        ]  # fmt: skip
        dossier = Dossier.build(
            NB, "testdam", "besluit-1", title="Besluit op het Woo-verzoek over het fietspad",
            decision_date=date(2024, 11, 6), outcome=Outcome.DEELS_OPENBAAR,
            outcome_source=OutcomeSource.JUDGEMENTS, law=Law.WOO, organization_id=self.org.id,
            decision_document_id=letter, document_ids=[letter, joined], inventory=rows,
            not_joined=[NotJoined(number="2", line=3, reason="niet openbaar: not published")],
            join_counts=JoinCounts(rows=2, joined=1, by_number=1, not_joined=1),
            judgement_counts={"deels openbaar": 1, "niet openbaar": 1},
            ground_counts={"5.1.2e": 1},
        )  # fmt: skip
        self.store.save_dossier(dossier)
        self.sample.dossier_id = dossier.id

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
