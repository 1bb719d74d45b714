"""The monitor's state in the URL, shared by `/monitor`, `/monitor.csv` and `/api/monitor`:
`?type=` (gemeente, provincie, waterschap, overig), `?supplier=` (notubiz, ibabs, ...),
`?status=` (connected, registered, not_connected), `?q=` (words of the name, case-insensitive),
`?sort=` a column (name, type, supplier, status, freshness, last_harvest, documents, woo) and
`?order=asc|desc`. A bad, repeated or unknown parameter answers 400 naming it (on the page an
empty value, the form's "alle", means no filter)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import urlencode

from starlette.datastructures import QueryParams
from starlette.requests import Request

from normalize.record_enums import OrganizationType, Supplier
from search_api.params import Param, parse_params
from vindplaats.operations.monitor import Connection, Freshness, MonitorRow, WooExport

MAX_Q = 200
TYPES = [t.value for t in OrganizationType]
SUPPLIERS = sorted({s.value for s in Supplier})
STATUSES = [c.value for c in Connection]
_FRESH_ORDER = {f: i for i, f in enumerate(Freshness)}
_STATUS_ORDER = {c: i for i, c in enumerate(Connection)}
_WOO_ORDER = {w: i for i, w in enumerate(WooExport)}
SORTS: dict[str, Any] = {
    "name": lambda r: (r.name.casefold(), r.key),
    "type": lambda r: r.organisation_type,
    "supplier": lambda r: r.supplier,
    "status": lambda r: _STATUS_ORDER[r.connection],
    "freshness": lambda r: _FRESH_ORDER[r.freshness],
    "last_harvest": lambda r: r.last_harvest.timestamp() if r.last_harvest else float("-inf"),
    "documents": lambda r: sum(r.documents_per_year.values()),
    "woo": lambda r: (_WOO_ORDER[r.woo_export], r.woo_export_errors or 0),
}
ORDERS = ("asc", "desc")


@dataclass(frozen=True)
class MonitorQuery:
    type: str = ""
    supplier: str = ""
    status: str = ""
    q: str = ""
    sort: str = "name"
    order: str = "asc"

    def params(self, **changes: str) -> dict[str, str]:
        """The non-default parameters of this state with `changes`, in a fixed order."""
        state = replace(self, **changes)
        default = MonitorQuery()
        names = ("type", "supplier", "status", "q", "sort", "order")
        return {n: getattr(state, n) for n in names if getattr(state, n) != getattr(default, n)}

    def href(self, path: str = "/monitor", **changes: str) -> str:
        query = urlencode(self.params(**changes))
        return f"{path}?{query}" if query else path

    def sort_href(self, column: str) -> str:
        """The link of a column heading: sort by it ascending, or flip the order if it is on."""
        if column == self.sort:
            return self.href(order="desc" if self.order == "asc" else "asc")
        return self.href(sort=column, order="asc")


PARAMS = (
    Param("type", description="Only this organisation type.", choices=tuple(TYPES)),
    Param("supplier", description="Only this supplier.", choices=tuple(SUPPLIERS)),
    Param(
        "status",
        description="Only this connection state: connected (harvested at least once), "
        "registered (never harvested), not_connected.",
        choices=tuple(STATUSES),
    ),
    Param("q", description="Words that must all occur in the name (case-insensitive).",
          max_length=MAX_Q),
    Param("sort", description="The column to sort by (ties by name).", choices=tuple(SORTS),
          default="name"),
    Param("order", description="asc or desc.", choices=ORDERS, default="asc"),
)  # fmt: skip


def parse_query(request: Request, *, form: bool = False) -> MonitorQuery:
    """The state of the URL (`form`: the page's own form, whose "alle" sends an empty value,
    read as leaving the parameter out)."""
    query = request.query_params
    if form:
        query = QueryParams([(k, v) for k, v in query.multi_items() if v.strip() or k == "q"])
    values = parse_params(PARAMS, query)
    return MonitorQuery(**{name: values[name] or "" for name in MonitorQuery.__dataclass_fields__})


def apply(query: MonitorQuery, rows: list[MonitorRow]) -> list[MonitorRow]:
    """The rows the state selects, in its order (ties by name)."""
    words = query.q.casefold().split()
    kept = [
        row
        for row in rows
        if (not query.type or row.organisation_type == query.type)
        and (not query.supplier or row.supplier == query.supplier)
        and (not query.status or row.connection == query.status)
        and all(word in row.name.casefold() for word in words)
    ]
    by_name = sorted(kept, key=SORTS["name"])
    return sorted(by_name, key=SORTS[query.sort], reverse=query.order == "desc")


__all__ = [
    "ORDERS",
    "PARAMS",
    "SORTS",
    "STATUSES",
    "SUPPLIERS",
    "TYPES",
    "MonitorQuery",
    "apply",
    "parse_query",
]
