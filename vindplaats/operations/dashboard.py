"""An organisation's dashboard: what we hold of each of its sources and what went wrong.

`organisation_dashboard(store, settings, org_key)` reads, for the organisation's sources
(`vindplaats.accounts.organisations.sources_of`):

- per source its health (the one rule of `vindplaats.operations.health`) and its last runs with
  their errors;
- meetings, documents and motions held per year and per month (aggregated in SQL,
  `store.monthly_counts`), and the months without any meeting between its first and its last
  meeting month (a gap in the record);
- the supplier's own totals where its crawl reports them: the run count `reported_<plural>`
  (e.g. `reported_meetings`) of the last completed run, beside what we hold; `None` where the
  supplier reports none (the page says "niet gemeld door de leverancier");
- the documents that failed to download or extract, or could not be OCR'd, with the reason,
  and the withdrawn ones (`store.problem_documents`);
- the organisation's Woo-index export URL and its last validation (`woo_export_check`).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from pydantic import BaseModel, Field

from crawlers.counts import RECORD_COUNTS
from vindplaats.accounts.organisations import ensure_organisation, sources_of
from vindplaats.errors import NotFound
from vindplaats.operations.dashboard_models import (
    COUNTED,
    Period,
    ProblemDocumentView,
    RunView,
    SourceDashboard,
    SupplierTotal,
    WooExportCheckView,
    WooExportView,
)
from vindplaats.operations.health import SourceHealth, health_report
from vindplaats.settings import Settings
from vindplaats.sources import Source
from vindplaats.store.base import Store
from vindplaats.store.models import RunStatus
from vindplaats.store.sql_dashboard import MonthCount
from vindplaats.woo.export_cache import public_root

RUNS_SHOWN = 5  # runs listed per source
ERRORS_SHOWN = 5  # errors listed per run
PROBLEMS_SHOWN = 100  # failed and withdrawn documents listed
REPORTED_PREFIX = "reported_"  # run counts holding the supplier's own totals


class OrganisationDashboard(BaseModel):
    organisation_key: str
    organisation_name: str
    generated_at: datetime
    sources: list[SourceDashboard]
    failed_documents: list[ProblemDocumentView]
    failed_total: int = Field(description="All failed documents (the list holds the newest).")
    withdrawn_documents: list[ProblemDocumentView]
    withdrawn_total: int
    woo_export: WooExportView


def organisation_dashboard(store: Store, settings: Settings, org_key: str) -> OrganisationDashboard:
    """The dashboard of the organisation (NotFound when there is no such organisation)."""
    organisation = ensure_organisation(store, org_key)
    sources = sources_of(store, org_key)
    keys = [source.key for source in sources]
    health = health_report(store, settings, sources)
    months: dict[str, list[MonthCount]] = defaultdict(list)
    for cell in store.monthly_counts(keys):
        months[cell.source_key].append(cell)
    problems = store.problem_documents(keys, limit=PROBLEMS_SHOWN)
    names = {source.key: source.name for source in sources}
    return OrganisationDashboard(
        organisation_key=organisation.key,
        organisation_name=organisation.name,
        generated_at=store.clock(),
        sources=[
            source_dashboard(store, source, health[source.key], months[source.key])
            for source in sources
        ],
        failed_documents=[ProblemDocumentView.of(p, names) for p in problems.failed],
        failed_total=problems.failed_total,
        withdrawn_documents=[ProblemDocumentView.of(p, names) for p in problems.withdrawn],
        withdrawn_total=problems.withdrawn_total,
        woo_export=woo_export_view(store, settings, org_key),
    )


def source_dashboard(
    store: Store, source: Source, health: SourceHealth, cells: list[MonthCount]
) -> SourceDashboard:
    runs = store.list_runs(source.key, limit=RUNS_SHOWN)
    by_month = periods(cells, month=True)
    return SourceDashboard(
        key=source.key,
        name=source.name,
        supplier=source.supplier.value,
        health=health,
        runs=[RunView.of(run, source, ERRORS_SHOWN) for run in runs],
        years=periods(cells, month=False),
        months=by_month,
        undated={
            kind: sum(c.count for c in cells if c.month is None and c.record_type == kind)
            for kind in COUNTED
        },
        months_without_meetings=months_without_meetings(by_month),
        supplier_totals=supplier_totals(store, source, cells),
    )


def periods(cells: list[MonthCount], *, month: bool) -> list[Period]:
    """Counts per month ("2025-03") or per year ("2025"), oldest first; undated left out."""
    found: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(COUNTED, 0))
    for cell in cells:
        if cell.month is None or cell.record_type not in COUNTED:
            continue
        found[cell.month if month else cell.month[:4]][cell.record_type] += cell.count
    return [Period(period=key, **found[key]) for key in sorted(found)]


def months_without_meetings(months: list[Period]) -> list[str]:
    """The months between the first and the last month with a meeting that have none."""
    held = sorted(p.period for p in months if p.meetings)
    if not held:
        return []
    year, month = int(held[0][:4]), int(held[0][5:7])
    last, present, missing = held[-1], set(held), []
    while (current := f"{year:04d}-{month:02d}") < last:
        if current not in present:
            missing.append(current)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return missing


def supplier_totals(store: Store, source: Source, cells: list[MonthCount]) -> list[SupplierTotal]:
    """What we hold of each counted type beside the supplier's own total, where reported."""
    run = store.last_completed_run(source.key)
    counts = run.counts if run is not None and run.status != RunStatus.FAILED else {}
    totals = []
    for kind in COUNTED:
        held = sum(cell.count for cell in cells if cell.record_type == kind)
        reported = counts.get(REPORTED_PREFIX + RECORD_COUNTS[kind])
        totals.append(
            SupplierTotal(
                record_type=kind,
                held=held,
                reported=reported,
                difference=None if reported is None else held - reported,
            )
        )
    return totals


def woo_export_view(store: Store, settings: Settings, org_key: str) -> WooExportView:
    try:
        url: str | None = public_root(settings, org_key) + "/robots.txt"
    except NotFound:  # not served without VINDPLAATS_PUBLIC_BASE_URL
        url = None
    check = store.woo_export_checks().get(org_key)
    return WooExportView(url=url, last_check=WooExportCheckView.of(check) if check else None)


__all__ = [
    "OrganisationDashboard",
    "months_without_meetings",
    "organisation_dashboard",
    "periods",
    "source_dashboard",
    "supplier_totals",
]
