"""What an inventory file controls is capped, and what is no inventory is a clear error value:
sizes, rows and cells; an XLSX's archive (zip bombs, lying sizes, encryption, DTDs) checked
before openpyxl reads it; PDFs, old .xls, ODS, DOCX, binary junk, broken CSV."""

from __future__ import annotations

import io
import struct
import zipfile

import openpyxl
import pytest

from normalize.inventory import Inventory, InventoryError, InventoryLimits, read_inventory


def workbook(rows: int = 3) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["ID", "Document", "Beoordeling", "Beoordelingsgrond"])
    for number in range(1, rows + 1):
        sheet.append([number, f"Document {number}", "Deels openbaar", "5.1.2e"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def rezip(
    data: bytes, extra: dict[str, bytes] | None = None, replace: dict[str, bytes] | None = None
) -> bytes:
    """The same workbook with members added or replaced."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            body = (replace or {}).get(info.filename, source.read(info))
            target.writestr(info.filename, body)
        for name, body in (extra or {}).items():
            target.writestr(name, body)
    return out.getvalue()


def error(data: bytes, **limits: int) -> InventoryError:
    result = read_inventory(data, limits=InventoryLimits(**limits))
    assert isinstance(result, InventoryError), result
    return result


def test_a_normal_workbook_passes_every_default_cap() -> None:
    result = read_inventory(workbook(2000))
    assert isinstance(result, Inventory) and len(result.rows) == 2000


def test_more_bytes_than_the_cap() -> None:
    data = workbook()
    found = error(data, max_bytes=len(data) - 1)
    assert found.code == "too_large" and str(len(data)) in found.message


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_more_rows_than_the_cap(kind: str) -> None:
    data = workbook(10) if kind == "xlsx" else b"ID;Document;Beoordeling\n" + b"1;a;Openbaar\n" * 10
    assert isinstance(read_inventory(data, limits=InventoryLimits(max_rows=11)), Inventory)
    found = error(data, max_rows=10)
    assert found.code == "too_large" and "10 rows" in found.message


def test_more_cells_than_the_cap() -> None:
    data = b"ID;Document;Beoordeling\n" + b"1;a;Openbaar\n" * 10
    assert isinstance(read_inventory(data, limits=InventoryLimits(max_cells=33)), Inventory)
    assert "cells" in error(data, max_cells=32).message


def test_a_cell_longer_than_the_cap_is_cut_and_reported() -> None:
    data = b"ID;Document;Beoordeling\n1;" + b"x" * 50 + b";Openbaar\n"
    result = read_inventory(data, limits=InventoryLimits(max_cell_chars=20))
    assert isinstance(result, Inventory)
    assert result.rows[0].name == "x" * 20
    assert [(p.column, p.message) for p in result.problems] == [
        ("Document", "longer than 20 characters, cut")
    ]


def test_a_zip_bomb_is_refused_before_it_is_read() -> None:
    bomb = rezip(workbook(), extra={"customXml/item1.xml": b"<a>" + b" " * 60_000_000 + b"</a>"})
    assert len(bomb) < 1_000_000
    found = error(bomb)
    assert found.code == "too_large" and "zip bomb" in found.message


def test_uncompressed_size_and_member_count_caps() -> None:
    data = workbook()
    assert "uncompressed" in error(data, max_uncompressed_bytes=1000).message
    assert "archive members" in error(data, max_zip_members=3).message


def _patch_central(data: bytes, name: bytes, offset: int, fmt: str, value: int) -> bytes:
    """Set a field of `name`'s central directory entry (and its local header, for sizes)."""
    patched = bytearray(data)
    entry = patched.find(b"PK\x01\x02")
    while entry != -1:
        length = struct.unpack_from("<H", patched, entry + 28)[0]
        if patched[entry + 46 : entry + 46 + length] == name:
            struct.pack_into(fmt, patched, entry + offset, value)
            local = struct.unpack_from("<I", patched, entry + 42)[0]
            if offset == 24:  # uncompressed size: the local header's at +22
                struct.pack_into(fmt, patched, local + 22, value)
            return bytes(patched)
        entry = patched.find(b"PK\x01\x02", entry + 4)
    raise AssertionError(f"{name!r} not in the archive")


def test_a_member_larger_than_its_declared_size_is_an_error_not_a_long_read() -> None:
    lying = _patch_central(workbook(500), b"xl/worksheets/sheet1.xml", 24, "<I", 200)
    found = error(lying)
    assert found.code == "not_a_spreadsheet" and "CRC" in found.message


def test_an_encrypted_member_is_refused() -> None:
    data = workbook()
    flags = struct.unpack_from("<H", data, data.find(b"PK\x01\x02") + 8)[0]
    encrypted = _patch_central(data, b"[Content_Types].xml", 8, "<H", flags | 0x1)
    assert error(encrypted).code == "encrypted"


def test_xml_with_a_dtd_is_refused_before_any_entity_is_expanded() -> None:
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        + b"".join(
            b'<!ENTITY lol%d "%s">' % (i, b"&lol%d;" % (i - 1) * 10 if i > 1 else b"&lol;" * 10)
            for i in range(1, 10)
        )
        + b']><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row>'
        b"</sheetData></worksheet>"
    )
    data = rezip(workbook(), replace={"xl/worksheets/sheet1.xml": laughs})
    found = error(data)
    assert found.code == "not_a_spreadsheet" and "DTD" in found.message


@pytest.mark.parametrize(
    ("data", "code", "words"),
    [
        (b"", "empty", "empty"),
        (b"   \n", "empty", "empty"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "not_a_spreadsheet", "PDF"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "not_a_spreadsheet", ".xls"),
        (bytes(range(256)) * 20, "not_a_spreadsheet", "binary"),
        (b"PK\x03\x04 this is no archive", "not_a_spreadsheet", "ZIP"),
    ],
)
def test_files_that_are_no_spreadsheet(data: bytes, code: str, words: str) -> None:
    found = error(data)
    assert found.code == code and words in found.message


def test_other_zip_documents_are_named() -> None:
    def archive(members: dict[str, bytes]) -> bytes:
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as target:
            for name, body in members.items():
                target.writestr(name, body)
        return out.getvalue()

    docx = archive({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w/>"})
    assert "not an XLSX workbook" in error(docx).message
    ods = archive({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet"})
    assert ".ods" in error(ods).message


def test_a_truncated_workbook() -> None:
    data = workbook(200)
    assert error(data[: len(data) // 2]).code == "not_a_spreadsheet"


def test_a_workbook_with_a_broken_sheet() -> None:
    data = rezip(workbook(), replace={"xl/worksheets/sheet1.xml": b"<worksheet><sheetData><row"})
    assert error(data).code == "not_a_spreadsheet"


def test_csv_with_a_field_beyond_the_csv_limit_names_the_line() -> None:
    data = b'ID;Document;Beoordeling\n1;a;Openbaar\n2;"' + b"x" * 200_000 + b'";Openbaar\n'
    found = error(data)
    assert found.code == "bad_csv" and found.message.startswith("line 3")


def test_utf16_text_as_excel_saves_unicode_text() -> None:
    text = "ID\tDocument\tBeoordeling\r\n1\tOverleg café\tDeels openbaar\r\n"
    result = read_inventory(text.encode("utf-16"))
    assert isinstance(result, Inventory)
    assert (result.encoding, result.rows[0].name) == ("utf-16", "Overleg café")


def test_a_dtd_in_a_part_of_any_name_is_refused() -> None:
    data = rezip(
        workbook(),
        extra={"xl/printerSettings/settings1.bin": b'<!DOCTYPE x [<!ENTITY a "b">]><x/>'},
    )
    assert "declares a DTD" in error(data).message


def test_an_embedded_svg_picture_with_a_doctype_is_no_reason_to_refuse() -> None:
    svg = b'<?xml version="1.0"?><!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "x"><svg/>'
    result = read_inventory(rezip(workbook(), extra={"xl/media/image1.svg": svg}))
    assert isinstance(result, Inventory) and len(result.rows) == 3


def test_a_workbook_without_a_header_names_its_first_row() -> None:
    book = openpyxl.Workbook()
    book.active.title = "Blad1"
    book.active.append(["Overzicht", "maart 2023"])
    buffer = io.BytesIO()
    book.save(buffer)
    found = error(buffer.getvalue())
    assert found.code == "no_header"
    assert "sheet 'Blad1': line 1 reads 'Overzicht, maart 2023'" in found.message


def test_a_sheet_broken_after_its_first_rows_is_an_error_naming_the_row() -> None:
    cell = '<c r="{0}" t="inlineStr"><is><t>{1}</t></is></c>'
    header = "".join(
        cell.format(f"{c}1", t)
        for c, t in zip("ABC", ("ID", "Document", "Beoordeling"), strict=True)
    )
    body = (
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<dimension ref="A1:C3"/><sheetData><row r="1">{header}</row><row r="2"><c r="A2"'
    )
    data = rezip(workbook(), replace={"xl/worksheets/sheet1.xml": body.encode()})
    found = error(data)
    assert found.code == "not_a_spreadsheet" and "worksheet 'Sheet', row 2" in found.message
