"""The OpenAPI entries of the conformance checks (`routes_conformance`), merged into the document
by `search_api.openapi`: starting a check (the one POST of the API), its status and its report
in three formats, with examples."""

from __future__ import annotations

import copy
from typing import Any

from search_api.openapi_responses import ALLOW, RETRY_AFTER, responses
from search_api.schemas_conformance import API

ERROR_REF = {"$ref": "#/components/schemas/ErrorBody"}
REF = "#/components/schemas/{model}"
EXAMPLE_ID = "q3R7yB0kVf2mXw9LsT4hJc1N"
_ID = {
    "name": "id",
    "in": "path",
    "required": True,
    "description": "The check's id, as `POST /api/conformance` answered it. Any other string "
    "answers 404.",
    "schema": {"type": "string"},
    "example": EXAMPLE_ID,
}
# example hosts are in `.example` (RFC 2606): they never resolve, so an example reaches no one
_REQUEST_EXAMPLE = {
    "url": "https://ori.leverancier.example/api/v2",
    "standard": "ori-2",
    "max_requests": 200,
}
_STATUS_EXAMPLE = {
    "id": EXAMPLE_ID,
    "url": "https://ori.leverancier.example/api/v2",
    "standard": "ori-2",
    "max_requests": 200,
    "status": "done",
    "progress": "200 verzoeken verstuurd",
    "reason": None,
    "errors": 1,
    "warnings": 0,
    "created_at": "2026-12-02T10:00:00Z",
    "started_at": "2026-12-02T10:00:01Z",
    "finished_at": "2026-12-02T10:01:12Z",
    "status_url": f"{API}/{EXAMPLE_ID}",
    "page_url": f"/conformance/{EXAMPLE_ID}",
    "reports": {
        "json": f"{API}/{EXAMPLE_ID}/report.json",
        "junit": f"{API}/{EXAMPLE_ID}/report.junit.xml",
        "html": f"{API}/{EXAMPLE_ID}/report.html",
    },
    "report": {
        "schema_version": 1,
        "target": "https://ori.leverancier.example/api/v2",
        "standard": "ori-2",
        "conformant": False,
        "complete": True,
        "requests": 200,
        "seconds": 71.2,
        "findings": [
            {
                "standard": "ori-2",
                "rule": "ORI-DATE",
                "severity": "error",
                "resource": "vergaderingen",
                "record": "https://ori.leverancier.example/api/v2/vergaderingen/1",
                "field": "aanvang",
                "expected": "an RFC 3339 date-time",
                "found": "12-03-2026 19:30",
                "fix": "Write dates as RFC 3339.",
                "url": "https://ori.leverancier.example/api/v2/vergaderingen?page=1",
            }
        ],
        "counts": {
            "checked": 120,
            "errors": 1,
            "warnings": 0,
            "unlisted_findings": 0,
            "by_rule": {"ORI-DATE": 1},
        },
    },
}


def _ref(model: str) -> dict[str, str]:
    return {"$ref": REF.format(model=model)}


def _error_like(answers: dict[str, Any], description: str) -> dict[str, Any]:
    """An error answer shaped as the operation's 400, with another description."""
    answer = copy.deepcopy(answers["400"])
    answer["description"] = description
    return answer


def _start() -> dict[str, Any]:
    ok = {"description": "", "content": {"application/json": {"schema": _ref("CheckAccepted")}}}
    answers = responses(ok, ERROR_REF)
    accepted = answers.pop("200")
    accepted["description"] = (
        "The check is queued; read its status at `status_url` (also `Location`)."
    )
    accepted["headers"]["Location"] = {
        "description": "The check's status URL.",
        "required": True,
        "schema": {"type": "string"},
    }
    accepted["links"] = {
        "GetConformanceCheck": {
            "operationId": "getConformanceCheck",
            "parameters": {"id": "$response.body#/id"},
        }
    }
    answers["202"] = accepted
    answers["400"]["description"] = "The body is not a JSON object, or a query parameter is given."
    answers["405"]["description"] = "Only POST is answered."
    answers["405"]["headers"]["Allow"] = {**ALLOW, "description": "`POST`."}
    answers["415"] = _error_like(answers, "The body is not `application/json`.")
    answers["422"] = _error_like(
        answers,
        "A field is missing or invalid (named in `parameter`), or the fetch guard refuses the "
        "URL: not http(s), or a loopback or private address (unless the server allows them).",
    )
    answers["429"]["description"] = (
        "The client's conformance checks (VINDPLAATS_CONFORMANCE_RATE_LIMIT) or its requests "
        "are spent; retry after `Retry-After` seconds."
    )
    answers["503"]["description"] = (
        "Every check worker is busy and the queue is full (or the server is busy); retry "
        "after `Retry-After` seconds."
    )
    answers["503"]["headers"]["Retry-After"] = RETRY_AFTER
    return {
        "post": {
            "operationId": "startConformanceCheck",
            "summary": "Start a conformance check of a supplier's feed (a job: poll its status).",
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {
                        "schema": _ref("CheckRequest"),
                        "example": _REQUEST_EXAMPLE,
                    }
                },
            },
            "responses": answers,
        }
    }


def _get(op_id: str, summary: str, ok: dict[str, Any]) -> dict[str, Any]:
    answers = responses(ok, ERROR_REF, has_id=True)
    answers["404"]["description"] = "No check with this id, or (a report) the check is not done."
    return {
        "get": {"operationId": op_id, "summary": summary, "parameters": [_ID], "responses": answers}
    }


def conformance_paths() -> dict[str, Any]:
    """`POST /api/conformance`, `GET /api/conformance/{id}` and its reports."""
    text = {"type": "string"}
    status_ok = {
        "description": "The check's status; with its report once done.",
        "content": {
            "application/json": {"schema": _ref("CheckStatusBody"), "example": _STATUS_EXAMPLE}
        },
    }
    html = _get(
        "getConformanceReportHtml",
        "The report as a stand-alone HTML page.",
        {"description": "The HTML report.", "content": {"text/html": {"schema": text}}},
    )
    html["get"]["responses"]["200"]["headers"]["Content-Security-Policy"] = {
        "description": "No scripts, no requests, sandboxed.",
        "required": True,
        "schema": text,
    }
    return {
        API: _start(),
        API + "/{id}": _get("getConformanceCheck", "A conformance check's status.", status_ok),
        API + "/{id}/report.json": _get(
            "getConformanceReportJson",
            "The report as JSON (as `report` in the status).",
            {
                "description": "The JSON report.",
                "content": {
                    "application/json": {
                        "schema": {"type": "object"},
                        "example": _STATUS_EXAMPLE["report"],
                    }
                },
            },
        ),
        API + "/{id}/report.junit.xml": _get(
            "getConformanceReportJunit",
            "The report as JUnit XML (one testcase per checked item), for a supplier's CI.",
            {"description": "The JUnit report.", "content": {"application/xml": {"schema": text}}},
        ),
        API + "/{id}/report.html": html,
    }


__all__ = ["conformance_paths"]
