"""The files of the sample Woo publishers' documents (`woo_world.WooDocument`), built on first use
and kept in memory; same document in, same bytes out.

- PDFs with a real text layer: `files.pdf_bytes` (reportlab, invariant), one page;
- the scanned note: `files.scanned_pdf` (a 200 dpi image as the only content: no text layer,
  only OCR reads it);
- an inventory list as XLSX (openpyxl) in the e-discovery export's shape: a title row and an
  empty row above the header `ID, Matter, Family, ..., Publieke Link, Gerelateerd ID,
  Zaaknummer`, US dates with `UTC`, grounds as written, the links of the published files (fixed
  document properties and zip times, so the bytes never change);
- an inventory list as CSV with the lower-case header `document,grond,id,beoordeling,
  publicatiecontext`.

Links inside an inventory are absolute, so the files depend on the site's URL (`site`).
"""

from __future__ import annotations

import csv
import io
import re
import threading
import zipfile
from datetime import datetime

import openpyxl

from vindplaats.sandbox.blueprints import Page
from vindplaats.sandbox.files import _fixed_zip, pdf_bytes, scanned_pdf
from vindplaats.sandbox.woo_publishers import (
    CSV,
    SCAN,
    SCANNED_NOTE,
    WOO_NOTICE,
    XLSX,
    Besluit,
    Publisher,
)
from vindplaats.sandbox.woo_world import WooDocument

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_TYPE = "text/csv; charset=utf-8"
PDF_TYPE = "application/pdf"
EDISCOVERY_HEADER = (
    "ID", "Matter", "Family", "Email Thread ID", "Document", "File Type", "Datum",
    "Beoordeling", "Opgeschort", "Beoordelingsgrond", "Toelichting", "Publieke Link",
    "Gerelateerd ID", "Zaaknummer",
)  # fmt: skip
CSV_HEADER = ("document", "grond", "id", "beoordeling", "publicatiecontext")
FIXED_TIME = datetime(2026, 1, 1, 12, 0, 0)
_CORE_TIME = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


def content_type(document: WooDocument) -> str:
    return {XLSX: XLSX_TYPE, CSV: CSV_TYPE}.get(document.kind, PDF_TYPE)


def render(publisher: Publisher, document: WooDocument, site: str) -> bytes:
    """The bytes of the document's file as served from the site at `site`."""
    if document.kind == SCAN:
        return scanned_pdf(list(SCANNED_NOTE), document.title)
    if document.besluit is not None and document.kind == XLSX:
        return inventory_xlsx(document.besluit, site)
    if document.besluit is not None and document.kind == CSV:
        return inventory_csv(document.besluit)
    paragraphs = [f"{publisher.label[:1].upper()}{publisher.label[1:]}. {WOO_NOTICE}"]
    paragraphs.append(document.text)
    if document.revision > 1:
        paragraphs.append(f"Herziene versie {document.revision}, gepubliceerd {document.lastmod}.")
    return pdf_bytes([Page(heading=document.title, paragraphs=tuple(paragraphs))], document.title)


def inventory_xlsx(besluit: Besluit, site: str) -> bytes:
    """The inventory list as the e-discovery export writes it (see the module docstring)."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Inventarislijst"
    sheet.append([f"Inventarislijst behorend bij besluit op Woo-verzoek {besluit.case}"])
    sheet.append([])
    sheet.append(list(EDISCOVERY_HEADER))
    for row in besluit.rows:
        link = f"{site}{besluit.folder}/{row.file}" if row.file and row.linked else None
        written = [row.number, "M-1", row.number, None, row.name, "pdf", row.written]
        sheet.append([*written, row.judgement, "Nee", row.grounds, None, link, None, besluit.case])
    workbook.properties.creator = "Vindplaats sandbox (voorbeeldgegevens)"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return _fixed_zip(_fixed_core_times(buffer.getvalue()))


def _fixed_core_times(data: bytes) -> bytes:
    """The workbook with the created and modified times of its properties fixed (openpyxl
    writes the time of saving)."""
    out = io.BytesIO()
    stamp = FIXED_TIME.isoformat().encode() + b"Z"
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            body = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = _CORE_TIME.sub(rb"\g<1>" + stamp + rb"\g<2>", body)
            target.writestr(info, body)
    return out.getvalue()


def inventory_csv(besluit: Besluit) -> bytes:
    """The inventory list as the lower-case CSV: no links, so files are joined by number."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    context = f"besluit {besluit.case} van {besluit.decided.isoformat()}"
    for row in besluit.rows:
        writer.writerow([row.name, row.grounds or "", row.number, row.judgement, context])
    return buffer.getvalue().encode("utf-8")


class WooFiles:
    """Builds each document revision's file once (thread-safe) and keeps it in memory."""

    def __init__(self) -> None:
        self._memory: dict[tuple[str, str, int, str], bytes] = {}
        self._lock = threading.Lock()

    def get(self, publisher: Publisher, document: WooDocument, site: str) -> bytes:
        key = (publisher.key, document.path, document.revision, site)
        with self._lock:
            data = self._memory.get(key)
            if data is None:
                data = render(publisher, document, site)
                self._memory[key] = data
            return data


__all__ = ["WooFiles", "content_type", "inventory_csv", "inventory_xlsx", "render"]
