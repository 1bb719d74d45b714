"""`GET /organisaties`: every registered organisation (source) with its type, supplier, last
harvest, freshness in words and the documents held, sortable (`?sort=naam|soort|leverancier|
oogst|documenten`); `GET /organisaties/{key}`: one organisation: its sources with their health,
last run and next harvest, its documents per year and per type as small charts (each bar a
search), a search box scoped to it, its newest meetings and Woo-besluiten, and its Woo-index
export when it has a TOOI URI."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import quote, urlencode

from starlette.requests import Request
from starlette.responses import HTMLResponse
from starlette.routing import Route

from normalize.doctypes import label_of
from normalize.dossier import Dossier
from normalize.records import Meeting
from search_api.errors import ParamError
from search_api.services import Services, services
from search_api.web.charts import Chart, bar_chart
from search_api.web.dutch_time import ago, long_date, moment_text
from search_api.web.org_view import (
    HEALTH,
    SourceView,
    source_view,
    supplier_label,
    type_label,
)
from search_api.web.templating import render
from vindplaats.errors import NotFound
from vindplaats.operations.health import health_report
from vindplaats.sources import Source
from vindplaats.store.sql_holdings import DocumentTally

LATEST_MEETINGS = 10
LATEST_DOSSIERS = 20
MAX_KEY = 200  # characters of an unknown key repeated in the 404 page

# ?sort= value → what it sorts by, in words (latest harvest and documents: most first)
SORTS: dict[str, str] = {
    "naam": "naam",
    "soort": "soort",
    "leverancier": "leverancier",
    "oogst": "laatste oogst",
    "documenten": "aantal documenten",
}


@dataclass(frozen=True)
class OrganisationRow:
    key: str
    name: str
    type_label: str
    supplier: str
    last_harvest: datetime | None
    last_harvest_text: str
    freshness: str
    state: str
    state_label: str
    documents: int


def _sort_value(request: Request) -> str:
    values = request.query_params.getlist("sort")
    if not values or values == [""]:
        return "naam"
    if len(values) > 1 or values[0] not in SORTS:
        choices = ", ".join(SORTS)
        raise ParamError("sort", f"onbekende sortering; kies een van: {choices}")
    return values[0]


def _sorted(rows: list[OrganisationRow], sort: str) -> list[OrganisationRow]:
    by_name = sorted(rows, key=lambda r: (r.name.casefold(), r.key))
    if sort == "soort":
        return sorted(by_name, key=lambda r: r.type_label)
    if sort == "leverancier":
        return sorted(by_name, key=lambda r: r.supplier.casefold())
    if sort == "oogst":  # newest first, never harvested last
        return sorted(by_name, key=lambda r: -r.last_harvest.timestamp() if r.last_harvest else 1)
    if sort == "documenten":
        return sorted(by_name, key=lambda r: -r.documents)
    return by_name


def organisation_rows(svc: Services) -> list[OrganisationRow]:
    """Every registered source as a row of the list, in key order."""
    store = svc.store
    sources = store.list_sources()
    health = health_report(store, svc.settings, sources)
    held = store.documents_held()
    now = store.clock()
    rows = []
    for source in sources:
        run = store.last_run(source.key)
        last = (run.ended_at or run.started_at) if run else None
        state = health[source.key]
        rows.append(
            OrganisationRow(
                key=source.key,
                name=source.name,
                type_label=type_label(source),
                supplier=supplier_label(source),
                last_harvest=last,
                last_harvest_text=moment_text(last) if last else "nooit",
                freshness=ago(state.last_success, now),
                state=state.state.value,
                state_label=HEALTH[state.state],
                documents=held.get(source.key, 0),
            )
        )
    return rows


def organisations(request: Request) -> HTMLResponse:
    sort = _sort_value(request)
    rows = _sorted(organisation_rows(services(request)), sort)
    return render(request, "organisations.html", rows=rows, sort=sort, sorts=SORTS)


def search_link(key: str, **params: str) -> str:
    """The search page scoped to the organisation (and `params`)."""
    return "/?" + urlencode({"organization": key, **params})


def tally_charts(key: str, tally: DocumentTally) -> list[Chart]:
    """Documents per year (oldest first, undated last) and per type (largest first)."""

    def year_link(year: int | None) -> str | None:
        if year is None:
            return None
        return search_link(key, date_from=f"{year:04d}-01-01", date_to=f"{year:04d}-12-31")

    per_year = bar_chart(
        "Documenten per jaar",
        "Jaar",
        tally.by_year(),
        label=lambda year: str(year) if year is not None else "zonder datum",
        link=year_link,
    )
    per_type = bar_chart(
        "Documenten per soort",
        "Soort",
        tally.by_type(),
        label=lambda kind: label_of(kind) or kind,
        link=lambda kind: search_link(key, document_type=kind),
    )
    return [per_year, per_type]


def _sources_of(svc: Services, source: Source) -> list[SourceView]:
    """The source itself first, then the other sources with the same TOOI URI."""
    store = svc.store
    same = [source] + [
        s
        for s in store.list_sources()
        if s.key != source.key and source.tooi_uri and s.tooi_uri == source.tooi_uri
    ]
    health = health_report(store, svc.settings, same)
    schedules = {s.key: s for s in store.source_schedules()}
    now = store.clock()
    return [source_view(store, s, health[s.key], schedules.get(s.key), now) for s in same]


def _latest(svc: Services, key: str) -> dict[str, Any]:
    store = svc.store
    now = store.clock()
    meetings = [
        {
            "id": m.id,
            "name": m.name,
            "when": long_date(m.start),
            "planned": m.start is not None and m.start > now,
        }
        for m in store.latest_records("meeting", key, "start", LATEST_MEETINGS)
        if isinstance(m, Meeting)
    ]
    dossiers = [
        {"id": d.id, "title": d.title, "when": long_date(d.decision_date), "outcome": d.outcome}
        for d in store.latest_records("dossier", key, "decision_date", LATEST_DOSSIERS)
        if isinstance(d, Dossier)
    ]
    counts = store.count_records(key)
    return {
        "meetings": meetings,
        "meeting_count": counts.get("meeting", 0),
        "dossiers": dossiers,
        "dossier_count": counts.get("dossier", 0),
    }


def organisation(request: Request) -> HTMLResponse:
    svc = services(request)
    key = request.path_params["key"]
    try:
        source = svc.store.get_source(key)
    except NotFound:
        shown = key if len(key) <= MAX_KEY else key[:MAX_KEY] + "…"
        raise NotFound(f"Er is geen organisatie met de sleutel {shown!r}.") from None
    tally = svc.store.document_tally(key)
    woo_index = f"/woo/{quote(key, safe='')}/robots.txt" if source.tooi_uri else None
    return render(
        request,
        "organisation.html",
        source=source,
        type_label=type_label(source),
        sources=_sources_of(svc, source),
        tally=tally,
        charts=tally_charts(key, tally),
        search_all=search_link(key),
        woo_index=woo_index,
        woo_index_served=bool(svc.settings.public_base_url),
        **_latest(svc, key),
    )


routes = [
    Route("/organisaties", organisations, methods=["GET", "HEAD"], name="web_organisations"),
    Route(
        "/organisaties/{key:str}", organisation, methods=["GET", "HEAD"], name="web_organisation"
    ),
]
