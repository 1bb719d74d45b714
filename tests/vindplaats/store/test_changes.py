"""The change log of the search index, on every backend (SQLite, and PostgreSQL when it is
available): indexing logs upserts, withdrawal and purging log deletes, re-indexing the same
content logs nothing, a record's latest change is the one kept, and replaying the log from the
start yields exactly the records that are searchable."""

from __future__ import annotations

import re
from pathlib import Path

from normalize.records import (
    Document,
    ExtractionStatus,
    Motion,
    Organization,
    Page,
    Supplier,
    Vote,
    VoteChoice,
)
from tests.vindplaats.store.backends import open_backend, run_together
from vindplaats.sources import build_source
from vindplaats.store import SQLiteStore, Store
from vindplaats.store.schema import MIGRATIONS

ORG = Organization.build(Supplier.NOTUBIZ, "alkmaar", 987, name="Alkmaar")


def doc(native: int, title: str = "Raadsvoorstel") -> Document:
    return Document.build(
        Supplier.NOTUBIZ,
        "alkmaar",
        native,
        title=title,
        original_url=f"https://api.notubiz.nl/document/{native}/1",
        organization_id=ORG.id,
    )


def motion(native: str, title: str = "Motie fietspad") -> Motion:
    return Motion.build(
        Supplier.NOTUBIZ, "alkmaar", native, title=title, organization_id=ORG.id
    )  # fmt: skip


def indexed(store: Store, *docs: Document) -> None:
    """Store the documents with one page of text each and mark them indexed, as a harvest does."""
    for d in docs:
        store.upsert_record(d)
        store.record_extraction(
            d.id, status=ExtractionStatus.OK, pages=[Page(number=1, text=d.title)], agent="test"
        )
    store.mark_indexed([d.id for d in docs])


def replay(store: Store, page: int = 2) -> dict[str, str]:
    """Every record's latest op, read from the start `page` entries at a time."""
    latest: dict[str, str] = {}
    after = 0
    while changes := store.changes_since(after, page):
        for change in changes:
            assert change.seq > after
            latest[change.record_id] = change.op
            after = change.seq
    return latest


def live(store: Store) -> set[str]:
    return {rid for rid, op in replay(store).items() if op == "upsert"}


def test_indexing_and_withdrawal_are_logged_in_order(store: Store) -> None:
    indexed(store, doc(1), doc(2), doc(3))
    store.upsert_record(motion("m1"))
    store.mark_withdrawn([doc(2).id])
    changes = store.changes_since(0, 100)
    assert [(c.record_id, c.op) for c in changes] == [
        (doc(1).id, "upsert"),
        (doc(3).id, "upsert"),
        (motion("m1").id, "upsert"),
        (doc(2).id, "delete"),  # its latest change only, numbered when it happened
    ]
    assert [c.seq for c in changes] == sorted(c.seq for c in changes)
    assert live(store) == {doc(1).id, doc(3).id, motion("m1").id}
    assert store.changes_since(changes[-1].seq, 100) == []


def test_the_same_content_indexed_again_logs_nothing(store: Store) -> None:
    indexed(store, doc(1), doc(2))
    store.upsert_record(motion("m1"))
    top = store.changes_since(0, 100)[-1].seq
    store.mark_indexed([doc(1).id, doc(2).id])  # an index rebuild
    store.upsert_record(motion("m1"))  # the motions every run sends again
    assert store.changes_since(top, 100) == []


def test_changed_content_moves_a_record_to_the_end(store: Store) -> None:
    indexed(store, doc(1), doc(2))
    store.upsert_record(motion("m1"))
    top = store.changes_since(0, 100)[-1].seq
    indexed(store, doc(1, title="Gewijzigd raadsvoorstel"))
    store.upsert_record(motion("m1", title="Gewijzigde motie fietspad"))
    later = store.changes_since(top, 100)
    assert [(c.record_id, c.op) for c in later] == [
        (doc(1).id, "upsert"),
        (motion("m1").id, "upsert"),
    ]
    vote = Vote.build(
        Supplier.NOTUBIZ, "alkmaar", "m1:jan", motion_id=motion("m1").id, voter_name="Jan",
        choice=VoteChoice.VOOR,
    )  # fmt: skip
    store.upsert_record(vote)  # the motion's answer lists its votes
    after_vote = store.changes_since(0, 100)
    assert after_vote[-1].record_id == motion("m1").id
    assert after_vote[-1].seq > later[-1].seq
    assert len(after_vote) == 3  # one entry per record, however often it changed


