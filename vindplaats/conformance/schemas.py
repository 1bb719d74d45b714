"""The official schemas as validators: OpenAPI 3.0 made JSON Schema, errors made rules.

`Schemas(standard, standards_dir)` reads the official document (`vindplaats.ori.spec.load`:
offline, remote references made local) and validates a body against the schema of one
response (`page(collection)`, `record(collection)`, `events()`, `event()`), with jsonschema-rs
(Draft 2020-12, format checks on). `$ref`s stay references into the document's `components`,
which travel along with each schema, so recursive schemas work.

OpenAPI 3.0's `nullable` is made JSON Schema by `vindplaats.ori.json_schema` (OpenAPI 3.1
documents, ori-events, are JSON Schema already).

Each schema error is exactly one rule (`classify`): a `required` error → ORI-REQUIRED; a
`format: date` / `date-time` error → ORI-DATE; anything else → ORI-SCHEMA. Its field is the
JSON path of the instance (`results[3].aanvang`; for ORI-REQUIRED the missing field itself).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import jsonschema_rs

from vindplaats.ori import spec
from vindplaats.ori.json_schema import components as json_components

MAX_ERRORS = 50  # per body


@dataclass(frozen=True)
class SchemaError:
    rule: str  # ORI-REQUIRED, ORI-DATE or ORI-SCHEMA
    field: str  # JSON path: results[3].aanvang
    expected: str
    found: str


def path_text(parts: list[str | int]) -> str:
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _shown(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 120 else text[:119] + "…"


def classify(error: jsonschema_rs.ValidationError) -> SchemaError:
    """The one rule of a schema error, with its field, what was expected and found."""
    kind = error.kind
    where = list(error.instance_path)
    if isinstance(kind, jsonschema_rs.ValidationErrorKind.Required):
        missing = str(kind.property)
        return SchemaError(
            "ORI-REQUIRED", path_text([*where, missing]), f"the required field {missing}", "absent"
        )
    if isinstance(kind, jsonschema_rs.ValidationErrorKind.Format) and kind.format in (
        "date",
        "date-time",
    ):
        example = "2025-03-14" if kind.format == "date" else "2025-03-14T19:30:00+01:00"
        return SchemaError(
            "ORI-DATE",
            path_text(where),
            f"an RFC 3339 {kind.format} such as {example}",
            _shown(error.instance),
        )
    keyword = str(list(error.schema_path)[-1]) if list(error.schema_path) else "schema"
    try:
        details = ", ".join(_shown(v) for v in kind.as_dict().values())
    except (AttributeError, TypeError, ValueError):
        details = ""
    expected = f"{keyword} {details}".strip() + f" (the official schema: {error.message})"
    return SchemaError("ORI-SCHEMA", path_text(where), expected, _shown(error.instance))


class Schemas:
    """The response schemas of one standard's official document."""

    def __init__(self, standard: spec.Standard, standards_dir: Path) -> None:
        document = spec.load(standard, standards_dir)
        self.standard = standard
        self.document = document
        self._components = json_components(document)
        self._paths: dict[str, Any] = document.get("paths", {})

    def collections(self) -> list[str]:
        """The collections the document lists with a GET by id (`/vergaderingen/{id}`)."""
        names = []
        for path, operations in self._paths.items():
            parts = path.strip("/").split("/")
            if (
                len(parts) == 2
                and parts[1].startswith("{")
                and "get" in operations
                and parts[0] != "events"
                and f"/{parts[0]}" in self._paths
            ):
                names.append(parts[0])
        return sorted(names)

    def _response(self, path: str) -> dict[str, Any] | None:
        operation = self._paths.get(path, {}).get("get", {})
        content = operation.get("responses", {}).get("200", {}).get("content", {})
        schema = content.get("application/json", {}).get("schema")
        return schema if isinstance(schema, dict) else None

    def validator(self, path: str) -> Validator | None:
        schema = self._response(path)
        if schema is None:
            return None
        return _validator(json.dumps({**schema, "components": self._components}))

    def page(self, collection: str) -> Validator | None:
        return self.validator(f"/{collection}")

    def record(self, collection: str) -> Validator | None:
        return self.validator(f"/{collection}/{{id}}")

    def events(self) -> Validator | None:
        return self.validator("/events")

    def event(self) -> Validator | None:
        return self.validator("/events/{eventId}")


class Validator:
    def __init__(self, schema: dict[str, Any]) -> None:
        self._inner = jsonschema_rs.Draft202012Validator(schema, validate_formats=True)

    def errors(self, body: Any, prefix: list[str | int] | None = None) -> list[SchemaError]:
        """Every error of `body` (at most `MAX_ERRORS`), paths under `prefix`."""
        found: list[SchemaError] = []
        for error in self._inner.iter_errors(body):
            found.append(classify(error))
            if len(found) >= MAX_ERRORS:
                break
        if prefix:
            start = path_text(prefix)
            return [
                SchemaError(e.rule, f"{start}.{e.field}" if e.field else start, e.expected, e.found)
                for e in found
            ]
        return found


@lru_cache(maxsize=128)
def _validator(schema: str) -> Validator:
    return Validator(json.loads(schema))
