"""The one place that turns exceptions into JSON error answers.

- `ParamError` (a `QueryError` naming the parameter) and other `QueryError`s → 400 `bad_request`
- `NotFound` → 404 `not_found`; a record taken down (`TakenDown`, a `NotFound`) → 410 `gone`
- Starlette's HTTP exceptions (unknown route 404, wrong method 405, ...) → the same JSON shape
- anything else → 500 `internal_error`, logged here, with no internals in the body

Every error body is `{"error": {"code": ..., "message": ..., "parameter": ...}}`. Errors on the
web interface's pages (every path outside `JSON_PATHS`) are an HTML page in Dutch
(`templates/error.html`) with the same status and headers instead.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from http import HTTPStatus
from typing import Any
from urllib.parse import urlencode

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response

from search_api.schemas import ErrorBody, ErrorDetail, dump
from vindplaats.errors import NotFound, QueryError, SourceError, VindplaatsError
from vindplaats.privacy.takedowns import TakenDown

log = logging.getLogger("vindplaats.api")

# Paths that answer JSON errors (machine clients); every other path is a page of the interface.
JSON_PATHS = ("/api/", "/openapi.json", "/metrics", "/healthz", "/woo/", "/ori/", "/feed.atom")

_CODES = {
    400: "bad_request",
    404: "not_found",
    405: "method_not_allowed",
    410: "gone",
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


def _answer(
    request: Request,
    status: int,
    message: str,
    parameter: str | None = None,
    headers: Mapping[str, str] | None = None,
) -> Response:
    """The JSON error, or on a page of the web interface the Dutch HTML error page."""
    path = request.url.path
    if path.startswith(JSON_PATHS) or path == "/api":
        return error_response(status, message, parameter, headers)
    from search_api.web.error_page import error_page  # the web package imports this module

    return error_page(request, status, message, headers)


def _vindplaats_error(request: Request, exc: Exception) -> Response:
    if isinstance(exc, ParamError):
        return _answer(request, 400, str(exc), exc.parameter)
    if isinstance(exc, (QueryError, SourceError)):
        return _answer(request, 400, str(exc))
    if isinstance(exc, TakenDown):  # before NotFound, which it is too
        return _answer(request, 410, str(exc))
    if isinstance(exc, NotFound):
        return _answer(request, 404, str(exc))
    return _unexpected(request, exc)


def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    path = request.url.path
    if exc.status_code == 401 and not (path.startswith(JSON_PATHS) or path == "/api"):
        back = path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse("/aanmelden?" + urlencode({"terug": back}), status_code=303)
    if exc.status_code == 404:
        message = f"no such endpoint: {request.url.path}"
    elif exc.status_code == 405:
        allowed = (exc.headers or {}).get("Allow")
        message = f"method {request.method} not allowed at {request.url.path}"
        message += f"; allowed: {allowed}" if allowed else ""
    else:
        message = str(exc.detail)
    return _answer(request, exc.status_code, message, headers=exc.headers)


def _unexpected(request: Request, exc: Exception) -> Response:
    log.error("unexpected error serving %s", request.url.path, exc_info=exc)
    return _answer(request, 500, "internal error; it has been logged")


EXCEPTION_HANDLERS: dict[Any, Any] = {
    HTTPException: _http_error,
    VindplaatsError: _vindplaats_error,
    Exception: _unexpected,
}
