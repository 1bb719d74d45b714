"""The OpenAPI entries of source registration (`routes_registrations`), merged into the document
by `search_api.openapi`: an organisation registers, edits, verifies and submits its own source
systems with its API token (`Authorization: Bearer ...`) or an editor's session."""

from __future__ import annotations

import copy
from typing import Any

from search_api.openapi_responses import ALLOW, RETRY_AFTER, responses

ERROR_REF = {"$ref": "#/components/schemas/ErrorBody"}
REF = "#/components/schemas/{model}"
EXAMPLE_ID = "3f9a1c0e5b7d2a64"
BASE = "/api/organisations/{org}/registrations"
_REQUEST_EXAMPLE = {"supplier": "notubiz", "notubiz_organisation_id": "9001"}
_ORG = {
    "name": "org",
    "in": "path",
    "required": True,
    "description": "The organisation's key (the key of its home source), e.g. voorbeeldstad.",
    "schema": {"type": "string"},
}
_ID = {
    "name": "id",
    "in": "path",
    "required": True,
    "description": "The registration's id. Another organisation's, or any other string, "
    "answers 404.",
    "schema": {"type": "string"},
    "example": EXAMPLE_ID,
}
_SECURITY: list[dict[str, list[str]]] = [{"organisationToken": []}]


def _ref(model: str) -> dict[str, str]:
    return {"$ref": REF.format(model=model)}


def _like(answers: dict[str, Any], status: str, description: str) -> dict[str, Any]:
    answer = copy.deepcopy(answers["400"])
    answer["description"] = description
    return answer


def _answers(model: str, methods: str, *, body: bool, has_id: bool) -> dict[str, Any]:
    ok = {"description": "", "content": {"application/json": {"schema": _ref(model)}}}
    answers = responses(ok, ERROR_REF, has_id=True)
    answers["401"] = _like(answers, "401", "No API token or session, or one that is not valid.")
    answers["403"] = _like(answers, "403", "The token or account is not this organisation's.")
    if not has_id:
        answers["404"]["description"] = "No such organisation."
    answers["405"]["headers"]["Allow"] = {**ALLOW, "description": f"`{methods}`."}
    if body:
        answers["400"]["description"] = (
            "The body is not a JSON object, or a query parameter is given."
        )
        answers["415"] = _like(answers, "415", "The body is not `application/json`.")
        answers["422"] = _like(
            answers,
            "422",
            "A field is missing or invalid (named in `parameter`, the message in Dutch).",
        )
    answers["409"] = _like(answers, "409", "The step does not fit the registration's state.")
    return answers


def _body(model: str, example: dict[str, Any] | None = None) -> dict[str, Any]:
    content: dict[str, Any] = {"schema": _ref(model)}
    if example is not None:
        content["example"] = example
    return {"required": True, "content": {"application/json": content}}


def _operation(op_id: str, summary: str, answers: dict[str, Any], **more: Any) -> dict[str, Any]:
    return {
        "operationId": op_id,
        "summary": summary,
        "security": _SECURITY,
        "responses": answers,
        **more,
    }


def _collection() -> dict[str, Any]:
    listed = _answers("RegistrationsResponse", "GET, HEAD, POST", body=False, has_id=False)
    listed.pop("409")
    created = _answers("RegistrationBody", "GET, HEAD, POST", body=True, has_id=False)
    answer = created.pop("200")
    answer["description"] = "A new draft; `Location` names it."
    created["201"] = answer
    return {
        "parameters": [_ORG],
        "get": _operation(
            "listRegistrations",
            "The organisation's source registrations, newest change first.",
            listed,
        ),
        "post": _operation(
            "createRegistration",
            "Register a source system of the organisation (a draft; never in the registry "
            "before an admin approves it). The key is derived: <org>-<supplier>.",
            created,
            requestBody=_body("RegistrationRequest", _REQUEST_EXAMPLE),
        ),
    }


def _item() -> dict[str, Any]:
    shown = _answers("RegistrationBody", "GET, HEAD, PUT", body=False, has_id=True)
    shown.pop("409")
    edited = _answers("RegistrationBody", "GET, HEAD, PUT", body=True, has_id=True)
    edited["409"]["description"] = "The registration is approved: it can no longer be changed."
    return {
        "parameters": [_ORG, _ID],
        "get": _operation("getRegistration", "One registration with its verification.", shown),
        "put": _operation(
            "putRegistration",
            "New fields: the registration goes back to draft (a token left out is kept).",
            edited,
            requestBody=_body("RegistrationRequest", _REQUEST_EXAMPLE),
        ),
    }


def _verify() -> dict[str, Any]:
    answers = _answers("VerificationAccepted", "POST", body=False, has_id=True)
    accepted = answers.pop("200")
    accepted["description"] = "The dry-run is queued; poll `status_url` (also in `Location`)."
    answers["202"] = accepted
    answers["409"]["description"] = "It is being verified already, submitted or decided."
    answers["503"]["description"] = "Every verification worker is busy; retry after `Retry-After`."
    answers["503"]["headers"]["Retry-After"] = RETRY_AFTER
    return {
        "parameters": [_ORG, _ID],
        "post": _operation(
            "verifyRegistration",
            "Start the verification dry-run: the real harvester over the last months, into a "
            "throwaway store, no documents downloaded, within a request and a time cap.",
            answers,
        ),
    }


def _submit() -> dict[str, Any]:
    answers = _answers("RegistrationBody", "POST", body=True, has_id=True)
    answers["409"]["description"] = (
        "Not verified yet, or the verification was fatal or saw nothing and no `note` is given."
    )
    return {
        "parameters": [_ORG, _ID],
        "post": _operation(
            "submitRegistration",
            "Submit a verified registration for an admin to approve or reject.",
            answers,
            requestBody=_body("SubmitRequest", {"note": ""}),
        ),
    }


def registration_paths() -> dict[str, Any]:
    return {
        BASE: _collection(),
        BASE + "/{id}": _item(),
        BASE + "/{id}/verify": _verify(),
        BASE + "/{id}/submit": _submit(),
    }


__all__ = ["registration_paths"]
