"""What an organisation's page reads from the store, on every backend: current documents per
year (of the Dutch day of their best date) and type, documents held per source, and the newest
meetings."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from normalize.records import Document, Meeting, Organization, Supplier
from vindplaats.sources import build_source
from vindplaats.store import Store

ORG = Organization.build(Supplier.NOTUBIZ, "alkmaar", 987, name="Alkmaar")


def document(native: int, **fields: Any) -> Document:
    return Document.build(
        Supplier.NOTUBIZ,
        "alkmaar",
        native,
        title=f"Stuk {native}",
        original_url=f"https://api.notubiz.nl/document/{native}/1",
        organization_id=ORG.id,
        **fields,
    )


def test_documents_are_counted_per_year_and_type_by_their_dutch_day(store: Store) -> None:
    store.upsert_record(ORG)
    docs = [
        document(1, document_type="motie", date=datetime(2024, 3, 1, 12, tzinfo=UTC)),
        document(2, document_type="motie", date=datetime(2024, 6, 1, 12, tzinfo=UTC)),
        # 23:30 UTC on New Year's Eve is already 2025 in Amsterdam
        document(3, document_type="motie", date=datetime(2024, 12, 31, 23, 30, tzinfo=UTC)),
        # no date of its own: the meeting's
        document(4, document_type="agenda", meeting_date=datetime(2023, 5, 2, 19, tzinfo=UTC)),
        # written in another offset, still 2023 in Amsterdam
        document(
            5,
            document_type="agenda",
            date=datetime(2023, 1, 1, 0, 30, tzinfo=timezone(timedelta(hours=-5))),
        ),
        document(6, document_type="brief"),  # undated
        document(7, document_type="brief", date=datetime(2022, 1, 1, 9, tzinfo=UTC)),  # withdrawn
    ]
    for doc in docs:
        store.upsert_record(doc)
    store.mark_withdrawn([docs[-1].id])

    tally = store.document_tally("alkmaar")
    assert tally.total == 6
    assert tally.by_year() == {2023: 2, 2024: 2, 2025: 1, None: 1}
    assert tally.by_type() == {"motie": 3, "agenda": 2, "brief": 1}
    cells = {(c.year, c.document_type): c.count for c in tally.cells}
    assert cells == {
        (2024, "motie"): 2,
        (2025, "motie"): 1,
        (2023, "agenda"): 2,
        (None, "brief"): 1,
    }
    assert store.document_tally("elders").cells == []


def test_documents_held_counts_current_documents_per_source(store: Store) -> None:
    store.upsert_source(
        build_source(key="bergen", name="Bergen", supplier="ibabs", ibabs_sitename="b")
    )
    store.upsert_record(ORG)
    for native in (1, 2, 3):
        store.upsert_record(document(native))
    store.mark_withdrawn([document(3).id])
    assert store.documents_held() == {"alkmaar": 2}


def test_latest_records_lists_the_newest_meetings_first_undated_last(store: Store) -> None:
    store.upsert_record(ORG)
    starts = [datetime(2024, 1, d, 19, tzinfo=UTC) for d in (5, 20, 12)] + [None]
    meetings = [
        Meeting.build(
            Supplier.NOTUBIZ,
            "alkmaar",
            f"m{i}",
            name=f"Raad {i}",
            start=start,
            organization_id=ORG.id,
        )
        for i, start in enumerate(starts)
    ]
    for meeting in meetings:
        store.upsert_record(meeting)
    store.mark_withdrawn([meetings[1].id])
    found = store.latest_records("meeting", "alkmaar", "start", 10)
    assert [m.id for m in found] == [meetings[2].id, meetings[0].id, meetings[3].id]
    assert [m.id for m in store.latest_records("meeting", "alkmaar", "start", 1)] == [
        meetings[2].id
    ]
