"""The one place that turns exceptions into JSON error answers.

- `ParamError` (a `QueryError` naming the parameter) and other `QueryError`s → 400 `bad_request`
- `NotFound` → 404 `not_found`
- Starlette's HTTP exceptions (unknown route 404, wrong method 405, ...) → the same JSON shape
- anything else → 500 `internal_error`, logged here, with no internals in the body

Every error body is `{"error": {"code": ..., "message": ..., "parameter": ...}}`.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from http import HTTPStatus
from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from search_api.schemas import ErrorBody, ErrorDetail, dump
from vindplaats.errors import NotFound, QueryError, SourceError, VindplaatsError

log = logging.getLogger("vindplaats.api")

_CODES = {
    400: "bad_request",
    404: "not_found",
    405: "method_not_allowed",
    413: "payload_too_large",
    416: "range_not_satisfiable",
    429: "too_many_requests",
    500: "internal_error",
    503: "service_unavailable",
}


class ParamError(QueryError):
    """A query parameter was missing, unknown or invalid."""

    def __init__(self, parameter: str, message: str) -> None:
        super().__init__(message)
        self.parameter = parameter


def error_response(
    status: int,
    message: str,
    parameter: str | None = None,
    headers: Mapping[str, str] | None = None,
) -> JSONResponse:
    code = _CODES.get(status) or HTTPStatus(status).phrase.lower().replace(" ", "_")
    body = ErrorBody(error=ErrorDetail(code=code, message=message, parameter=parameter))
    return JSONResponse(dump(body), status_code=status, headers=headers)


def _vindplaats_error(request: Request, exc: Exception) -> Response:
    if isinstance(exc, ParamError):
        return error_response(400, str(exc), exc.parameter)
    if isinstance(exc, (QueryError, SourceError)):
        return error_response(400, str(exc))
    if isinstance(exc, NotFound):
        return error_response(404, str(exc))
    return _unexpected(request, exc)


def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if exc.status_code == 404:
        message = f"no such endpoint: {request.url.path}"
    elif exc.status_code == 405:
        message = f"method {request.method} not allowed; this API only answers GET"
    else:
        message = str(exc.detail)
    return error_response(exc.status_code, message, headers=exc.headers)


def _unexpected(request: Request, exc: Exception) -> Response:
    log.error("unexpected error serving %s", request.url.path, exc_info=exc)
    return error_response(500, "internal error; it has been logged")


EXCEPTION_HANDLERS: dict[Any, Any] = {
    HTTPException: _http_error,
    VindplaatsError: _vindplaats_error,
    Exception: _unexpected,
}
