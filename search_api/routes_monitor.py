"""`GET /api/monitor`: the national monitor's rows as JSON (`vindplaats.operations.monitor`),
with the filters and order of `/monitor` (`search_api.web.monitor_query`): the same rows the page
and `/monitor.csv` show, in the same order. Public, cached like the other answers."""

from __future__ import annotations

from pydantic import BaseModel, Field
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from search_api.http_cache import conditional
from search_api.services import services
from search_api.web.monitor_query import apply, parse_query
from vindplaats.operations.monitor import MonitorRow, monitor_rows


class MonitorResponse(BaseModel):
    total: int = Field(description="Rows of the whole monitor (the catalogue and the rest).")
    count: int = Field(description="Rows the filters select (the length of `rows`).")
    rows: list[MonitorRow]


def monitor(request: Request) -> Response:
    query = parse_query(request)
    svc = services(request)
    everything = monitor_rows(svc.store, svc.settings)
    rows = apply(query, everything)
    body = MonitorResponse(total=len(everything), count=len(rows), rows=rows)
    return conditional(request, JSONResponse(body.model_dump(mode="json")))


routes = [Route("/api/monitor", monitor, methods=["GET", "HEAD"], name="api_monitor")]
