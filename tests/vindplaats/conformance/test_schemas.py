"""The official documents as validators: OpenAPI 3.0 `nullable` made JSON Schema, the
collections each document lists, and every schema error classified as exactly one rule."""

from __future__ import annotations

import pytest

from tests.vindplaats.conformance.tiny_feed import settings
from vindplaats.conformance.schemas import Schemas
from vindplaats.ori.json_schema import convert


@pytest.fixture(scope="module")
def ori2() -> Schemas:
    return Schemas("ori-2", settings().xsd_dir)


def test_nullable_becomes_json_schema() -> None:
    assert convert({"type": "string", "nullable": True}) == {"type": ["string", "null"]}
    assert convert({"type": "string", "enum": ["a"], "nullable": True})["enum"] == ["a", None]
    assert convert({"$ref": "#/x", "nullable": True}) == {
        "anyOf": [{"type": "null"}, {"$ref": "#/x"}]
    }
    reference = {"allOf": [{"description": "d"}, {"nullable": True}, {"$ref": "#/x"}]}
    assert convert(reference)["anyOf"][0] == {"type": "null"}
    assert convert({"type": "object", "nullable": False}) == {"type": "object"}


def test_the_collections_of_each_document() -> None:
    xsd = settings().xsd_dir
    assert Schemas("mini-ori", xsd).collections() == [
        "agendapunten", "informatieobjecten", "vergaderingen",
    ]  # fmt: skip
    assert len(Schemas("ori-2", xsd).collections()) == 17
    events = Schemas("ori-events", xsd)
    assert events.events() is not None and events.event() is not None


def test_a_nullable_reference_may_be_null(ori2: Schemas) -> None:
    validator = ori2.record("agendapunten")
    assert validator is not None
    record = {"url": "https://a.nl/api/agendapunten/1", "id": "1", "hoofdagendapunt": None,
              "vergadering": {"id": "2", "url": "https://a.nl/api/vergaderingen/2"},
              "gemeente": None, "informatieobjecten": [None]}  # fmt: skip
    assert validator.errors(record) == []
    record["vergadering"] = None  # not nullable in the document
    assert [e.rule for e in validator.errors(record)] == ["ORI-SCHEMA"]


def test_each_error_is_one_rule_with_its_path(ori2: Schemas) -> None:
    validator = ori2.page("vergaderingen")
    assert validator is not None
    page = {"results": [
        {"url": "https://a.nl/v/1", "id": "1", "vergaderingstype": "raadsvergadering"},
        {"url": "https://a.nl/v/2", "id": "2"},
        {"url": "https://a.nl/v/3", "id": "3", "vergaderingstype": "raadsvergadering",
         "vergaderdatum": "2025-13-01", "aanvangVergadering": "2025-03-14 19:30"},
        {"url": "niet een url", "id": "4", "vergaderingstype": "feest"},
    ]}  # fmt: skip
    errors = {(e.rule, e.field) for e in validator.errors(page)}
    assert errors == {
        ("ORI-REQUIRED", "results[1].vergaderingstype"),
        ("ORI-DATE", "results[2].vergaderdatum"),
        ("ORI-DATE", "results[2].aanvangVergadering"),
        ("ORI-SCHEMA", "results[3].url"),
        ("ORI-SCHEMA", "results[3].vergaderingstype"),
    }
    required = next(e for e in validator.errors({}) if e.rule == "ORI-REQUIRED")
    assert (required.field, required.found) == ("results", "absent")
