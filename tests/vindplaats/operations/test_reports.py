"""The rules of "Mist u een stuk?" reports: fields, subjects, the organisation a report goes to,
the limits, answering and closing, and what the audit log keeps (never the contact)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from normalize.records import Document, Meeting, Supplier
from vindplaats.errors import NotFound
from vindplaats.operations.reports import (
    ReportInput,
    ReportRefused,
    answer_report,
    client_hash,
    file_report,
    find_report,
)
from vindplaats.settings import load_settings
from vindplaats.sources import build_source
from vindplaats.store import Store, open_store
from vindplaats.store.sql_reports import ReportLimit

ORG = "organization:notubiz:alkmaar:1"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(load_settings(data_dir=tmp_path))
    for key in ("alkmaar", "alkmaar-woo"):
        opened.upsert_source(
            build_source(key=key, name=key, supplier="notubiz", notubiz_organisation_id="1")
        )
    opened.upsert_record(
        Document.build(
            Supplier.NOTUBIZ,
            "alkmaar",
            7,
            title="Begroting",
            original_url="https://example.org/7.pdf",
            organization_id=ORG,
        )
    )
    opened.upsert_record(
        Meeting.build(Supplier.NOTUBIZ, "alkmaar", 9, name="Raad", organization_id=ORG)
    )
    yield opened
    opened.close()


def _report(
    kind: str = "document", subject: str = "document:notubiz:alkmaar:7", **kw: str
) -> ReportInput:
    return ReportInput(
        kind, subject, kw.get("message", "De bijlage ontbreekt."), kw.get("contact", "")
    )


def test_a_report_goes_to_the_organisation_of_its_subject(store: Store) -> None:
    store.upsert_organisation("alkmaar", "Alkmaar", "gemeente")
    store.link_source("alkmaar-woo", "alkmaar")
    on_doc = file_report(store, _report(contact=" a@b.nl "), "c1")
    on_meeting = file_report(store, _report("meeting", "meeting:notubiz:alkmaar:9"), "c1")
    on_org = file_report(store, _report("organisation", "alkmaar-woo"), "c1")
    assert {r.organisation_key for r in (on_doc, on_meeting, on_org)} == {"alkmaar"}
    assert on_doc.contact == "a@b.nl" and on_meeting.contact is None
    entries = store.audit_entries("alkmaar")
    assert [e.action for e in entries] == ["report.create"] * 3
    assert all(e.actor == "public" and "a@b.nl" not in str(e.detail) for e in entries)


@pytest.mark.parametrize(
    ("asked", "field"),
    [
        (_report(message="  "), "message"),
        (_report(message="x" * 2001), "message"),
        (_report(contact="geen contact"), "contact"),
        (_report(contact="a@b.nl" + "x" * 200), "contact"),
        (_report("motion", "motion:notubiz:alkmaar:1"), "subject_kind"),
        (_report("document", "meeting:notubiz:alkmaar:9"), "subject_id"),
        (_report("document", "document:notubiz:alkmaar:404"), "subject_id"),
        (_report("document", "not an id"), "subject_id"),
        (_report("organisation", "haarlem"), "subject_id"),
    ],
)
def test_a_bad_field_or_unknown_subject_is_refused_naming_it(
    store: Store, asked: ReportInput, field: str
) -> None:
    with pytest.raises(ReportRefused) as refused:
        file_report(store, asked, "c1")
    assert (refused.value.status, refused.value.field) == (422, field)
    assert refused.value.dutch
    assert store.missing_reports("alkmaar") == []


def test_a_phone_number_is_a_contact_and_control_characters_are_dropped(store: Store) -> None:
    taken = file_report(
        store, _report(message="regel 1\r\nregel\x00 2", contact="+31 6 1234 5678"), "c"
    )
    assert (taken.message, taken.contact) == ("regel 1\nregel 2", "+31 6 1234 5678")


def test_the_sixth_report_of_a_client_within_the_hour_is_refused(store: Store) -> None:
    for _ in range(5):
        file_report(store, _report(), "c1")
    with pytest.raises(ReportRefused) as refused:
        file_report(store, _report(), "c1")
    assert refused.value.status == 429
    assert 3500 < (refused.value.retry_after or 0) <= 3600
    assert "5 meldingen per uur" in refused.value.dutch
    assert len(store.missing_reports("alkmaar")) == 5
    file_report(store, _report(), "c2")  # another client still reports


def test_the_organisation_cap_refuses_every_client(store: Store) -> None:
    limits = (ReportLimit(5, 3600.0), ReportLimit(2, 86400.0))
    file_report(store, _report(), "c1", limits)
    file_report(store, _report(), "c2", limits)
    with pytest.raises(ReportRefused) as refused:
        file_report(store, _report(), "c3", limits)
    assert refused.value.status == 429 and "vandaag" in refused.value.dutch


def test_the_client_is_a_keyed_hash_not_the_address() -> None:
    hashed = client_hash(b"secret", "192.0.2.1")
    assert "192.0.2.1" not in hashed and len(hashed) == 32
    assert hashed == client_hash(b"secret", "192.0.2.1") != client_hash(b"other", "192.0.2.1")


def test_an_editor_answers_then_closes_and_both_are_audited(store: Store) -> None:
    filed = file_report(store, _report(contact="a@b.nl"), "c1")
    report = find_report(store, "alkmaar", filed.id)
    answered = answer_report(store, report, "We vragen het na.", "e@alkmaar.nl", close=False)
    assert (answered.status, answered.answer) == ("open", "We vragen het na.")
    closed = answer_report(store, answered, "Staat er nu bij.", "e@alkmaar.nl", close=True)
    assert closed.status == "closed" and closed.answered_by == "e@alkmaar.nl"
    actions = [(e.action, e.actor) for e in store.audit_entries("alkmaar")]
    assert actions[:2] == [("report.close", "e@alkmaar.nl"), ("report.answer", "e@alkmaar.nl")]
    with pytest.raises(ReportRefused):
        answer_report(store, closed, "", "e@alkmaar.nl", close=False)
    with pytest.raises(ReportRefused):
        answer_report(store, closed, "x" * 4001, "e@alkmaar.nl", close=True)


def test_another_organisation_does_not_find_the_report(store: Store) -> None:
    filed = file_report(store, _report(), "c1")
    with pytest.raises(NotFound):
        find_report(store, "bergen", filed.id)
    with pytest.raises(NotFound):
        find_report(store, "alkmaar", "../../etc")
