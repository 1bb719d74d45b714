from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from crawlers.notubiz_parse import (
    agenda_fields,
    agenda_nodes,
    document_fields,
    listing,
    meeting_fields,
    organisation_labels,
    remap_attributes,
    settings_labels,
)
from normalize.records import MeetingStatus

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "notubiz"


def load(name: str) -> Any:
    return json.loads((FIXTURES / name).read_text("utf-8"))


def test_listing_reads_new_and_old_shapes() -> None:
    assert listing({"events": [{"id": 1}]}, "events", "event") == [{"id": 1}]
    assert listing({"events": {"event": [{"id": 1}]}}, "events", "event") == [{"id": 1}]
    assert listing({"events": {"event": {"id": 1}}}, "events", "event") == [{"id": 1}]
    assert listing({"events": None}, "events", "event") == []
    assert listing({}, "events", "event") == []


def test_attribute_labels_from_organisations_old_nesting() -> None:
    listed, labels = organisation_labels(load("organisations.json"), "686")
    assert listed
    assert labels["2"] == "Titel" and labels["3"] == "Locatie" and labels["72"] == "Toelichting"
    assert organisation_labels(load("organisations.json"), "777") == (False, {})


def test_attribute_labels_from_entity_type_settings() -> None:
    labels = settings_labels(load("entity_type_settings_777.json"))
    assert labels == {"12": "Titel", "13": "Locatie", "14": "Onderwerp"}


def test_attributes_are_remapped_and_unknown_ids_left_out() -> None:
    values = remap_attributes(
        [{"id": 2, "value": "Raad"}, {"id": 999, "value": "x"}, {"id": 3, "value": " "}],
        {"2": "Titel", "3": "Locatie"},
    )
    assert values == {"Titel": "Raad"}


def test_meeting_fields_and_name_fallback() -> None:
    _, labels = organisation_labels(load("organisations.json"), "686")
    first = meeting_fields(load("meeting_1001.json")["meeting"], labels, "Gemeenteraad")
    assert first["name"] == "Raadsvergadering 5 maart 2024"
    assert first["location"] == "Raadzaal, Stadhuis Zuidwaarde"
    assert first["chair"] == "J. de Vries"
    assert first["status"] is MeetingStatus.CONFIRMED
    assert first["start"].isoformat() == "2024-03-05T19:30:00+01:00"
    second = meeting_fields(load("meeting_1002.json")["meeting"], labels, "Commissie Ruimte")
    assert second["name"] == "Commissie Ruimte 12 maart 2024"
    assert second["status"] is MeetingStatus.CANCELLED


def test_meeting_status_is_not_inverted() -> None:
    assert meeting_fields({"inactive": True}, {}, None)["status"] is MeetingStatus.TENTATIVE
    assert meeting_fields({"inactive": False}, {}, None)["status"] is MeetingStatus.CONFIRMED
    assert meeting_fields({}, {}, None)["name"] == "Vergadering"


def test_agenda_tree_is_flattened_parents_first_with_sibling_order() -> None:
    nodes = agenda_nodes(load("meeting_1001.json")["meeting"])
    shape = [(n.native_id, n.parent, n.order) for n in nodes]
    assert shape == [
        ("2001", None, 0),
        ("2005", "2001", 0),
        ("2002", "2001", 1),
        ("2003", "2002", 0),
        ("2004", None, 1),
    ]


def test_agenda_flat_list_with_parent_references_and_cycles() -> None:
    meeting = {
        "agenda_items": [
            {"id": 1, "order": 1, "parent": None},
            {"id": 2, "order": 1, "parent": {"id": 1}},
            {"id": 3, "order": 2, "parent": 4},
            {"id": 4, "order": 3, "parent": 3},
            {"id": 5, "parent": 99},
        ]
    }
    shape = {n.native_id: (n.parent, n.order) for n in agenda_nodes(meeting)}
    assert shape["2"] == ("1", 0)
    assert len(shape) == 5  # nothing is lost
    assert shape["5"] == (None, 2)  # unknown parent: a top-level item, sorted last (no order)
    assert sorted([shape["3"][0] or "", shape["4"][0] or ""]) == ["", "3"]  # cycle broken


def test_agenda_fields_heading_position_and_fallback_name() -> None:
    _, labels = organisation_labels(load("organisations.json"), "686")
    nodes = {n.native_id: n for n in agenda_nodes(load("meeting_1001.json")["meeting"])}
    heading = agenda_fields(nodes["2001"], labels)
    assert heading["is_heading"] and heading["name"] == "Opening en mededelingen"
    point = agenda_fields(nodes["2002"], labels)
    assert point["name"] == "Vaststellen parkeerbeleid binnenstad"
    assert (point["raw_position"], point["position"], point["order"]) == ("1.", 1, 1)
    assert point["description"].startswith("Het college stelt voor")
    flat = {n.native_id: n for n in agenda_nodes(load("meeting_1002.json")["meeting"])}
    assert agenda_fields(flat["2102"], labels)["name"] == "Agendapunt 1.1"


def test_document_fields_take_the_current_version() -> None:
    agenda = load("meeting_1001.json")["meeting"]["agenda_items"][0]["agenda_items"][0]
    fields = document_fields(agenda["documents"][0])
    assert fields["version"] == "2"
    assert fields["file_name"] == "raadsvoorstel-v2.pdf"
    assert (fields["content_type"], fields["size"]) == ("application/pdf", 950)
    assert fields["document_type"] == "Raadsvoorstel"
    assert fields["published"] is None  # publication_date is the fetch day, never used
    assert fields["date"].isoformat() == "2024-02-27T00:00:00+01:00"
