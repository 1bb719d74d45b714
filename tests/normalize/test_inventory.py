"""Woo inventory lists read whole: every header shape of published lists, in XLSX (written here
with openpyxl) and CSV, into rows with id, name, date, judgement, grounds, explanation, link,
related id, case number and file type; title rows above the header; rows without an id, odd
values and extra columns reported, never lost.

Each test file is our own, in the shape of a public recording named in its comment; no file is
copied.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import UTC, datetime

import openpyxl
import pytest

from normalize.dates import AMSTERDAM
from normalize.inventory import (
    Field,
    Inventory,
    InventoryError,
    InventoryRow,
    Judgement,
    read_inventory,
)

J = Judgement


def xlsx(*sheets: tuple[str, Sequence[Sequence[object]]]) -> bytes:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets:
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def read(data: bytes) -> Inventory:
    result = read_inventory(data)
    assert isinstance(result, Inventory), result
    return result


def by_id(inventory: Inventory) -> dict[str, InventoryRow]:
    return {row.id: row for row in inventory.rows}


# The e-discovery export (productierapport) the ministries publish beside a Woo-besluit, as
# open.minvws.nl's upload reads it (minvws/nl-rdo-woo-web, InventoryReaderFactory) and as
# `../shared/docs/woo.md` lists its header; a title row and an empty row above the header.
EDISCOVERY_HEADER = [
    "ID", "Matter", "Family", "Email Thread ID", "Document", "File Type", "Datum",
    "Beoordeling", "Opgeschort", "Beoordelingsgrond", "Toelichting", "Publieke Link",
    "Gerelateerd ID", "Zaaknummer",
]  # fmt: skip


def test_the_ediscovery_export_with_title_rows_above_the_header() -> None:
    data = xlsx(
        (
            "Inventarislijst",
            [
                ["Inventarislijst behorend bij besluit op Woo-verzoek 2022-0815"],
                [],
                EDISCOVERY_HEADER,
                [1001, "M-12", 1001, 5001, "RE: subsidie dorpshuis", "msg",
                 "2/19/2021 8:46 AM UTC", "Deels Openbaar", "Nee", "5.1.2e; 5.1.1c;",
                 "Namen van medewerkers gelakt", "https://open.example.nl/doc/1001", None,
                 "WOO-2022-0815"],
                [1002, "M-12", 1001, 5001, "Bijlage begroting.xlsx", "xlsx",
                 "2/19/2021 8:46 AM UTC", "Openbaar", "Nee", None, None,
                 "https://open.example.nl/doc/1002", 1001, "WOO-2022-0815"],
                [1003, "M-12", 1003, None, "Nota aan de wethouder", "pdf",
                 "3/2/2021 4:05 PM UTC", "Niet Openbaar", "Ja", "5.2; 5.1.2 i", None, None,
                 None, "WOO-2022-0815"],
                [1004, "M-12", 1004, None, "Persbericht", "pdf", "2021-03-04", "Reeds openbaar",
                 "Nee", None, "Zie https://www.example.nl/nieuws", None, None, "WOO-2022-0815"],
            ],
        )
    )  # fmt: skip
    inventory = read(data)
    assert inventory.format == "xlsx" and inventory.sheet == "Inventarislijst"
    assert inventory.header_line == 3
    assert inventory.columns[Field.GROUNDS] == "Beoordelingsgrond"
    assert set(inventory.columns) == set(Field)  # every column of the export is understood
    assert inventory.problems == ()
    rows = by_id(inventory)
    assert list(rows) == ["1001", "1002", "1003", "1004"]
    first = rows["1001"]
    assert first.line == 4
    assert first.name == "RE: subsidie dorpshuis"
    assert first.date == datetime(2021, 2, 19, 8, 46, tzinfo=UTC)
    assert first.judgement is J.DEELS_OPENBAAR and first.judgement_text == "Deels Openbaar"
    assert [g.code for g in first.grounds] == ["5.1.2e", "5.1.1c"]
    assert first.explanation == "Namen van medewerkers gelakt"
    assert first.link == "https://open.example.nl/doc/1001"
    assert first.case_number == "WOO-2022-0815"
    assert (first.file_type, first.matter, first.family, first.thread_id) == (
        "msg", "M-12", "1001", "5001",
    )  # fmt: skip
    assert first.suspended is False
    assert rows["1002"].related_id == "1001"  # numbers come back without ".0"
    assert rows["1003"].date == datetime(2021, 3, 2, 16, 5, tzinfo=UTC)
    assert [g.code for g in rows["1003"].grounds] == ["5.2", "5.1.2i"]
    assert rows["1003"].suspended is True
    assert rows["1004"].judgement is J.REEDS_OPENBAAR
    assert inventory.judgement_counts() == {
        J.DEELS_OPENBAAR: 1, J.OPENBAAR: 1, J.NIET_OPENBAAR: 1, J.REEDS_OPENBAAR: 1,
    }  # fmt: skip


# The variant with numbered headers, times in UTC, grounds under "code ENTRIES" and the case
# number as "zaakNr" (`../shared/docs/woo.md`, "Header variants seen"); Excel date cells.
def test_numbered_headers_code_entries_and_zaaknr() -> None:
    data = xlsx(
        (
            "Sheet1",
            [
                ["00 ID", "01 Document", "02 File Type", "06 Datum (UTC)", "07 Beoordeling",
                 "code ENTRIES", "zaakNr", "10 Toelichting"],
                ["A-17", "Verslag overleg", "docx", datetime(2022, 12, 28, 9, 30),
                 "deels openbaar", "5.1.2 e", "Z/22/123", "persoonsgegevens"],
                ["A-18", "Agenda", "pdf", datetime(2022, 12, 29), "OPENBAAR", "", "Z/22/123",
                 None],
            ],
        )
    )  # fmt: skip
    inventory = read(data)
    assert inventory.columns[Field.DATE] == "06 Datum (UTC)"
    assert inventory.columns[Field.GROUNDS] == "code ENTRIES"
    assert inventory.columns[Field.CASE_NUMBER] == "zaakNr"
    rows = by_id(inventory)
    assert rows["A-17"].date == datetime(2022, 12, 28, 9, 30, tzinfo=UTC)  # the header says UTC
    assert [g.code for g in rows["A-17"].grounds] == ["5.1.2e"]
    assert rows["A-17"].case_number == "Z/22/123"
    assert rows["A-18"].judgement is J.OPENBAAR and rows["A-18"].grounds == ()


# The lower-case CSV of `../shared/docs/woo.md`: document,grond,id,beoordeling,publicatiecontext;
# the column no field claims is kept per row.
def test_lower_case_csv_keeps_the_unknown_column() -> None:
    data = (
        b"document,grond,id,beoordeling,publicatiecontext\n"
        b'"Brief aan de raad, met bijlage",5.1.2e,1,Deels openbaar,besluit 2023-04\n'
        b"Memo,,2,Openbaar,besluit 2023-04\n"
    )
    inventory = read(data)
    assert (inventory.format, inventory.delimiter, inventory.encoding) == ("csv", ",", "utf-8")
    rows = by_id(inventory)
    assert rows["1"].name == "Brief aan de raad, met bijlage"
    assert rows["1"].extra == {"publicatiecontext": "besluit 2023-04"}
    assert rows["2"].judgement is J.OPENBAAR


# The list open.minvws.nl republishes with every Woo-besluit (minvws/nl-rdo-woo-web,
# InventorySanitizer): "Document ID" is the inventory number, "Document naam" the name.
def test_the_republished_list_of_open_minvws() -> None:
    header = [
        "Document ID", "Document naam", "Bestandsnaam", "Beoordeling", "Beoordelingsgrond",
        "Toelichting", "Publieke link", "Locatie open.minvws.nl", "Opgeschort", "Gerelateerd ID",
    ]  # fmt: skip
    data = xlsx(
        ("Sheet", [header, [5133, "Email over vaccins", "5133.pdf", "Deels openbaar",
                            "5.1.2e 5.1.2i", None, None, "https://open.minvws.example/5133",
                            "nee", None]]),
    )  # fmt: skip
    [row] = read(data).rows
    assert row.id == "5133" and row.name == "Email over vaccins"
    assert [g.code for g in row.grounds] == ["5.1.2e", "5.1.2i"]
    assert row.extra == {
        "Bestandsnaam": "5133.pdf",
        "Locatie open.minvws.nl": "https://open.minvws.example/5133",
    }


def test_semicolon_csv_with_a_bom_and_title_lines() -> None:
    text = (
        "Inventarislijst Woo-verzoek gemeente Oosterproef;;;\n"
        "Kenmerk: 2023/0042;;;\n"
        "Nr;Omschrijving;Datum;Beoordeling;Weigeringsgrond\n"
        "1;Raadsinformatiebrief;28-12-2022;Openbaar;\n"
        "2;Mail wethouder – reactie;2022-12-28;Deels openbaar;5.1.2 e\n"
    )
    inventory = read(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert (inventory.delimiter, inventory.encoding, inventory.header_line) == (
        ";", "utf-8-sig", 3,
    )  # fmt: skip
    rows = by_id(inventory)
    assert rows["1"].date == rows["2"].date == datetime(2022, 12, 28, tzinfo=AMSTERDAM)
    assert rows["2"].name == "Mail wethouder – reactie"
    assert [g.code for g in rows["2"].grounds] == ["5.1.2e"]


def test_cp1252_csv_as_excel_saves_it() -> None:
    text = "ID;Document;Datum;Beoordeling\r\n7;Café De Brug – vergunning;2/3/2021;Niet openbaar\r\n"
    inventory = read(text.encode("cp1252"))
    assert inventory.encoding == "cp1252"
    [row] = inventory.rows
    assert row.name == "Café De Brug – vergunning"
    assert row.date == datetime(2021, 3, 2, tzinfo=AMSTERDAM)  # Dutch day-month order


def test_tab_separated_text() -> None:
    inventory = read(b"ID\tDocument\tBeoordeling\n1\tBrief\tOpenbaar\n")
    assert inventory.delimiter == "\t" and inventory.rows[0].name == "Brief"


def test_the_list_on_a_later_worksheet() -> None:
    data = xlsx(
        ("Toelichting", [["Dit overzicht hoort bij het besluit van 1 maart 2023."]]),
        ("Inventaris", [["ID", "Document", "Beoordeling"], [1, "Brief", "Openbaar"]]),
    )
    inventory = read(data)
    assert inventory.sheet == "Inventaris" and [r.id for r in inventory.rows] == ["1"]


def test_a_row_without_an_id_is_a_problem_not_a_silent_loss() -> None:
    data = xlsx(
        ("Blad1", [
            ["ID", "Document", "Beoordeling"],
            [1, "Brief", "Openbaar"],
            [None, "Vergeten nummer", "Openbaar"],
            [],
            ["Totaal: 2 documenten"],
        ]),
    )  # fmt: skip
    inventory = read(data)
    assert [r.id for r in inventory.rows] == ["1"]
    assert [(p.line, p.column, p.message, p.value) for p in inventory.problems] == [
        (3, "ID", "row without an id (not read)", "Vergeten nummer | Openbaar"),
        (5, "ID", "a note, not a document (not read)", "Totaal: 2 documenten"),
    ]


def test_odd_values_are_problems_of_their_row_and_the_row_is_kept() -> None:
    data = (
        b"ID;Document;Datum;Beoordeling;Beoordelingsgrond;Opgeschort\n"
        b'1;Brief;gisteren;misschien;"5.1.2e; dubbel";soms\n'
        b"1;Kopie;2022-01-05;Openbaar;;nee\n"
    )
    inventory = read(data)
    first, second = inventory.rows
    assert (first.date, first.judgement, first.judgement_text) == (None, None, "misschien")
    assert [(g.code, g.written) for g in first.grounds] == [("5.1.2e", "5.1.2e"), (None, "dubbel")]
    assert first.suspended is None
    assert second.name == "Kopie"
    assert [(p.line, p.column, p.message, p.value) for p in inventory.problems] == [
        (2, "Beoordeling", "unknown judgement", "misschien"),
        (2, "Datum", "unreadable date", "gisteren"),
        (2, "Beoordelingsgrond", "unknown refusal ground (kept as written)", "dubbel"),
        (2, "Opgeschort", "neither yes nor no", "soms"),
        (3, "ID", "the same id as line 2", "1"),
    ]


def test_a_link_written_in_the_explanation_column_is_the_link() -> None:
    data = b"ID;Document;Beoordeling;Toelichting\n1;Brief;Reeds openbaar;https://example.nl/b\n"
    [row] = read(data).rows
    assert (row.link, row.explanation) == ("https://example.nl/b", None)


def test_cells_beyond_the_header_are_kept_by_column_number() -> None:
    [row] = read(b"ID;Document;Beoordeling\n1;Brief;Openbaar;los genoteerd\n").rows
    assert row.extra == {"kolom 4": "los genoteerd"}


@pytest.mark.parametrize(
    "data",
    [
        b"Inventarislijst\nDocument;Datum\nBrief;2022-01-01\n",  # no id column
        b"ID;Kleur\n1;rood\n",  # an id but nothing else an inventory has
        b"\n\n\n",
    ],
)
def test_no_recognisable_header_is_a_clear_error(data: bytes) -> None:
    result = read_inventory(data)
    assert isinstance(result, InventoryError)
    assert result.code in ("no_header", "empty")
    if result.code == "no_header":
        assert "id column" in result.message and "line 1" in result.message
