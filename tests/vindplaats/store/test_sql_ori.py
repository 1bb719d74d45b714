"""The way back from a record's ORI UUID to its id, on every backend (SQLite, and PostgreSQL
when it is available): stored records are found by their UUID, unknown UUIDs are absent,
records stored before the table existed are filled in, a change moves the record's "gewijzigd",
and the live records of a type are read a page at a time without the withdrawn ones."""

from __future__ import annotations

import time

from normalize.records import Meeting, Organization, Supplier
from tests.vindplaats.store.backends import open_backend
from vindplaats.ori.ids import ori_uuid
from vindplaats.store import Store

ORG = Organization.build(Supplier.NOTUBIZ, "alkmaar", 987, name="Alkmaar")


def meeting(native: int, name: str = "Raadsvergadering") -> Meeting:
    return Meeting.build(Supplier.NOTUBIZ, "alkmaar", native, name=name, organization_id=ORG.id)


def test_uuids_lead_back_to_their_records(store: Store) -> None:
    stored = [meeting(n) for n in range(1, 4)]
    for record in [ORG, *stored]:
        store.upsert_record(record)
    unknown = ori_uuid("meeting:notubiz:alkmaar:999")
    asked = [ori_uuid(r.id) for r in stored] + [unknown, "not-a-uuid"]
    found = store.record_ids_for_ori_uuids(asked)
    assert found == {ori_uuid(r.id): r.id for r in stored}
    assert store.record_ids_for_ori_uuids([]) == {}


def test_withdrawn_records_are_still_found_but_not_listed(store: Store) -> None:
    first, second = meeting(1), meeting(2)
    for record in (ORG, first, second):
        store.upsert_record(record)
    store.mark_withdrawn([first.id])
    assert store.record_ids_for_ori_uuids([ori_uuid(first.id)]) == {ori_uuid(first.id): first.id}
    listed = [record.id for record, _ in store.ori_records_page("meeting")]
    assert listed == [second.id]


def test_records_stored_before_the_table_are_filled_in(
    backend: str, store_url: str, store: Store
) -> None:
    old = meeting(7)
    store.upsert_record(old)
    with store.transaction() as conn:  # as a store written before the ORI ids existed
        conn.execute("DELETE FROM ori_ids")
    reopened = open_backend(backend, store_url)
    try:
        assert reopened.record_ids_for_ori_uuids([ori_uuid(old.id)]) == {ori_uuid(old.id): old.id}
        [(record, changed)] = reopened.ori_records_page("meeting")
        assert record.id == old.id and changed.tzinfo is not None
    finally:
        reopened.close()


def test_a_change_moves_gewijzigd_and_the_same_content_does_not(store: Store) -> None:
    record = meeting(1)
    store.upsert_record(record)
    [(_, first)] = store.ori_records_page("meeting")
    time.sleep(0.01)
    store.upsert_record(record)
    [(_, same)] = store.ori_records_page("meeting")
    assert same == first
    store.upsert_record(record.model_copy(update={"name": "Commissie Ruimte"}))
    [(changed_record, changed)] = store.ori_records_page("meeting")
    assert changed > first and changed_record.name == "Commissie Ruimte"


def test_pages_follow_the_record_ids(store: Store) -> None:
    stored = sorted((meeting(n) for n in range(1, 8)), key=lambda r: r.id)
    for record in stored:
        store.upsert_record(record)
    seen: list[str] = []
    after = ""
    while page := store.ori_records_page("meeting", after=after, limit=3):
        assert len(page) <= 3
        seen += [record.id for record, _ in page]
        after = page[-1][0].id
    assert seen == [record.id for record in stored]


def test_the_fingerprint_moves_with_what_the_ori_api_serves(store: Store) -> None:
    prints = [store.ori_fingerprint()]
    first = meeting(1)
    store.upsert_record(first)
    prints.append(store.ori_fingerprint())
    time.sleep(0.01)
    store.upsert_record(first)  # seen again, unchanged
    assert store.ori_fingerprint() == prints[-1]
    store.upsert_record(first.model_copy(update={"name": "Commissie Ruimte"}))
    prints.append(store.ori_fingerprint())
    store.mark_withdrawn([first.id])
    prints.append(store.ori_fingerprint())
    assert len(set(prints)) == len(prints)
