"""`GET /monitor`: the public national monitor, a page to send round: every municipality,
province and water board of the national catalogue and every registered source outside it, with
its supplier, whether it is connected, how fresh its harvest is, its last harvest, its documents
of the last five years (a small inline chart) and its Woo-index export; filterable and sortable
with all state in the URL (`search_api.web.monitor_query`), totals at the top.
`GET /monitor.csv`: the same rows with the same filters and order, the page's values exactly
(`monitor_view.MonitorLine.cells`). Both are public and cached like the other pages."""

from __future__ import annotations

import csv
import io

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from search_api.http_cache import conditional
from search_api.services import services
from search_api.web.monitor_query import SUPPLIERS, TYPES, MonitorQuery, apply, parse_query
from search_api.web.monitor_view import STATUS_CHOICES, headings, line, totals
from search_api.web.org_view import ORGANISATION_TYPES
from search_api.web.org_view import SUPPLIERS as SUPPLIER_NAMES
from search_api.web.templating import render
from vindplaats.operations.monitor import MonitorRow, monitor_rows

COLUMNS = [  # (sort value, heading) of the sortable columns, in the table's order
    ("name", "Organisatie"),
    ("type", "Soort"),
    ("supplier", "Leverancier"),
    ("status", "Aansluiting"),
    ("freshness", "Actualiteit"),
    ("last_harvest", "Laatste oogst"),
    ("documents", "Documenten per jaar"),
    ("woo", "Woo-index-export"),
]


def _rows(request: Request, query: MonitorQuery) -> tuple[list[MonitorRow], list[MonitorRow]]:
    """All rows and the ones the URL's state selects, in its order."""
    svc = services(request)
    everything = monitor_rows(svc.store, svc.settings)
    return everything, apply(query, everything)


def monitor(request: Request) -> Response:
    query = parse_query(request, form=True)
    everything, rows = _rows(request, query)
    years = list(everything[0].documents_per_year) if everything else []
    response = render(
        request,
        "monitor.html",
        query=query,
        lines=[line(row) for row in rows],
        total=len(everything),
        years=years,
        charts=totals(rows),
        columns=COLUMNS,
        types=[(t, ORGANISATION_TYPES.get(t, t)) for t in TYPES],
        suppliers=[(s, SUPPLIER_NAMES.get(s, s)) for s in SUPPLIERS],
        statuses=list(STATUS_CHOICES.items()),
        csv_href=query.href("/monitor.csv"),
    )
    return conditional(request, response)


def monitor_csv(request: Request) -> Response:
    query = parse_query(request, form=True)
    everything, rows = _rows(request, query)
    years = list(everything[0].documents_per_year) if everything else []
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(headings(years))
    for row in rows:
        writer.writerow(line(row).cells)
    response = Response(
        out.getvalue().encode("utf-8"),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="monitor.csv"'},
    )
    return conditional(request, response)


routes = [
    Route("/monitor", monitor, methods=["GET", "HEAD"], name="web_monitor"),
    Route("/monitor.csv", monitor_csv, methods=["GET", "HEAD"], name="web_monitor_csv"),
]
