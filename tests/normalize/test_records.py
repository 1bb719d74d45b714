from __future__ import annotations

from datetime import UTC, datetime

import pytest
from pydantic import ValidationError

from normalize.doctypes import DocType
from normalize.records import (
    AgendaItem,
    Document,
    Meeting,
    Organization,
    RegisterEntry,
    Supplier,
    record_from_dict,
)

ORG = Organization.build(Supplier.NOTUBIZ, "alkmaar", 987, name="Alkmaar")


def test_build_derives_the_id() -> None:
    assert ORG.id == "organization:notubiz:alkmaar:987"
    meeting = Meeting.build(Supplier.NOTUBIZ, "alkmaar", 5, name="Raad", organization_id=ORG.id)
    assert meeting.id == "meeting:notubiz:alkmaar:5"


def test_unknown_fields_are_refused() -> None:
    with pytest.raises(ValidationError):
        Organization.build(Supplier.NOTUBIZ, "alkmaar", 1, name="A", colour="red")


def test_id_must_match_its_parts() -> None:
    with pytest.raises(ValidationError):
        Organization(
            id="organization:notubiz:alkmaar:2",
            supplier=Supplier.NOTUBIZ,
            source_key="alkmaar",
            native_id="1",
            name="A",
        )


def test_references_must_point_to_the_right_type() -> None:
    with pytest.raises(ValidationError):
        Document.build(
            Supplier.NOTUBIZ,
            "alkmaar",
            1,
            title="t",
            original_url="https://a/b",
            organization_id=ORG.id,
            meeting_id=ORG.id,
        )


def test_naive_datetimes_are_refused() -> None:
    with pytest.raises(ValidationError):
        Meeting.build(
            Supplier.NOTUBIZ,
            "alkmaar",
            5,
            name="Raad",
            organization_id=ORG.id,
            start=datetime(2025, 1, 1, 20, 0),
        )


def test_round_trip_through_json() -> None:
    item = AgendaItem.build(
        Supplier.NOTUBIZ,
        "alkmaar",
        77,
        meeting_id="meeting:notubiz:alkmaar:5",
        name="Begroting",
        raw_position="4A",
        position=4,
        order=3,
    )
    assert record_from_dict(item.model_dump(mode="json")) == item


def test_sort_date_prefers_the_document_date() -> None:
    doc = Document.build(
        Supplier.NOTUBIZ,
        "alkmaar",
        1,
        title="t",
        original_url="https://a/b",
        organization_id=ORG.id,
        published=datetime(2025, 2, 1, tzinfo=UTC),
        meeting_date=datetime(2025, 1, 15, tzinfo=UTC),
    )
    assert str(doc.sort_date) == "2025-01-15"


def test_sort_date_is_the_dutch_day_of_a_time_given_in_utc() -> None:
    # 23:30 UTC on 31 January is 00:30 on 1 February in Amsterdam (DiWoo times often end in Z)
    doc = Document.build(
        Supplier.DIWOO,
        "utrecht-woo",
        "a1",
        title="t",
        original_url="https://a/b.pdf",
        organization_id=ORG.id,
        date=datetime(2025, 1, 31, 23, 30, tzinfo=UTC),
    )
    assert str(doc.sort_date) == "2025-02-01"


def _entry(register: str | None, **fields: object) -> RegisterEntry:
    return RegisterEntry.build(
        Supplier.IBABS, "alkmaar", "e1", organization_id=ORG.id, register_name=register, **fields
    )


@pytest.mark.parametrize(
    ("register", "attributes", "expected"),
    [
        ("Moties", {"Indiener(s)": "Jansen, P. (Pieter) (D66)"}, ("motie", "Moties", "3.3.2c")),
        ("Moties en amendementen", {"Type": "Amendement"}, ("amendement", "Amendement", "3.3.2c")),
        ("Moties en amendementen", {"soort motie": "Motie"}, ("motie", "Motie", "3.3.2c")),
        ("Ingekomen stukken", {"Soort": "Brief"}, ("ingekomen_stuk", "Brief", "3.3.2a")),
        ("Toezeggingen", {"Type": " "}, ("toezegging", "Toezeggingen", "3.3.2c")),
        ("Schriftelijke vragen", {}, ("schriftelijke_vragen", "Schriftelijke vragen", "3.3.2c")),
        ("Besluitenlijst B&W", {}, ("besluitenlijst", "Besluitenlijst B&W", "3.3.2d")),
        (None, {}, ("overig", None, "3.3.2c")),
    ],
)
def test_a_register_entry_carries_its_type_label_and_woo_category(
    register: str | None, attributes: dict[str, str], expected: tuple[str, str | None, str]
) -> None:
    entry = _entry(register, title="Zonder soort", attributes=attributes)
    assert (entry.document_type, entry.document_type_label, entry.woo_category) == expected


def test_a_register_entry_type_is_derived_again_from_its_stored_form() -> None:
    entry = _entry("Ingekomen stukken", title="Brief van de fietsersbond")
    stored = entry.model_dump(mode="json")
    assert stored["document_type"] == "ingekomen_stuk"
    stale = {**stored, "document_type": "overig", "document_type_label": None}
    rebuilt = record_from_dict(stale)
    assert rebuilt == entry
    assert rebuilt.document_type is DocType.INGEKOMEN_STUK
