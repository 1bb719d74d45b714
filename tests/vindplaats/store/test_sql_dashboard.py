"""What the organisation dashboard reads from the store, on every backend: meetings, documents
and motions per source and month (withdrawn left out, undated under None), and the documents
that failed to download or extract, or could not be OCR'd, with their reasons, and the withdrawn
ones."""

from __future__ import annotations

from datetime import UTC, datetime

from normalize.record_enums import ExtractionStatus
from normalize.records import Document, Meeting, Motion, Organization, Supplier
from vindplaats.store import Store

ORG = Organization.build(Supplier.NOTUBIZ, "alkmaar", 987, name="Alkmaar")


def document(native: int, **fields: object) -> Document:
    return Document.build(
        Supplier.NOTUBIZ,
        "alkmaar",
        native,
        title=f"Stuk {native}",
        original_url=f"https://api.notubiz.nl/document/{native}/1",
        organization_id=ORG.id,
        **fields,
    )


def meeting(native: int, start: datetime | None) -> Meeting:
    return Meeting.build(
        Supplier.NOTUBIZ, "alkmaar", native, name=f"Raad {native}", start=start,
        organization_id=ORG.id,
    )  # fmt: skip


def test_counts_per_source_type_and_month(store: Store) -> None:
    store.upsert_record(ORG)
    for native, month in ((1, 1), (2, 1), (3, 3)):
        store.upsert_record(meeting(native, datetime(2025, month, 14, 19, tzinfo=UTC)))
    store.upsert_record(meeting(4, None))
    store.upsert_record(document(1, date=datetime(2025, 3, 2, 12, tzinfo=UTC)))
    store.upsert_record(document(2, meeting_date=datetime(2025, 1, 14, 19, tzinfo=UTC)))
    store.upsert_record(document(3, date=datetime(2024, 12, 2, tzinfo=UTC)))
    store.mark_withdrawn([document(3).id])
    motion = Motion.build(
        Supplier.NOTUBIZ,
        "alkmaar",
        9,
        title="Motie",
        date=datetime(2025, 3, 14, tzinfo=UTC),
        organization_id=ORG.id,
    )
    store.upsert_record(motion)

    counts = {(c.record_type, c.month): c.count for c in store.monthly_counts(["alkmaar"])}
    assert counts == {
        ("meeting", "2025-01"): 2,
        ("meeting", "2025-03"): 1,
        ("meeting", None): 1,
        ("document", "2025-03"): 1,
        ("document", "2025-01"): 1,
        ("motion", "2025-03"): 1,
    }
    assert store.monthly_counts(["elders"]) == []
    assert store.monthly_counts([]) == []


def test_problem_documents_carry_their_reasons(store: Store) -> None:
    store.upsert_record(ORG)
    for native in (1, 2, 3, 4, 5):
        store.upsert_record(document(native))
    store.record_download_failure(document(1).id, "HTTP 404 from api.notubiz.nl")
    store.record_download(document(2).id, sha256="a" * 64, size=5, content_type="application/pdf")
    store.record_extraction(
        document(2).id, status=ExtractionStatus.FAILED, pages=[], agent="t", error="encrypted PDF"
    )
    store.record_download(document(3).id, sha256="b" * 64, size=5, content_type="image/tiff")
    store.record_extraction(
        document(3).id, status=ExtractionStatus.EMPTY, pages=[], agent="t",
        warnings=["ocr unavailable: tesseract not installed"],
    )  # fmt: skip
    store.mark_withdrawn([document(4).id])

    found = store.problem_documents(["alkmaar"])
    reasons = {p.id: (p.problem, p.reason, p.title) for p in found.failed}
    assert reasons == {
        document(1).id: ("download_failed", "HTTP 404 from api.notubiz.nl", "Stuk 1"),
        document(2).id: ("extraction_failed", "encrypted PDF", "Stuk 2"),
        document(3).id: ("ocr_unavailable", "ocr unavailable: tesseract not installed", "Stuk 3"),
    }
    assert [(p.id, p.problem) for p in found.withdrawn] == [(document(4).id, "withdrawn")]
    assert (found.failed_total, found.withdrawn_total) == (3, 1)
    assert len(store.problem_documents(["alkmaar"], limit=1).failed) == 1
    assert store.problem_documents(["alkmaar"], limit=1).failed_total == 3
    assert store.problem_documents(["elders"]).failed == []
