"""The OpenAPI entries of the export of a result set (`/api/export`) and of the change feed
(`/api/changes`), merged into the document by `search_api.openapi`."""

from __future__ import annotations

from typing import Any

from search_api.openapi_responses import responses
from search_api.params import Param
from search_api.routes_changes import CHANGES_PARAMS
from search_api.routes_export import COLUMNS, EXPORT_PARAMS
from search_api.routes_search import SEARCH_PARAMS

ERROR_REF = {"$ref": "#/components/schemas/ErrorBody"}
_TEXT = {"type": "string"}


def _query(param: Param) -> dict[str, Any]:
    return {
        "name": param.name,
        "in": "query",
        "required": False,
        "description": param.description,
        "schema": param.schema(),
        **({"style": "form", "explode": True} if param.repeated else {}),
    }


def _header(description: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"description": description, "required": True, "schema": schema}


def _get(op_id: str, summary: str, ok: dict[str, Any], params: tuple[Param, ...]) -> dict[str, Any]:
    return {
        "get": {
            "operationId": op_id,
            "summary": summary,
            "parameters": [_query(p) for p in params],
            "responses": responses(ok, ERROR_REF),
        }
    }


def _export() -> dict[str, Any]:
    ok = {
        "description": "The result set, streamed: CSV (RFC 4180, UTF-8 with a byte order mark, "
        "a header row) or NDJSON (one object per hit), columns " + ", ".join(COLUMNS) + ".",
        "content": {"text/csv": {"schema": _TEXT}, "application/x-ndjson": {"schema": _TEXT}},
    }
    operation = _get(
        "export",
        "The whole result set of a search (the parameters of /api/search; size, cursor, facets "
        "and pages are accepted and ignored) as CSV or NDJSON, at most "
        "VINDPLAATS_EXPORT_MAX_ROWS rows.",
        ok,
        EXPORT_PARAMS + SEARCH_PARAMS,
    )
    count = {"type": "string", "pattern": "^[0-9]+$"}
    operation["get"]["responses"]["200"]["headers"].update(
        {
            "X-Vindplaats-Total": _header("Hits of the search.", count),
            "X-Vindplaats-Exported": _header(
                "Rows in this answer: the total, or the cap when the total is larger; fewer "
                "rows arriving means the answer was cut short.",
                count,
            ),
            "Content-Disposition": _header("`attachment` with a file name.", _TEXT),
        }
    )
    return operation


def export_paths() -> dict[str, Any]:
    """`/api/export` and `/api/changes`."""
    changes_ok = {
        "description": "One line per change, in order: {op: upsert, id, seq, record (as "
        "/api/documents/{id} or /api/motions/{id} answers it)} or {op: delete, id, seq}; the "
        "last line {next: cursor}.",
        "content": {"application/x-ndjson": {"schema": _TEXT}},
    }
    return {
        "/api/export": _export(),
        "/api/changes": _get(
            "changes",
            "The change feed of the search index for mirrors: each record's latest upsert or "
            "delete since the cursor; from the start (no `since`), the bulk snapshot.",
            changes_ok,
            CHANGES_PARAMS,
        ),
    }


__all__ = ["export_paths"]
