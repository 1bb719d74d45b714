"""The cells of an inventory file: XLSX or CSV bytes → sheets of numbered rows, within caps.

What a file controls is bounded before it is parsed (`InventoryLimits`): its size; for an XLSX
(a ZIP archive) the number of members, their declared uncompressed sizes and compression
ratios (a zip bomb is refused before openpyxl reads anything; the stdlib stops at a member's
declared size, so a lying header is a CRC error, not an unbounded read), encryption, and any
DTD in its XML parts, whatever their names (Excel writes none; refused, so no entity expansion
is ever attempted); then the rows and cells read. openpyxl reads in read-only mode, one row
at a time, cached formula values.

CSV text is decoded from a UTF-8 or UTF-16 byte-order mark, else UTF-8, else cp1252; the
delimiter (`;`, `,` or a tab) is chosen by `normalize.inventory` as the one whose header row is
recognised best. Anything else (a PDF, an old .xls, an ODS or DOCX, binary junk) is an
`Unreadable` naming what the file is and what is accepted instead.
"""

from __future__ import annotations

import csv
import io
import warnings
import zipfile
from collections.abc import Generator, Iterator
from dataclasses import dataclass
from datetime import datetime

Cell = str | int | float | bool | datetime | None
Row = tuple[int, tuple[Cell, ...]]  # (line or sheet row number, 1-based; the cells)

_PROLOG_BYTES = 64 * 1024  # where a DTD would have to be: before the root element


@dataclass(frozen=True)
class InventoryLimits:
    """Caps on what an inventory file controls; a file beyond one is refused whole."""

    max_bytes: int = 20 * 1024 * 1024
    max_rows: int = 100_000
    max_cells: int = 2_000_000
    max_cell_chars: int = 32_767  # Excel's own limit for one cell
    max_sheets: int = 50
    max_zip_members: int = 2_000
    max_uncompressed_bytes: int = 256 * 1024 * 1024
    max_compression_ratio: int = 200  # for members above 1 MiB uncompressed


class Unreadable(Exception):
    """The file cannot be read as an inventory; `code` is stable, `message` for people."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass
class RowBudget:
    """Counts rows and cells over the whole file; raises `Unreadable` past a cap."""

    limits: InventoryLimits
    rows: int = 0
    cells: int = 0

    def take(self, width: int) -> None:
        self.rows += 1
        self.cells += width
        if self.rows > self.limits.max_rows:
            raise Unreadable(
                "too_large", f"more than {self.limits.max_rows} rows (the cap of rows per file)"
            )
        if self.cells > self.limits.max_cells:
            raise Unreadable(
                "too_large",
                f"more than {self.limits.max_cells} cells (the cap of cells per file)",
            )


@dataclass(frozen=True)
class Sheet:
    name: str | None  # the worksheet's title; None for CSV
    rows: Iterator[Row]
    path: str | None = None  # XLSX: the worksheet's part in the archive


def sniff(data: bytes, limits: InventoryLimits) -> str:
    """`xlsx` or `csv`, or `Unreadable` for what is neither."""
    if len(data) > limits.max_bytes:
        raise Unreadable(
            "too_large", f"{len(data)} bytes, more than the cap of {limits.max_bytes} bytes"
        )
    if not data.strip():
        raise Unreadable("empty", "the file is empty")
    if data.startswith(b"PK\x03\x04"):
        return "xlsx"
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise Unreadable(
            "not_a_spreadsheet",
            "an old Excel (.xls) or password-protected workbook; save it as .xlsx or CSV",
        )
    if data.startswith(b"%PDF"):
        raise Unreadable(
            "not_a_spreadsheet", "a PDF, not a spreadsheet (expected an XLSX or CSV file)"
        )
    return "csv"


def decode_text(data: bytes) -> tuple[str, str]:
    """(text, encoding) of CSV bytes; `Unreadable` when they are binary, not text."""
    if data.startswith(b"\xef\xbb\xbf"):
        text, encoding = data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text, encoding = data.decode("utf-16", errors="replace"), "utf-16"
    else:
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            text, encoding = data.decode("cp1252", errors="replace"), "cp1252"
    if "\x00" in text or sum(ch < " " and ch not in "\t\r\n" for ch in text[:4096]) > 8:
        raise Unreadable("not_a_spreadsheet", "binary data, not an XLSX workbook or CSV text")
    return text, encoding


def csv_rows(text: str, delimiter: str, budget: RowBudget | None) -> Iterator[Row]:
    """Records of CSV text with the line each starts on; `Unreadable` for broken CSV."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    start = 1
    while True:
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise Unreadable("bad_csv", f"line {reader.line_num}: {error}") from None
        if budget is not None:
            budget.take(len(record))
        yield start, tuple(record)
        start = reader.line_num + 1


