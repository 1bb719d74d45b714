from __future__ import annotations

from datetime import UTC, datetime

import pytest
from pydantic import ValidationError

from normalize.records import (
    AgendaItem,
    Document,
    Meeting,
    Organization,
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
