"""The national monitor: one row for every organisation of the national catalogue
(`vindplaats.catalogue`) plus every registered source that is not in it, computed in one pass
over the store (the sources, every source's recent runs, the documents per month, the Woo-index
export checks), never a query per row.

A catalogue entry is matched to the registered sources with its key, else (not for a district,
an entry with `municipality_prefix`, which shares its municipality's URI) with its TOOI URI or
CBS code; of several, the one harvested most recently counts. Its `connection`:

- `connected`: a matched source finished a completed harvest (ok or partial) at least once;
- `registered` ("aangemeld"): a source is registered but never completed a harvest;
- `not_connected`: nothing registered.

`freshness` is the ONE stale rule of `operations.health` (the same `source_health`, fed the
preloaded runs; a supplier block is left out, it says nothing of what we hold): `fresh` (health
`ok`), `stale`, `failing` or `never`. `woo_export` is the last validation of the organisation's
Woo-index export (`store.woo_export_checks()`): `valid`, `invalid` (with `woo_export_errors`),
`not_checked`, or `no_tooi_uri`.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from enum import StrEnum
from functools import cache
from typing import cast

from pydantic import BaseModel, Field

from vindplaats.catalogue import load_catalogue
from vindplaats.operations.health import RUN_HISTORY, HealthState, SourceHealth, source_health
from vindplaats.settings import Settings
from vindplaats.sources import Source
from vindplaats.store.base import Store
from vindplaats.store.models import HarvestRun
from vindplaats.store.sql_organisations import WooExportCheck

YEARS = 5  # documents per year: this year and the four before


class Connection(StrEnum):
    CONNECTED = "connected"
    REGISTERED = "registered"
    NOT_CONNECTED = "not_connected"


class Freshness(StrEnum):
    FRESH = "fresh"
    STALE = "stale"
    FAILING = "failing"
    NEVER = "never"


class WooExport(StrEnum):
    VALID = "valid"
    INVALID = "invalid"
    NOT_CHECKED = "not_checked"
    NO_TOOI_URI = "no_tooi_uri"


FRESHNESS = {
    HealthState.OK: Freshness.FRESH,
    HealthState.STALE: Freshness.STALE,
    HealthState.FAILING: Freshness.FAILING,
    HealthState.NEVER_HARVESTED: Freshness.NEVER,
    HealthState.BLOCKED: Freshness.NEVER,  # not reached: blocks are left out
}


class MonitorRow(BaseModel):
    key: str = Field(description="The catalogue key, or the registered source's key.")
    name: str
    organisation_type: str = Field(description="gemeente, provincie, waterschap or overig.")
    supplier: str
    in_catalogue: bool
    source_key: str | None = Field(description="The registered source counted (None: none).")
    connection: Connection
    freshness: Freshness
    last_harvest: datetime | None = Field(description="End of the last completed harvest.")
    documents_per_year: dict[str, int] = Field(description=f"The last {YEARS} years, oldest first.")
    woo_export: WooExport
    woo_export_errors: int | None = Field(description="Errors of an invalid export.")


class _Preloaded:
    """The two run queries `source_health` makes, answered from runs read in one pass."""

    def __init__(self, recent: dict[str, list[HarvestRun]], done: dict[str, HarvestRun]) -> None:
        self._recent, self._done = recent, done

    def list_runs(self, source_key: str, limit: int = 20) -> list[HarvestRun]:
        return self._recent.get(source_key, [])[:limit]

    def last_completed_run(self, source_key: str) -> HarvestRun | None:
        return self._done.get(source_key)


def _matches(entry: Source, registered: list[Source]) -> list[Source]:
    same_key = [s for s in registered if s.key == entry.key]
    if same_key or entry.municipality_prefix:
        return same_key
    return [
        s
        for s in registered
        if (entry.tooi_uri and s.tooi_uri == entry.tooi_uri)
        or (entry.cbs_code and s.cbs_code == entry.cbs_code)
    ]


def _years(counts: Counter[tuple[str, str]], keys: list[str], this_year: int) -> dict[str, int]:
    years = [str(year) for year in range(this_year - YEARS + 1, this_year + 1)]
    return {year: sum(counts[(key, year)] for key in keys) for year in years}


@cache
def _catalogue() -> tuple[Source, ...]:
    """The shipped catalogue, read once (it never changes at runtime)."""
    return tuple(load_catalogue())


def monitor_rows(store: Store, settings: Settings) -> list[MonitorRow]:
    """Every catalogue entry and every registered source outside it, in key order."""
    registered = store.list_sources()
    now = store.clock()
    runs = _Preloaded(
        store.recent_runs(max(RUN_HISTORY, settings.failing_after)), store.last_completed_runs()
    )
    intervals = {s.key: s.harvest_interval for s in store.source_schedules()}
    health = {
        s.key: source_health(
            cast(Store, runs), s, settings, now=now, block=None, interval=intervals.get(s.key)
        )
        for s in registered
    }
    counts: Counter[tuple[str, str]] = Counter()
    for month in store.monthly_counts([s.key for s in registered]):
        if month.record_type == "document" and month.month:
            counts[(month.source_key, month.month[:4])] += month.count
    checks, links = store.woo_export_checks(), store.source_links()
    rows: list[MonitorRow] = []
    counted: set[str] = set()
    for entry in _catalogue():
        found = _matches(entry, registered)
        counted.update(s.key for s in found)
        rows.append(_row(entry, found, True, health, counts, checks, links, now.year))
    for source in registered:
        if source.key not in counted:
            rows.append(_row(source, [source], False, health, counts, checks, links, now.year))
    return sorted(rows, key=lambda row: row.key)


def _row(
    entry: Source,
    found: list[Source],
    in_catalogue: bool,
    health: dict[str, SourceHealth],
    counts: Counter[tuple[str, str]],
    checks: dict[str, WooExportCheck],
    links: dict[str, str],
    this_year: int,
) -> MonitorRow:
    best = max(found, key=lambda s: health[s.key].last_success or datetime.min, default=None)
    state = health[best.key] if best else None
    if state is None:
        connection, freshness = Connection.NOT_CONNECTED, Freshness.NEVER
    else:
        done = state.last_success is not None
        connection = Connection.CONNECTED if done else Connection.REGISTERED
        freshness = FRESHNESS[state.state]
    check = checks.get(links.get(best.key, best.key) if best else entry.key)
    if not (entry.tooi_uri or (best and best.tooi_uri)):
        woo = WooExport.NO_TOOI_URI
    elif check is None:
        woo = WooExport.NOT_CHECKED
    else:
        woo = WooExport.VALID if check.valid else WooExport.INVALID
    return MonitorRow(
        key=entry.key,
        name=entry.name,
        organisation_type=entry.organisation_type.value,
        supplier=(best or entry).supplier.value,
        in_catalogue=in_catalogue,
        source_key=best.key if best else None,
        connection=connection,
        freshness=freshness,
        last_harvest=state.last_success if state else None,
        documents_per_year=_years(counts, [s.key for s in found], this_year),
        woo_export=woo,
        woo_export_errors=check.errors if check is not None and not check.valid else None,
    )


__all__ = ["YEARS", "Connection", "Freshness", "MonitorRow", "WooExport", "monitor_rows"]
