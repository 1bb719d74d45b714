"""The official ORI OpenAPI documents, read offline from the standards directory.

The directory is the one `VINDPLAATS_XSD_DIR` names (default `shared/standards` beside the
project); the three documents are never copied into the project:

- `ori-2`: `ori/vng-ori-2.0.0-beta.4.openapi.yaml`, the full standard (17 collections);
- `mini-ori`: `ori/mini-ori-1.0.0.openapi.yaml`, its read-only subset of three collections;
- `ori-events`: `ori/ori-event-polling-0.0.1.openapi.yaml`, the event-polling draft (OpenAPI 3.1).

ORI 2.0 refers to the VNG API-Kennisbank's shared components on the internet
(`.../API-Kennisbank/master/common/common.yaml#/components/...`: the `api-version`, `warning` and
`X-Rate-Limit-*` headers, the error responses with RFC 7807 bodies). Nothing is fetched: each
such reference is rewritten to a local component, `#/components/<kind>/vng-common-<name>`, and
those components are added to the document, described here from the published common.yaml 1.0.0
(its `Foutbericht`: type, title, status, detail, instance, code; `BadRequestFoutbericht` adds
`invalidParams`). A remote reference this table does not know is a `ConfigError` naming it.

`load(standard, standards_dir)` gives a fresh copy of the resolved document (a plain dict) each
call; the parse is cached.
"""

from __future__ import annotations

import copy
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import yaml

from vindplaats.errors import ConfigError

Standard = Literal["ori-2", "mini-ori", "ori-events"]

FILES: dict[str, Path] = {
    "ori-2": Path("ori/vng-ori-2.0.0-beta.4.openapi.yaml"),
    "mini-ori": Path("ori/mini-ori-1.0.0.openapi.yaml"),
    "ori-events": Path("ori/ori-event-polling-0.0.1.openapi.yaml"),
}
COMMON = "https://raw.githubusercontent.com/VNG-Realisatie/API-Kennisbank/master/common/common.yaml"
LOCAL_PREFIX = "vng-common-"
PROBLEM_JSON = "application/problem+json"

_FOUTBERICHT: dict[str, Any] = {
    "type": "object",
    "description": "Terugmelding bij een fout (RFC 7807).",
    "properties": {
        "type": {"type": "string", "format": "uri"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "instance": {"type": "string", "format": "uri"},
        "code": {"type": "string", "minLength": 1},
    },
}
_INVALID_PARAMS: dict[str, Any] = {
    "type": "object",
    "properties": {
        "type": {"type": "string", "format": "uri"},
        "name": {"type": "string"},
        "code": {"type": "string", "minLength": 1},
        "reason": {"type": "string"},
    },
}
_ERROR_TITLES = {
    "400": "Bad Request",
    "401": "Unauthorized",
    "403": "Forbidden",
    "404": "Not Found",
    "406": "Not Acceptable",
    "409": "Conflict",
    "410": "Gone",
    "412": "Precondition failed",
    "415": "Unsupported Media Type",
    "422": "Unprocessable entity",
    "429": "Too Many Requests",
    "500": "Internal Server Error",
    "501": "Not Implemented",
    "503": "Service Unavailable",
    "default": "Er is een onverwachte fout opgetreden",
}


def _local(kind: str, name: str) -> str:
    return f"#/components/{kind}/{LOCAL_PREFIX}{name}"


def _api_version_header() -> dict[str, Any]:
    return {"$ref": _local("headers", "api_version")}


def _common_components() -> dict[str, dict[str, Any]]:
    """The API-Kennisbank common components ORI 2.0 uses, under their local names."""
    headers = {
        "api_version": {"schema": {"type": "string", "example": "1.0.0"}},
        "warning": {"schema": {"type": "string"}},
        "X_Rate_Limit_Limit": {"schema": {"type": "integer"}},
        "X_Rate_Limit_Remaining": {"schema": {"type": "integer"}},
        "X_Rate_Limit_Reset": {"schema": {"type": "integer"}},
    }
    responses: dict[str, Any] = {
        "204": {"description": "No content", "headers": {"api-version": _api_version_header()}}
    }
    for status, title in _ERROR_TITLES.items():
        body = "BadRequestFoutbericht" if status == "400" else "Foutbericht"
        responses[status] = {
            "description": title,
            "headers": {"api-version": _api_version_header()},
            "content": {PROBLEM_JSON: {"schema": {"$ref": _local("schemas", body)}}},
        }
    schemas = {
        "Foutbericht": _FOUTBERICHT,
        "InvalidParams": _INVALID_PARAMS,
        "BadRequestFoutbericht": {
            "allOf": [
                {"$ref": _local("schemas", "Foutbericht")},
                {
                    "type": "object",
                    "properties": {
                        "invalidParams": {
                            "type": "array",
                            "items": {"$ref": _local("schemas", "InvalidParams")},
                        }
                    },
                },
            ]
        },
    }
    return {
        kind: {LOCAL_PREFIX + name: value for name, value in table.items()}
        for kind, table in (("headers", headers), ("responses", responses), ("schemas", schemas))
    }


_KNOWN = {
    (kind, name.removeprefix(LOCAL_PREFIX))
    for kind, table in _common_components().items()
    for name in table
}


def _rewrite(node: Any) -> tuple[Any, bool]:
    """`node` with every common.yaml reference made local and every key a string (as in JSON);
    whether any reference was found."""
    if isinstance(node, list):
        items = [_rewrite(item) for item in node]
        return [item for item, _ in items], any(found for _, found in items)
    if not isinstance(node, dict):
        return node, False
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith("http"):
        document, _, pointer = ref.partition("#")
        parts = pointer.strip("/").split("/")
        if document != COMMON or len(parts) != 3 or (parts[1], parts[2]) not in _KNOWN:
            raise ConfigError(f"the ORI document refers to {ref}, which is not known offline")
        return {**node, "$ref": _local(parts[1], parts[2])}, True
    out: dict[str, Any] = {}
    found = False
    for key, value in node.items():
        out[str(key)], seen = _rewrite(value)  # YAML reads `200:` as a number
        found = found or seen
    return out, found


@lru_cache(maxsize=8)
def _parsed(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(
            f"cannot read the ORI OpenAPI document {path}: {exc.strerror or exc}; "
            "VINDPLAATS_XSD_DIR names the standards directory (with ori/)"
        ) from None
    document = yaml.safe_load(text)
    if not isinstance(document, dict) or "paths" not in document:
        raise ConfigError(f"{path} is not an OpenAPI document")
    resolved, found = _rewrite(document)
    if found:
        components = resolved.setdefault("components", {})
        for kind, table in _common_components().items():
            components.setdefault(kind, {}).update(table)
    return resolved


def path_of(standard: Standard, standards_dir: Path) -> Path:
    return standards_dir / FILES[standard]


def load(standard: Standard, standards_dir: Path) -> dict[str, Any]:
    """The official document of `standard`, every remote reference resolved locally."""
    return copy.deepcopy(_parsed(path_of(standard, standards_dir).resolve()))
