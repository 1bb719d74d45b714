"""Link cells that show text and link elsewhere (`klik hier` → the document's URL), read from the
worksheet's hyperlinks through a real workbook; other columns' hyperlinks are not links."""

from __future__ import annotations

import io

import openpyxl

from normalize.inventory import Inventory, read_inventory


def test_a_hyperlinked_link_cell_gives_its_target() -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Inventarislijst"])
    sheet.append(["Nr", "Document", "Beoordeling", "Link"])
    sheet.append([1, "Brief", "Openbaar", "klik hier"])
    sheet.append([2, "Memo", "Deels openbaar", "https://example.nl/2"])
    sheet.append([3, "Nota", "Niet openbaar", None])
    sheet["D3"].hyperlink = "https://example.nl/woo/1.pdf"
    sheet["B4"].hyperlink = "https://example.nl/not-the-link"  # the name column's link
    buffer = io.BytesIO()
    book.save(buffer)
    inventory = read_inventory(buffer.getvalue())
    assert isinstance(inventory, Inventory)
    assert [row.link for row in inventory.rows] == [
        "https://example.nl/woo/1.pdf",
        "https://example.nl/2",
        None,
    ]
    assert inventory.rows[1].name == "Memo"