def _check_archive(archive: zipfile.ZipFile, limits: InventoryLimits) -> None:
    members = archive.infolist()
    names = {m.filename for m in members}
    if "mimetype" in names and b"opendocument" in archive.read("mimetype")[:200]:
        raise Unreadable(
            "not_a_spreadsheet", "an OpenDocument file (.ods), not XLSX; save it as .xlsx or CSV"
        )
    if "xl/workbook.xml" not in names:
        raise Unreadable(
            "not_a_spreadsheet", "a ZIP archive that is not an XLSX workbook (no xl/workbook.xml)"
        )
    if len(members) > limits.max_zip_members:
        raise Unreadable(
            "too_large", f"{len(members)} archive members, more than {limits.max_zip_members}"
        )
    total = sum(m.file_size for m in members)
    if total > limits.max_uncompressed_bytes:
        raise Unreadable(
            "too_large",
            f"{total} bytes uncompressed, more than the cap of {limits.max_uncompressed_bytes}",
        )
    for member in members:
        if member.flag_bits & 0x1:
            raise Unreadable("encrypted", "the workbook is encrypted")
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > 1024 * 1024 and ratio > limits.max_compression_ratio:
            raise Unreadable(
                "too_large",
                f"{member.filename} expands {ratio:.0f} times (a zip bomb; the cap is "
                f"{limits.max_compression_ratio})",
            )
    for member in members:
        if member.is_dir() or member.filename.lower().endswith(".svg"):
            continue  # an embedded SVG picture may carry a DOCTYPE; openpyxl never parses it
        with archive.open(member) as handle:
            prolog = handle.read(_PROLOG_BYTES)
        # any part may be XML, whatever its name: a worksheet is wherever the rels point
        if prolog.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<") and (
            b"<!DOCTYPE" in prolog or b"<!ENTITY" in prolog
        ):
            raise Unreadable("not_a_spreadsheet", f"{member.filename} declares a DTD (refused)")


def xlsx_sheets(
    data: bytes, limits: InventoryLimits, budget: RowBudget
) -> Generator[Sheet, None, None]:
    """The worksheets of an XLSX workbook, rows read lazily; `Unreadable` for a bad file."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        with archive:
            _check_archive(archive, limits)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, KeyError) as error:
        raise Unreadable("not_a_spreadsheet", f"a broken ZIP archive: {error}") from None
    import openpyxl  # only needed for XLSX

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            workbook = openpyxl.load_workbook(
                io.BytesIO(data), read_only=True, data_only=True, keep_links=False
            )
    except Exception as error:  # openpyxl raises many kinds on a broken workbook
        raise Unreadable("not_a_spreadsheet", f"an unreadable XLSX workbook: {error}") from None
    try:
        worksheets = [ws for ws in workbook.worksheets if hasattr(ws, "reset_dimensions")]
        if len(worksheets) > limits.max_sheets:
            raise Unreadable(
                "too_large", f"{len(worksheets)} worksheets, more than {limits.max_sheets}"
            )
        for worksheet in worksheets:
            path = getattr(worksheet, "_worksheet_path", None)
            yield Sheet(worksheet.title, _worksheet_rows(worksheet, budget), path)
    finally:
        workbook.close()


def _worksheet_rows(worksheet: object, budget: RowBudget) -> Iterator[Row]:
    worksheet.reset_dimensions()  # type: ignore[attr-defined]  # dimensions lie in the wild
    rows = worksheet.iter_rows(min_row=1, min_col=1, values_only=True)  # type: ignore[attr-defined]
    number = 0
    while True:
        try:
            with warnings.catch_warnings():  # only around openpyxl's own work, not our caller's
                warnings.simplefilter("ignore")
                values = next(rows, None)
        except Exception as error:  # a malformed sheet part
            raise Unreadable(
                "not_a_spreadsheet",
                f"worksheet {getattr(worksheet, 'title', '?')!r}, row {number + 1}: {error}",
            ) from None
        if values is None:
            return
        number += 1
        budget.take(len(values))
        yield number, tuple(values)


__all__ = [
    "Cell",
    "InventoryLimits",
    "Row",
    "RowBudget",
    "Sheet",
    "Unreadable",
    "csv_rows",
    "decode_text",
    "sniff",
    "xlsx_sheets",
]
