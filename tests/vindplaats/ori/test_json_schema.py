"""OpenAPI 3.0's `nullable` as JSON Schema, in each form the ORI documents write it."""

from __future__ import annotations

from vindplaats.ori.json_schema import convert, errors, validator
from vindplaats.ori.spec import load
from vindplaats.settings import Settings


def _valid(schema: dict, value: object) -> bool:
    document = {"openapi": "3.0.0", "components": {"schemas": {"Ref": {"type": "string"}}}}
    return not list(validator(document, schema).iter_errors(value))


def test_a_nullable_type_and_enum_accept_null_and_nothing_else_new():
    assert _valid({"type": "string", "nullable": True}, None)
    assert not _valid({"type": "string"}, None)
    assert _valid({"type": "string", "enum": ["a"], "nullable": True}, None)
    assert not _valid({"type": "string", "enum": ["a"], "nullable": True}, "b")


def test_a_nullable_reference_written_as_an_allof_member_accepts_null():
    schema = {
        "allOf": [{"description": "x"}, {"nullable": True}, {"$ref": "#/components/schemas/Ref"}]
    }
    assert _valid(schema, None) and _valid(schema, "text")
    assert not _valid(schema, 3)
    assert convert({"$ref": "#/x", "nullable": True}) == {
        "anyOf": [{"type": "null"}, {"$ref": "#/x"}]
    }


def test_an_openapi_3_1_document_is_taken_as_it_is():
    events = load("ori-events", Settings().xsd_dir)
    assert errors(events, "StoredEvent", {}) != []
    mini = load("mini-ori", Settings().xsd_dir)
    assert any("required" in line for line in errors(mini, "Vergadering", {}))
