"""The OpenAPI entries of takedowns (`routes_takedown`), merged into the document by
`search_api.openapi`: taking a document offline and restoring it with the organisation's API
token (`Authorization: Bearer ...`) or an editor's session, and the 410 Gone every record's own
endpoint answers while it is taken down (`gone`)."""

from __future__ import annotations

import copy
from typing import Any

from search_api.openapi_responses import ALLOW, responses

ERROR_REF = {"$ref": "#/components/schemas/ErrorBody"}
REF = "#/components/schemas/{model}"
PATH = "/api/documents/{id}/takedown"
_ID = {
    "name": "id",
    "in": "path",
    "required": True,
    "description": "Document id, e.g. document:notubiz:alkmaar:6183601. Any other string "
    "answers 404.",
    "schema": {"type": "string"},
}
_SECURITY: list[dict[str, list[str]]] = [{"organisationToken": []}]
_GONE = "Taken down by its organisation: held, but no longer published (the body says since when)."


def _like(answers: dict[str, Any], description: str) -> dict[str, Any]:
    answer = copy.deepcopy(answers["400"])
    answer["description"] = description
    return answer


def gone(operation: dict[str, Any]) -> dict[str, Any]:
    """`operation` (a record's own GET) with its 410 Gone."""
    answers = operation["get"]["responses"]
    answers["410"] = _like(answers, _GONE)
    return operation


def _answers(*, body: bool) -> dict[str, Any]:
    ok = {
        "description": "The takedown as it is now.",
        "content": {"application/json": {"schema": {"$ref": REF.format(model="TakedownBody")}}},
    }
    answers = responses(ok, ERROR_REF, has_id=True)
    answers["401"] = _like(answers, "No API token or session, or one that is not valid.")
    answers["403"] = _like(answers, "The token or account is not the document's organisation's.")
    answers["404"]["description"] = "No document with this id."
    answers["405"]["headers"]["Allow"] = {**ALLOW, "description": "`POST, DELETE`."}
    if body:
        answers["400"]["description"] = (
            "The body is not a JSON object, or a query parameter is given."
        )
        answers["415"] = _like(answers, "The body is not `application/json`.")
        answers["422"] = _like(answers, "No usable `reason` (3 to 1,000 characters).")
    else:
        answers["409"] = _like(answers, "The document is not taken down.")
    return answers


def takedown_paths() -> dict[str, Any]:
    """`POST` and `DELETE /api/documents/{id}/takedown`."""
    example = {"reason": "Bevat een burgerservicenummer (pagina 2)."}
    return {
        PATH: {
            "post": {
                "operationId": "takeDownDocument",
                "summary": "Take a document offline: out of search, its own endpoint (410), "
                "feeds, exports and the ORI and Woo-index outputs at once; it stays stored and "
                "a later harvest does not bring it back. The organisation's token or an "
                "editor's session.",
                "security": _SECURITY,
                "parameters": [_ID],
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {
                            "schema": {"$ref": REF.format(model="TakedownRequest")},
                            "example": example,
                        }
                    },
                },
                "responses": _answers(body=True),
            },
            "delete": {
                "operationId": "restoreDocument",
                "summary": "Restore a taken-down document: back in every output at once.",
                "security": _SECURITY,
                "parameters": [_ID],
                "responses": _answers(body=False),
            },
        }
    }


__all__ = ["gone", "takedown_paths"]
