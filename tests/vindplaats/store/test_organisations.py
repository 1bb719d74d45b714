"""Organisations, explicit source links, the audit log and Woo-index export checks, on both
backends."""

from __future__ import annotations

from vindplaats.store import Store


def test_an_organisation_is_created_and_then_brought_up_to_date(store: Store) -> None:
    created = store.upsert_organisation("alkmaar", "Alkmaar", "gemeente")
    assert created.tooi_uri is None
    uri = "https://identifier.overheid.nl/tooi/id/gemeente/gm0361"
    updated = store.upsert_organisation("alkmaar", "Gemeente Alkmaar", "gemeente", uri)
    assert (updated.name, updated.tooi_uri) == ("Gemeente Alkmaar", uri)
    assert updated.created_at == created.created_at
    assert store.get_organisation("alkmaar") == updated
    assert store.get_organisation("haarlem") is None
    assert [o.key for o in store.list_organisations()] == ["alkmaar"]


def test_a_source_link_is_kept_and_moved(store: Store) -> None:
    store.upsert_organisation("alkmaar", "Alkmaar", "gemeente")
    store.upsert_organisation("bergen", "Bergen", "gemeente")
    store.link_source("alkmaar-notubiz", "alkmaar")
    store.link_source("alkmaar-notubiz", "bergen")
    assert store.source_links() == {"alkmaar-notubiz": "bergen"}


def test_the_audit_log_keeps_the_newest_first_per_organisation(store: Store) -> None:
    store.add_audit("cli", "account.invite", organisation_key="alkmaar", subject="a@b.nl")
    store.add_audit(
        "a@b.nl", "source.submit", organisation_key="alkmaar", detail={"supplier": "notubiz"}
    )
    store.add_audit("admin@x.nl", "account.create", subject="admin@x.nl")
    entries = store.audit_entries("alkmaar")
    assert [e.action for e in entries] == ["source.submit", "account.invite"]
    assert entries[0].detail == {"supplier": "notubiz"} and entries[0].actor == "a@b.nl"
    assert len(store.audit_entries()) == 3
    older = store.audit_entries(limit=1, before_id=entries[0].id)
    assert [e.action for e in older] == ["account.invite"]


def test_an_oversized_audit_detail_is_cut_not_refused(store: Store) -> None:
    store.add_audit("cli", "x.y", detail={"text": "a" * 10_000})
    (entry,) = store.audit_entries()
    assert "truncated" in entry.detail and len(entry.detail["truncated"]) < 4_000


def test_the_last_woo_export_check_replaces_the_one_before(store: Store) -> None:
    store.save_woo_export_check("alkmaar", valid=False, errors=3, documents=10, detail="e1")
    saved = store.save_woo_export_check("alkmaar", valid=True, errors=0, documents=12)
    checks = store.woo_export_checks()
    assert checks == {"alkmaar": saved}
    assert (saved.valid, saved.errors, saved.documents, saved.detail) == (True, 0, 12, "")
