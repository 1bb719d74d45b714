"""`crawlers.go_parse`: GemeenteOplossingen JSON shapes (v1 and v2) to record fields."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

import crawlers.go_parse as parse
from crawlers.go_parse import (
    agenda_points,
    api_version,
    committee_fields,
    file_fields,
    item_fields,
    loose_document_fields,
    meeting_fields,
    meeting_start,
    rows,
)
from normalize.cleaners import AMSTERDAM
from normalize.records import MeetingStatus

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "gemeenteoplossingen"


def load(name: str) -> Any:
    return json.loads((FIXTURES / name).read_text("utf-8"))


@pytest.mark.parametrize(
    ("value", "expected"),
    [(None, "v1"), ("v1", "v1"), ("2", "v2"), (" V2 ", "v2"), ("v3", None), ("", None)],
)
def test_api_versions(value: str | None, expected: str | None) -> None:
    assert api_version(value) == expected


def test_rows_reads_the_v1_array_and_the_v2_result() -> None:
    v1, total = rows(load("meetings_v1.json"), "meetings")
    assert [m["id"] for m in v1] == [101, 102, 103, 104] and total is None
    v2, total = rows(load("meetings_v2_offset0.json"), "meetings")
    assert [m["id"] for m in v2] == [101, 102] and total == 4
    assert rows({"result": None}, "meetings") == ([], None)
    assert rows("<html>", "meetings") == ([], None)
    assert rows([{"id": 1}, "junk", 3], "meetings") == ([{"id": 1}], None)


def test_v1_and_v2_dates_give_the_same_start() -> None:
    expected = datetime(2024, 3, 5, 20, 0, tzinfo=AMSTERDAM)
    assert meeting_start({"date": "2024-03-05T20:00:00+01:00"}) == expected
    assert meeting_start({"date": "2024-03-05", "startTime": "20:00"}) == expected
    assert meeting_start({"date": "2024-03-05 20:00:00"}) == expected
    zoned = meeting_start({"date": {"date": "2024-03-05 19:00:00.000000", "timezone": "UTC"}})
    assert zoned == datetime(2024, 3, 5, 19, 0, tzinfo=UTC) == expected
    assert meeting_start({"date": None}) is None
    assert meeting_start({"date": "geen datum"}) is None


def test_an_empty_description_names_the_meeting_after_committee_and_date() -> None:
    meeting = load("meetings_v1.json")[1]
    fields = meeting_fields(meeting)
    assert fields["name"] == "Vergadering - Commissie Ruimte - 2024-03-12"
    assert fields["status"] is MeetingStatus.CANCELLED
    first = meeting_fields(load("meetings_v1.json")[0])
    assert first["name"] == "Raadsvergadering 5 maart 2024"
    assert first["location"] == "Raadzaal, Stadhuis Rivierstad"
    assert first["status"] is MeetingStatus.CONFIRMED
    assert meeting_fields({"date": "2024-03-05", "description": ""})["name"] == (
        "Vergadering - 2024-03-05"
    )


def test_items_without_sortorder_are_no_agenda_points() -> None:
    points, others, missing = agenda_points(load("meetings_v1.json")[0])
    assert [(p.native_id, p.order) for p in points] == [
        ("1001", 0),
        ("1002", 1),
        ("1004", 2),
        ("1003", 3),  # sortorder "4" sorts after 3
    ]
    assert [o["id"] for o in others] == [1005, 1006]
    assert missing == 1
    fields = item_fields(points[1])
    assert fields == {
        "name": "Vaststelling agenda",
        "description": "De raad stelt de agenda vast.",
        "raw_position": "2",
        "position": 2,
        "order": 1,
        "is_heading": False,
    }
    assert item_fields(points[3])["raw_position"] == "4a"


def test_committees_and_files() -> None:
    assert committee_fields({"id": 1, "name": "Gemeenteraad"}) == {
        "name": "Gemeenteraad",
        "is_council": True,
    }
    assert committee_fields({"id": 3, "name": " "})["name"] == "Commissie 3"
    assert file_fields({"id": 1, "filename": "Raadsvoorstel_begroting_2026.pdf"}) == {
        "title": "Raadsvoorstel begroting 2026",
        "file_name": "Raadsvoorstel_begroting_2026.pdf",
        "content_type": "application/pdf",
    }
    assert file_fields({"id": 7, "filename": None})["title"] == "Document 7"


def test_documents_outside_agendas() -> None:
    first, _, third, _ = load("documents.json")
    fields = loose_document_fields(first)
    assert fields["title"] == "Collegebrief over het warmtenet"
    assert fields["document_type"] == "Collegebrief"
    assert fields["published"] == datetime(2024, 3, 8, 10, 0, tzinfo=AMSTERDAM)
    assert loose_document_fields(third)["title"] == "Jaarverslag rekenkamer 2023"
    nested = loose_document_fields({"id": 9, "documents": [{"id": 1, "filename": "a_b.docx"}]})
    assert (nested["title"], nested["file_name"]) == ("a b", "a_b.docx")


@pytest.mark.parametrize(
    ("answer", "reason"),
    [
        ({"status": "OK", "code": 200, "messages": [], "result": {"meetings": []}}, None),
        ({"result": {"meetings": []}}, None),
        ([{"id": 1}], None),
        (
            {"status": "ERROR", "code": 500, "messages": ["Database timeout"], "result": None},
            "Database timeout (status ERROR, code 500)",
        ),
        ({"status": "OK", "code": 404, "messages": "Not found"}, "Not found (status OK, code 404)"),
        ({"status": "fail", "messages": []}, "no message (status FAIL)"),
    ],
)
def test_a_v2_envelope_error_is_read_from_status_code_and_messages(
    answer: object, reason: str | None
) -> None:
    assert parse.envelope_error(answer) == reason


@pytest.mark.parametrize(
    ("answer", "readable"),
    [
        ([], True),
        ({"result": {"totalCount": 0, "meetings": []}}, True),
        ({"meetings": []}, True),
        ({"status": "OK", "code": 200, "result": None}, False),
        ({"status": "OK", "code": 200}, False),
        ({"result": {"totalCount": 3}}, False),
        ("meetings", False),
    ],
)
def test_an_answer_without_a_meeting_list_is_unreadable_not_empty(
    answer: object, readable: bool
) -> None:
    assert parse.is_list_answer(answer, "meetings") is readable
