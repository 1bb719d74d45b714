"""The documents, register entries, motion and dossier of the API tests' sample
(`tests.search_api.sample`): `SampleDocuments` is the part of `SampleBuilder` that writes them.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING

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
    Committee,
    Document,
    Meeting,
    Motion,
    MotionResult,
    Organization,
    RegisterEntry,
    Supplier,
    Vote,
    VoteChoice,
)
from vindplaats.store.base import Store

if TYPE_CHECKING:
    from tests.search_api.sample import Sample

NB = Supplier.NOTUBIZ
IB = Supplier.IBABS
PDF_BYTES = b"%PDF-1.4\n% sample original for the API tests\n%%EOF\n"
LETTERS = 25


def _at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 12, 0, tzinfo=UTC)


def doc_id(supplier: Supplier, key: str, native: str) -> str:
    return f"document:{supplier.value}:{key}:{native}"


class SampleDocuments:
    store: Store
    sample: Sample
    org: Organization
    raad: Committee
    ruimte: Committee
    other_org: Organization
    meeting_record: Meeting
    testdam: dict[str, str]
    motion_entry: RegisterEntry

    if TYPE_CHECKING:

        def add(
            self,
            doc: Document,
            pages: list[str] | None,
            *,
            organization: str,
            committee: str | None = None,
            content: bytes | None = ...,
            download_error: str | None = ...,
            indexed: bool = ...,
        ) -> None: ...

    def register_entries(self) -> None:
        """testdam's register entries: a motion and a received letter."""
        store, sample, org, meeting = self.store, self.sample, self.org, self.meeting_record
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
        store, sample, org, meeting = self.store, self.sample, self.org, self.meeting_record
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
