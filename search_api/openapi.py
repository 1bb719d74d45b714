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
from starlette.routing import Route

from search_api.params import Param, parse_params
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
from vindplaats import __version__

REF = "#/components/schemas/{model}"
_MODELS: tuple[type[BaseModel], ...] = (
    ErrorBody,
    SearchResponse,
    DocumentDetail,
    MeetingDetail,
    MotionDetail,
    SourcesResponse,
    Health,
)


def _schema_ref(model: type[BaseModel]) -> dict[str, str]:
    return {"$ref": REF.format(model=model.__name__)}


def _param(param: Param) -> dict[str, Any]:
    kinds = {"string": "string", "date": "string", "integer": "integer", "boolean": "boolean"}
    schema: dict[str, Any] = {"type": kinds[param.kind]}
    if param.kind == "date":
        schema["format"] = "date"
    if param.choices:
        schema["enum"] = list(param.choices)
    if param.minimum is not None:
        schema["minimum"] = param.minimum
    if param.maximum is not None:
        schema["maximum"] = param.maximum
    if param.default is not None:
        schema["default"] = param.default
    if param.repeated:
        schema = {"type": "array", "items": schema}
    return {
        "name": param.name,
        "in": "query",
        "required": False,
        "description": param.description,
        "schema": schema,
        **({"style": "form", "explode": True} if param.repeated else {}),
    }


def _error(description: str) -> dict[str, Any]:
    return {"description": description, "content": _json(ErrorBody)}


def _json(model: type[BaseModel]) -> dict[str, Any]:
    return {"application/json": {"schema": _schema_ref(model)}}


def _operation(
    op_id: str,
    summary: str,
    ok: dict[str, Any],
    params: tuple[Param, ...] = (),
    path_id: str | None = None,
    not_found: bool = False,
) -> dict[str, Any]:
    parameters = [_param(p) for p in params]
    if path_id:
        parameters.insert(
            0,
            {
                "name": "id",
                "in": "path",
                "required": True,
                "description": path_id,
                "schema": {"type": "string"},
            },
        )
    responses: dict[str, Any] = {"200": ok, "400": _error("Invalid or unknown parameter.")}
    if not_found:
        responses["404"] = _error("Unknown id, or no stored file.")
    responses["405"] = _error("Only GET (and HEAD) are allowed.")
    return {
        "get": {
            "operationId": op_id,
            "summary": summary,
            "parameters": parameters,
            "responses": responses,
        }
    }


def _paths() -> dict[str, Any]:
    doc_id = "Document id, e.g. document:notubiz:amsterdam:6183601."
    return {
        "/api/search": _operation(
            "search",
            "Search documents; page hits grouped per document, filters, facets, cursor paging.",
            {"description": "One page of results.", "content": _json(SearchResponse)},
            SEARCH_PARAMS,
        ),
        "/api/documents/{id}": _operation(
            "getDocument",
            "A document: metadata, download and extraction state, text per page, context.",
            {"description": "The document.", "content": _json(DocumentDetail)},
            path_id=doc_id,
            not_found=True,
        ),
        "/api/documents/{id}/file": _operation(
            "getDocumentFile",
            "The stored copy of the original file, with its content type.",
            {
                "description": "The original file.",
                "content": {"*/*": {"schema": {"type": "string", "format": "binary"}}},
            },
            path_id=doc_id,
            not_found=True,
        ),
        "/api/meetings/{id}": _operation(
            "getMeeting",
            "A meeting with its agenda tree (headings included) and documents.",
            {"description": "The meeting.", "content": _json(MeetingDetail)},
            path_id="Meeting id, e.g. meeting:notubiz:amsterdam:1234.",
            not_found=True,
        ),
        "/api/motions/{id}": _operation(
            "getMotion",
            "A motion or amendment: title, submitters, result, votes, meeting and documents.",
            {"description": "The motion.", "content": _json(MotionDetail)},
            path_id="Motion id, e.g. motion:ibabs:bergenrode:42.",
            not_found=True,
        ),
        "/api/sources": _operation(
            "listSources",
            "Registered sources with their last harvest run and document counts.",
            {"description": "All sources.", "content": _json(SourcesResponse)},
        ),
        "/healthz": _operation(
            "health",
            "Liveness, with the number of indexed documents.",
            {"description": "The service is up.", "content": _json(Health)},
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


@lru_cache(maxsize=1)
def openapi_document() -> dict[str, Any]:
    _, defs = models_json_schema([(m, "serialization") for m in _MODELS], ref_template=REF)
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Vindplaats API",
            "version": __version__,
            "description": "Read-only search over Dutch council information. Errors answer "
            'with {"error": {"code", "message", "parameter"}}; invalid query syntax is read '
            "as plain words, never an error.",
        },
        "paths": _paths(),
        "components": {"schemas": defs["$defs"]},
    }


def openapi(request: Request) -> JSONResponse:
    parse_params((), request.query_params)
    return JSONResponse(openapi_document())


routes = [Route("/openapi.json", openapi, methods=["GET"], name="openapi")]
