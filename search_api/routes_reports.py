""" "Mist u een stuk?" reports over the API (`vindplaats.operations.reports` holds the rules).

- `POST /api/reports` `{"subject_kind", "subject_id", "message", "contact"?}`
  (`application/json`, public): 202 `ReportAccepted` (taken and sent to the organisation;
  it is not readable publicly); 415 another media type, 400 a body that
  is not a JSON object, 422 a bad field or an unknown subject, 429 the client's reports (5 an
  hour) or the organisation's (200 a day) spent, with Retry-After;
- `GET /api/organisations/{org}/reports?status=open|closed`: the organisation's reports with
  the reporters' contacts (an editor's session or the organisation's API token; 401 without,
  403 for another organisation);
- `POST /api/organisations/{org}/reports/{id}` `{"answer", "close"}`: the organisation answers
  (and closes) a report, audited; 200 `ReportBody`, 404 an unknown report or another
  organisation's.

The organisation's routes need its editor's session or API token (`search_api.access`).
A JSON POST cannot be sent cross-site without the browser asking first (CORS), so the public
endpoint needs no CSRF token. The client is counted as `report_client`: a keyed hash of its
address (`search_api.ratelimit.client_key`, `VINDPLAATS_TRUSTED_PROXIES` honoured).
"""

from __future__ import annotations

import json
import os
import secrets
import time
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from search_api import access
from search_api.errors import error_response
from search_api.params import Param, parse_params
from search_api.ratelimit import client_key, parse_networks
from search_api.schemas_reports import (
    AnswerRequest,
    ReportAccepted,
    ReportRequest,
    ReportsResponse,
    report_body,
)
from search_api.services import services
from vindplaats.errors import ConfigError
from vindplaats.operations.reports import (
    ReportInput,
    ReportRefused,
    answer_report,
    client_hash,
    file_report,
    find_report,
)

MAX_BODY = 16 * 1024
SECRET_FILE = "report-client.key"
LIST_LIMIT = 200
STATUS_PARAM = Param(
    "status",
    description="Only the open or the closed reports (both when left out).",
    choices=("open", "closed"),
)


@cache
def client_secret(data_dir: Path) -> bytes:
    """The key of the clients' hashes: 32 random bytes in `<data dir>/report-client.key`
    (created once, mode 0600), so every worker process and every restart count alike."""
    path = data_dir / SECRET_FILE
    data_dir.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        for _ in range(50):  # another worker may be writing it this moment
            key = path.read_bytes()
            if len(key) >= 32:
                return key
            time.sleep(0.02)
        raise ConfigError(f"{path} holds no key: remove it, a new one is made") from None
    key = secrets.token_bytes(32)
    with os.fdopen(fd, "wb") as out:
        out.write(key)
    return key


def report_client(request: Request) -> str:
    """The requesting client as reports store it: a keyed hash of its address."""
    settings = services(request).settings
    address = client_key(request.scope, parse_networks(settings.trusted_proxies))
    return client_hash(client_secret(settings.data_dir), "report:" + address)


def refusal(exc: ReportRefused) -> Response:
    headers = {"Retry-After": str(exc.retry_after)} if exc.retry_after else None
    return error_response(exc.status, exc.message, exc.field, headers)


async def json_body(request: Request, model: type[BaseModel]) -> Any:
    """The body as `model`; ReportRefused 415/413/400/422 otherwise."""
    media = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if media != "application/json":
        raise ReportRefused(415, "send the body as application/json", "")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY:
            raise ReportRefused(413, f"request bodies above {MAX_BODY} bytes refused", "")
        chunks.append(chunk)
    try:
        body = json.loads(b"".join(chunks))
    except (ValueError, UnicodeDecodeError) as exc:
        raise ReportRefused(400, f"the body is not JSON: {exc}", "") from None
    if not isinstance(body, dict):
        raise ReportRefused(400, "the body must be a JSON object", "")
    try:
        return model.model_validate(body)
    except ValidationError as exc:
        first = exc.errors()[0]
        name = ".".join(str(part) for part in first["loc"]) or None
        raise ReportRefused(422, f"{name}: {first['msg']}", "", name) from None


async def create_report(request: Request) -> Response:
    try:
        parse_params((), request.query_params)
        asked: ReportRequest = await json_body(request, ReportRequest)
        report = await run_in_threadpool(
            file_report,
            services(request).store,
            ReportInput(asked.subject_kind, asked.subject_id, asked.message, asked.contact or ""),
            report_client(request),
        )
    except ReportRefused as exc:
        return refusal(exc)
    accepted = ReportAccepted(id=report.id, status="open", organisation=report.organisation_key)
    return JSONResponse(accepted.model_dump(mode="json"), status_code=202)


def list_reports(request: Request) -> Response:
    params = parse_params((STATUS_PARAM,), request.query_params)
    org = request.path_params["org"]
    access.require_organisation(request, org)
    store = services(request).store
    counts = store.missing_report_counts(org)
    found = store.missing_reports(org, status=params.get("status"), limit=LIST_LIMIT)
    body = ReportsResponse(
        organisation=org,
        open=counts["open"],
        closed=counts["closed"],
        reports=[report_body(r) for r in found],
    )
    return JSONResponse(body.model_dump(mode="json"))


async def answer(request: Request) -> Response:
    org = request.path_params["org"]
    who = access.require_organisation(request, org)
    try:
        parse_params((), request.query_params)
        asked: AnswerRequest = await json_body(request, AnswerRequest)
        store = services(request).store
        report = find_report(store, org, request.path_params["id"])
        saved = await run_in_threadpool(
            answer_report, store, report, asked.answer, who.actor, close=asked.close
        )
    except ReportRefused as exc:
        return refusal(exc)
    return JSONResponse(report_body(saved).model_dump(mode="json"))


def _routes() -> list[BaseRoute]:
    public: list[BaseRoute] = [
        Route("/api/reports", create_report, methods=["POST"], name="create_report"),
    ]
    return [
        *public,
        Route("/api/organisations/{org}/reports", list_reports, methods=["GET"]),
        Route("/api/organisations/{org}/reports/{id}", answer, methods=["POST"]),
    ]


routes = _routes()
