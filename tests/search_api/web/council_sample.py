"""A council to test the meeting and motion pages on: the NotuBiz source `raadstad`, stored and
indexed through the real store, harvest indexer and tantivy engine.

- the meeting "Raadsvergadering 12 maart 2025" with a three-level agenda (Opening; the heading
  Hamerstukken over 2a Havenkwartier, 2b Subsidies over 2b.1 Toelichting; 3 Moties), the
  raadsvoorstel on 2a (page 2 names the geluidsscherm), a second document on 2b.1, the motion
  M1, its entry in the motion register, a letter with its entry in Ingekomen stukken and a
  toezegging on 3;
- M1 with seven votes by three parties (Partij A 2 voor 1 onthouden, Partij B 1 voor 1 tegen,
  Partij C 2 tegen) and two submitters; the amendment A1, withdrawn from the source;
- a document of the same source outside the meeting that also names the geluidsscherm;
- a meeting and a motion whose every name is markup (`HOSTILE`).
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
    MeetingStatus,
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
from vindplaats.harvest.index import index_documents, index_motions
from vindplaats.settings import Settings, load_settings
from vindplaats.sources import build_source
from vindplaats.store import open_blobs, open_store
from vindplaats.store.base import Store

NB = Supplier.NOTUBIZ
KEY = "raadstad"
HOSTILE = '<script>alert("x")</script>'
# name, party, choice
M1_VOTES = (
    ("P. Jansen", "Partij A", VoteChoice.VOOR),
    ("K. de Boer", "Partij A", VoteChoice.VOOR),
    ("S. Yilmaz", "Partij A", VoteChoice.ONTHOUDEN),
    ("M. Visser", "Partij B", VoteChoice.VOOR),
    ("L. Bakker", "Partij B", VoteChoice.TEGEN),
    ("R. Smit", "Partij C", VoteChoice.TEGEN),
    ("T. Mulder", "Partij C", VoteChoice.TEGEN),
)


@dataclass
class Council:
    settings: Settings
    meeting_id: str = ""
    hostile_meeting_id: str = ""
    m1_id: str = ""
    a1_id: str = ""
    hostile_motion_id: str = ""
    voorstel_id: str = ""
    toelichting_id: str = ""
    outside_id: str = ""
    items: dict[str, str] = field(default_factory=dict)  # raw position -> agenda item id


class _Builder:
    def __init__(self, settings: Settings) -> None:
        self.store: Store = open_store(settings)
        self.blobs = open_blobs(settings)
        self.council = Council(settings=settings)
        self.votes: list[str] = []
        self.org = Organization.build(NB, KEY, "1", name="Gemeente Raadstad")
        self.raad = Committee.build(NB, KEY, "c1", name="Gemeenteraad", organization_id=self.org.id)
        self.store.upsert_source(
            build_source(key=KEY, name="Raadstad", supplier="notubiz", notubiz_organisation_id="1")
        )
        for record in (self.org, self.raad):
            self.store.upsert_record(record)

    def document(self, native: str, title: str, pages: list[str], **fields: object) -> str:
        doc = Document.build(
            NB,
            KEY,
            native,
            title=title,
            original_url=f"https://example.org/raadstad/{native}.pdf",
            content_type="application/pdf",
            organization_id=self.org.id,
            **fields,
        )
        self.store.upsert_record(doc)
        content = f"%PDF-1.4 {native}".encode()
        sha = self.blobs.put(content)
        self.store.record_download(doc.id, sha256=sha, size=len(content), content_type="x/pdf")
        self.store.record_extraction(
            doc.id,
            status=ExtractionStatus.OK,
            pages=[Page(number=n, text=t) for n, t in enumerate(pages, start=1)],
            agent="test",
            route="text",
        )
        return doc.id

    def item(self, meeting: Meeting, native: str, name: str, order: int, **fields: object) -> str:
        built = AgendaItem.build(
            NB, KEY, native, meeting_id=meeting.id, name=name, order=order, **fields
        )
        self.store.upsert_record(built)
        return built.id

    def meeting(self) -> Meeting:
        council = self.council
        meeting = Meeting.build(
            NB,
            KEY,
            "m1",
            name="Raadsvergadering 12 maart 2025",
            start=datetime(2025, 3, 12, 18, 30, tzinfo=UTC),
            end=datetime(2025, 3, 12, 22, 0, tzinfo=UTC),
            location="Raadzaal, stadhuis",
            status=MeetingStatus.CONFIRMED,
            organization_id=self.org.id,
            committee_id=self.raad.id,
        )
        self.store.upsert_record(meeting)
        council.meeting_id = meeting.id
        items = council.items
        items["1"] = self.item(meeting, "i1", "Opening", 0, raw_position="1")
        items["2"] = self.item(meeting, "i2", "Hamerstukken", 1, raw_position="2", is_heading=True)
        items["2a"] = self.item(
            meeting, "i2a", "Bestemmingsplan Havenkwartier", 0, raw_position="2a",
            parent_id=items["2"], description="Vaststelling van het bestemmingsplan.",
        )  # fmt: skip
        items["2b"] = self.item(
            meeting, "i2b", "Subsidies", 1, raw_position="2b", parent_id=items["2"]
        )
        items["2b.1"] = self.item(
            meeting, "i2b1", "Toelichting subsidieregeling", 0, raw_position="2b.1",
            parent_id=items["2b"],
        )  # fmt: skip
        items["3"] = self.item(meeting, "i3", "Moties", 2, raw_position="3")
        council.voorstel_id = self.document(
            "d1", "Raadsvoorstel bestemmingsplan Havenkwartier",
            ["Het plan voor het Havenkwartier.", "Langs de kade komt een geluidsscherm (a < b)."],
            meeting_id=meeting.id, agenda_item_id=items["2a"], document_type="Raadsvoorstel",
        )  # fmt: skip
        council.toelichting_id = self.document(
            "d2", "Toelichting subsidieregeling", ["De subsidieregeling voor verenigingen."],
            meeting_id=meeting.id, agenda_item_id=items["2b.1"],
        )  # fmt: skip
        entry = RegisterEntry.build(
            NB, KEY, "re1", register_name="Toezeggingen", title="Toezegging over de kade",
            organization_id=self.org.id, meeting_id=meeting.id, agenda_item_id=items["3"],
        )  # fmt: skip
        letter = self.document(
            "d3", "Brief van de havenvereniging", ["Over de kade."],
            meeting_id=meeting.id, agenda_item_id=items["3"],
        )  # fmt: skip
        received = RegisterEntry.build(
            NB, KEY, "re2", register_name="Ingekomen stukken", title="Brief van de havenvereniging",
            organization_id=self.org.id, meeting_id=meeting.id, agenda_item_id=items["3"],
            document_ids=[letter],
        )  # fmt: skip
        motion_entry = RegisterEntry.build(
            NB, KEY, "re3", register_name="Moties", title="Motie M1 Geluidsscherm langs de kade",
            organization_id=self.org.id, meeting_id=meeting.id, agenda_item_id=items["3"],
        )  # fmt: skip
        for record in (entry, received, motion_entry):
            self.store.upsert_record(record)
        council.outside_id = self.document(
            "d9", "Brief over een geluidsscherm elders", ["Een geluidsscherm bij het station."]
        )
        return meeting

    def motions(self, meeting: Meeting) -> None:
        council = self.council
        m1 = Motion.build(
            NB, KEY, "mo1", title="Motie M1 Geluidsscherm langs de kade", motion_type="motie",
            description="De raad verzoekt het college een geluidsscherm te plaatsen.",
            submitters=["P. Jansen", "M. Visser"], parties=["Partij A", "Partij B"],
            result=MotionResult.AANGENOMEN, result_raw="Aangenomen",
            date=datetime(2025, 3, 12, 21, 0, tzinfo=UTC), organization_id=self.org.id,
            meeting_id=meeting.id, agenda_item_id=council.items["3"],
            document_ids=[council.voorstel_id],
            register_entry_id=f"register_entry:notubiz:{KEY}:re3",
        )  # fmt: skip
        a1 = Motion.build(
            NB, KEY, "am1", title="Amendement A1 Kade autovrij", motion_type="amendement",
            submitters=["R. Smit"], parties=["Partij C"], result=MotionResult.VERWORPEN,
            organization_id=self.org.id, meeting_id=meeting.id,
        )  # fmt: skip
        for motion in (m1, a1):
            self.store.upsert_record(motion)
        for name, party, choice in M1_VOTES:
            self.vote(m1, name, party, choice)
        self.vote(a1, "R. Smit", "Partij C", VoteChoice.VOOR)
        self.store.mark_withdrawn([a1.id])
        council.m1_id, council.a1_id = m1.id, a1.id

    def vote(self, motion: Motion, name: str, party: str | None, choice: VoteChoice) -> None:
        native = f"{motion.native_id}:{len(self.votes)}"
        self.votes.append(native)
        self.store.upsert_record(
            Vote.build(
                NB, KEY, native, motion_id=motion.id, voter_name=name, party=party, choice=choice
            )
        )

    def hostile(self) -> None:
        council = self.council
        meeting = Meeting.build(
            NB, KEY, "m-x", name=f"Vergadering {HOSTILE}", location=HOSTILE, chair=HOSTILE,
            organization_id=self.org.id, description=HOSTILE,
        )  # fmt: skip
        self.store.upsert_record(meeting)
        item = self.item(meeting, "ix", f"Punt {HOSTILE}", 0, raw_position=HOSTILE,
                         description=HOSTILE)  # fmt: skip
        self.document("dx", f"Stuk {HOSTILE}", [f"Tekst {HOSTILE} kwaadaardig"],
                      meeting_id=meeting.id, agenda_item_id=item)  # fmt: skip
        motion = Motion.build(
            NB, KEY, "mo-x", title=f"Motie {HOSTILE}", motion_type=HOSTILE,
            submitters=[HOSTILE], parties=[HOSTILE], result_raw=HOSTILE,
            description=HOSTILE, organization_id=self.org.id, meeting_id=meeting.id,
            agenda_item_id=item,
        )  # fmt: skip
        self.store.upsert_record(motion)
        self.vote(motion, HOSTILE, HOSTILE, VoteChoice.TEGEN)
        council.hostile_meeting_id, council.hostile_motion_id = meeting.id, motion.id

    def index(self) -> None:
        engine = open_engine(self.council.settings)
        try:
            doc_ids = [s.id for s in self.store.iter_document_states(KEY)]
            report = index_documents(self.store, engine, doc_ids)
            assert report.indexed == len(doc_ids), report
            index_motions(self.store, engine, KEY)
        finally:
            engine.close()


def build_council(data_dir: Path) -> Council:
    """Store and index the council in `data_dir`; what the tests look up."""
    builder = _Builder(load_settings(data_dir=data_dir))
    try:
        meeting = builder.meeting()
        builder.motions(meeting)
        builder.hostile()
        builder.index()
    finally:
        builder.store.close()
    return builder.council


__all__ = ["HOSTILE", "KEY", "M1_VOTES", "Council", "build_council"]
