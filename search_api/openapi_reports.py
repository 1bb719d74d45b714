"""The OpenAPI entries of "Mist u een stuk?" reports (`routes_reports`), merged into the document
by `search_api.openapi`: filing a report (public), and an organisation's reading and answering
of its reports (signed in, or with the organisation's API token)."""

from __future__ import annotations

import copy
from typing import Any

from search_api.openapi_responses import ALLOW, responses

ERROR_REF = {"$ref": "#/components/schemas/ErrorBody"}
REF = "#/components/schemas/{model}"
EXAMPLE_ID = "Zk3pQ9vT2mXw8LsR4hJc1NaB"
_REQUEST_EXAMPLE = {
    "subject_kind": "document",
    "subject_id": "document:notubiz:alkmaar:6183601",
    "message": "De bijlage bij agendapunt 4 (de begroting) ontbreekt.",
    "contact": "lezer@example.org",
}
_ORG = {
    "name": "org",
    "in": "path",
    "required": True,
    "description": "The organisation's key (the key of its home source), e.g. alkmaar.",
    "schema": {"type": "string"},
}
_ID = {
    "name": "id",
    "in": "path",
    "required": True,
    "description": "The report's id. Another organisation's report, or any other string, "
    "answers 404.",
    "schema": {"type": "string"},
    "example": EXAMPLE_ID,
}


def _ref(model: str) -> dict[str, str]:
    return {"$ref": REF.format(model=model)}


def _error_like(answers: dict[str, Any], description: str) -> dict[str, Any]:
    answer = copy.deepcopy(answers["400"])
    answer["description"] = description
    return answer


def _body(model: str, example: dict[str, Any] | None = None) -> dict[str, Any]:
    content: dict[str, Any] = {"schema": _ref(model)}
    if example is not None:
        content["example"] = example
    return {"required": True, "content": {"application/json": content}}


def _posted(answers: dict[str, Any], fields: str) -> dict[str, Any]:
    """The refusals every JSON POST of reports shares."""
    answers["400"]["description"] = "The body is not a JSON object, or a query parameter is given."
    answers["405"]["description"] = "Only POST is answered."
    answers["405"]["headers"]["Allow"] = {**ALLOW, "description": "`POST`."}
    answers["415"] = _error_like(answers, "The body is not `application/json`.")
    answers["422"] = _error_like(answers, fields)
    return answers


def _create() -> dict[str, Any]:
    ok = {"description": "", "content": {"application/json": {"schema": _ref("ReportAccepted")}}}
    answers = responses(ok, ERROR_REF)
    accepted = answers.pop("200")
    accepted["description"] = "The report is taken and sent to the subject's organisation."
    answers["202"] = accepted
    _posted(
        answers,
        "A field is missing or invalid (named in `parameter`): the message empty or above 2,000 "
        "characters, the contact not an email address or phone number, or no such subject.",
    )
    answers["429"]["description"] = (
        "The client's reports (5 an hour), the organisation's reports (200 a day) or the "
        "client's requests are spent; retry after `Retry-After` seconds."
    )
    return {
        "post": {
            "operationId": "createReport",
            "summary": 'Report a missing document ("Mist u een stuk?") to the organisation of a '
            "document, meeting or organisation; public, no token.",
            "requestBody": _body("ReportRequest", _REQUEST_EXAMPLE),
            "responses": answers,
        }
    }


def _signed_in(answers: dict[str, Any]) -> dict[str, Any]:
    answers["401"] = _error_like(
        answers, "Neither a session of an editor nor an API token (`Authorization: Bearer`)."
    )
    answers["403"] = _error_like(
        answers, "The session's account or the token acts for another organisation."
    )
    return answers


def _list() -> dict[str, Any]:
    ok = {
        "description": "The organisation's reports, with the reporters' contacts.",
        "content": {"application/json": {"schema": _ref("ReportsResponse")}},
    }
    answers = _signed_in(responses(ok, ERROR_REF, has_id=True))
    answers["404"]["description"] = "No such path."
    status = {
        "name": "status",
        "in": "query",
        "required": False,
        "description": "Only the open or the closed reports (both when left out).",
        "schema": {"type": "string", "enum": ["open", "closed"]},
    }
    return {
        "get": {
            "operationId": "listReports",
            "summary": "An organisation's missing-document reports, open ones first (its editors' "
            "session or its API token).",
            "parameters": [_ORG, status],
            "responses": answers,
        }
    }


def _answer() -> dict[str, Any]:
    ok = {
        "description": "The report with its answer (closed when asked).",
        "content": {"application/json": {"schema": _ref("ReportBody")}},
    }
    answers = _signed_in(responses(ok, ERROR_REF, has_id=True))
    answers["404"]["description"] = "No report with this id for this organisation."
    _posted(answers, "The answer is above 4,000 characters, or empty while not closing.")
    return {
        "post": {
            "operationId": "answerReport",
            "summary": "Answer a report and optionally close it; audited.",
            "parameters": [_ORG, _ID],
            "requestBody": _body("AnswerRequest", {"answer": "Staat er nu bij.", "close": True}),
            "responses": answers,
        }
    }


def report_paths() -> dict[str, Any]:
    """`POST /api/reports`, and an organisation's list and answers."""
    org = "/api/organisations/{org}/reports"
    return {"/api/reports": _create(), org: _list(), org + "/{id}": _answer()}


__all__ = ["report_paths"]