def test_a_withdrawn_record_seen_again_is_upserted_again(store: Store) -> None:
    indexed(store, doc(1))
    store.upsert_record(motion("m1"))
    store.mark_withdrawn([doc(1).id, motion("m1").id])
    assert live(store) == set()
    indexed(store, doc(1))  # seen again, indexed again
    store.upsert_record(motion("m1"))
    assert live(store) == {doc(1).id, motion("m1").id}


def test_only_announced_records_get_a_delete(store: Store) -> None:
    store.upsert_record(doc(5))  # stored, never indexed
    store.mark_withdrawn([doc(5).id, "document:notubiz:alkmaar:404"])
    store.upsert_record(ORG)
    store.mark_withdrawn([ORG.id])  # not a searchable record
    assert store.changes_since(0, 100) == []


def test_purging_a_source_deletes_its_records_from_the_log(store: Store) -> None:
    store.upsert_source(
        build_source(key="bergen", name="Bergen", supplier="notubiz", notubiz_organisation_id="1")
    )
    other = Document.build(
        Supplier.NOTUBIZ, "bergen", 7, title="Brief", original_url="https://x.nl/7",
        organization_id=Organization.build(Supplier.NOTUBIZ, "bergen", 1, name="Bergen").id,
    )  # fmt: skip
    indexed(store, doc(1), other)
    store.upsert_record(motion("m1"))
    store.remove_source("alkmaar", purge=True)
    assert replay(store) == {doc(1).id: "delete", other.id: "upsert", motion("m1").id: "delete"}


def test_writers_at_once_get_distinct_numbers_in_commit_order(
    backend: str, store_url: str, store: Store
) -> None:
    """Harvests of several sources index at the same moment: every change gets its own number
    and a reader following the log misses none."""
    batches = [[doc(100 * worker + n) for n in range(1, 21)] for worker in range(6)]
    for batch in batches:
        for d in batch:
            store.upsert_record(d)

    def index(worker: int) -> None:
        own = open_backend(backend, store_url)
        try:
            for d in batches[worker]:
                own.mark_indexed([d.id])
        finally:
            own.close()

    assert run_together(index, len(batches)) == []
    changes = store.changes_since(0, 1000)
    assert [c.seq for c in changes] == list(range(1, 121))
    assert {c.record_id for c in changes} == {d.id for batch in batches for d in batch}


CHANGE_LOG = next(i for i, script in enumerate(MIGRATIONS) if "TABLE index_changes" in script)


def _tables_after(position: int) -> list[str]:
    """The tables the migrations after `position` create (a store from before them has none)."""
    later = MIGRATIONS[position + 1 :]
    assert not any("ALTER TABLE" in script for script in later), "rewind those columns too"
    return re.findall(r"CREATE TABLE (?:IF NOT EXISTS )?(\w+)", "".join(later))


def test_an_existing_store_starts_its_log_with_what_the_index_holds(tmp_path: Path) -> None:
    """A store from before the change log: the migration logs every indexed document and
    every current motion as an upsert, so replaying from the start matches the index."""
    path = tmp_path / "store.sqlite3"
    store = SQLiteStore(path)
    store.upsert_source(
        build_source(key="alkmaar", name="Alkmaar", supplier="notubiz", notubiz_organisation_id="1")
    )
    indexed(store, doc(1), doc(2))
    store.upsert_record(doc(3))  # not indexed
    store.upsert_record(motion("m1"))
    store.upsert_record(motion("m2"))
    store.mark_withdrawn([motion("m2").id])
    conn = store._conn
    for table in ("index_changes", "index_change_counter", *_tables_after(CHANGE_LOG)):
        conn.execute(f"DROP TABLE {table}")
    conn.execute(f"PRAGMA user_version={CHANGE_LOG}")  # as before the change log's migration
    store.close()
    again = open_backend("sqlite", str(path))
    try:
        assert live(again) == {doc(1).id, doc(2).id, motion("m1").id}
        indexed(again, doc(4))
        assert again.changes_since(0, 100)[-1].record_id == doc(4).id
    finally:
        again.close()
