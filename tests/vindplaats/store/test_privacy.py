"""Documents flagged for review and takedowns, on both backends: a review stands while the
finding is the same; a takedown hides the record until it is restored, is logged as a delete in
the index change log, and marks the document for the next index pass."""

from __future__ import annotations

from tests.vindplaats.store.test_changes import doc, indexed, replay
from vindplaats.store import Store


def test_a_flag_keeps_its_review_while_the_finding_is_the_same(store: Store) -> None:
    d = doc(1)
    store.upsert_record(d)
    flag = store.flag_document(d.id, "alkmaar", "bsn", {"count": 2, "pages": [1, 3]})
    assert flag.detail == {"count": 2, "pages": [1, 3]} and flag.reviewed_at is None
    reviewed = store.review_flag(d.id, "editor@alkmaar.nl")
    assert reviewed is not None and reviewed.reviewed_by == "editor@alkmaar.nl"
    again = store.flag_document(d.id, "alkmaar", "bsn", {"count": 2, "pages": [1, 3]})
    assert again.reviewed_at == reviewed.reviewed_at
    changed = store.flag_document(d.id, "alkmaar", "bsn", {"count": 1, "pages": [2]})
    assert changed.reviewed_at is None and changed.reviewed_by is None
    assert [f.document_id for f in store.document_flags(["alkmaar"], reviewed=False)] == [d.id]
    assert store.document_flags(["alkmaar"], reviewed=True) == []
    assert store.document_flags(["bergen"]) == [] and store.document_flags([]) == []
    assert store.unflag_document(d.id) and store.get_flag(d.id) is None
    assert not store.unflag_document(d.id)
    assert store.review_flag(d.id, "x") is None


def test_a_takedown_hides_until_restored_and_is_kept_as_history(store: Store) -> None:
    d, other = doc(1), doc(2)
    indexed(store, d, other)
    assert replay(store) == {d.id: "upsert", other.id: "upsert"}
    down = store.take_down(d.id, "alkmaar", "BSN op pagina 2", "editor@alkmaar.nl")
    assert down.active and down.reason == "BSN op pagina 2"
    assert store.taken_down_ids() == {d.id}
    assert not store.get_document_state(d.id).indexed  # the next index pass removes it
    assert replay(store) == {d.id: "delete", other.id: "upsert"}
    store.mark_indexed([d.id])  # the index pass removed it: still a delete in the log
    assert replay(store)[d.id] == "delete"
    twice = store.take_down(d.id, "alkmaar", "another reason", "admin@x.nl")
    assert twice == down  # down already: unchanged
    assert [t.record_id for t in store.takedowns(["alkmaar"])] == [d.id]
    restored = store.restore_record(d.id, "admin@x.nl")
    assert restored is not None and not restored.active and restored.restored_by == "admin@x.nl"
    assert store.restore_record(d.id, "admin@x.nl") is None
    assert store.taken_down_ids() == frozenset()
    assert not store.get_document_state(d.id).indexed
    store.mark_indexed([d.id])  # the index pass put it back
    assert replay(store)[d.id] == "upsert"
    assert store.takedowns(["alkmaar"]) == []
    assert [t.record_id for t in store.takedowns(active=False)] == [d.id]
    again = store.take_down(d.id, "alkmaar", "weer", "editor@alkmaar.nl")
    assert again.active and again.reason == "weer" and store.taken_down_ids() == {d.id}
    assert store.get_takedown(other.id) is None
