"""The extraction stage flags a document whose pages hold BSNs (pages and counts, never the
numbers), leaves documents with invalid nine-digit numbers alone, and lifts the flag when a new
extraction no longer finds any."""

from __future__ import annotations

from pathlib import Path

from normalize.records import Document, Organization, Page, Supplier
from tests.normalize.extract import builders
from vindplaats.harvest.extract import extract_pending
from vindplaats.privacy.flags import check_extracted
from vindplaats.settings import load_settings
from vindplaats.sources import build_source
from vindplaats.store import open_blobs, open_store
from vindplaats.store.base import Store


def _document(store: Store, native: str) -> Document:
    org = Organization.build(Supplier.NOTUBIZ, "testdam", "9", name="Gemeente Testdam")
    store.upsert_record(org)
    doc = Document.build(
        Supplier.NOTUBIZ,
        "testdam",
        native,
        title=f"Stuk {native}",
        original_url=f"https://example.org/files/{native}.pdf",
        content_type="application/pdf",
        organization_id=org.id,
    )
    store.upsert_record(doc)
    return doc


def test_extraction_flags_valid_bsns_and_not_invalid_numbers(tmp_path: Path) -> None:
    settings = load_settings(data_dir=tmp_path / "data", ocr=False)
    store, blobs = open_store(settings), open_blobs(settings)
    store.upsert_source(
        build_source(key="testdam", name="Testdam", supplier="notubiz", notubiz_organisation_id="9")
    )
    files = {
        "bsn": builders.text_pdf(
            tmp_path / "bsn.pdf",
            [["Besluit op bezwaar."], ["Bezwaarmaker, BSN 123456782, woont hier."]],
        ),
        "ongeldig": builders.text_pdf(
            tmp_path / "ongeldig.pdf", [["Zaak 123456789 en BSN 111222334 en 000000000."]]
        ),
    }
    ids = {}
    for native, path in files.items():
        doc = _document(store, native)
        data = path.read_bytes()
        store.record_download(
            doc.id, sha256=blobs.put(data), size=len(data), content_type="application/pdf"
        )
        ids[native] = doc.id
    summary = extract_pending(settings, store, blobs)
    assert summary.counts["flagged_bsn"] == 1
    flag = store.get_flag(ids["bsn"])
    assert flag is not None and flag.reason == "bsn"
    assert flag.detail == {"count": 1, "pages": [2]}
    assert store.get_flag(ids["ongeldig"]) is None
    store.close()


def test_a_new_extraction_without_bsns_lifts_the_flag(tmp_path: Path) -> None:
    store = open_store(load_settings(data_dir=tmp_path / "data"))
    doc = _document(store, "1")
    found = check_extracted(store, doc.id, "testdam", [Page(number=3, text="BSN 1234.56.782")])
    assert found.pages == [3]
    assert store.get_flag(doc.id) is not None
    check_extracted(store, doc.id, "testdam", [Page(number=3, text="zonder nummers")])
    assert store.get_flag(doc.id) is None
    store.close()
