"""The search page's facets and active filters, as links over the current state.

Facets combine: values of different facets AND, values of one facet OR (each value's link adds
it to the ones chosen). A chosen value shows as selected in its facet and as a removable chip.
A facet with more than `VISIBLE` values shows the first ones and the rest under "meer".
Years filter through the API's `year` parameter where it has one, else through a date range
of that year (`date_from=2025-01-01&date_to=2025-12-31`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from search_api.web.query_state import HAS_YEAR_PARAM, QueryState
from search_api.web.search_format import dutch_date, dutch_number, value_label
from vindplaats.engine.base import FacetValue

VISIBLE = 8
# facet name (the engine's and the URL parameter's) -> its Dutch title, in the page's order
FACETS = {
    "organization": "Organisatie",
    "document_type": "Documentsoort",
    "committee": "Commissie",
    "woo_category": "Woo-categorie",
    "year": "Jaar",
    "motion_result": "Uitslag motie",
}
OTHER_FILTERS = {
    "supplier": "Leverancier",
    "source": "Bron",
    "publisher": "Uitgever",
    "woo_document_type": "Woo-documentsoort",
    "woo_theme": "Thema",
    "woo_judgement": "Oordeel",
    "woo_ground": "Weigeringsgrond",
}
NOT_FILTERS = ("q", "sort", "size", "facets", "pages", "date_from", "date_to")


@dataclass(frozen=True)
class FacetItem:
    value: str
    label: str
    count: str  # formatted; empty when the engine gave none
    selected: bool
    url: str  # toggles this value


@dataclass(frozen=True)
class FacetGroup:
    name: str
    title: str
    items: list[FacetItem]
    more: list[FacetItem] = field(default_factory=list)


@dataclass(frozen=True)
class Chip:
    label: str
    url: str  # this search without it


def _same(facet: str, chosen: str, value: str) -> bool:
    wanted = chosen.casefold()
    return wanted in (value.casefold(), value_label(facet, value).casefold())


def _year_range(year: str) -> tuple[str, str]:
    return f"{year}-01-01", f"{year}-12-31"


def year_chosen(state: QueryState) -> list[str]:
    if HAS_YEAR_PARAM:
        return state.values("year")
    start, end = state.first("date_from"), state.first("date_to")
    year = start[:4]
    return [year] if (start, end) == _year_range(year) else []


def _toggle_url(state: QueryState, name: str, value: str, selected: bool) -> str:
    if name == "year" and not HAS_YEAR_PARAM:
        if selected:
            return state.without_all(("date_from", "date_to"))
        start, end = _year_range(value)
        return state.replacing({"date_from": start, "date_to": end})
    if selected:
        chosen = [v for v in state.values(name) if _same(name, v, value)]
        return state.url(tuple((k, v) for k, v in state.pairs if k != name or v not in chosen))
    return state.adding(name, value)


def _group(state: QueryState, name: str, values: list[FacetValue]) -> FacetGroup:
    chosen = year_chosen(state) if name == "year" else state.values(name)
    if name == "year":
        values = sorted(values, key=lambda v: v.value, reverse=True)
    items: list[FacetItem] = []
    for facet_value in values:
        selected = any(_same(name, c, facet_value.value) for c in chosen)
        items.append(
            FacetItem(
                value=facet_value.value,
                label=value_label(name, facet_value.value),
                count=dutch_number(facet_value.count),
                selected=selected,
                url=_toggle_url(state, name, facet_value.value, selected),
            )
        )
    for value in chosen:  # chosen but not counted (another spelling, or nothing left)
        if not any(_same(name, value, item.value) for item in items):
            url = _toggle_url(state, name, value, True)
            items.insert(0, FacetItem(value, value_label(name, value), "", True, url))
    return FacetGroup(name, FACETS[name], items[:VISIBLE], items[VISIBLE:])


def facet_groups(state: QueryState, facets: dict[str, list[FacetValue]]) -> list[FacetGroup]:
    """The facets the page shows, in its order; a facet without values is left out."""
    groups = []
    for name in FACETS:
        group = _group(state, name, facets.get(name, []))
        if group.items:
            groups.append(group)
    return groups


def _date_chip(state: QueryState, name: str, prefix: str) -> Chip | None:
    raw = state.first(name)
    if not raw:
        return None
    try:
        shown = dutch_date(date.fromisoformat(raw))
    except ValueError:
        shown = raw
    return Chip(f"{prefix} {shown}", state.without(name))


def chips(state: QueryState) -> list[Chip]:
    """Every active filter, each with a link to this search without it (the query not
    included: it has its own)."""
    titles = {**FACETS, **OTHER_FILTERS}
    found: list[Chip] = []
    for name, value in state.pairs:
        if name in NOT_FILTERS:
            continue
        title = titles.get(name, name)
        found.append(Chip(f"{title}: {value_label(name, value)}", state.without(name, value)))
    for name, prefix in (("date_from", "Vanaf"), ("date_to", "Tot en met")):
        chip = _date_chip(state, name, prefix)
        if chip is not None:
            found.append(chip)
    return found


def filter_names() -> tuple[str, ...]:
    """Every parameter that is a filter (what "alle filters wissen" removes)."""
    return (*FACETS, *OTHER_FILTERS, "date_from", "date_to")
