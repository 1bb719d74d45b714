"""`GET /openapi.json`: the OpenAPI 3.1 document of every endpoint.

Parameters come from the same `Param` declarations that validate requests; response schemas are
derived from the pydantic models in `schemas.py` that build the answers.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import models_json_schema
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import BaseRoute, Route

from search_api.openapi_conformance import conformance_paths
from search_api.openapi_dashboard import dashboard_paths
from search_api.openapi_export import export_paths
from search_api.openapi_registrations import registration_paths
from search_api.openapi_reports import report_paths
from search_api.openapi_responses import LINK, responses, revalidated
from search_api.openapi_takedown import gone, takedown_paths
from search_api.openapi_woo import DOCUMENT_PARAMS, document_ok, woo_paths
from search_api.params import Param, parse_params
from search_api.ranges import RANGE_PATTERN
from search_api.routes_monitor import MonitorResponse
from search_api.routes_search import SEARCH_PARAMS
from search_api.schemas import (
    DocumentDetail,
    ErrorBody,
    Health,
    MeetingDetail,
    MotionDetail,
    SearchResponse,
    SourcesResponse,
)
from search_api.schemas_conformance import CheckAccepted, CheckRequest, CheckStatusBody
from search_api.schemas_dossiers import DossierDetail
from search_api.schemas_registrations import (
    RegistrationBody,
    RegistrationRequest,
    RegistrationsResponse,
    SubmitRequest,
    VerificationAccepted,
)
from search_api.schemas_reports import (
    AnswerRequest,
    ReportAccepted,
    ReportBody,
    ReportRequest,
    ReportsResponse,
)
from search_api.schemas_takedown import TakedownBody, TakedownRequest
from search_api.web.monitor_query import PARAMS as MONITOR_PARAMS
from vindplaats import __version__
from vindplaats.operations.dashboard import OrganisationDashboard
from vindplaats.operations.dashboard_models import WooExportCheckView

REF = "#/components/schemas/{model}"
ORGANISATION_PATHS = "/api/organisations/{org}/"
SECURITY_SCHEMES = {
    "organisationToken": {
        "type": "http",
        "scheme": "bearer",
        "description": "An organisation's API token (`vpt_...`), made and revoked by its "
        "editors on /beheer/organisaties/{org}/tokens and shown once: `Authorization: Bearer "
        "vpt_...`. A browser signed in as an editor of the organisation (the session cookie "
        "`vp_sessie`) may call the same endpoints without it.",
    }
}
_METHODS = ("get", "put", "post", "delete", "patch")
_MODELS: tuple[type[BaseModel], ...] = (
    ErrorBody,
    SearchResponse,
    DocumentDetail,
    DossierDetail,
    MeetingDetail,
    MotionDetail,
    SourcesResponse,
    Health,
    CheckRequest,
    CheckAccepted,
    CheckStatusBody,
    ReportRequest,
    ReportAccepted,
    ReportsResponse,
    ReportBody,
    AnswerRequest,
    TakedownRequest,
    TakedownBody,
    OrganisationDashboard,
    WooExportCheckView,
    MonitorResponse,
    RegistrationRequest,
    RegistrationBody,
    RegistrationsResponse,
    SubmitRequest,
    VerificationAccepted,
)


def _schema_ref(model: type[BaseModel]) -> dict[str, str]:
    return {"$ref": REF.format(model=model.__name__)}


def _param(param: Param) -> dict[str, Any]:
    return {
        "name": param.name,
        "in": "query",
        "required": False,
        "description": param.description,
        "schema": param.schema(),
        **({"style": "form", "explode": True} if param.repeated else {}),
    }


RANGE_HEADER = {
    "name": "Range",
    "in": "header",
    "required": False,
    "description": "Byte ranges of the file (RFC 9110): `bytes=` and 1 to 100 comma-separated "
    "ranges `first-`, `first-last` or `-suffix`; answered 206. Any other value is a 400, a "
    "range selecting no byte of the file a 416. Ignored (the whole file, 200) when `If-Range` "
    "names another version than the file's `ETag` or `Last-Modified`.",
    "schema": {"type": "string", "pattern": RANGE_PATTERN},
}


def _json(model: type[BaseModel]) -> dict[str, Any]:
    return {"application/json": {"schema": _schema_ref(model)}}


def _operation(
    op_id: str,
    summary: str,
    ok: dict[str, Any],
    params: tuple[Param, ...] = (),
    path_id: str | None = None,
    limited: bool = True,
    is_file: bool = False,
) -> dict[str, Any]:
    parameters = [_param(p) for p in params]
    if is_file:
        parameters.append(RANGE_HEADER)
    if path_id:
        parameters.insert(
            0,
            {
                "name": "id",
                "in": "path",
                "required": True,
                "description": path_id + " Any other string answers 404.",
                "schema": {"type": "string"},
            },
        )
    answers = responses(
        ok, _schema_ref(ErrorBody), has_id=bool(path_id), limited=limited, is_file=is_file
    )
    return {
        "get": {
            "operationId": op_id,
            "summary": summary,
            "parameters": parameters,
            "responses": answers,
        }
    }


def _with_link(operation: dict[str, Any]) -> dict[str, Any]:
    """`operation` with the `Link` header (first and next page) on its 200."""
    operation["get"]["responses"]["200"]["headers"]["Link"] = LINK
    return operation


def _secured(paths: dict[str, Any]) -> dict[str, Any]:
    """`paths` with the token's security requirement on every organisation endpoint."""
    for path, item in paths.items():
        if path.startswith(ORGANISATION_PATHS):
            for method in _METHODS:
                if method in item:
                    item[method]["security"] = [{"organisationToken": []}]
    return paths


