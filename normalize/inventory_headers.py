"""The header row of an inventory list: which column holds which field, in every shape seen.

Header cells are compared after lower-casing, dropping a leading column number (`01 Document`,
`06 Datum (UTC)`), a bracketed remark (`Beoordelingsgrond (; gescheiden)`, `Datum (UTC)`) and
a trailing `:`; with or without spaces (`Publieke Link`, `publiekelink`). The names per field
come from published inventory lists and the tools that write them: the e-discovery export with
`ID, Matter, Family, Email Thread ID, Document, File Type, Datum, Beoordeling, Opgeschort,
Beoordelingsgrond, Toelichting, Publieke Link, Gerelateerd ID, Zaaknummer`; the same with
numbered headers and grounds under `code ENTRIES`; case numbers as `zaakNr`; lower-case CSV
`document,grond,id,beoordeling,publicatiecontext`; the lists open.minvws.nl republishes
(`Document ID, Document naam, ..., Publieke link`).

The header row is the first row (of the first 50) that names an id column and at least two
other fields, so title rows above it are skipped; `find_header` says which row that was.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property

from normalize.inventory_files import Cell

HEADER_SEARCH_ROWS = 50


class Field(StrEnum):
    ID = "id"
    NAME = "name"
    DATE = "date"
    JUDGEMENT = "judgement"
    GROUNDS = "grounds"
    EXPLANATION = "explanation"
    LINK = "link"
    RELATED_ID = "related_id"
    CASE_NUMBER = "case_number"
    FILE_TYPE = "file_type"
    MATTER = "matter"
    FAMILY = "family"
    THREAD_ID = "thread_id"
    SUSPENDED = "suspended"


# Per field, its header names in order of preference (a header cell serves one field).
ALIASES: dict[Field, tuple[str, ...]] = {
    Field.ID: ("id", "document id", "documentid", "inventarisnummer", "documentnummer", "nr",
               "nummer", "volgnummer"),
    Field.NAME: ("document naam", "documentnaam", "document", "naam", "naam document",
                 "bestandsnaam", "omschrijving", "titel", "documentnr", "document nr"),
    Field.DATE: ("datum", "date", "documentdatum", "datum document", "datum verzonden"),
    Field.JUDGEMENT: ("beoordeling", "openbaarmaking", "oordeel", "besluit openbaarmaking"),
    Field.GROUNDS: ("beoordelingsgrond", "beoordelingsgronden", "grond", "gronden",
                    "weigeringsgrond", "weigeringsgronden", "uitzonderingsgrond",
                    "uitzonderingsgronden", "code entries", "tagmulti006"),
    Field.EXPLANATION: ("toelichting", "opmerking", "opmerkingen", "motivering"),
    Field.LINK: ("publieke link", "publicatielink", "publicatie link", "link", "url",
                 "publiekelinktag"),
    Field.RELATED_ID: ("gerelateerd id", "gerelateerde id", "gerelateerd", "related id"),
    Field.CASE_NUMBER: ("zaaknummer", "zaaknr", "zaak nr", "zaak", "casenr", "case"),
    Field.FILE_TYPE: ("file type", "bestandstype", "documenttype", "type bestand"),
    Field.MATTER: ("matter", "matter / marjoleinnummer"),
    Field.FAMILY: ("family", "familie", "family id"),
    Field.THREAD_ID: ("email thread id", "thread id", "email thread"),
    Field.SUSPENDED: ("opgeschort", "suspended", "tag015"),
}  # fmt: skip

_NUMBER_PREFIX = re.compile(r"^\s*\d+[\s.:)_-]*(?=\D)")
_BRACKETED = re.compile(r"\s*[(\[][^)\]]*[)\]]\s*")


def header_key(value: Cell) -> str:
    """A header cell in the form the aliases are written in (`06 Datum (UTC)` → `datum`)."""
    if value is None:
        return ""
    text = _NUMBER_PREFIX.sub("", str(value))
    text = _BRACKETED.sub(" ", text)
    return " ".join(text.replace("_", " ").lower().split()).rstrip(":. ")


_LOOKUP: dict[str, tuple[int, int, Field]] = {}
for _order, (_field, _names) in enumerate(ALIASES.items()):
    for _rank, _name in enumerate(_names):
        for _key in (_name, _name.replace(" ", "")):
            _LOOKUP.setdefault(_key, (_rank, _order, _field))


@dataclass(frozen=True)
class Header:
    line: int  # the row (XLSX) or line (CSV) the header is on
    columns: dict[Field, int]  # field → column index (0-based)
    names: tuple[str, ...]  # every header cell as written ("" for an empty one)

    @cached_property
    def unmapped(self) -> dict[int, str]:
        """Columns with a header no field claimed: kept per row as extra values."""
        used = set(self.columns.values())
        return {i: n for i, n in enumerate(self.names) if n and i not in used}

    @cached_property
    def mapped(self) -> frozenset[int]:
        return frozenset(self.columns.values())

    def column_names(self) -> dict[Field, str]:
        return {field: self.names[index] for field, index in self.columns.items()}

    @cached_property
    def utc_dates(self) -> bool:
        """The date column says its times are UTC (`06 Datum (UTC)`)."""
        index = self.columns.get(Field.DATE)
        return index is not None and "utc" in self.names[index].lower()


def map_header(cells: Sequence[Cell]) -> dict[Field, int]:
    """Field → column for one candidate header row (best-ranked name wins each field)."""
    candidates: list[tuple[int, int, int, Field]] = []
    for index, cell in enumerate(cells):
        key = header_key(cell)
        found = _LOOKUP.get(key) or _LOOKUP.get(key.replace(" ", ""))
        if found is not None:
            rank, order, field = found
            candidates.append((rank, index, order, field))
    columns: dict[Field, int] = {}
    for _rank, index, _order, field in sorted(candidates):
        if field not in columns and index not in columns.values():
            columns[field] = index
    return columns


def is_header(columns: dict[Field, int]) -> bool:
    return Field.ID in columns and len(columns) >= 3


def find_header(rows: Sequence[tuple[int, Sequence[Cell]]]) -> Header | None:
    """The first row (of the first `HEADER_SEARCH_ROWS`) that is a header, or None."""
    for line, cells in rows[:HEADER_SEARCH_ROWS]:
        columns = map_header(cells)
        if is_header(columns):
            names = tuple(str(c).strip() if c is not None else "" for c in cells)
            return Header(line, columns, names)
    return None


def header_hint(rows: Sequence[tuple[int, Sequence[Cell]]]) -> str:
    """What the first non-empty row holds, for the error when no header is found."""
    for line, cells in rows[:HEADER_SEARCH_ROWS]:
        shown = [str(c).strip() for c in cells if c is not None and str(c).strip()]
        if shown:
            text = ", ".join(shown[:8])
            return f"line {line} reads {text[:200]!r}"
    return "the file has no non-empty row"


__all__ = [
    "ALIASES",
    "HEADER_SEARCH_ROWS",
    "Field",
    "Header",
    "find_header",
    "header_hint",
    "header_key",
    "is_header",
    "map_header",
]
