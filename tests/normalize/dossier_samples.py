"""A Woo-besluit as a DiWoo spider harvests it, for the dossier tests: the decision letter, its
inventory list and the documents it judged, each a `Document` with DiWoo metadata; the
inventory as an XLSX in the shape of the e-discovery export ministries publish (title rows
above the header, `ID, Matter, ..., Publieke Link, Gerelateerd ID, Zaaknummer`; written here
with openpyxl), or as the lower-case CSV of `../shared/docs/woo.md`."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Any

import openpyxl

from normalize.dossier_build import native_of
from normalize.records import Document, Organization, Supplier
from normalize.woo_metadata import WooMetadata
from vindplaats.store import BlobStore, Store

KERN = "https://identifier.overheid.nl/tooi/def/thes/kern/"
VWS = "https://identifier.overheid.nl/tooi/id/ministerie/mnre1025"
WOO_CATEGORY = {"uri": f"{KERN}c_3baef532", "label": "Woo-verzoeken en -besluiten"}
SITE = "https://open.example.nl/woo/2025-0412"
SOURCE = "vws"
CASE = "WOO-2025-0412"
ORGANIZATION = Organization.build(Supplier.DIWOO, SOURCE, SOURCE, name="VWS")
LETTER_URL = f"{SITE}/besluit.pdf"
DOSSIER_ID = f"dossier:diwoo:{SOURCE}:{native_of(LETTER_URL)}"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

EDISCOVERY_HEADER = [
    "ID", "Matter", "Family", "Email Thread ID", "Document", "File Type", "Datum",
    "Beoordeling", "Opgeschort", "Beoordelingsgrond", "Toelichting", "Publieke Link",
    "Gerelateerd ID", "Zaaknummer",
]  # fmt: skip

# (number, name, judgement, grounds as written, published link or None: found by number)
ROWS: list[tuple[int, str, str, str | None, str | None]] = [
    (1001, "RE: inkoop mondkapjes", "Deels Openbaar", "5.1.2e; 5.1.1c;", f"{SITE}/1001.pdf"),
    (1002, "Offerte leverancier", "Deels Openbaar", "5.1.2 e", f"{SITE}/1002.pdf"),
    (1003, "Nota aan de minister", "Deels Openbaar", "5.2; 5.1.2 i", f"{SITE}/1003.pdf"),
    (1004, "Persbericht", "Reeds openbaar", None, f"{SITE}/1004.pdf"),
    (1005, "Verslag crisisoverleg", "Openbaar", None, f"{SITE}/1005.pdf"),
    (1006, "Planning levering", "Openbaar", None, f"{SITE}/1006.pdf"),
    (1007, "Contract", "Deels Openbaar", "5.1.2f", f"{SITE}/1007.pdf"),
    (1008, "Email over keuring", "Deels Openbaar", "5.1.2e", None),
    (1009, "Keuringsrapport", "Openbaar", None, None),
    (1010, "Brief aan leverancier", "Deels Openbaar", "5.1.2 e en i", None),
]


def xlsx(rows: Sequence[Sequence[object]], title: str = "Inventarislijst") -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = title
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def ediscovery_xlsx(rows: Sequence[tuple[int, str, str, str | None, str | None]] = ROWS) -> bytes:
    """The inventory as the e-discovery export: a title row and an empty row above the header;
    links written `http://` where the file is harvested from `https://` (both are seen)."""
    title = f"Inventarislijst behorend bij besluit op Woo-verzoek {CASE}"
    lines: list[list[object]] = [[title], [], list(EDISCOVERY_HEADER)]
    for number, name, judgement, grounds, link in rows:
        shown = link.replace("https://", "http://") if link else None
        lines.append([number, "M-1", number, None, name, "pdf", "2/19/2021 8:46 AM UTC",
                      judgement, "Nee", grounds, None, shown, None, CASE])  # fmt: skip
    return xlsx(lines)


def woo(**fields: Any) -> WooMetadata:
    base: dict[str, Any] = {
        "publisher": {"uri": VWS},
        "informatiecategorieen": [WOO_CATEGORY],
        "documenthandelingen": [
            {
                "soort_handeling": {"label": "vaststelling"},
                "at_time": datetime(2025, 11, 3, 15, tzinfo=UTC),
            }
        ],
    }
    return WooMetadata.model_validate({**base, **fields})


def document(url: str, title: str, metadata: WooMetadata, **fields: Any) -> Document:
    return Document.build(
        Supplier.DIWOO,
        SOURCE,
        url,
        title=title,
        original_url=url,
        organization_id=ORGANIZATION.id,
        woo=metadata,
        **fields,
    )


def letter(inventory_url: str = f"{SITE}/inventarislijst.xlsx", **fields: Any) -> Document:
    metadata = woo(
        identifiers=[CASE],
        aggregatiekenmerk=CASE,
        officiele_titel="Besluit op het Woo-verzoek over de inkoop van mondkapjes",
        omschrijvingen=["Besluit op een verzoek om informatie over de inkoop van mondkapjes."],
        documentsoorten=[{"label": "beslissing op Wob-/Woo-verzoek"}],
        creatiedatum=date(2025, 11, 3),
        has_parts=[{"label": "Inventarislijst", "resource": inventory_url}],
        **fields,
    )
    return document(LETTER_URL, "Besluit Woo-verzoek mondkapjes", metadata)


def inventory_document(url: str = f"{SITE}/inventarislijst.xlsx", **fields: Any) -> Document:
    metadata = woo(is_part_of={"label": "Besluit", "resource": LETTER_URL})
    name = url.rsplit("/", 1)[-1]
    return document(url, "Inventarislijst", metadata, file_name=name, **fields)


def publish(
    store: Store, blobs: BlobStore, doc: Document, data: bytes, kind: str = "application/pdf"
) -> None:
    """Store the record and its downloaded original, as the crawl's stages do."""
    store.upsert_record(doc)
    store.record_download(doc.id, sha256=blobs.put(data), size=len(data), content_type=kind)


