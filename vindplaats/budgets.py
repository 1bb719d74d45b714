"""Request budgets per supplier and kind of request: how many requests may go out, at most.

A budget is a rate (`180/min`) for one supplier and one kind of request: `api` (everything a
spider asks) or `download` (document files, marked by the download stage with
`meta["vindplaats_kind"] = "download"`). Requests of a budget are spaced evenly, one per
`interval` seconds (2% more than the rate needs), with no bursts (iBabs answers bursts with
HTTP 403): in any window of W seconds at most `rate × W + 1` requests go out, and in any
window of the budget's own period (a minute for `180/min`) at most its count. The spacing is
shared through the store (`Store.reserve_request`) by every crawl process that uses it, which
is what a limit "per outgoing IP address" needs on one machine; processes on machines with
different outgoing addresses give themselves different scopes (`VINDPLAATS_BUDGET_SCOPE`).

The built-in defaults are the suppliers' published limits (iBabs: 180/min API, 30/min downloads)
and conservative ones where none is published, stated in each supplier's row of the table of
supplier facts (`vindplaats.suppliers`, `default_budgets`). `VINDPLAATS_BUDGETS` changes them:
`ibabs.api=120/min,notubiz.download=1/s,parlaeus.api=off`. The defaults protect the suppliers'
servers; a server on this machine (a loopback address: the sandbox) is nobody's supplier, so only
budgets set explicitly in `VINDPLAATS_BUDGETS` apply to it.

This module belongs to the base layer (the settings check the grammar); `crawlers.gate` applies
the budgets to requests.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Mapping
from dataclasses import dataclass

from normalize.records import Supplier
from vindplaats.suppliers import SUPPLIERS

KIND_META = "vindplaats_kind"  # request meta: "api" (default) or "download"
API, DOWNLOAD = "api", "download"
KINDS = (API, DOWNLOAD)
UNITS = {
    "s": 1.0,
    "sec": 1.0,
    "second": 1.0,
    "min": 60.0,
    "minute": 60.0,
    "h": 3600.0,
    "hour": 3600.0,
}
OFF = ("off", "none", "unlimited")
SPACING = 1.02  # requests of a budget are 2% further apart than the rate alone would need

_ITEM = re.compile(
    r"^\s*(?P<supplier>[a-z_]+)\.(?P<kind>[a-z]+)\s*=\s*"
    r"(?:(?P<count>\d+(?:\.\d+)?)\s*/\s*(?P<unit>[a-z]+)|(?P<off>[a-z]+))\s*$"
)


@dataclass(frozen=True)
class Budget:
    """At most `count` requests per `per` seconds, evenly spaced."""

    count: float
    per: float
    explicit: bool = False  # set in VINDPLAATS_BUDGETS (else a built-in default)

    @property
    def interval(self) -> float:
        """Seconds between two requests of this budget: `per / count`, 2% wider, so that a
        window of `per` seconds holds at most `count` requests even counting both its ends and
        a little jitter on the way."""
        return self.per / self.count * SPACING

    @property
    def per_minute(self) -> float:
        return self.count * 60.0 / self.per

    def __str__(self) -> str:
        return f"{self.per_minute:g}/min"


BudgetKey = tuple[str, str]  # (supplier value, kind)


def parse_budgets(text: str) -> dict[BudgetKey, Budget | None]:
    """`supplier.kind=N/unit` items, comma-separated (`=off`: no budget); ValueError names the
    item at fault. Units: s, min, h (also sec, second, minute, hour)."""
    found: dict[BudgetKey, Budget | None] = {}
    suppliers = {s.value for s in Supplier}
    for item in filter(str.strip, text.split(",")):
        match = _ITEM.match(item.lower())
        if match is None:
            raise ValueError(
                f"{item.strip()!r} is not SUPPLIER.KIND=N/UNIT (e.g. ibabs.api=180/min)"
            )
        supplier, kind = match["supplier"], match["kind"]
        if supplier not in suppliers:
            raise ValueError(f"{item.strip()!r}: unknown supplier {supplier!r}")
        if kind not in KINDS:
            raise ValueError(f"{item.strip()!r}: the kind is api or download, not {kind!r}")
        if match["off"] is not None:
            if match["off"] not in OFF:
                raise ValueError(f"{item.strip()!r}: give N/UNIT or off")
            found[(supplier, kind)] = None
            continue
        count, unit = float(match["count"]), match["unit"]
        if unit not in UNITS:
            raise ValueError(f"{item.strip()!r}: unknown unit {unit!r} (s, min or h)")
        if count <= 0:
            raise ValueError(f"{item.strip()!r}: the rate must be positive (or off)")
        found[(supplier, kind)] = Budget(count, UNITS[unit], explicit=True)
    return found


def default_budgets() -> dict[BudgetKey, Budget]:
    """The built-in budgets: each supplier's `default_budgets` in the table of supplier facts
    (`""`: none, as for a supplier that is a web site read by robots.txt rules)."""
    spec = ",".join(
        f"{facts.supplier.value}.{item.strip()}"
        for facts in SUPPLIERS.values()
        for item in facts.default_budgets.split(",")
        if item.strip()
    )
    found = parse_budgets(spec)
    return {key: Budget(b.count, b.per) for key, b in found.items() if b is not None}


DEFAULT_BUDGETS: dict[BudgetKey, Budget] = default_budgets()


class Budgets:
    """The budgets in force: the defaults with the `VINDPLAATS_BUDGETS` changes applied."""

    def __init__(self, spec: str = "", scope: str = "default") -> None:
        merged: dict[BudgetKey, Budget | None] = {**DEFAULT_BUDGETS, **parse_budgets(spec)}
        self.budgets: Mapping[BudgetKey, Budget] = {
            key: budget for key, budget in merged.items() if budget is not None
        }
        self.scope = scope

    def get(self, supplier: str, kind: str, host: str | None = None) -> Budget | None:
        """The budget of a request to `host`, or None when it is not limited."""
        budget = self.budgets.get((supplier, kind))
        if budget is None or (not budget.explicit and is_loopback(host)):
            return None
        return budget

    def name(self, supplier: str, kind: str) -> str:
        """The store's name of a budget: `scope:supplier.kind`."""
        return f"{self.scope}:{supplier}.{kind}"

    def describe(self) -> str:
        return ", ".join(f"{s}.{k}={b}" for (s, k), b in sorted(self.budgets.items()))


def request_kind(meta: Mapping[str, object]) -> str:
    """`download` for document files (marked by the download stage), else `api`."""
    return DOWNLOAD if meta.get(KIND_META) == DOWNLOAD else API


def is_loopback(host: str | None) -> bool:
    if not host:
        return False
    if host.lower() in ("localhost", "localhost."):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


__all__ = [
    "API",
    "DEFAULT_BUDGETS",
    "DOWNLOAD",
    "KIND_META",
    "Budget",
    "Budgets",
    "is_loopback",
    "parse_budgets",
    "request_kind",
]
