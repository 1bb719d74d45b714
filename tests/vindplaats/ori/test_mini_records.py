"""Records in mini-ORI's shape are valid against the official documents: mini-ORI 1.0.0 and the
event-polling draft, which describe the same three collections (the server serves both)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from normalize.record_enums import MeetingStatus, Supplier
from normalize.records import AgendaItem, Committee, Document, Meeting, Organization
from normalize.woo_categories import WooCategory
from vindplaats.ori import mini_records as mini
from vindplaats.ori import spec
from vindplaats.ori.ids import ori_uuid
from vindplaats.ori.json_schema import errors
from vindplaats.settings import Settings

STANDARDS = Settings().xsd_dir
MINI = spec.load("mini-ori", STANDARDS)
EVENTS = spec.load("ori-events", STANDARDS)
NB = Supplier.NOTUBIZ
LINKS = mini.Links("https://ori.example.nl/ori/mini/v1")
ORG = {"gemeente": "gm0363", "naam": "Gemeente Amsterdam"}

organisation = Organization.build(NB, "amsterdam", "1", name="Gemeente Amsterdam")
committee = Committee.build(
    NB, "amsterdam", "c1", name="Gemeenteraad", organization_id=organisation.id
)
meeting = Meeting.build(
    NB,
    "amsterdam",
    "m1",
    name="Raadsvergadering",
    start=datetime(2026, 1, 29, 23, 30, tzinfo=UTC),  # 30 January in Amsterdam
    end=datetime(2026, 1, 30, 1, 0, tzinfo=UTC),
    location="Raadszaal",
    status=MeetingStatus.CANCELLED,
    organization_id=organisation.id,
    committee_id=committee.id,
)
heading = AgendaItem.build(
    NB, "amsterdam", "h", meeting_id=meeting.id, name="Hamerstukken", order=0, is_heading=True
)
item = AgendaItem.build(
    NB,
    "amsterdam",
    "a1",
    meeting_id=meeting.id,
    parent_id=heading.id,
    name="Begroting",
    description="De begroting 2027",
    raw_position="3a",
    order=0,
)
document = Document.build(
    NB,
    "amsterdam",
    "d1",
    title="Raadsvoorstel begroting",
    original_url="https://amsterdam.notubiz.nl/document/1/Raadsvoorstel begroting.pdf",
    content_type="application/pdf",
    organization_id=organisation.id,
    meeting_id=meeting.id,
    agenda_item_id=item.id,
    woo_category=WooCategory.VERGADERSTUKKEN_DECENTRAAL,
    date=datetime(2026, 1, 20, 10, 0, tzinfo=UTC),
)


def _vergadering() -> dict[str, object]:
    return mini.vergadering(meeting, LINKS, ORG, committee=committee, agenda_ids=[heading.id])


def _agendapunt() -> dict[str, object]:
    return mini.agendapunt(item, LINKS, ORG, parent_id=heading.id)


def _informatieobject() -> dict[str, object]:
    file = mini.FileInfo("https://ori.example.nl/api/documents/x/file", "application/pdf")
    return mini.informatieobject(
        document,
        LINKS,
        ORG,
        submitted=mini.submitted_day(document, None),
        meeting_ids=[meeting.id],
        agenda_ids=[item.id],
        file=file,
    )


CASES = [
    ("Vergadering", _vergadering),
    ("Agendapunt", _agendapunt),
    ("InformatieObject", _informatieobject),
]


@pytest.mark.parametrize(("schema", "build"), CASES)
@pytest.mark.parametrize("document_", [MINI, EVENTS], ids=["mini-ori", "ori-events"])
def test_each_record_is_valid_in_both_documents(schema, build, document_):
    assert errors(document_, schema, build()) == []


def test_a_meeting_carries_its_schedule_committee_status_and_agenda():
    body = _vergadering()
    assert body["id"] == ori_uuid(meeting.id)
    assert body["url"] == body["pid"] == f"{LINKS.base}/vergaderingen/{ori_uuid(meeting.id)}"
    assert body["organisatie"] == ORG
    assert body["geplandeaanvang"] == "2026-01-29T23:30:00Z"
    assert body["geplandedatum"] == body["vergaderdatum"] == "2026-01-30"  # the Dutch day
    assert body["vergaderstatus"] == "geannuleerd"
    assert body["georganiseerddoorgremium"] == {
        "gremiumidentificatie": ori_uuid(committee.id),
        "gremiumnaam": "Gemeenteraad",
    }
    assert body["agendapunten"] == [LINKS.url(heading.id)]


def test_an_agenda_item_refers_to_its_meeting_in_both_documents_words():
    body = _agendapunt()
    reference = {"id": ori_uuid(meeting.id), "url": LINKS.url(meeting.id)}
    assert body["vergaderingen"] == [reference] and body["vergadering"] == reference
    assert body["hoofdagendapunt"] == LINKS.ref(heading.id)
    assert body["volgnummer"] == "3a"
    assert "tussenkop" not in body
    assert mini.agendapunt(heading, LINKS, ORG)["tussenkop"] == "Hamerstukken"


def test_a_document_has_its_woo_code_file_link_and_a_valid_web_page_uri():
    body = _informatieobject()
    assert body["wooinformatiecategorie"] == "c_db4862c3"
    assert body["datumingediend"] == "2026-01-20"
    assert body["link"] == "https://ori.example.nl/api/documents/x/file"
    assert body["webpaginalink"].endswith("/Raadsvoorstel%20begroting.pdf")
    assert body["agendapunten"] == [LINKS.ref(item.id)]
    without_file = mini.informatieobject(document, LINKS, ORG, submitted="2026-01-20")
    assert "link" not in without_file and "vergaderingen" not in without_file


def test_a_document_without_a_date_was_submitted_the_day_it_was_first_stored():
    undated = document.model_copy(update={"date": None})
    stored = datetime(2026, 2, 1, 23, 30, tzinfo=UTC)
    assert mini.submitted_day(undated, stored) == "2026-02-02"


@pytest.mark.parametrize(
    ("uri", "expected"),
    [
        ("https://identifier.overheid.nl/tooi/id/gemeente/gm0363", {"gemeente": "gm0363"}),
        ("https://identifier.overheid.nl/tooi/id/provincie/pv27", {"provincie": "pv27"}),
        ("https://identifier.overheid.nl/tooi/id/waterschap/ws0654", {"waterschap": "ws0654"}),
        ("https://identifier.overheid.nl/tooi/id/ministerie/mnre1130", None),
        ("https://identifier.overheid.nl/tooi/id/gemeente/gm9999", None),  # not in the lists
        ("https://example.org/gm0363", None),
        (None, None),
    ],
)
def test_organisatie_is_the_tooi_code_of_a_gemeente_provincie_or_waterschap(uri, expected):
    found = mini.organisatie_of(uri, "Naam")
    assert found == (None if expected is None else {**expected, "naam": "Naam"})
    if found is not None:
        assert errors(MINI, "Organisatie", found) == []
        assert mini.organisation_code(found) == next(iter(expected.values()))


def test_a_schema_violation_is_reported():
    body = _vergadering() | {"id": "not-a-uuid"}
    del body["naam"]
    found = errors(MINI, "Vergadering", body)
    assert any("naam" in line for line in found) and any("uuid" in line for line in found)
