"""Cell values of inventory lists: every date form (text and Excel cells, read through a real
workbook), judgements in the spellings of published lists, yes/no and numbers as ids."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import openpyxl
import pytest

from normalize.dates import AMSTERDAM
from normalize.inventory import Inventory, Judgement, read_inventory
from normalize.inventory_values import date_value, judgement_of, text_value, yes_no

J = Judgement


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the e-discovery export: month first, 12-hour clock, a zone
        ("2/19/2021 8:46 AM UTC", datetime(2021, 2, 19, 8, 46, tzinfo=UTC)),
        ("2/19/2021 8:46 PM UTC", datetime(2021, 2, 19, 20, 46, tzinfo=UTC)),
        ("3/2/2021 12:05 AM UTC", datetime(2021, 3, 2, 0, 5, tzinfo=UTC)),
        ("3/2/2021 12:05:09 PM", datetime(2021, 3, 2, 12, 5, 9, tzinfo=AMSTERDAM)),
        # OpenWOO dossiers write both of these
        ("2022-12-28", datetime(2022, 12, 28, tzinfo=AMSTERDAM)),
        ("28-12-2022", datetime(2022, 12, 28, tzinfo=AMSTERDAM)),
        ("28-12-2022 14:30", datetime(2022, 12, 28, 14, 30, tzinfo=AMSTERDAM)),
        ("2022-12-28 14:30:00 UTC", datetime(2022, 12, 28, 14, 30, tzinfo=UTC)),
        ("2022-12-28T14:30:00Z", datetime(2022, 12, 28, 14, 30, tzinfo=UTC)),
        ("28 december 2022", datetime(2022, 12, 28, tzinfo=AMSTERDAM)),
        ("2/3/2021", datetime(2021, 3, 2, tzinfo=AMSTERDAM)),  # Dutch order without AM/PM
    ],
)
def test_date_texts(text: str, expected: datetime) -> None:
    assert date_value(text) == expected


@pytest.mark.parametrize(
    "text", ["gisteren", "13/13/2021 8:46 AM UTC", "2/19/2021 13:46 PM", "2021", "0", ""]
)
def test_unreadable_dates_are_none(text: str) -> None:
    assert date_value(text) is None


def test_a_naive_time_in_a_utc_column_is_utc() -> None:
    assert date_value("2022-12-28 09:30", utc=True) == datetime(2022, 12, 28, 9, 30, tzinfo=UTC)
    assert date_value("2022-12-28T09:30+01:00", utc=True) == datetime(
        2022, 12, 28, 8, 30, tzinfo=UTC
    )


def test_excel_date_cells_and_serial_numbers_through_a_workbook() -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["ID", "Document", "Datum", "Beoordeling"])
    sheet.append([1, "cel als datum", datetime(2021, 2, 19, 8, 46), "Openbaar"])
    sheet.append([2, "serienummer", 44246.365277777775, "Openbaar"])  # unformatted: a number
    sheet.append([3, "tekst", "2/19/2021 8:46 AM UTC", "Openbaar"])
    sheet.append([4, "een jaartal", 2021, "Openbaar"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    inventory = read_inventory(buffer.getvalue())
    assert isinstance(inventory, Inventory)
    dates = [row.date for row in inventory.rows]
    assert dates[0] == datetime(2021, 2, 19, 8, 46, tzinfo=AMSTERDAM)
    assert dates[1] is not None
    assert dates[1].replace(microsecond=0) == datetime(2021, 2, 19, 8, 46, tzinfo=AMSTERDAM)
    assert dates[2] == datetime(2021, 2, 19, 8, 46, tzinfo=UTC)
    assert dates[3] is None  # a year is no date; reported, not read as 1905
    assert [(p.line, p.value) for p in inventory.problems] == [(5, "2021")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Openbaar", J.OPENBAAR),
        ("openbaar", J.OPENBAAR),
        (" OPENBAAR ", J.OPENBAAR),
        ("Volledig openbaar", J.OPENBAAR),
        ("Openbaarmaking", J.OPENBAAR),
        ("Deels Openbaar", J.DEELS_OPENBAAR),
        ("deels  openbaar", J.DEELS_OPENBAAR),
        ("Deels-openbaar", J.DEELS_OPENBAAR),
        ("Gedeeltelijke openbaarmaking", J.DEELS_OPENBAAR),
        ("Niet Openbaar", J.NIET_OPENBAAR),
        ("Geen openbaarmaking", J.NIET_OPENBAAR),
        ("Reeds openbaar", J.REEDS_OPENBAAR),
        ("Reeds Openbaar.", J.REEDS_OPENBAAR),
        ("misschien", None),
        ("", None),
        (None, None),
    ],
)
def test_judgements(text: str | None, expected: Judgement | None) -> None:
    assert judgement_of(text) is expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [("Ja", True), ("nee", False), ("X", True), (True, True), (0, False), ("soms", None),
     (None, None)],
)  # fmt: skip
def test_yes_no(value: object, expected: bool | None) -> None:
    assert yes_no(value) is expected  # type: ignore[arg-type]


def test_whole_numbers_read_as_ids_without_a_fraction() -> None:
    assert [text_value(v) for v in (1001, 1001.0, 10.5, "  A-1  ", "", None)] == [
        "1001", "1001", "10.5", "A-1", None, None,
    ]  # fmt: skip
