"""Woo inventory lists (inventarislijst, productierapport) read from XLSX or CSV bytes.

A decision on a Woo (or old Wob) request lists every document it judged: an inventory number,
the document's name and date, the judgement (openbaar, deels openbaar, niet openbaar, reeds
openbaar), the refusal grounds (`normalize.grounds`), an explanation, the public link, a related
id, the case number and the file type. `read_inventory` reads such a list in every shape seen in
published lists (header names: `normalize.inventory_headers`; cell values:
`normalize.inventory_values`; files and caps: `normalize.inventory_files`; hyperlinked link
cells: `normalize.inventory_links`) into `InventoryRow`s.

Nothing is lost silently and nothing raises: a file that cannot be an inventory (not a
spreadsheet, no recognisable header, over a cap, a zip bomb) is an `InventoryError` value; a row
without an id, a note in the id column with nothing beside it (`Totaal: 12 documenten`), an
unreadable date, judgement, ground or yes/no is a `Problem` naming the line, the column and
the text as written, while the rest of the row is kept. Columns no field claims
are kept per row in `extra`. The Woo-besluit dossier of a later part uses the rows to show each
document's judgement and grounds, count the judgements, and join a row to the harvested file
whose link or inventory number matches; an `InventoryError` is the dossier's recorded failure.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from itertools import islice

from normalize.grounds import Ground, parse_grounds
from normalize.inventory_files import (
    Cell,
    InventoryLimits,
    Row,
    RowBudget,
    Unreadable,
    csv_rows,
    decode_text,
    sniff,
    xlsx_sheets,
)
from normalize.inventory_headers import HEADER_SEARCH_ROWS, Field, Header, find_header, header_hint
from normalize.inventory_links import Links, sheet_links
from normalize.inventory_values import Judgement, date_value, judgement_of, text_value, yes_no

_DELIMITERS = (";", ",", "\t")
_SHOWN = 200  # characters of a cell quoted in a problem


@dataclass(frozen=True)
class Problem:
    """Something in one row (or the file, `line` None) that could not be read as written."""

    line: int | None
    column: str | None  # the header as written
    message: str
    value: str | None = None  # the cell as written, shortened


@dataclass(frozen=True)
class InventoryRow:
    line: int  # the sheet row or CSV line the document is on
    id: str  # the inventory number, as written
    name: str | None = None
    date: datetime | None = None
    judgement: Judgement | None = None
    judgement_text: str | None = None  # as written
    grounds: tuple[Ground, ...] = ()
    explanation: str | None = None
    link: str | None = None
    related_id: str | None = None
    case_number: str | None = None
    file_type: str | None = None
    matter: str | None = None
    family: str | None = None
    thread_id: str | None = None
    suspended: bool | None = None
    extra: Mapping[str, str] = field(default_factory=dict)  # header → value, other columns


@dataclass(frozen=True)
class Inventory:
    format: str  # "xlsx" or "csv"
    header_line: int
    columns: Mapping[Field, str]  # field → its header as written
    rows: tuple[InventoryRow, ...]
    problems: tuple[Problem, ...] = ()
    sheet: str | None = None  # XLSX: the worksheet read
    encoding: str | None = None  # CSV: the text encoding found
    delimiter: str | None = None  # CSV

    def judgement_counts(self) -> dict[Judgement | None, int]:
        """Documents per judgement (None: no or an unreadable judgement)."""
        return dict(Counter(row.judgement for row in self.rows))


@dataclass(frozen=True)
class InventoryError:
    """Why a file is no readable inventory; `code` is stable, `message` says it to people."""

    code: str  # empty, not_a_spreadsheet, encrypted, bad_csv, no_header, too_large
    message: str


def read_inventory(
    data: bytes, *, limits: InventoryLimits | None = None
) -> Inventory | InventoryError:
    """The inventory list in XLSX or CSV `data`, or the reason it cannot be read."""
    limits = limits or InventoryLimits()
    try:
        if sniff(data, limits) == "xlsx":
            return _read_xlsx(data, limits)
        return _read_csv(data, limits)
    except Unreadable as error:
        return InventoryError(error.code, error.message)


def _read_xlsx(data: bytes, limits: InventoryLimits) -> Inventory | InventoryError:
    budget = RowBudget(limits)
    hint = None
    sheets = xlsx_sheets(data, limits, budget)
    try:
        for sheet in sheets:
            first = list(islice(sheet.rows, HEADER_SEARCH_ROWS))
            header = find_header(first)
            if header is None:
                hint = hint or f"sheet {sheet.name!r}: {header_hint(first)}"
                continue
            links: Links = {}
            if Field.LINK in header.columns and sheet.path is not None:
                column = header.columns[Field.LINK] + 1
                links = sheet_links(data, sheet.path, column, limits.max_rows)
            rest = _chain(first, header.line, sheet.rows)
            rows, problems = _rows(rest, header, limits, links)
            return Inventory("xlsx", header.line, header.column_names(), rows, problems,
                             sheet=sheet.name)  # fmt: skip
    finally:
        sheets.close()
    return _no_header(hint or "the workbook has no worksheet")


def _read_csv(data: bytes, limits: InventoryLimits) -> Inventory | InventoryError:
    text, encoding = decode_text(data)
    best: tuple[int, str, Header] | None = None
    for delimiter in _DELIMITERS:
        try:
            first = list(islice(csv_rows(text, delimiter, None), HEADER_SEARCH_ROWS))
        except Unreadable:
            continue
        header = find_header(first)
        if header is not None and (best is None or len(header.columns) > best[0]):
            best = (len(header.columns), delimiter, header)
    if best is None:
        first_line = text.splitlines()[:1]
        delimiter = max(_DELIMITERS, key=lambda d: first_line[0].count(d) if first_line else 0)
        try:
            sample = list(islice(csv_rows(text, delimiter, None), HEADER_SEARCH_ROWS))
        except Unreadable as error:
            return InventoryError(error.code, error.message)
        return _no_header(header_hint(sample))
    _, delimiter, header = best
    all_rows = csv_rows(text, delimiter, RowBudget(limits))
    rows, problems = _rows((row for row in all_rows if row[0] > header.line), header, limits)
    return Inventory("csv", header.line, header.column_names(), rows, problems,
                     encoding=encoding, delimiter=delimiter)  # fmt: skip


def _no_header(hint: str) -> InventoryError:
    return InventoryError(
        "no_header",
        "no header row with an id column and two more known columns (such as Document, "
        f"Datum, Beoordeling, Beoordelingsgrond) in the first {HEADER_SEARCH_ROWS} rows; {hint}",
    )


def _chain(first: Sequence[Row], header_line: int, rest: Iterator[Row]) -> Iterator[Row]:
    for row in first:
        if row[0] > header_line:
            yield row
    yield from rest


def _shown(text: str) -> str:
    return text if len(text) <= _SHOWN else text[:_SHOWN] + "…"


class _RowReader:
    """Reads the cells of one row by field, collecting the row's problems."""

    def __init__(
        self,
        header: Header,
        line: int,
        cells: Sequence[Cell],
        limits: InventoryLimits,
        links: Links,
    ):
        self.header = header
        self.line = line
        self.cells = cells
        self.limits = limits
        self.links = links
        self.problems: list[Problem] = []

    def problem(self, field_: Field, message: str, value: str | None) -> None:
        column = self.header.names[self.header.columns[field_]]
        shown = _shown(value) if value is not None else None
        self.problems.append(Problem(self.line, column, message, shown))

    def raw(self, field_: Field) -> Cell:
        index = self.header.columns.get(field_)
        if index is None or index >= len(self.cells):
            return None
        return self.cells[index]

    def text(self, field_: Field) -> str | None:
        value = text_value(self.raw(field_))
        if value is not None and len(value) > self.limits.max_cell_chars:
            self.problem(field_, f"longer than {self.limits.max_cell_chars} characters, cut", None)
            value = value[: self.limits.max_cell_chars]
        return value

    def date(self) -> datetime | None:
        raw = self.raw(Field.DATE)
        found = date_value(raw, utc=self.header.utc_dates)
        if found is None and text_value(raw) is not None:
            self.problem(Field.DATE, "unreadable date", text_value(raw))
        return found

    def judgement(self) -> tuple[Judgement | None, str | None]:
        written = self.text(Field.JUDGEMENT)
        found = judgement_of(written)
        if found is None and written is not None:
            self.problem(Field.JUDGEMENT, "unknown judgement", written)
        return found, written

    def grounds(self) -> tuple[Ground, ...]:
        grounds = parse_grounds(self.text(Field.GROUNDS))
        for ground in grounds:
            if not ground.readable:
                self.problem(Field.GROUNDS, "unknown refusal ground (kept as written)",
                             ground.written)  # fmt: skip
        return grounds

    def link(self) -> str | None:
        """The cell's hyperlink target when it has one (`klik hier` → the URL), else its text."""
        target = self.links.get((self.line, self.header.columns.get(Field.LINK, -2) + 1))
        if target is not None:
            return target[: self.limits.max_cell_chars]
        return self.text(Field.LINK)

    def suspended(self) -> bool | None:
        written = self.text(Field.SUSPENDED)
        found = yes_no(written)
        if found is None and written is not None:
            self.problem(Field.SUSPENDED, "neither yes nor no", written)
        return found

    def extra(self) -> dict[str, str]:
        found: dict[str, str] = {}
        unmapped = self.header.unmapped
        width = len(self.header.names)
        for index, cell in enumerate(self.cells):
            value = text_value(cell)
            if value is None or index in self.header.mapped:
                continue
            name = unmapped.get(index) if index < width else None
            found[name or f"kolom {index + 1}"] = value[: self.limits.max_cell_chars]
        return found

    def row(self, identifier: str) -> InventoryRow:
        judgement, judgement_text = self.judgement()
        explanation = self.text(Field.EXPLANATION)
        link = self.link()
        if link is None and explanation is not None and explanation.startswith("http"):
            link, explanation = explanation, None  # older lists put the link there
        return InventoryRow(
            line=self.line,
            id=identifier,
            name=self.text(Field.NAME),
            date=self.date(),
            judgement=judgement,
            judgement_text=judgement_text,
            grounds=self.grounds(),
            explanation=explanation,
            link=link,
            related_id=self.text(Field.RELATED_ID),
            case_number=self.text(Field.CASE_NUMBER),
            file_type=self.text(Field.FILE_TYPE),
            matter=self.text(Field.MATTER),
            family=self.text(Field.FAMILY),
            thread_id=self.text(Field.THREAD_ID),
            suspended=self.suspended(),
            extra=self.extra(),
        )


