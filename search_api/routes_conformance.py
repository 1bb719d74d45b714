"""Conformance checks of suppliers' feeds over the API (`search_api.conformance_jobs` runs them).

- `POST /api/conformance` `{"url", "standard", "max_requests"?}` (`application/json`) starts a
  check: 202 `CheckAccepted` with `Location`; 415 another media type, 400 a body that is not a
  JSON object, 422 a bad field or a URL the fetch guard refuses, 429 the client's checks spent,
  503 the pool full (`conformance_submit`);
- `GET /api/conformance/{id}`: its status, progress and, once done, the report's JSON;
- `GET /api/conformance/{id}/report.json`, `report.junit.xml`, `report.html`: the report in the
  checker's formats (404 until the check is done).

`add_conformance` mounts the pool on an app: started and stopped with it.
"""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from search_api.conformance_jobs import CheckPool
from search_api.conformance_submit import Conformance, Refused, conformance, parse_request, submit
from search_api.errors import error_response
from search_api.params import parse_params
from search_api.ratelimit import RateTable
from search_api.schemas_conformance import (
    API,
    PAGE,
    CheckAccepted,
    report_links,
    status_body,
    status_url,
)
from search_api.services import Services
from vindplaats.errors import NotFound
from vindplaats.settings import Settings
from vindplaats.store.base import Store
from vindplaats.store.sql_conformance import ConformanceCheck

MAX_BODY = 64 * 1024
CHECK_ID = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
REPORT_TYPES = {
    "json": "application/json",
    "junit": "application/xml; charset=utf-8",
    "html": "text/html; charset=utf-8",
}
# the HTML report holds a supplier's text: no scripts, no requests, nothing framed
HTML_POLICY = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; sandbox"


def refusal(exc: Refused) -> Response:
    return error_response(exc.status, exc.message, exc.parameter, exc.headers or None)


async def _body(request: Request) -> Any:
    media = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if media != "application/json" and not (
        media.startswith("application/") and media.endswith("+json")
    ):
        raise Refused(415, "send the check as application/json")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY:
            raise Refused(413, f"request bodies above {MAX_BODY} bytes refused")
        chunks.append(chunk)
    try:
        return json.loads(b"".join(chunks))
    except (ValueError, UnicodeDecodeError) as exc:
        raise Refused(400, f"the body is not JSON: {exc}") from None


async def start_check(request: Request) -> Response:
    try:
        parse_params((), request.query_params)
        asked = parse_request(await _body(request))
        started = await submit(request, asked)
    except Refused as exc:
        return refusal(exc)
    accepted = CheckAccepted(
        id=started.id,
        status="queued",
        status_url=status_url(started.id),
        report_url=report_links(started.id).json_,
        page_url=f"{PAGE}/{started.id}",
    )
    return JSONResponse(
        accepted.model_dump(mode="json"), status_code=202, headers={"Location": accepted.status_url}
    )


def find_check(request: Request) -> ConformanceCheck:
    """The check of the path's id; NotFound for an unknown or malformed id."""
    check_id = request.path_params["id"]
    shown = check_id if len(check_id) <= 80 else check_id[:80] + "…"
    found = conformance(request).pool.status(check_id) if CHECK_ID.match(check_id) else None
    if found is None:
        raise NotFound(f"no conformance check with id {shown!r}")
    return found


def _store(request: Request) -> Store:
    return conformance(request).pool.store


def check_status(request: Request) -> Response:
    parse_params((), request.query_params)
    check = find_check(request)
    text = _store(request).check_report(check.id, "json") if check.status == "done" else None
    report = json.loads(text) if text is not None else None
    return JSONResponse(status_body(check, report).model_dump(mode="json", by_alias=True))


def _report(fmt: str) -> Any:
    def endpoint(request: Request) -> Response:
        parse_params((), request.query_params)
        check = find_check(request)
        text = _store(request).check_report(check.id, fmt)
        if text is None:
            raise NotFound(f"conformance check {check.id} has no report: it is {check.status}")
        headers = {"Content-Security-Policy": HTML_POLICY} if fmt == "html" else {}
        if fmt == "junit":
            headers["Content-Disposition"] = f'attachment; filename="conformance-{check.id}.xml"'
        return Response(text, media_type=REPORT_TYPES[fmt], headers=headers)

    endpoint.__name__ = f"conformance_report_{fmt}"
    return endpoint


routes = [
    Route(API, start_check, methods=["POST"], name="start_conformance_check"),
    Route(API + "/{id}", check_status, methods=["GET"], name="conformance_check"),
    Route(API + "/{id}/report.json", _report("json"), methods=["GET"]),
    Route(API + "/{id}/report.junit.xml", _report("junit"), methods=["GET"]),
    Route(API + "/{id}/report.html", _report("html"), methods=["GET"]),
]


def add_conformance(
    app: Starlette, settings: Settings, services: Services, table: RateTable | None = None
) -> None:
    """Mount the check pool over the app's store: started and stopped with the app."""
    store: Store = services.store
    pool = CheckPool(settings, store)
    app.state.conformance = Conformance(settings, pool, table or RateTable())
    inner = app.router.lifespan_context

    @asynccontextmanager
    async def lifespan(started: Starlette) -> AsyncIterator[Any]:
        async with inner(started) as state:
            pool.start()
            try:
                yield state
            finally:
                pool.close()

    app.router.lifespan_context = lifespan
