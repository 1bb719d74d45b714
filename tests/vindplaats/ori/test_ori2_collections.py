"""The ORI 2.0 mapping over a corpus of every record type (two municipalities and a province):
every resource of every collection is valid against the official document's schema (its
OpenAPI 3.0 `nullable` made JSON Schema), every reference between resources points at a
resource that is served, agenda items of unknown meetings are not served, and the mapping's
choices (types, status, codes, party results) are what the records say."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from normalize.doctypes import DocType
from normalize.record_enums import MeetingStatus, MotionResult, OrganizationType, VoteChoice
from normalize.records import (
    AgendaItem,
    Committee,
    Document,
    Meeting,
    Motion,
    Organization,
    Person,
    Record,
    Supplier,
    Vote,
)
from vindplaats.ori import spec
from vindplaats.ori.ids import ori_uuid
from vindplaats.ori.json_schema import validator
from vindplaats.ori.ori2_collections import COLLECTIONS, EMPTY, Catalogue
from vindplaats.ori.ori2_corpus import Corpus, Links
from vindplaats.settings import Settings
from vindplaats.sources import Source, build_source

NB = Supplier.NOTUBIZ
NOW = datetime(2025, 3, 1, 12, tzinfo=UTC)
CHANGED = datetime(2025, 2, 1, 8, tzinfo=UTC)
LINKS = Links(api="https://vindplaats.example/ori/v2", site="https://vindplaats.example")


def sources() -> list[Source]:
    return [
        build_source(key="alkmaar", name="Alkmaar", supplier="notubiz", cbs_code="GM0361"),
        build_source(
            key="noord-holland",
            name="Provincie Noord-Holland",
            supplier="notubiz",
            organisation_type=OrganizationType.PROVINCE,
        ),
    ]


def records() -> list[Record]:
    org = Organization.build(NB, "alkmaar", "1", name="Gemeente Alkmaar")
    raad = Committee.build(NB, "alkmaar", "raad", name="Gemeenteraad", organization_id=org.id)
    ruimte = Committee.build(NB, "alkmaar", "c2", name="Commissie Ruimte", organization_id=org.id)
    meeting = Meeting.build(
        NB, "alkmaar", "m1", name="Raadsvergadering " + "lang " * 30,
        start=datetime(2025, 1, 14, 19, 30, tzinfo=UTC), organization_id=org.id,
        committee_id=raad.id, location="Raadzaal",
    )  # fmt: skip
    future = Meeting.build(
        NB, "alkmaar", "m2", name="Commissie Ruimte", start=datetime(2025, 6, 1, tzinfo=UTC),
        organization_id=org.id, committee_id=ruimte.id,
    )  # fmt: skip
    cancelled = Meeting.build(
        NB, "alkmaar", "m3", name="Vervallen", status=MeetingStatus.CANCELLED,
        organization_id=org.id,
    )  # fmt: skip
    head = AgendaItem.build(NB, "alkmaar", "a1", meeting_id=meeting.id, name="Moties", order=0)
    sub = AgendaItem.build(
        NB, "alkmaar", "a2", meeting_id=meeting.id, parent_id=head.id, name="Motie fietspad",
        order=0, raw_position="12b.", position=12,
    )  # fmt: skip
    orphan = AgendaItem.build(
        NB, "alkmaar", "a9", meeting_id="meeting:notubiz:alkmaar:x", name="Los", order=0
    )
    motie = Document.build(
        NB, "alkmaar", "d1", title="Motie veilig fietspad", original_url="https://x.example/d1.pdf",
        organization_id=org.id, meeting_id=meeting.id, document_type=DocType.MOTIE,
    )  # fmt: skip
    sub = sub.model_copy(update={"document_ids": [motie.id]})
    brief = Document.build(
        NB, "alkmaar", "d2", title="Raadsinformatiebrief", original_url="https://x.example/d2",
        organization_id=org.id, version="v1234567",
    )  # fmt: skip
    person = Person.build(
        NB, "alkmaar", "p1", name="J. van der Berg", party="GroenLinks", function="Raadslid"
    )
    motion = Motion.build(
        NB, "alkmaar", "mo1", title="Motie veilig fietspad",
        submitters=["J. van der Berg", "K. Smit"], parties=["GroenLinks"],
        result=MotionResult.AANGENOMEN, organization_id=org.id, meeting_id=meeting.id,
        document_ids=[motie.id],
    )  # fmt: skip
    loose = Motion.build(NB, "alkmaar", "mo2", title="Motie zonder agenda", organization_id=org.id)
    votes = [
        Vote.build(NB, "alkmaar", f"v{i}", motion_id=motion.id, voter_name=name, party=party,
                   choice=choice, voter_person_id=pid)
        for i, (name, party, choice, pid) in enumerate([
            ("J. van der Berg", "GroenLinks", VoteChoice.VOOR, person.id),
            ("K. Smit", "VVD", VoteChoice.TEGEN, None),
            ("L. de Boer", "VVD", VoteChoice.VOOR, None),
        ])
    ]  # fmt: skip
    province = Meeting.build(
        NB, "noord-holland", "s1", name="Provinciale Staten",
        organization_id="organization:notubiz:noord-holland:1",
        start=datetime(2025, 2, 3, 10, tzinfo=UTC),
    )  # fmt: skip
    return [org, raad, ruimte, meeting, future, cancelled, head, sub, orphan, motie, brief,
            person, motion, loose, *votes, province]  # fmt: skip


@pytest.fixture(scope="module")
def document() -> dict[str, Any]:
    return spec.load("ori-2", Settings().xsd_dir)


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    corpus = Corpus.build(NOW, sources(), [(r, CHANGED) for r in records()], stored_files=[])
    return Catalogue(corpus, LINKS)


def item_schema(document: dict[str, Any], collection: str) -> dict[str, Any]:
    answer = document["paths"][f"/{collection}/{{id}}"]["get"]["responses"]["200"]
    return dict(answer["content"]["application/json"]["schema"])


@pytest.mark.parametrize("collection", COLLECTIONS)
def test_every_resource_is_valid_against_the_official_schema(
    document: dict[str, Any], catalogue: Catalogue, collection: str
) -> None:
    check = validator(document, item_schema(document, collection))
    entries = catalogue.collection(collection)
    assert bool(entries) == (collection not in EMPTY)
    for entry in entries:
        errors = [f"{e.instance_path}: {e.message}" for e in check.iter_errors(entry.body)]
        assert errors == [], (collection, entry.body)
        assert entry.body["url"] == LINKS.url(collection, entry.id)
        assert catalogue.get(collection, entry.id) is entry


def _urls(node: Any) -> list[str]:
    if isinstance(node, dict):
        return [u for value in node.values() for u in _urls(value)]
    if isinstance(node, list):
        return [u for value in node for u in _urls(value)]
    return [node] if isinstance(node, str) and node.startswith(LINKS.api + "/") else []


def test_every_reference_points_at_a_served_resource(catalogue: Catalogue) -> None:
    checked = 0
    for collection in COLLECTIONS:
        for entry in catalogue.collection(collection):
            for url in _urls({k: v for k, v in entry.body.items() if k != "url"}):
                target, _, uuid = url.removeprefix(LINKS.api + "/").partition("/")
                assert catalogue.get(target, uuid) is not None, (collection, url)
                checked += 1
    assert checked > 30


def body(catalogue: Catalogue, collection: str, record_id: str) -> dict[str, Any]:
    entry = catalogue.get(collection, ori_uuid(record_id))
    assert entry is not None, record_id
    return entry.body


def test_meetings_say_their_type_status_place_and_agenda(catalogue: Catalogue) -> None:
    held = body(catalogue, "vergaderingen", "meeting:notubiz:alkmaar:m1")
    assert held["vergaderingstype"] == "raadsvergadering" and held["status"] == "gehouden"
    assert held["gemeente"] == {"gemeentecode": "0361", "gemeentenaam": "Alkmaar"}
    assert held["vergaderdatum"] == "2025-01-14" and len(held["naam"]) == 100
    assert len(held["agendapunten"]) == 2
    planned = body(catalogue, "vergaderingen", "meeting:notubiz:alkmaar:m2")
    assert (planned["vergaderingstype"], planned["status"]) == ("commissievergadering", "gepland")
    assert body(catalogue, "vergaderingen", "meeting:notubiz:alkmaar:m3")["status"] == "geannuleerd"
    staten = body(catalogue, "vergaderingen", "meeting:notubiz:noord-holland:s1")
    assert staten["vergaderingstype"] == "statenvergadering"
    assert staten["provincie"] == "noord_holland" and "gemeente" not in staten


def test_agenda_items_of_unknown_meetings_are_not_served(catalogue: Catalogue) -> None:
    assert catalogue.get("agendapunten", ori_uuid("agenda_item:notubiz:alkmaar:a9")) is None
    sub = body(catalogue, "agendapunten", "agenda_item:notubiz:alkmaar:a2")
    assert sub["hoofdagendapunt"]["id"] == ori_uuid("agenda_item:notubiz:alkmaar:a1")
    assert sub["agendapuntvolgnummer"] == "12b" and sub["geplandAgendapuntvolgnummer"] == "12b."


def test_documents_carry_link_woo_category_and_type(catalogue: Catalogue) -> None:
    motie = body(catalogue, "informatieobjecten", "document:notubiz:alkmaar:d1")
    assert motie["link"] == "https://x.example/d1.pdf"
    assert motie["wooinformatiecategorie"] == "c_db4862c3"
    assert motie["informatieobjecttype"] == "motie"
    assert len(motie["natuurlijkePersonen"]) == 2
    brief = body(catalogue, "informatieobjecten", "document:notubiz:alkmaar:d2")
    assert "versie" not in brief  # longer than the five characters ORI allows


def test_a_stored_original_is_linked_on_our_own_server_a_failed_one_not_at_all() -> None:
    d1, d2 = "document:notubiz:alkmaar:d1", "document:notubiz:alkmaar:d2"
    corpus = Corpus.build(NOW, sources(), [(r, CHANGED) for r in records()], [d1], [d2])
    catalogue = Catalogue(corpus, LINKS)
    stored = catalogue.get("informatieobjecten", ori_uuid(d1))
    assert stored is not None
    assert stored.body["link"] == LINKS.site + "/api/documents/document:notubiz:alkmaar:d1/file"
    failed = catalogue.get("informatieobjecten", ori_uuid(d2))
    assert failed is not None and "link" not in failed.body


def test_a_code_outside_the_tooi_lists_is_not_served() -> None:
    fake = build_source(key="alkmaar", name="Alkmaar", supplier="notubiz", cbs_code="GM9999")
    corpus = Corpus.build(NOW, [fake], [(r, CHANGED) for r in records()])
    meeting = Catalogue(corpus, LINKS).get("vergaderingen", ori_uuid("meeting:notubiz:alkmaar:m1"))
    assert meeting is not None and "gemeente" not in meeting.body


def test_votes_become_stemmingen_stemmen_and_party_results(catalogue: Catalogue) -> None:
    motion = "motion:notubiz:alkmaar:mo1"
    stemming = body(catalogue, "stemmingen", motion)
    assert stemming["agendapunt"]["id"] == ori_uuid("agenda_item:notubiz:alkmaar:a2")
    assert stemming["stemmingstype"] == "hoofdelijk" and len(stemming["stemmen"]) == 3
    assert body(catalogue, "besluiten", motion)["besluitresultaat"] == "aangenomen"
    loose = body(catalogue, "besluiten", "motion:notubiz:alkmaar:mo2")
    assert loose["besluitresultaat"] == "onbekend" and loose["stemmingen"] == []
    assert catalogue.get("stemmingen", ori_uuid("motion:notubiz:alkmaar:mo2")) is None
    results = {
        catalogue.get("fracties", e.body["fractie"]["id"]).body["fractienaam"]: (  # type: ignore[union-attr]
            e.body["fractiestemresultaat"]
        )
        for e in catalogue.collection("stemresultatenperfractie")
    }
    assert results == {"GroenLinks": "aangenomen", "VVD": "verdeeld"}
    assert len(catalogue.collection("aanwezigedeelnemers")) == 3


def test_people_are_the_person_records_and_the_names_seen(catalogue: Catalogue) -> None:
    names = {
        e.body["naamNatuurlijkPersoon"]["volledigeNaam"]: e.body
        for e in catalogue.collection("natuurlijkpersonen")
    }
    assert set(names) == {"J. van der Berg", "K. Smit", "L. de Boer"}
    berg = names["J. van der Berg"]
    assert berg["id"] == ori_uuid("person:notubiz:alkmaar:p1") and berg["functie"] == "raadslid"
    assert berg["naamNatuurlijkPersoon"]["tussenvoegsel"] == "van der"
    assert berg["naamNatuurlijkPersoon"]["achternaam"] == "Berg"
    assert len(berg["indieners"]) == 1
    assert len(catalogue.collection("fractielidmaatschappen")) == 3
