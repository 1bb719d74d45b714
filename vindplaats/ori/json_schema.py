"""The official ORI documents' schemas as JSON Schema 2020-12, for jsonschema-rs (formats checked).

mini-ORI 1.0.0 and ORI 2.0 are OpenAPI 3.0, whose schemas are JSON Schema but for one word:
`nullable: true`. It is rewritten: a `type` gains `"null"` (an `enum` gains null); a schema
without a type that composes others (a `$ref`, an `allOf`, ...) becomes `anyOf: [{type: null},
itself]`; and an `allOf` member that says nothing but `nullable: true` makes its whole `allOf`
nullable (ORI 2.0 writes a nullable reference as `allOf: [{description}, {nullable: true},
{$ref}]`; strictly OpenAPI 3.0 ignores `nullable` without a type, but the intent is plain). The
event-polling draft is OpenAPI 3.1, JSON Schema already, and is taken as it is.

`validator(document, schema)` validates against any schema of the document (a component by
`component("Vergadering")`, a response's or a parameter's schema), every `#/components/...`
reference resolvable; `errors(document, name, instance)` lists what is wrong with an instance of
a component, one line per error.
"""

from __future__ import annotations

from typing import Any

import jsonschema_rs

_NOTE_KEYS = frozenset({"nullable", "description", "title", "example", "readOnly"})
_COMPOSED = ("$ref", "allOf", "anyOf", "oneOf")


def _nullable(node: dict[str, Any]) -> dict[str, Any]:
    kind = node.get("type")
    if isinstance(kind, str):
        node["type"] = [kind, "null"]
        if isinstance(node.get("enum"), list) and None not in node["enum"]:
            node["enum"] = [*node["enum"], None]
        return node
    if isinstance(kind, list):
        if "null" not in kind:
            node["type"] = [*kind, "null"]
        return node
    if any(key in node for key in _COMPOSED):
        return {"anyOf": [{"type": "null"}, node]}
    return node


def convert(node: Any) -> Any:
    """An OpenAPI 3.0 schema (or any part of a document) as JSON Schema 2020-12."""
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


def is_openapi_3_0(document: dict[str, Any]) -> bool:
    return str(document.get("openapi", "")).startswith("3.0")


def components(document: dict[str, Any]) -> dict[str, Any]:
    """The document's components as JSON Schema (OpenAPI 3.0's converted; 3.1's as they are)."""
    found = document.get("components", {})
    return convert(found) if is_openapi_3_0(document) else found


def component(name: str) -> dict[str, str]:
    """A reference to the component schema `name`."""
    return {"$ref": f"#/components/schemas/{name}"}


def validator(document: dict[str, Any], schema: dict[str, Any]) -> Any:
    """A jsonschema-rs validator of `schema` (in the document's OpenAPI version); formats on."""
    own = convert(schema) if is_openapi_3_0(document) else schema
    whole = {**own, "components": components(document)}
    return jsonschema_rs.Draft202012Validator(whole, validate_formats=True)


def errors(document: dict[str, Any], name: str, instance: Any) -> list[str]:
    """What is wrong with `instance` as a `name`, one line per error (empty: valid)."""
    found = validator(document, component(name)).iter_errors(instance)
    return [
        f"{'/'.join(map(str, error.instance_path)) or '(root)'}: {error.message}" for error in found
    ]
