"""JSON Schema validators over the schemas of an official ORI OpenAPI document.

mini-ORI 1.0.0 is OpenAPI 3.0, whose schemas are almost JSON Schema: `nullable: true` is the one
word JSON Schema does not know, so it is turned into a `"null"` member of `type` (or an `anyOf`
with `{"type": "null"}` where a node has no `type`). The event-polling draft is OpenAPI 3.1, whose
schemas are JSON Schema 2020-12 already. Formats (`uuid`, `uri`, `date`, `date-time`) are checked.

`validator(document, "Vergadering")` gives a `jsonschema_rs` validator of that component, with
every `#/components/schemas/...` reference of the document resolvable.
"""

from __future__ import annotations

from typing import Any

import jsonschema_rs


def without_nullable(node: Any) -> Any:
    """`node` (an OpenAPI 3.0 schema or part of one) with `nullable` written as JSON Schema."""
    if isinstance(node, list):
        return [without_nullable(item) for item in node]
    if not isinstance(node, dict):
        return node
    out = {key: without_nullable(value) for key, value in node.items() if key != "nullable"}
    if node.get("nullable") is True:
        kind = out.get("type")
        if isinstance(kind, str):
            out["type"] = [kind, "null"]
        elif isinstance(kind, list):
            out["type"] = [*kind, "null"] if "null" not in kind else kind
        else:
            out = {"anyOf": [out, {"type": "null"}]}
    return out


def json_schema(document: dict[str, Any], name: str) -> dict[str, Any]:
    """The JSON Schema of component `name`, the document's components beside it."""
    components = document.get("components", {})
    if str(document.get("openapi", "")).startswith("3.0"):
        components = without_nullable(components)
    return {"$ref": f"#/components/schemas/{name}", "components": components}


def validator(document: dict[str, Any], name: str) -> Any:
    """A validator of component `name` (formats checked)."""
    return jsonschema_rs.Draft202012Validator(json_schema(document, name), validate_formats=True)


def errors(document: dict[str, Any], name: str, instance: Any) -> list[str]:
    """What is wrong with `instance` as a `name`, one line per error (empty: valid)."""
    found = validator(document, name).iter_errors(instance)
    return [
        f"{'/'.join(map(str, error.instance_path)) or '(root)'}: {error.message}" for error in found
    ]


__all__ = ["errors", "json_schema", "validator", "without_nullable"]