def _rows(
    source: Iterator[Row] | Sequence[Row],
    header: Header,
    limits: InventoryLimits,
    links: Links | None = None,
) -> tuple[tuple[InventoryRow, ...], tuple[Problem, ...]]:
    rows: list[InventoryRow] = []
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    id_column = header.names[header.columns[Field.ID]]
    for line, cells in source:
        values = [text_value(cell) for cell in cells]
        if not any(values):
            continue
        reader = _RowReader(header, line, cells, limits, links or {})
        identifier = reader.text(Field.ID)
        if identifier is None:
            written = " | ".join(v for v in values if v)
            problems.append(Problem(line, id_column, "row without an id (not read)",
                                    _shown(written)))  # fmt: skip
            continue
        if len([v for v in values if v]) == 1 and " " in identifier:
            problems.append(Problem(line, id_column, "a note, not a document (not read)",
                                    _shown(identifier)))  # fmt: skip
            continue
        row = reader.row(identifier)
        if identifier in seen:
            reader.problems.append(Problem(
                line, id_column, f"the same id as line {seen[identifier]}", identifier
            ))  # fmt: skip
        seen.setdefault(identifier, line)
        rows.append(row)
        problems.extend(reader.problems)
    return tuple(rows), tuple(problems)


__all__ = [
    "Field",
    "Inventory",
    "InventoryError",
    "InventoryLimits",
    "InventoryRow",
    "Judgement",
    "Problem",
    "read_inventory",
]
