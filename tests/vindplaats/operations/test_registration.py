"""The rules of source registration: fields checked in Dutch, derived keys, the order of the
steps, the token never shown or audited, and approval putting the source in the registry, due at
once, so one worker pass harvests it (real spider against the sandbox)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from vindplaats.errors import NotFound
from vindplaats.operations.registration import (
    RegistrationConflict,
    approve,
    begin_verification,
    edit,
    finish_verification,
    register,
    registration,
    reject,
    submit,
    verify_now,
)
from vindplaats.operations.registration_fields import RegistrationInvalid, shown_config
from vindplaats.operations.workers import run_worker
from vindplaats.sandbox import Sandbox
from vindplaats.settings import Settings, load_settings
from vindplaats.sources import build_source
from vindplaats.store import Store, open_store

EDITOR = "editor@voorbeeldstad.nl"
ADMIN = "admin@vindplaats.nl"
SEEN = {"fatal": False, "records": {"meeting": 3, "document": 2}, "meetings": []}


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return load_settings(
        data_dir=tmp_path,
        allow_private_networks=True,
        download_delay=0,
        autothrottle=False,
        ocr=False,
        backfill_from=date(2025, 9, 1),
    )


@pytest.fixture
def store(settings: Settings) -> Iterator[Store]:
    opened = open_store(settings)
    opened.upsert_organisation("voorbeeldstad", "Voorbeeldstad", "gemeente")
    yield opened
    opened.close()


def _notubiz(**more: str) -> dict[str, str]:
    return {"supplier": "notubiz", "notubiz_organisation_id": "9001", **more}


def test_bad_fields_are_named_in_dutch(store: Store, settings: Settings) -> None:
    with pytest.raises(RegistrationInvalid) as caught:
        register(store, settings, "voorbeeldstad", {"supplier": "notubiz"}, EDITOR)
    assert caught.value.fields == {"notubiz_organisation_id": "verplicht voor deze leverancier"}
    with pytest.raises(RegistrationInvalid) as caught:
        register(store, settings, "voorbeeldstad", {"supplier": "sharepoint"}, EDITOR)
    assert "kies een leverancier" in caught.value.fields["supplier"]
    bad = _notubiz(base_url="file:///etc/passwd", include_pattern="(")
    with pytest.raises(RegistrationInvalid) as caught:
        register(store, settings, "voorbeeldstad", bad, EDITOR)
    assert set(caught.value.fields) == {"include_pattern"}  # the pattern first, then the URL
    with pytest.raises(RegistrationInvalid) as caught:
        register(store, settings, "voorbeeldstad", _notubiz(base_url="ftp://x.nl"), EDITOR)
    assert "http(s)" in caught.value.fields["base_url"]
    strict = settings.model_copy(update={"allow_private_networks": False})
    with pytest.raises(RegistrationInvalid) as caught:
        register(store, strict, "voorbeeldstad", _notubiz(base_url="http://10.0.0.1/"), EDITOR)
    assert "mag Vindplaats niet bezoeken" in caught.value.fields["base_url"]
    assert store.list_registrations() == []


def test_keys_are_derived_and_unique(store: Store, settings: Settings) -> None:
    first = register(store, settings, "voorbeeldstad", _notubiz(), EDITOR)
    second = register(store, settings, "voorbeeldstad", _notubiz(), EDITOR)
    assert (first.source_key, second.source_key) == (
        "voorbeeldstad-notubiz",
        "voorbeeldstad-notubiz-2",
    )
    assert first.config["name"] == "Voorbeeldstad"
    assert edit(store, settings, second, _notubiz(), EDITOR).source_key == second.source_key
    with pytest.raises(NotFound):
        registration(store, first.id, "zandaam")


def test_the_token_is_kept_masked_and_out_of_the_audit_log(
    store: Store, settings: Settings
) -> None:
    fields = {"supplier": "parlaeus", "municipality_prefix": "voorbeeld", "api_token": "s3cr3t-rid"}
    created = register(store, settings, "voorbeeldstad", fields, EDITOR)
    assert created.config["base_url"] == "https://voorbeeld.parlaeus.nl/receive/opendata"
    assert shown_config(created)["api_token"] == "**********"
    edited = edit(store, settings, created, {**fields, "api_token": ""}, EDITOR)
    assert edited.config["api_token"] == "s3cr3t-rid"  # an empty field keeps the token
    assert "s3cr3t-rid" not in json.dumps([e.detail for e in store.audit_entries()])
    with pytest.raises(RegistrationInvalid) as caught:
        register(store, settings, "voorbeeldstad", {**fields, "api_token": ""}, EDITOR)
    assert "api_token" in caught.value.fields


def test_the_steps_go_in_order_and_an_edit_goes_back_to_draft(
    store: Store, settings: Settings
) -> None:
    created = register(store, settings, "voorbeeldstad", _notubiz(), EDITOR)
    with pytest.raises(RegistrationConflict):
        submit(store, created, EDITOR)
    verifying = begin_verification(store, settings, created, EDITOR)
    with pytest.raises(RegistrationConflict, match="al gecontroleerd"):
        begin_verification(store, settings, verifying, EDITOR)
    verified = finish_verification(store, created.id, SEEN)
    assert verified is not None and verified.status == "verified"
    again = edit(store, settings, verified, _notubiz(include_pattern="raad"), EDITOR)
    assert again.status == "draft" and again.verification is None
    begin_verification(store, settings, again, EDITOR)
    verified = finish_verification(store, created.id, {**SEEN, "fatal": True})
    assert verified is not None
    with pytest.raises(RegistrationConflict, match="toelichting"):
        submit(store, verified, EDITOR)
    submitted = submit(store, verified, EDITOR, "de API was even weg")
    assert submitted.verification is not None and submitted.verification["note"]
    with pytest.raises(RegistrationConflict, match="reden"):
        reject(store, submitted, ADMIN, " ")
    rejected = reject(store, submitted, ADMIN, "verkeerd organisatienummer")
    assert (rejected.status, rejected.decision_reason) == ("rejected", "verkeerd organisatienummer")
    assert store.list_sources() == []  # never in the registry before approval
    actions = [e.action for e in store.audit_entries("voorbeeldstad")]
    assert actions[0] == "registration.reject" and "registration.create" in actions


def test_an_approved_source_is_harvested_by_the_next_worker_pass(
    store: Store, settings: Settings, tmp_path: Path
) -> None:
    with Sandbox(files_dir=tmp_path / "files") as sandbox:
        fields = _notubiz(base_url=sandbox.notubiz_url)
        created = register(store, settings, "voorbeeldstad", fields, EDITOR)
        verified = verify_now(settings, store, created, EDITOR, today=date(2026, 11, 28))
        assert verified.verification is not None and verified.verification["meetings"]
        assert store.list_sources() == []
        approved = approve(store, submit(store, verified, EDITOR), ADMIN)
        assert approved.status == "approved" and approved.decided_by == ADMIN
        assert store.source_links() == {"voorbeeldstad-notubiz": "voorbeeldstad"}
        assert store.due_sources() == ["voorbeeldstad-notubiz"]
        with pytest.raises(RegistrationConflict):
            edit(store, settings, approved, fields, EDITOR)
        summary = run_worker(settings, once=True)
    assert [run.source_key for run in summary.runs] == ["voorbeeldstad-notubiz"]
    assert store.count_records("voorbeeldstad-notubiz")["meeting"] > 3
    assert store.audit_entries("voorbeeldstad")[0].action == "registration.approve"


def test_approval_refuses_a_key_registered_meanwhile(store: Store, settings: Settings) -> None:
    created = register(store, settings, "voorbeeldstad", _notubiz(), EDITOR)
    begin_verification(store, settings, created, EDITOR)
    verified = finish_verification(store, created.id, SEEN)
    assert verified is not None
    submitted = submit(store, verified, EDITOR)
    store.upsert_source(
        build_source(
            key="voorbeeldstad-notubiz",
            name="V",
            supplier="notubiz",
            notubiz_organisation_id="1",
        )
    )
    with pytest.raises(RegistrationConflict, match="al een bron"):
        approve(store, submitted, ADMIN)
    assert registration(store, created.id).status == "submitted"
