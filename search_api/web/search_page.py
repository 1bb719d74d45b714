"""`GET /`: the search page. One search box, facets that combine, a date range, sorting over
all hits, a result count and paging by the engine's cursor; every view is a permalink.

It reads the same parameters as `/api/search` with the same parser (`search_query`), so a link
works on both. Without words it shows the newest documents. A bad parameter (a date that is
not one) answers the form with a Dutch message and status 400; a bad query never errors (the
engine reads it as plain words).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, urlencode

from markupsafe import Markup
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from search_api.errors import ParamError
from search_api.routes_search import SEARCH_PARAMS, search_query
from search_api.services import services
from search_api.web.facet_view import (
    FACETS,
    chips,
    facet_groups,
    filter_names,
    year_chosen,
)
from search_api.web.query_state import HAS_YEAR_PARAM, QueryState
from search_api.web.search_format import (
    MOTION_RESULTS,
    dutch_date,
    result_count,
    safe_snippet,
    value_label,
)
from search_api.web.templating import render
from vindplaats.engine.base import Engine, FacetValue, Filters, Hit, SearchQuery
from vindplaats.errors import QueryError

FORM_FIELDS = ("q", "date_from", "date_to", "sort")
SORT_LABELS = {
    "date_desc": "Nieuwste eerst",
    "date_asc": "Oudste eerst",
    "added_desc": "Laatst toegevoegd",
}
# "" is the default order: relevance with words, newest first without
_CHOICES = next(p.choices for p in SEARCH_PARAMS if p.name == "sort")
SORTS = (("", "Best passend"), *((v, SORT_LABELS[v]) for v in _CHOICES if v in SORT_LABELS))


@dataclass(frozen=True)
class PageLink:
    number: int
    url: str
    snippet: Markup


@dataclass(frozen=True)
class ResultView:
    title: str
    url: str
    organization: str
    type_label: str
    date: str
    iso_date: str
    kind: str  # "Motie" for motions (also amendments), "" for documents
    motion_result: str
    committee: str
    meeting_url: str
    pages: list[PageLink] = field(default_factory=list)


def _reader_url(hit_id: str, q: str, page: int | None = None) -> str:
    """The reader of a hit, at `page` (`?pagina=` opens the stretch of a long document holding
    it; `#pagina-N` scrolls to it)."""
    url = "/documenten/" + quote(hit_id, safe=":")
    params = {"q": q} if q else {}
    if page is not None:
        params["pagina"] = str(page)
    if params:
        url += "?" + urlencode(params)
    return url + (f"#pagina-{page}" if page is not None else "")


def _result(hit: Hit, q: str) -> ResultView:
    motion = hit.id.startswith("motion:")
    url = "/moties/" + quote(hit.id, safe=":") if motion else _reader_url(hit.id, q)
    pages = [
        PageLink(
            p.number, url if motion else _reader_url(hit.id, q, p.number), safe_snippet(p.snippet)
        )
        for p in hit.pages
    ]
    meeting = "/vergaderingen/" + quote(hit.meeting_id, safe=":") if hit.meeting_id else ""
    return ResultView(
        title=hit.title or "(zonder titel)",
        url=url,
        organization=hit.organization,
        type_label=value_label("document_type", hit.document_type) if hit.document_type else "",
        date=dutch_date(hit.date),
        iso_date=hit.date.isoformat() if hit.date else "",
        kind="Motie" if motion else "",
        motion_result=MOTION_RESULTS.get(hit.motion_result or "", ""),
        committee=hit.committee or "",
        meeting_url=meeting,
        pages=pages,
    )


def _cleared(query: SearchQuery, state: QueryState, facet: str) -> SearchQuery | None:
    """`query` without the filter of `facet` (to count that facet's other values), or None
    when that facet filters nothing."""
    filters = query.filters
    if facet == "year" and not HAS_YEAR_PARAM:
        if not year_chosen(state):
            return None
        changed = {"date_from": None, "date_to": None}
    else:
        if facet not in Filters.model_fields or not getattr(filters, facet):
            return None
        changed = {facet: Filters.model_fields[facet].get_default(call_default_factory=True)}
    return query.model_copy(
        update={
            "filters": filters.model_copy(update=changed),
            "size": 1,
            "cursor": None,
            "pages_per_hit": 0,
        }
    )


def combined_facets(
    engine: Engine, query: SearchQuery, state: QueryState, facets: dict[str, list[FacetValue]]
) -> dict[str, list[FacetValue]]:
    """Facet counts that combine: a facet with chosen values is counted without its own filter
    (its other values are alternatives: OR), under every other filter (AND)."""
    combined = dict(facets)
    for facet in FACETS:
        other = _cleared(query, state, facet)
        if other is not None:
            combined[facet] = engine.search(other).facets.get(facet, [])
    return combined


def dutch_param_error(exc: ParamError) -> str:
    """What was wrong with the link or the form, in Dutch."""
    name, message = exc.parameter, str(exc)
    if name in ("date_from", "date_to"):
        if "after" in message:
            return "De datum ‘vanaf’ ligt na de datum ‘tot en met’. Pas de periode aan."
        which = "vanaf" if name == "date_from" else "tot en met"
        return (
            f"De datum ‘{which}’ is geen geldige datum. "
            "Schrijf JJJJ-MM-DD, bijvoorbeeld 2026-01-22."
        )
    if message.startswith("unknown parameter"):
        return f"De link bevat een onbekend onderdeel: ‘{name}’."
    if "longer than" in message:
        return f"‘{name}’ is te lang; gebruik minder tekst."
    if name == "sort":
        return "Kies een sortering: best passend, nieuwste eerst of oudste eerst."
    return f"De waarde van ‘{name}’ in de link is ongeldig."


def _context(state: QueryState) -> dict[str, Any]:
    return {
        "state": state,
        "q": state.query,
        "date_from": state.first("date_from"),
        "date_to": state.first("date_to"),
        "sort": state.first("sort"),
        "sorts": SORTS,
        "hidden": state.hidden_fields(FORM_FIELDS),
        "chips": chips(state),
        "clear_filters_url": state.without_all(filter_names()),
        "without_query_url": state.without("q"),
        "feed_url": state.feed_url(),
        "csv_url": state.export_url("csv"),
        "ndjson_url": state.export_url("ndjson"),
    }


def search_page(request: Request) -> Response:
    state = QueryState.from_request(request)
    context = _context(state)
    try:
        query = search_query(state.api_request(request))
    except ParamError as exc:
        return render(request, "search.html", status=400, error=dutch_param_error(exc), **context)
    engine = services(request).engine
    try:
        result = engine.search(query)
    except QueryError:  # a cursor the engine did not issue, or one of another search
        error = "Deze paginalink is ongeldig of verlopen. Begin opnieuw bij de eerste pagina."
        return render(request, "search.html", status=400, error=error, **context)
    facets = combined_facets(engine, query, state, result.facets)
    return render(
        request,
        "search.html",
        error="",
        total=result_count(result.total),
        hit_total=result.total,
        results=[_result(hit, state.query) for hit in result.hits],
        groups=facet_groups(state, facets),
        next_url=state.next_page(result.next_cursor) if result.next_cursor else "",
        first_url=state.url() if state.cursor else "",
        page_number=state.page_number,
        newest=not state.query,
        **context,
    )


routes = [Route("/", search_page, methods=["GET", "HEAD"], name="search_page")]
