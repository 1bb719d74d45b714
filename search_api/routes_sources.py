"""`GET /api/sources` (what is harvested and how fresh: `vindplaats.operations.health`) and
`GET /healthz`."""

from __future__ import annotations

import re

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from search_api.params import parse_params
from search_api.schemas import Health, RunInfo, SourceInfo, SourcesResponse, dump
from search_api.services import services
from vindplaats import __version__
from vindplaats.operations.health import SourceHealth, health_report
from vindplaats.sources import Source
from vindplaats.store import Store
from vindplaats.store.models import HarvestRun, RunStatus

MAX_ERRORS_SHOWN = 20
# Values of URL parameters that may carry credentials are hidden in error messages.
_SECRET_PARAM = re.compile(
    r"(?i)\b((?:api[_-]?)?(?:token|key|secret|password|passwd|auth\w*)=)[^&\s\"']+"
)
_URL_USERINFO = re.compile(r"(?i)(https?://)[^/@\s]+@")


def redact(message: str) -> str:
    """Hide credentials in an error message (URL user info, token-like parameters)."""
    return _SECRET_PARAM.sub(r"\1***", _URL_USERINFO.sub(r"\1***@", message))


def _run_info(run: HarvestRun | None) -> RunInfo | None:
    if run is None:
        return None
    return RunInfo(
        status=run.status.value,
        started_at=run.started_at,
        ended_at=run.ended_at,
        counts=run.counts,
        errors=[redact(e) for e in run.errors[:MAX_ERRORS_SHOWN]],
    )


def source_info(store: Store, source: Source, health: SourceHealth) -> SourceInfo:
    """The public view of a source: no configuration beyond its identity, never secrets."""
    success = store.last_run(source.key, RunStatus.OK)
    last_error = health.last_error
    health = health.model_copy(update={"last_error": redact(last_error) if last_error else None})
    return SourceInfo(
        key=source.key,
        name=source.name,
        supplier=source.supplier.value,
        organisation_type=source.organisation_type.value,
        cbs_code=source.cbs_code,
        tooi_uri=source.tooi_uri,
        last_run=_run_info(store.last_run(source.key)),
        last_success=success.ended_at if success else None,
        documents=store.document_counts(source.key),
        health=health,
    )


def list_sources(request: Request) -> JSONResponse:
    parse_params((), request.query_params)
    store = services(request).store
    sources = store.list_sources()
    health = health_report(store, services(request).settings, sources)
    body = SourcesResponse(sources=[source_info(store, s, health[s.key]) for s in sources])
    return JSONResponse(dump(body))


def healthz(request: Request) -> JSONResponse:
    parse_params((), request.query_params)
    body = Health(status="ok", documents=services(request).engine.count(), version=__version__)
    return JSONResponse(dump(body))


routes = [
    Route("/api/sources", list_sources, methods=["GET"], name="sources"),
    Route("/healthz", healthz, methods=["GET"], name="healthz"),
]
