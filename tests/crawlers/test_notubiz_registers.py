"""NotuBiz register items → RegisterEntry fields, and every NotuBiz date form as a table."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from crawlers.notubiz_dates import notubiz_datetime
from crawlers.notubiz_registers import item_module_id, register_item_fields, registers
from normalize.cleaners import AMSTERDAM

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "notubiz"


def load(name: str) -> Any:
    return json.loads((FIXTURES / name).read_text("utf-8"))


MODULES = registers(load("modules_686.json"))


def test_an_ermelo_form_item_gives_title_date_and_documents() -> None:
    item = load("module_items_686_1_page1.json")["items"][0]
    assert item_module_id(item) == "1"
    fields, docs, _ = register_item_fields(item, {}, MODULES["1"])
    assert fields["register_name"] == "Ingekomen stukken"
    assert fields["title"] == (
        "Brief van de Fietsersbond over de fietsroute langs het kanaal, 28 februari 2024"
    )
    assert fields["date"] == datetime(2024, 3, 5, tzinfo=AMSTERDAM)  # "Datum vergadering"
    assert fields["attributes"]["Gekoppeld evenement"] == (
        "Ingekomen stukken (Raadsvergadering 05-03-2024 19:30)"
    )
    assert [d["id"] for d in docs] == [16500004]


def test_document_attributes_and_attachments_are_each_taken_once() -> None:
    fields, docs, _ = register_item_fields(load("module_item_7_9001.json")["item"], {}, None)
    assert fields["register_name"] == "Ingekomen stukken"  # older answers: module.title
    assert fields["title"] == "Brief van bewoners over parkeren"
    assert fields["attributes"]["Afzender"] == "Bewonerscommissie; Dorpsstraat"
    assert fields["date"] == datetime(2024, 3, 1, tzinfo=AMSTERDAM)
    assert [d["id"] for d in docs] == [5005, 5002, 5004]


def test_without_a_date_attribute_the_date_comes_from_the_ingediend_in_label() -> None:
    item = {
        "id": 5,
        "module_id": 6,
        "creation_date": None,
        "last_modified": "2026-01-23 17:05:10",
        "attributes": [
            {"id": 1, "label": "Titel", "values": [{"meta_data": None, "content": "Motie X"}]},
            {
                "id": 54,
                "label": "Ingediend in",
                "datatype": "integer",
                "values": [
                    {
                        "meta_data": {
                            "reference_model": "agenda_item",
                            "label": "X (Raad 22-01-2026 19:30)",
                        },
                        "content": 8309997,
                    }
                ],
            },
        ],
    }
    fields, docs, _ = register_item_fields(item, {}, MODULES["6"])
    assert fields["date"] == datetime(2026, 1, 22, 19, 30, tzinfo=AMSTERDAM)  # not last_modified
    assert fields["attributes"]["Ingediend in"] == "X (Raad 22-01-2026 19:30)"  # not 8309997
    assert docs == []


def test_an_item_without_title_attribute_takes_its_main_documents_title() -> None:
    doc = {"id": 1, "title": "260122 15-A-1 Amendement", "url": "https://x/document/1/1"}
    item = {"id": 6, "module_id": 6, "attributes": [
        {"id": 2, "label": "Hoofddocument", "datatype": "document",
         "values": [{"document": doc, "meta_data": None}]},
    ]}  # fmt: skip
    fields, docs, _ = register_item_fields(item, {}, MODULES["6"])
    assert fields["title"] == "260122 15-A-1 Amendement"
    assert fields["date"] is None and docs == [doc]


def test_labels_missing_from_an_item_come_from_the_organisations_map() -> None:
    item = {"id": 7, "module_id": 1, "attributes": [{"id": 1, "values": [{"content": "Brief"}]}]}
    fields, _, _ = register_item_fields(item, {"1": "Onderwerp"}, MODULES["1"])
    assert fields["attributes"] == {"Onderwerp": "Brief"} and fields["title"] == "Brief"


# Every date form seen in NotuBiz answers (issue 8 research, section 5), read by the NotuBiz
# date reader; `publication_date` (YYYY-MM-DD) is readable but never used as a document date.
@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-01-22 00:00:00", datetime(2026, 1, 22, tzinfo=AMSTERDAM)),  # datetime values
        ("2026-01-23 17:05:10", datetime(2026, 1, 23, 17, 5, 10, tzinfo=AMSTERDAM)),
        ("2026-07-31", datetime(2026, 7, 31, tzinfo=AMSTERDAM)),  # publication_date
        ("22-01-2026 19:30", datetime(2026, 1, 22, 19, 30, tzinfo=AMSTERDAM)),
        ("22-01-2026", datetime(2026, 1, 22, tzinfo=AMSTERDAM)),
        ("28-12-2022", datetime(2022, 12, 28, tzinfo=AMSTERDAM)),
        ("2026-01-22T19:30:00+01:00", datetime(2026, 1, 22, 19, 30, tzinfo=AMSTERDAM)),
        ("0000-00-00 00:00:00", None),
        ("", None),
        ("   ", None),
        (None, None),
        (8309997, None),  # a reference's content is an id, never a unix time
        ("31-02-2026", None),
        ("zie notulen", None),
    ],
)
def test_date_forms(value: object, expected: datetime | None) -> None:
    assert notubiz_datetime(value) == expected


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        (
            "Parkeren (Gemeenteraad 22-01-2026 19:30)",
            datetime(2026, 1, 22, 19, 30, tzinfo=AMSTERDAM),
        ),
        (
            "Stukken (Raadsvergadering  17-12-2025 19:30)",
            datetime(2025, 12, 17, 19, 30, tzinfo=AMSTERDAM),
        ),
        ("Motie (Raad 1-2-2026)", datetime(2026, 2, 1, tzinfo=AMSTERDAM)),
        (  # a worded date in the agenda item's title is not the meeting's date
            "Brief van 21 januari 2026 (Gemeenteraad 05-03-2026 19:30)",
            datetime(2026, 3, 5, 19, 30, tzinfo=AMSTERDAM),
        ),
        ("260122 15-A-1 Amendement", None),  # YYMMDD prefix: not read as a date
        ("Brief van 21 januari 2026", None),  # words in a title: not a field date
        ("", None),
    ],
)
def test_dates_inside_reference_labels(label: str, expected: datetime | None) -> None:
    assert notubiz_datetime(label, within_text=True) == expected
