from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from normalize.records import Document, ExtractionStatus, Organization, Page, Supplier
from vindplaats.errors import NotFound
from vindplaats.sources import build_source
from vindplaats.store import BlobStore, RunStatus, SQLiteStore


@pytest.fixture
def store(tmp_path: Path) -> SQLiteStore:
    s = SQLiteStore(tmp_path / "store.sqlite3")
    s.upsert_source(
        build_source(
            key="alkmaar", name="Alkmaar", supplier="notubiz", notubiz_organisation_id="987"
        )
    )
    return s


ORG = Organization.build(Supplier.NOTUBIZ, "alkmaar", 987, name="Alkmaar")


def doc(version: str = "1", title: str = "Raadsvoorstel") -> Document:
    return Document.build(
        Supplier.NOTUBIZ,
        "alkmaar",
        42,
        title=title,
        original_url="https://api.notubiz.nl/document/42/1",
        version=version,
        organization_id=ORG.id,
    )


def test_wal_mode_and_schema_version(store: SQLiteStore) -> None:
    conn = sqlite3.connect(store.path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA user_version").fetchone()[0] >= 1
    conn.close()


def test_sources_round_trip(store: SQLiteStore) -> None:
    assert [s.key for s in store.list_sources()] == ["alkmaar"]
    assert store.get_source("alkmaar").notubiz_organisation_id == "987"
    with pytest.raises(NotFound):
        store.get_source("nope")


def test_upsert_is_idempotent(store: SQLiteStore) -> None:
    assert store.upsert_record(ORG) is True
    assert store.upsert_record(ORG) is False
    assert store.upsert_record(doc()) is True
    assert store.upsert_record(doc()) is False
    assert store.count_records("alkmaar") == {"organization": 1, "document": 1}


def test_unchanged_document_keeps_its_download(store: SQLiteStore) -> None:
    store.upsert_record(doc())
    store.record_download(doc().id, sha256="a" * 64, size=10, content_type="application/pdf")
    store.upsert_record(doc())
    assert store.get_document_state(doc().id).download_status == "ok"
    # a new version must be fetched again
    store.upsert_record(doc(version="2"))
    assert store.get_document_state(doc().id).download_status == "pending"


def test_extraction_is_recorded_with_pages(store: SQLiteStore) -> None:
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


def test_runs_and_interrupted_runs(store: SQLiteStore) -> None:
    first = store.start_run("alkmaar")
    assert first.status == RunStatus.RUNNING
    second = store.start_run("alkmaar")  # first was never finished: killed
    assert store.get_run(first.id).status == RunStatus.FAILED
    assert "interrupted" in store.get_run(first.id).errors[0]
    done = store.finish_run(second.id, RunStatus.PARTIAL, {"documents": 3}, ["404"])
    assert done.counts == {"documents": 3} and done.ended_at is not None
    assert store.last_completed_run("alkmaar") == done


def test_withdrawn_documents_are_flagged(store: SQLiteStore) -> None:
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
