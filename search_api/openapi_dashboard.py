"""The OpenAPI entries of an organisation's dashboard (`routes_dashboard`), merged into the
document by `search_api.openapi`: reading the dashboard and validating the organisation's
Woo-index export now (an editor's session or the organisation's API token)."""

from __future__ import annotations

import copy
from typing import Any

from search_api.openapi_responses import ALLOW, responses

ERROR_REF = {"$ref": "#/components/schemas/ErrorBody"}
_ORG = {
    "name": "org",
    "in": "path",
    "required": True,
    "description": "The organisation's key (the key of its home source), e.g. alkmaar.",
    "schema": {"type": "string"},
}


def _ok(model: str, description: str) -> dict[str, Any]:
    schema = {"$ref": f"#/components/schemas/{model}"}
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _signed_in(answers: dict[str, Any]) -> dict[str, Any]:
    for status, text in (
        ("401", "Neither a session of an editor nor an API token (`Authorization: Bearer`)."),
        ("403", "The session's account or the token acts for another organisation."),
    ):
        answers[status] = copy.deepcopy(answers["400"])
        answers[status]["description"] = text
    answers["400"]["description"] = "A query parameter is given (none is taken)."
    answers["404"]["description"] = "No such organisation (or, for a validation, its "
    answers["404"]["description"] += "Woo-index export is not served here)."
    return answers


def _dashboard() -> dict[str, Any]:
    answers = _signed_in(
        responses(
            _ok("OrganisationDashboard", "The organisation's sources and what went wrong."),
            ERROR_REF,
            has_id=True,
        )
    )
    answers["405"]["headers"]["Allow"] = {**ALLOW, "description": "`GET, HEAD`."}
    return {
        "get": {
            "operationId": "organisationDashboard",
            "summary": "An organisation's dashboard: per source its health and last runs, counts "
            "per year and month beside the supplier's own totals (null: not reported), months "
            "without a meeting, failed and withdrawn documents, the Woo-index export's last "
            "validation.",
            "parameters": [_ORG],
            "responses": answers,
        }
    }


def _check() -> dict[str, Any]:
    answers = _signed_in(
        responses(_ok("WooExportCheckView", "The validation, as recorded."), ERROR_REF, has_id=True)
    )
    answers["405"]["headers"]["Allow"] = {**ALLOW, "description": "`POST`."}
    return {
        "post": {
            "operationId": "checkWooExport",
            "summary": "Validate the organisation's Woo-index export now (as the national "
            "harvester reads it) and record the result; audited.",
            "parameters": [_ORG],
            "responses": answers,
        }
    }


def dashboard_paths() -> dict[str, Any]:
    org = "/api/organisations/{org}"
    return {org + "/dashboard": _dashboard(), org + "/woo-export-check": _check()}


__all__ = ["dashboard_paths"]
