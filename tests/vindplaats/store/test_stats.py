"""`Store.stats()`: the grouped counts behind `/metrics`, on every backend."""

from __future__ import annotations

from normalize.records import ExtractionStatus, Page
from tests.vindplaats.store.test_store import ORG, doc
from vindplaats.store import RunStatus, Store


def test_an_empty_store_has_no_groups(store: Store) -> None:
    stats = store.stats()
    assert stats.documents == [] and stats.records == {} and stats.runs == {}


def test_documents_records_and_runs_are_counted_by_state(store: Store) -> None:
    store.upsert_record(ORG)
    for native in (1, 2, 3, 4):
        store.upsert_record(doc(native=native))
    ok, failed, downloaded, withdrawn = (doc(native=n).id for n in (1, 2, 3, 4))
    for doc_id in (ok, downloaded, withdrawn):
        store.record_download(doc_id, sha256="ab" * 32, size=3, content_type="application/pdf")
    store.record_download_failure(failed, "HTTP 404")
    store.record_extraction(
        ok, status=ExtractionStatus.OK, pages=[Page(number=1, text="Tekst")], agent="test"
    )
    store.mark_indexed([ok])
    store.mark_withdrawn([withdrawn])
    done = store.start_run("alkmaar")
    store.finish_run(done.id, RunStatus.PARTIAL, {}, ["one failure"])
    store.start_run("alkmaar")

    stats = store.stats()
    groups = sorted(
        (g.download_status, g.extraction_status, g.indexed, g.withdrawn, g.count)
        for g in stats.documents
    )
    assert groups == [
        ("failed", "pending", False, False, 1),
        ("ok", "ok", True, False, 1),
        ("ok", "pending", False, False, 1),
        ("ok", "pending", False, True, 1),
    ]
    assert stats.records == {"organization": 1, "document": 4}
    assert stats.runs == {"partial": 1, "running": 1}
