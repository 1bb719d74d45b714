"""Reading ORI API answers (`crawlers.ori_parse`): ORI 2.0 and mini-ORI names, references,
paging links, documents' locations, persons' names and vote choices."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from crawlers import ori_parse as parse
from normalize.records import MeetingStatus, VoteChoice

AMS = ZoneInfo("Europe/Amsterdam")
API = "https://ori.example.nl/api/v2"


def test_pages_and_links() -> None:
    assert parse.results({"results": [{"id": "a"}, "junk", None]}) == [{"id": "a"}]
    assert parse.results({"detail": "Not found"}) is None
    assert parse.results([{"id": "a"}]) is None
    assert parse.next_link({"next": f"{API}/vergaderingen?page=2"}) == f"{API}/vergaderingen?page=2"
    assert parse.next_link({"next": None}) is None and parse.next_link({}) is None


@pytest.mark.parametrize(
    ("link", "same"),
    [
        (f"{API}/vergaderingen?page=2", True),
        ("https://ori.example.nl/elders?page=2", True),  # the same host and port
        ("https://elders.example/api/v2/vergaderingen?page=2", False),
        ("/api/v2/vergaderingen?page=2", False),  # not absolute
        ("ftp://ori.example.nl/x", False),
        ("https://ori.example.nl:8443/api/v2/x", False),
    ],
)
def test_next_must_be_an_absolute_url_of_the_same_api(link: str, same: bool) -> None:
    assert parse.same_api(link, API) is same


def test_ids_from_records_references_and_urls() -> None:
    assert parse.ident({"url": f"{API}/vergaderingen/v-1", "id": "v-1"}) == "v-1"
    assert parse.ident({"url": f"{API}/vergaderingen/v-2/"}) == "v-2"
    assert parse.ident(f"{API}/agendapunten/a-9") == "a-9"
    assert parse.ident({"id": "  "}) is None and parse.ident(None) is None
    urls = [f"{API}/agendapunten/a-1", {"id": "a-2", "url": "x"}, f"{API}/agendapunten/a-1", 3]
    assert parse.ref_ids(urls) == ["a-1", "a-2"]


def test_meetings_in_ori2_and_mini_ori_names() -> None:
    ori2 = {
        "naam": "Raadsvergadering",
        "status": "geannuleerd",
        "geplandeAanvangVergadering": "2026-01-29T20:00:00+01:00",
        "eindeVergadering": "2026-01-29T19:00:00+01:00",  # before the start: dropped
        "georganiseerdDoorGremium": {"gremiumidentificatie": "RAAD", "gremiumnaam": "Raad"},
        "wijzigingsdatum": "2026-01-15",
    }
    fields = parse.meeting_fields(ori2)
    assert fields["start"] == datetime(2026, 1, 29, 20, 0, tzinfo=AMS)
    assert fields["end"] is None and fields["status"] is MeetingStatus.CANCELLED
    assert fields["last_modified"] == datetime(2026, 1, 15, tzinfo=AMS)
    assert parse.gremium(ori2) == ("RAAD", "Raad")
    mini = {
        "naam": "",
        "aanvang": "2024-03-14T20:00:00Z",
        "vergaderstatus": "gehouden",
        "georganiseerddoorgremium": {"gremiumidentificatie": "CR", "gremiumnaam": "Commissie"},
    }
    fields = parse.meeting_fields(mini)
    assert fields["name"] == "Commissie" and fields["status"] is MeetingStatus.CONFIRMED
    assert fields["start"] is not None and fields["start"].utcoffset().total_seconds() == 0
    assert parse.meeting_fields({})["name"] == "Vergadering"
    assert parse.meeting_fields({"status": "verplaatst"})["status"] is MeetingStatus.UNKNOWN
    assert parse.is_council({"vergaderingstype": "raadsvergadering"}, "x")
    assert not parse.is_council({"vergaderingstype": "commissievergadering"}, "Commissie")


def test_agenda_items_in_both_shapes() -> None:
    ori2 = {
        "agendapuntTitel": "Begroting",
        "agendapuntvolgnummer": "3a",
        "vergadering": {"id": "v"},
    }
    assert parse.item_fields(ori2) == {
        "name": "Begroting",
        "description": None,
        "raw_position": "3a",
        "position": 3,
        "is_heading": False,
    }
    assert parse.meeting_of(ori2) == "v"
    mini = {
        "agendapuntnaam": "Notulen",
        "volgnummer": "1",
        "vergaderingen": [{"id": "m", "url": "u"}],
    }
    assert parse.item_fields(mini)["name"] == "Notulen" and parse.meeting_of(mini) == "m"
    untitled = parse.item_fields({"agendapuntOmschrijving": "Alleen een omschrijving"})
    assert untitled["name"] == "Alleen een omschrijving" and untitled["description"] is None
    assert parse.item_fields({})["name"] == "Agendapunt"
    assert parse.children({"subagendapunten": [f"{API}/agendapunten/s-1"]}) == ["s-1"]


def test_where_a_documents_content_is() -> None:
    record = f"{API}/informatieobjecten/d-1"
    linked = {"url": record, "link": f"{API}/bestanden/d-1", "inhoud": "tekst"}
    assert parse.document_location(linked) == (f"{API}/bestanden/d-1", "file")
    assert parse.document_location({"url": record, "inhoud": "tekst"}) == (record, "inline")
    page = {"url": record, "webpaginalink": "https://gemeente.example.nl/stuk/1"}
    assert parse.document_location(page) == ("https://gemeente.example.nl/stuk/1", "page")
    assert parse.document_location({"url": record}) == (None, "page")


def test_document_fields() -> None:
    fields = parse.document_fields(
        {
            "titel": "Motie",
            "informatieobjecttype": "motie",
            "formaat": "application/pdf",
            "creatiedatum": "2025-10-30",
            "inhoud": "x" * 20_000,
        }
    )
    assert fields["title"] == "Motie" and fields["document_type"] == "motie"
    assert fields["content_type"] == "application/pdf"
    assert fields["date"] == datetime(2025, 10, 30, tzinfo=AMS)
    assert len(fields["description"]) == 10_000
    mini = parse.document_fields({"titel": "Stuk", "datumingediend": "2024-03-04"})
    assert mini["date"] == datetime(2024, 3, 4, tzinfo=AMS)
    assert parse.document_fields({})["title"] == "Document"
    assert parse.document_meetings({"vergaderingen": [{"id": "v"}], "agendapunten": []}) == (
        ["v"],
        [],
    )


def test_person_names_and_choices() -> None:
    full = {"naamNatuurlijkPersoon": {"achternaam": "Wit", "volledigeNaam": "mr. A. de Wit"}}
    assert parse.person_name(full) == "mr. A. de Wit"
    parts = {
        "naamNatuurlijkPersoon": {"achternaam": "Dijk", "voorletters": "R.", "tussenvoegsel": "van"}
    }
    assert parse.person_name(parts) == "R. van Dijk"
    assert parse.person_name({"naam": "Indiener"}) == "Indiener"
    assert parse.person_name({}) is None
    assert (
        parse.choice("voor") is VoteChoice.VOOR
        and parse.choice("onthouden") is VoteChoice.ONTHOUDEN
    )
    assert parse.choice("misschien") is None
