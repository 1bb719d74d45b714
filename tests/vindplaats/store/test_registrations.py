"""Source registrations in the store, on both backends: each step is a compare-and-set on the
state it leaves."""

from __future__ import annotations

import json

from vindplaats.store import Store

CONFIG = json.dumps({"key": "alkmaar-notubiz", "name": "Alkmaar", "supplier": "notubiz"})


def _draft(store: Store) -> str:
    store.upsert_organisation("alkmaar", "Alkmaar", "gemeente")
    created = store.create_registration("alkmaar", "alkmaar-notubiz", CONFIG, "a@alkmaar.nl")
    assert created.status == "draft" and created.verification is None
    assert created.config["supplier"] == "notubiz" and created.created_by == "a@alkmaar.nl"
    return created.id


def test_a_registration_goes_from_draft_to_approved(store: Store) -> None:
    rid = _draft(store)
    assert store.submit_registration(rid, {}) is None  # not verified yet
    verifying = store.start_registration_verification(rid, ("draft", "verified"), 600)
    assert verifying is not None and verifying.status == "verifying"
    assert store.start_registration_verification(rid, ("draft", "verified"), 600) is None
    verified = store.finish_registration_verification(rid, {"meetings": {"count": 3}})
    assert verified is not None and verified.status == "verified"
    assert verified.verification == {"meetings": {"count": 3}} and verified.verified_at
    submitted = store.submit_registration(rid, {"meetings": {"count": 3}, "note": "ok"})
    assert submitted is not None and submitted.submitted_at and submitted.status == "submitted"
    assert submitted.verification is not None and submitted.verification["note"] == "ok"
    decided = store.decide_registration(rid, True, "admin@x.nl", "")
    assert decided is not None and (decided.status, decided.decided_by) == (
        "approved",
        "admin@x.nl",
    )
    assert store.decide_registration(rid, False, "admin@x.nl", "twice") is None
    assert store.get_registration(rid) == decided


def test_an_edit_sends_it_back_to_draft_and_a_late_verification_is_dropped(store: Store) -> None:
    rid = _draft(store)
    store.start_registration_verification(rid, ("draft",), 600)
    changed = json.dumps({"key": "alkmaar-notubiz", "name": "Alkmaar 2", "supplier": "notubiz"})
    edited = store.save_registration_config(
        rid, "alkmaar-notubiz", changed, ("draft", "verifying", "verified")
    )
    assert edited is not None and edited.status == "draft" and edited.config["name"] == "Alkmaar 2"
    # the verification of the old settings ends after the edit: it is not kept
    assert store.finish_registration_verification(rid, {"meetings": {"count": 1}}) is None
    assert store.get_registration(rid).verification is None  # type: ignore[union-attr]


def test_a_silent_verification_may_be_started_again(store: Store) -> None:
    rid = _draft(store)
    store.start_registration_verification(rid, ("draft",), 600)
    assert store.start_registration_verification(rid, ("draft",), 600) is None
    assert store.start_registration_verification(rid, ("draft",), -1) is not None


def test_registrations_are_listed_per_organisation_and_state(store: Store) -> None:
    rid = _draft(store)
    store.upsert_organisation("bergen", "Bergen", "gemeente")
    other = store.create_registration("bergen", "bergen-ibabs", CONFIG, "b@bergen.nl")
    assert {r.id for r in store.list_registrations()} == {rid, other.id}
    assert [r.id for r in store.list_registrations("alkmaar")] == [rid]
    assert store.list_registrations(statuses=("submitted",)) == []
    assert [
        r.id for r in store.list_registrations(statuses=("draft",), organisation_key="bergen")
    ] == [other.id]
    assert store.registration_source_keys() == {"alkmaar-notubiz", "bergen-ibabs"}
    assert store.get_registration("nope") is None


def test_a_huge_verification_is_cut_to_its_summary(store: Store) -> None:
    rid = _draft(store)
    store.start_registration_verification(rid, ("draft",), 600)
    huge = {"status": "ok", "meetings": {"sample": ["x" * 1000] * 500}, "errors": []}
    kept = store.finish_registration_verification(rid, huge)
    assert kept is not None and kept.verification == {"status": "ok", "truncated": True}