def _paths() -> dict[str, Any]:
    """Every path of the API: the records first, then the service's own endpoints."""
    return _secured(
        {
            **_record_paths(),
            **export_paths(),
            **woo_paths(),
            **conformance_paths(),
            **report_paths(),
            **takedown_paths(),
            **dashboard_paths(),
            **registration_paths(),
            **_service_paths(),
        }
    )


def _record_paths() -> dict[str, Any]:
    """Search and the records it finds: documents (and their files), meetings, motions."""
    doc_id = "Document id, e.g. document:notubiz:amsterdam:6183601."
    paths = {
        "/api/search": _with_link(
            _operation(
                "search",
                "Search documents; page hits grouped per document, filters, facets, cursor "
                "paging (`next`, and the `Link` header).",
                {"description": "One page of results.", "content": _json(SearchResponse)},
                SEARCH_PARAMS,
            )
        ),
        "/api/documents/{id}": _operation(
            "getDocument",
            "A document: metadata, download and extraction state, text per page, context.",
            document_ok(_schema_ref(DocumentDetail)),
            DOCUMENT_PARAMS,
            path_id=doc_id,
        ),
        "/api/documents/{id}/file": _operation(
            "getDocumentFile",
            "The stored copy of the original file, with its content type; `Range` requests "
            "(one or several byte ranges) answer 206.",
            {
                "description": "The original file.",
                "content": {"*/*": {"schema": {"type": "string", "format": "binary"}}},
            },
            path_id=doc_id,
            is_file=True,
        ),
        "/api/meetings/{id}": _operation(
            "getMeeting",
            "A meeting with its agenda tree (headings included) and documents.",
            {"description": "The meeting.", "content": _json(MeetingDetail)},
            path_id="Meeting id, e.g. meeting:notubiz:amsterdam:1234.",
        ),
        "/api/dossiers/{id}": _operation(
            "getDossier",
            "A Woo-besluit dossier: decision, outcome, judgement and ground counts, its documents "
            "and its inventory rows, each joined row linked to its document.",
            {"description": "The dossier.", "content": _json(DossierDetail)},
            path_id="Dossier id (a digest of its decision letter's URL), e.g. "
            "dossier:diwoo:vws:3f0c9a1b2d4e5f60718293a4.",
        ),
        "/api/motions/{id}": _operation(
            "getMotion",
            "A motion or amendment: title, submitters, result, votes, meeting and documents.",
            {"description": "The motion.", "content": _json(MotionDetail)},
            path_id="Motion id, e.g. motion:ibabs:bergenrode:42.",
        ),
    }
    for path, operation in paths.items():  # every record and file answers 304 to its ETag
        if path != "/api/search":
            revalidated(operation, is_file=path.endswith("/file"))
            gone(operation)  # and 410 while it is taken down
    return paths


def _service_paths() -> dict[str, Any]:
    """The registered sources, health, metrics and this document."""
    return {
        "/api/sources": _operation(
            "listSources",
            "Registered sources with their last harvest run and document counts.",
            {"description": "All sources.", "content": _json(SourcesResponse)},
        ),
        "/api/monitor": _operation(
            "monitor",
            "The national monitor: every catalogue organisation and registered source with its "
            "connection, freshness, last harvest, documents per year and Woo-index export; the "
            "rows of /monitor and /monitor.csv, filtered and ordered the same way.",
            {"description": "The rows the filters select.", "content": _json(MonitorResponse)},
            MONITOR_PARAMS,
        ),
        "/healthz": _operation(
            "health",
            "Liveness, with the number of indexed documents; never rate limited.",
            {"description": "The service is up.", "content": _json(Health)},
            limited=False,
        ),
        "/metrics": _operation(
            "metrics",
            "Prometheus metrics (text exposition format 0.0.4); never rate limited.",
            {
                "description": "Requests, latencies, harvests, documents, index size.",
                "content": {"text/plain": {"schema": {"type": "string"}}},
            },
            limited=False,
        ),
        "/openapi.json": _operation(
            "openapi",
            "This document.",
            {
                "description": "The OpenAPI 3.1 document.",
                "content": {"application/json": {"schema": {"type": "object"}}},
            },
        ),
    }


def served_paths(routes: list[BaseRoute]) -> frozenset[str]:
    """The paths of the app's routes, written as in the document (`{id:path}` → `{id}`)."""
    return frozenset(r.path.replace("{id:path}", "{id}") for r in routes if isinstance(r, Route))


@lru_cache(maxsize=4)
def openapi_document(served: frozenset[str] | None = None) -> dict[str, Any]:
    """The document; with `served`, only those of its paths (the routes an app mounts)."""
    paths = {p: item for p, item in _paths().items() if served is None or p in served}
    _, defs = models_json_schema([(m, "serialization") for m in _MODELS], ref_template=REF)
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Vindplaats API",
            "version": __version__,
            "description": "Read-only search over Dutch council information, and conformance "
            "checks of suppliers' feeds (`POST /api/conformance`). Errors answer "
            'with {"error": {"code", "message", "parameter"}} (429 and 503 with Retry-After). '
            "Query parameters are checked exactly as their schemas say: unknown or repeated "
            "single parameters are refused; text has no control characters but tab, line feed "
            "and carriage return (read as spaces), and an empty text value is the same as "
            "leaving the parameter out; dates, numbers, booleans and choices refuse an empty "
            "value. Invalid query syntax in `q` is read as plain words, never an error.",
        },
        "paths": paths,
        "components": {"schemas": defs["$defs"], "securitySchemes": SECURITY_SCHEMES},
    }


def openapi(request: Request) -> JSONResponse:
    parse_params((), request.query_params)
    return JSONResponse(openapi_document(served_paths(request.app.routes)))


routes = [Route("/openapi.json", openapi, methods=["GET"], name="openapi")]