def publish_besluit(store: Store, blobs: BlobStore, inventory: Document, data: bytes) -> None:
    """The whole Woo-besluit harvested: letter, inventory (`data`) and the judged files."""
    publish(store, blobs, letter(inventory.original_url), b"%PDF-1.7 besluit")
    publish(store, blobs, inventory, data, XLSX_TYPE)
    for doc in judged_documents():
        publish(store, blobs, doc, b"%PDF-1.7 " + doc.title.encode())


def judged_documents() -> list[Document]:
    """The harvested files of the rows: 1001-1007 at the row's link, 1008-1010 named by number
    (1008 and 1009 point to the letter with isPartOf, 1010 shares the aggregatiekenmerk)."""
    docs = []
    for number, name, _, _, link in ROWS:
        if number == 1010:
            metadata = woo(aggregatiekenmerk=CASE)
            file_name = f"{number} {name}.pdf"
        else:
            metadata = woo(is_part_of={"label": "Besluit", "resource": LETTER_URL})
            file_name = f"{number}.pdf" if link else f"{number}_{name.replace(' ', '_')}.pdf"
        url = link or f"{SITE}/bijlagen/{file_name.replace(' ', '_')}"
        docs.append(document(url, name, metadata, file_name=file_name))
    return docs


__all__ = [
    "CASE",
    "DOSSIER_ID",
    "EDISCOVERY_HEADER",
    "LETTER_URL",
    "ORGANIZATION",
    "ROWS",
    "SITE",
    "SOURCE",
    "VWS",
    "XLSX_TYPE",
    "document",
    "ediscovery_xlsx",
    "inventory_document",
    "judged_documents",
    "letter",
    "publish",
    "publish_besluit",
    "woo",
    "xlsx",
]
