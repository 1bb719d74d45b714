"""The store contract, on every backend (SQLite, and PostgreSQL when it is available)."""

from __future__ import annotations

from pathlib import Path

import pytest

from normalize.records import Document, ExtractionStatus, Organization, Page, Supplier
from tests.vindplaats.store.backends import open_backend, run_together
from vindplaats.errors import NotFound
from vindplaats.store import BlobStore, RunStatus, Store

ORG = Organization.build(Supplier.NOTUBIZ, "alkmaar", 987, name="Alkmaar")


def doc(version: str = "1", title: str = "Raadsvoorstel", native: int = 42) -> Document:
    return Document.build(
        Supplier.NOTUBIZ,
        "alkmaar",
        native,
        title=title,
        original_url=f"https://api.notubiz.nl/document/{native}/1",
        version=version,
        organization_id=ORG.id,
    )


def test_processes_starting_together_migrate_once(backend: str, store_url: str) -> None:
    assert run_together(lambda number: open_backend(backend, store_url).close(), 6) == []
    store = open_backend(backend, store_url)
    try:
        assert store.due_sources() == []  # migrated once, completely: usable
    finally:
        store.close()


def test_sources_round_trip(store: Store) -> None:
    assert [s.key for s in store.list_sources()] == ["alkmaar"]
    assert store.get_source("alkmaar").notubiz_organisation_id == "987"
    with pytest.raises(NotFound):
        store.get_source("nope")


def test_upsert_is_idempotent(store: Store) -> None:
    assert store.upsert_record(ORG) is True
    assert store.upsert_record(ORG) is False
    assert store.upsert_record(doc()) is True
    assert store.upsert_record(doc()) is False
    assert store.upsert_record(doc(title="Gewijzigd raadsvoorstel")) is True
    assert store.count_records("alkmaar") == {"organization": 1, "document": 1}
    assert store.get_record(doc().id) == doc(title="Gewijzigd raadsvoorstel")
    with pytest.raises(NotFound):
        store.get_record("document:notubiz:alkmaar:0")


def test_records_are_listed_in_id_order(store: Store) -> None:
    natives = [9, 10, 100, 42]
    for native in natives:
        store.upsert_record(doc(native=native))
    ids = [r.id for r in store.iter_records("document", "alkmaar")]
    assert ids == sorted(doc(native=n).id for n in natives)  # byte order on every backend
    assert [s.id for s in store.iter_document_states("alkmaar")] == ids


def test_unchanged_document_keeps_its_download(store: Store) -> None:
    store.upsert_record(doc())
    store.record_download(doc().id, sha256="a" * 64, size=10, content_type="application/pdf")
    store.upsert_record(doc())
    assert store.get_document_state(doc().id).download_status == "ok"
    # a new version must be fetched again
    store.upsert_record(doc(version="2"))
    state = store.get_document_state(doc().id)
    assert state.download_status == "pending"
    assert state.version_key == store.version_key(doc(version="2"))


def test_download_failures_are_recorded(store: Store) -> None:
    store.upsert_record(doc())
    store.record_download_failure(doc().id, "HTTP 404 Not Found")
    state = store.get_document_state(doc().id)
    assert (state.download_status, state.download_error) == ("failed", "HTTP 404 Not Found")
    assert state.downloaded_at is not None
    assert store.document_counts("alkmaar") == {"download_failed": 1, "extraction_pending": 1}
    with pytest.raises(NotFound):
        store.record_download("document:notubiz:alkmaar:0", sha256="a", size=1, content_type=None)


def test_extraction_is_recorded_with_pages(store: Store) -> None:
    store.upsert_record(doc())
    store.record_download(doc().id, sha256="b" * 64, size=10, content_type="application/pdf")
    pages = [Page(number=1, text="eerste"), Page(number=2, text="scan", ocr=True)]
    store.record_extraction(
        doc().id, status=ExtractionStatus.OK, pages=pages, agent="test 1.0", route="embedded-tika"
    )
    state = store.get_document_state(doc().id)
    assert (state.extraction_status, state.page_count, state.ocr_pages) == ("ok", 2, [2])
    assert store.get_pages(doc().id) == pages
    # the same content downloaded again does not reset the extraction
    store.record_download(doc().id, sha256="b" * 64, size=10, content_type="application/pdf")
    assert store.get_document_state(doc().id).extraction_status == "ok"
    # new content does
    store.record_download(doc().id, sha256="c" * 64, size=11, content_type="application/pdf")
    assert store.get_document_state(doc().id).extraction_status == "pending"


def test_index_state_follows_changes(store: Store) -> None:
    store.upsert_record(doc())
    assert [s.id for s in store.iter_document_states(indexed=False)] == [doc().id]
    store.mark_indexed([doc().id])
    assert list(store.iter_document_states(indexed=False)) == []
    assert store.get_document_state(doc().id).indexed is True
    store.upsert_record(doc(title="Nieuwe titel"))  # changed metadata: index again
    assert store.get_document_state(doc().id).indexed is False


def test_runs_and_interrupted_runs(store: Store) -> None:
    first = store.start_run("alkmaar")
    assert first.status == RunStatus.RUNNING
    second = store.start_run("alkmaar")  # first was never finished: killed
    assert store.get_run(first.id).status == RunStatus.FAILED
    assert "interrupted" in store.get_run(first.id).errors[0]
    done = store.finish_run(second.id, RunStatus.PARTIAL, {"documents": 3}, ["404"])
    assert done.counts == {"documents": 3} and done.ended_at is not None
    assert store.last_completed_run("alkmaar") == done
    assert [r.id for r in store.list_runs("alkmaar")] == [second.id, first.id]
    assert store.last_run("alkmaar", RunStatus.FAILED) == store.get_run(first.id)
    with pytest.raises(NotFound):
        store.start_run("nope")


def test_transactions_group_writes_and_roll_back(store: Store) -> None:
    with pytest.raises(RuntimeError), store.transaction():
        store.upsert_record(ORG)
        store.upsert_record(doc())
        raise RuntimeError("abort")
    assert store.count_records() == {}
    with store.transaction():
        store.upsert_record(ORG)
        store.upsert_record(doc())
    assert store.count_records() == {"organization": 1, "document": 1}


def test_withdrawn_documents_are_flagged(store: Store) -> None:
    store.upsert_record(doc())
    store.mark_withdrawn([doc().id])
    assert store.get_document_state(doc().id).withdrawn is True
    store.upsert_record(doc())  # seen again: no longer withdrawn
    assert store.get_document_state(doc().id).withdrawn is False


def test_blob_store_is_content_addressed(tmp_path: Path) -> None:
    blobs = BlobStore(tmp_path / "originals")
    sha = blobs.put(b"%PDF-1.4 test")
    assert blobs.put(b"%PDF-1.4 test") == sha
    assert blobs.path(sha).read_bytes() == b"%PDF-1.4 test"
    assert blobs.path(sha).parent.parent.name == sha[:2]
    with pytest.raises(ValueError):
        blobs.path("../../etc/passwd")
