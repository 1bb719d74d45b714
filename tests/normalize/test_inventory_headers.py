"""Header cells of inventory lists matched to fields in every spelling of published lists, and
the header row found below title rows."""

from __future__ import annotations

import pytest

from normalize.inventory_headers import Field, find_header, header_key, map_header


@pytest.mark.parametrize(
    ("cell", "key"),
    [
        ("06 Datum (UTC)", "datum"),
        ("01 Document", "document"),
        ("Beoordelingsgrond (; gescheiden)", "beoordelingsgrond"),
        ("  Publieke Link: ", "publieke link"),
        ("code ENTRIES", "code entries"),
        ("zaakNr", "zaaknr"),
        ("Email_Thread_ID", "email thread id"),
        (1001, "1001"),
        (None, ""),
    ],
)
def test_header_keys(cell: object, key: str) -> None:
    assert header_key(cell) == key  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        # the e-discovery export: "Document" is the name, "ID" the number
        (["ID", "Document", "Beoordeling"], {Field.ID: 0, Field.NAME: 1, Field.JUDGEMENT: 2}),
        # the open.minvws.nl list: "Document ID" is the number, "Document naam" the name
        (
            ["Document ID", "Document naam", "Bestandsnaam", "Beoordeling"],
            {Field.ID: 0, Field.NAME: 1, Field.JUDGEMENT: 3},
        ),
        # both an ID and a Document ID: the plain ID is the number
        (
            ["Document ID", "ID", "Document", "Beoordeling"],
            {Field.ID: 1, Field.NAME: 2, Field.JUDGEMENT: 3},
        ),
        # spelled without spaces, numbered, bracketed
        (
            ["nr.", "publiekelink", "06 Datum (UTC)", "Beoordelingsgrond (; gescheiden)"],
            {Field.ID: 0, Field.LINK: 1, Field.DATE: 2, Field.GROUNDS: 3},
        ),
    ],
)
def test_fields_of_a_header_row(cells: list[str], expected: dict[Field, int]) -> None:
    assert map_header(cells) == expected


def test_the_header_row_below_title_rows_and_its_unclaimed_columns() -> None:
    rows = [
        (1, ("Inventarislijst Woo-verzoek", None)),
        (2, ()),
        (3, ("ID", "Document", "Beoordeling", "Locatie", "")),
        (4, (1, "Brief", "Openbaar", "archief", None)),
    ]
    header = find_header(rows)
    assert header is not None and header.line == 3
    assert header.unmapped == {3: "Locatie"}
    assert header.column_names() == {
        Field.ID: "ID",
        Field.NAME: "Document",
        Field.JUDGEMENT: "Beoordeling",
    }


def test_a_row_with_an_id_column_alone_is_no_header() -> None:
    assert find_header([(1, ("ID", "Kleur")), (2, ("1", "rood"))]) is None
