"""`vindplaats registrations list|show|approve|reject`, as an admin runs them: the token never
printed, decisions in the registry and the audit log, wrong steps and ids exit 2."""

from __future__ import annotations

import json
from pathlib import Path

from tests.vindplaats.cli.runner import run_cli
from vindplaats.operations.registration import (
    begin_verification,
    finish_verification,
    register,
    submit,
)
from vindplaats.settings import load_settings
from vindplaats.store import open_store

SEEN = {
    "status": "ok",
    "fatal": False,
    "records": {"meeting": 2, "document": 1},
    "meetings": [{"date": "2026-11-12", "title": "Gemeenteraad 12 november 2026"}],
    "errors": [],
}
TOKEN = "rid-s3cr3t"


def _submitted(data_dir: Path) -> tuple[str, str]:
    """Two submitted registrations of Voorbeeldstad: NotuBiz and Parlaeus (with a token)."""
    settings = load_settings(data_dir=data_dir)
    store = open_store(settings)
    try:
        store.upsert_organisation("voorbeeldstad", "Voorbeeldstad", "gemeente")
        ids = []
        for fields in (
            {"supplier": "notubiz", "notubiz_organisation_id": "9001"},
            {"supplier": "parlaeus", "municipality_prefix": "voorbeeld", "api_token": TOKEN},
        ):
            created = register(store, settings, "voorbeeldstad", fields, "e@voorbeeldstad.nl")
            begin_verification(store, settings, created, "e@voorbeeldstad.nl")
            verified = finish_verification(store, created.id, SEEN)
            assert verified is not None
            ids.append(submit(store, verified, "e@voorbeeldstad.nl").id)
    finally:
        store.close()
    return ids[0], ids[1]


def test_list_and_show_never_print_the_token(tmp_path: Path) -> None:
    notubiz, parlaeus = _submitted(tmp_path)
    listed = run_cli("registrations", "list", data_dir=tmp_path)
    assert listed.code == 0, listed.err
    header, *rows = listed.out.splitlines()
    assert header.split()[:4] == ["ID", "ORGANISATION", "SOURCE", "STATUS"]
    assert len(rows) == 2 and all(" submitted " in row for row in rows)
    assert "2 meetings, 1 documents" in rows[0]
    shown = run_cli("registrations", "show", parlaeus, data_dir=tmp_path)
    assert shown.code == 0, shown.err
    assert "source.api_token: **********" in shown.out and TOKEN not in shown.out
    assert "2026-11-12  Gemeenteraad 12 november 2026" in shown.out
    as_json = json.loads(run_cli("registrations", "show", notubiz, "--json", data_dir=tmp_path).out)
    assert as_json["source"]["notubiz_organisation_id"] == "9001"
    listed = run_cli("registrations", "list", "--status", "approved", data_dir=tmp_path)
    assert listed.out == "no registrations\n"
    raw = run_cli("registrations", "list", "--json", data_dir=tmp_path).out
    assert TOKEN not in raw and len(json.loads(raw)) == 2


def test_approve_adds_the_source_and_reject_needs_a_reason(tmp_path: Path) -> None:
    notubiz, parlaeus = _submitted(tmp_path)
    approved = run_cli("registrations", "approve", notubiz, "--actor", "a@x.nl", data_dir=tmp_path)
    assert approved.code == 0, approved.err
    assert "source voorbeeldstad-notubiz added" in approved.out
    again = run_cli("registrations", "approve", notubiz, data_dir=tmp_path)
    assert again.code == 2 and "niet ingediend" in again.err
    no_reason = run_cli("registrations", "reject", parlaeus, data_dir=tmp_path)
    assert no_reason.code == 2 and "--reason" in no_reason.err
    rejected = run_cli(
        "registrations", "reject", parlaeus, "--reason", "verkeerd token", data_dir=tmp_path
    )
    assert rejected.code == 0, rejected.err
    unknown = run_cli("registrations", "show", "nope", data_dir=tmp_path)
    assert unknown.code == 2 and "onbekende aanmelding" in unknown.err
    sources = run_cli("sources", "list", "--json", data_dir=tmp_path)
    assert [s["key"] for s in json.loads(sources.out)] == ["voorbeeldstad-notubiz"]
    store = open_store(load_settings(data_dir=tmp_path))
    try:
        actions = [(e.actor, e.action) for e in store.audit_entries("voorbeeldstad", limit=2)]
    finally:
        store.close()
    assert actions == [("cli", "registration.reject"), ("a@x.nl", "registration.approve")]
