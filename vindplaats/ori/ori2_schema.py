"""ORI 2.0's OpenAPI 3.0 schemas as JSON Schema 2020-12, for jsonschema-rs (formats checked).

OpenAPI 3.0 `nullable: true` is not JSON Schema: a `type` gains `"null"` (an `enum` gains
null); a node without a type (a `$ref`, an `allOf`) becomes `anyOf: [{type: null}, itself]`;
and an `allOf` member that says nothing but `nullable: true` makes the whole `allOf` nullable
(ORI 2.0 writes its nullable references as `allOf: [{description}, {nullable: true}, {$ref}]`).
`validator(document, schema)` validates against any schema of the document (a component by
`{"$ref": "#/components/schemas/Vergadering"}`, or a parameter's schema), every reference into
the document's components resolvable.
"""

from __future__ import annotations

from typing import Any

import jsonschema_rs

_NOTE_KEYS = frozenset({"nullable", "description", "title", "example", "readOnly"})


def _nullable(node: dict[str, Any]) -> dict[str, Any]:
    kind = node.get("type")
    if isinstance(kind, str):
        node["type"] = [kind, "null"]
        if isinstance(node.get("enum"), list):
            node["enum"] = [*node["enum"], None]
        return node
    if isinstance(kind, list):
        node["type"] = kind if "null" in kind else [*kind, "null"]
        return node
    return {"anyOf": [{"type": "null"}, node]}


def convert(node: Any) -> Any:
    """An OpenAPI 3.0 schema (or any part of a document) as JSON Schema."""
    if isinstance(node, list):
        return [convert(item) for item in node]
    if not isinstance(node, dict):
        return node
    out = {key: convert(value) for key, value in node.items() if key != "nullable"}
    nullable = node.get("nullable") is True
    members = node.get("allOf")
    if isinstance(members, list) and any(
        isinstance(m, dict) and m.get("nullable") is True and set(m) <= _NOTE_KEYS for m in members
    ):
        nullable = True
    return _nullable(out) if nullable else out


def validator(document: dict[str, Any], schema: dict[str, Any]) -> Any:
    """A jsonschema-rs validator of `schema` (OpenAPI 3.0) with the document's components."""
    whole = {**convert(schema), "components": convert(document.get("components", {}))}
    return jsonschema_rs.Draft202012Validator(whole, validate_formats=True)


def component(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}
