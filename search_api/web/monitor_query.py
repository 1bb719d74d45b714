"""The monitor's state in the URL, shared by `/monitor`, `/monitor.csv` and `/api/monitor`:
`?type=` (gemeente, provincie, waterschap, overig), `?supplier=` (notubiz, ibabs, ...),
`?status=` (connected, registered, not_connected), `?q=` (words of the name, case-insensitive),
`?sort=` a column (name, type, supplier, status, freshness, last_harvest, documents, woo) and
`?order=asc|desc`. A bad value answers 400 naming the parameter; an empty one is no filter."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import urlencode

from starlette.requests import Request

from normalize.record_enums import OrganizationType, Supplier
from search_api.errors import ParamError
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


def _one(request: Request, name: str, choices: list[str] | tuple[str, ...] | None) -> str:
    values = request.query_params.getlist(name)
    if len(values) > 1:
        raise ParamError(name, f"give {name} at most once")
    value = values[0].strip() if values else ""
    if value and choices is not None and value not in choices:
        raise ParamError(
            name, f"unknown {name} {value[:40]!r}; choose one of: {', '.join(choices)}"
        )
    return value


def parse_query(request: Request) -> MonitorQuery:
    q = _one(request, "q", None)
    if len(q) > MAX_Q:
        raise ParamError("q", f"q is longer than {MAX_Q} characters")
    return MonitorQuery(
        type=_one(request, "type", TYPES),
        supplier=_one(request, "supplier", SUPPLIERS),
        status=_one(request, "status", STATUSES),
        q=q,
        sort=_one(request, "sort", list(SORTS)) or "name",
        order=_one(request, "order", ORDERS) or "asc",
    )


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
    "SORTS",
    "STATUSES",
    "SUPPLIERS",
    "TYPES",
    "MonitorQuery",
    "apply",
    "parse_query",
]
