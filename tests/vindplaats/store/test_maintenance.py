"""Operators' upkeep in the store (`sql_maintenance`), on both backends: removing a source with
or without what was harvested from it, and sending documents back to extraction."""

from __future__ import annotations

import pytest

from normalize.records import Document, ExtractionStatus, Motion, Organization, Page, Supplier
from vindplaats.errors import NotFound, SourceError
from vindplaats.sources import build_source
from vindplaats.store import RunStatus, Store

ORG = Organization.build(Supplier.NOTUBIZ, "alkmaar", 987, name="Alkmaar")


def doc(native: int, source: str = "alkmaar") -> Document:
    return Document.build(
        Supplier.NOTUBIZ,
        source,
        native,
        title=f"Stuk {native}",
        original_url=f"https://api.notubiz.nl/document/{native}/1",
        organization_id=Organization.build(Supplier.NOTUBIZ, source, 987, name="X").id,
    )


def extracted(store: Store, document: Document, sha: str, status: ExtractionStatus,
              warnings: list[str] | None = None) -> None:  # fmt: skip
    store.upsert_record(document)
    store.record_download(document.id, sha256=sha, size=3, content_type="application/pdf")
    pages = [Page(number=1, text="tekst")] if status == ExtractionStatus.OK else []
    store.record_extraction(
        document.id, status=status, pages=pages, agent="test", warnings=warnings
    )


def add_second_source(store: Store) -> None:
    store.upsert_source(
        build_source(key="bergen", name="Bergen", supplier="notubiz", notubiz_organisation_id="1")
    )


def test_a_source_with_nothing_harvested_is_removed(store: Store) -> None:
    assert store.source_holdings("alkmaar").empty
    removal = store.remove_source("alkmaar")
    assert removal.removed.empty and removal.indexed_ids == []
    with pytest.raises(NotFound):
        store.get_source("alkmaar")
    with pytest.raises(NotFound):
        store.remove_source("alkmaar")


def test_without_purge_a_source_with_records_is_kept_whole(store: Store) -> None:
    extracted(store, doc(1), "a" * 64, ExtractionStatus.OK)
    run = store.start_run("alkmaar")
    store.finish_run(run.id, RunStatus.OK, {}, [])
    with pytest.raises(SourceError, match=r"1 records, 1 documents and 1 harvest runs.*--purge"):
        store.remove_source("alkmaar")
    assert store.get_source("alkmaar").key == "alkmaar"
    assert store.get_document_state(doc(1).id).extraction_status == "ok"
    assert len(store.list_runs("alkmaar")) == 1


def test_purge_removes_everything_of_the_source_and_only_that(store: Store) -> None:
    add_second_source(store)
    store.upsert_record(ORG)
    shared, own = "a" * 64, "b" * 64
    extracted(store, doc(1), shared, ExtractionStatus.OK)
    extracted(store, doc(2), own, ExtractionStatus.OK)
    extracted(store, doc(3, "bergen"), shared, ExtractionStatus.OK)
    motion = Motion.build(Supplier.NOTUBIZ, "alkmaar", 7, title="Motie", organization_id=ORG.id)
    store.upsert_record(motion)
    run = store.start_run("alkmaar")
    store.finish_run(run.id, RunStatus.OK, {"documents": 2}, [])

    held = store.source_holdings("alkmaar")
    assert (held.records, held.documents, held.pages, held.runs) == (4, 2, 2, 1)
    removal = store.remove_source("alkmaar", purge=True)
    assert removal.removed == held
    assert removal.indexed_ids == sorted([doc(1).id, doc(2).id, motion.id])
    assert removal.unused_sha256 == [own]  # the shared original is still used by bergen
    with pytest.raises(NotFound):
        store.get_source("alkmaar")
    with pytest.raises(NotFound):
        store.get_document_state(doc(1).id)
    assert store.get_pages(doc(1).id) == []
    assert store.count_records("alkmaar") == {}
    assert store.list_runs("alkmaar") == []
    # the other source is untouched
    assert store.get_document_state(doc(3, "bergen").id).sha256 == shared
    assert store.get_pages(doc(3, "bergen").id) == [Page(number=1, text="tekst")]
    # the key can be registered again from scratch
    store.upsert_source(
        build_source(key="alkmaar", name="Alkmaar", supplier="notubiz", notubiz_organisation_id="9")
    )
    assert store.source_holdings("alkmaar").empty


def test_reextraction_candidates_by_status_and_ocr_warning(store: Store) -> None:
    add_second_source(store)
    extracted(store, doc(1), "1" * 64, ExtractionStatus.OK)
    extracted(store, doc(2), "2" * 64, ExtractionStatus.FAILED)
    extracted(store, doc(3), "3" * 64, ExtractionStatus.EMPTY,
              ["ocr unavailable: tesseract not found"])  # fmt: skip
    extracted(store, doc(4), "4" * 64, ExtractionStatus.OK,
              ["pdf: broken xref", "ocr unavailable: pdftoppm not found"])  # fmt: skip
    extracted(store, doc(5, "bergen"), "5" * 64, ExtractionStatus.FAILED)
    extracted(store, doc(6), "6" * 64, ExtractionStatus.OK, ["ocr failed on page 2: x"])
    store.upsert_record(doc(7))  # never downloaded: nothing to re-extract from
    store.record_download_failure(doc(7).id, "HTTP 404")

    failed = store.reextraction_candidates(statuses=[ExtractionStatus.FAILED])
    assert failed == {"alkmaar": [doc(2).id], "bergen": [doc(5, "bergen").id]}
    ocr = store.reextraction_candidates("alkmaar", ocr_unavailable=True)
    assert ocr == {"alkmaar": sorted([doc(3).id, doc(4).id])}
    both = store.reextraction_candidates(
        "alkmaar", statuses=[ExtractionStatus.FAILED, ExtractionStatus.EMPTY], ocr_unavailable=True
    )
    assert both == {"alkmaar": sorted([doc(2).id, doc(3).id, doc(4).id])}
    assert store.reextraction_candidates() == {}

    store.mark_withdrawn([doc(2).id])
    assert store.reextraction_candidates("alkmaar", statuses=[ExtractionStatus.FAILED]) == {}


def test_reset_extraction_makes_documents_pending_again(store: Store) -> None:
    extracted(store, doc(1), "1" * 64, ExtractionStatus.FAILED)
    store.upsert_record(doc(2))  # not downloaded: left alone
    assert store.reset_extraction([doc(1).id, doc(2).id, "document:unknown"]) == 1
    state = store.get_document_state(doc(1).id)
    assert state.extraction_status == "pending"
    pending = store.iter_document_states(
        "alkmaar", extraction_status=ExtractionStatus.PENDING, download_status=None
    )
    assert [s.id for s in pending] == sorted([doc(1).id, doc(2).id])
    assert store.get_document_state(doc(2).id).download_status == "pending"
