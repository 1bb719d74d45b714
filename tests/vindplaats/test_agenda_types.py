"""A document whose own texts name no type takes its agenda point's role: in the index (search
facets and filters) and in `GET /api/documents/{id}`; the stored record stays as built."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from normalize.records import (
    AgendaItem,
    Document,
    ExtractionStatus,
    Meeting,
    Organization,
    Page,
    Supplier,
)
from search_api import create_app
from vindplaats.agenda_types import AgendaTypes
from vindplaats.engine import open_engine
from vindplaats.engine.base import Filters, SearchQuery
from vindplaats.harvest.index import all_ids, index_documents
from vindplaats.settings import Settings, load_settings
from vindplaats.sources import build_source
from vindplaats.store import Store, open_store

NB = Supplier.NOTUBIZ
KEY = "testdam"


@dataclass
class World:
    settings: Settings
    store: Store
    docs: dict[str, Document]


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    settings = load_settings(data_dir=Path(tmp_path_factory.mktemp("agenda-types")))
    store = open_store(settings)
    store.upsert_source(build_source(key=KEY, name="Testdam", supplier="notubiz",
                                     notubiz_organisation_id="99"))  # fmt: skip
    org = Organization.build(NB, KEY, "99", name="Gemeente Testdam")
    meeting = Meeting.build(NB, KEY, "m1", name="Raad", organization_id=org.id)

    def item(native: str, name: str, parent: AgendaItem | None = None) -> AgendaItem:
        built: AgendaItem = AgendaItem.build(
            NB, KEY, native, meeting_id=meeting.id, name=name, order=0,
            parent_id=parent.id if parent else None,
        )  # fmt: skip
        return built

    received = item("a1", "Ingekomen stukken")
    letter = item("a2", "Brief van de fietsersbond", received)
    motions = item("a3", "Moties vreemd aan de orde")
    proposal = item("a4", "Raadsvoorstel Omgevingsvisie 2040")
    loop_a = item("a5", "Punt in een kring", None)
    loop_b = item("a6", "Ander punt", loop_a)
    loop_a = loop_a.model_copy(update={"parent_id": loop_b.id})
    for record in (org, meeting, received, letter, motions, proposal, loop_a, loop_b):
        store.upsert_record(record)

    def doc(native: str, title: str, agenda: AgendaItem, label: str | None = None) -> Document:
        built: Document = Document.build(
            NB, KEY, native, title=title, original_url=f"https://example.org/{native}.pdf",
            document_type=label, organization_id=org.id, meeting_id=meeting.id,
            agenda_item_id=agenda.id,
        )  # fmt: skip
        return built

    docs = {
        "under_heading": doc("d1", "Document 1", letter, "Bijlage"),
        "own_type": doc("d2", "Raadsinformatiebrief fietspaden", letter),
        "motion_code": doc("d3", "M12 Zwembad", motions),
        "attachment": doc("d4", "Bijlage 1", proposal, "Bijlage"),
        "loop": doc("d5", "Notitie", loop_b),
    }
    for record in docs.values():
        store.upsert_record(record)
        store.record_extraction(
            record.id, status=ExtractionStatus.OK, pages=[Page(number=1, text="fietspad")],
            agent="test", route="text",
        )  # fmt: skip
    engine = open_engine(settings)
    try:
        report = index_documents(store, engine, all_ids(store))
        assert report.indexed == len(docs), report
    finally:
        engine.close()
    yield World(settings, store, docs)
    store.close()


EXPECTED = {
    "under_heading": ("ingekomen_stuk", "3.3.2a"),  # the heading above its agenda point
    "own_type": ("raadsinformatiebrief", "3.3.2c"),  # its own title names its type
    "motion_code": ("motie", "3.3.2c"),
    "attachment": ("vergaderstuk", "3.3.2c"),  # a subject gives its attachments no type
    "loop": ("vergaderstuk", "3.3.2c"),  # a parent cycle ends the walk
}


def test_the_index_types_a_document_by_its_agenda_point(world: World) -> None:
    engine = open_engine(world.settings)
    try:
        hits = {h.id: h for h in engine.search(SearchQuery(size=50)).hits}
        received = engine.search(
            SearchQuery(filters=Filters(document_type=["ingekomen_stuk"]), size=50)
        )
    finally:
        engine.close()
    for name, (doctype, woo) in EXPECTED.items():
        hit = hits[world.docs[name].id]
        assert (hit.document_type, hit.woo_category) == (doctype, woo), name
    assert [h.id for h in received.hits] == [world.docs["under_heading"].id]
    assert hits[world.docs["under_heading"].id].document_type_label == "Bijlage"


def test_the_document_answer_shows_the_same_type_and_the_store_keeps_the_record(
    world: World,
) -> None:
    with TestClient(create_app(world.settings)) as client:
        for name, (doctype, woo) in EXPECTED.items():
            answer = client.get(f"/api/documents/{world.docs[name].id}").json()
            assert (answer["document_type"], answer["woo_category"]) == (doctype, woo), name
    stored = world.store.get_record(world.docs["under_heading"].id)
    assert isinstance(stored, Document) and stored.document_type == "vergaderstuk"


def test_a_missing_agenda_point_leaves_the_document_as_built(world: World) -> None:
    orphan = world.docs["under_heading"].model_copy(
        update={"agenda_item_id": "agenda_item:notubiz:testdam:gone"}
    )
    assert AgendaTypes(world.store).apply(orphan) == orphan
