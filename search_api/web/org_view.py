"""What the organisation pages show of a registered source, in Dutch: its type and supplier,
its health and freshness in words, its last run and next harvest, and its base URL as it may
be shown (credentials and the source's secret token masked, `vindplaats.net.shown`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from search_api.routes_sources import redact
from search_api.web.dutch_time import ago, ahead, moment_text
from vindplaats.net.shown import shown_url
from vindplaats.operations.health import HealthState, SourceHealth
from vindplaats.sources import Source
from vindplaats.store import Store
from vindplaats.store.base import SourceSchedule
from vindplaats.store.models import HarvestRun, RunStatus

SUPPLIERS = {
    "notubiz": "NotuBiz",
    "ibabs": "iBabs",
    "gemeenteoplossingen": "GemeenteOplossingen",
    "parlaeus": "Parlaeus",
    "ori": "ORI API",
    "diwoo": "Woo-index (DiWoo)",
}
ORGANISATION_TYPES = {
    "gemeente": "Gemeente",
    "provincie": "Provincie",
    "waterschap": "Waterschap",
    "overig": "Overige organisatie",
}
HEALTH = {
    HealthState.OK: "actueel",
    HealthState.STALE: "verouderd",
    HealthState.FAILING: "oogst mislukt",
    HealthState.BLOCKED: "geblokkeerd",
    HealthState.NEVER_HARVESTED: "nog nooit geoogst",
}
RUN_STATUS = {
    RunStatus.RUNNING: "bezig",
    RunStatus.OK: "geslaagd",
    RunStatus.PARTIAL: "deels geslaagd",
    RunStatus.FAILED: "mislukt",
}
MAX_SHOWN_ERROR = 300  # characters of the last error shown


def supplier_label(source: Source) -> str:
    return SUPPLIERS.get(source.supplier.value, source.supplier.value)


def type_label(source: Source) -> str:
    return ORGANISATION_TYPES.get(source.organisation_type.value, source.organisation_type.value)


def shown_base_url(source: Source) -> str | None:
    """The base URL as people may see it: no user info, no query, no secret of the source."""
    if not source.base_url:
        return None
    return source.redact(redact(shown_url(source.base_url, credentials="userinfo", query=False)))


def health_words(health: SourceHealth, now: datetime) -> str:
    """The health of a source in a Dutch sentence."""
    if health.state == HealthState.BLOCKED:
        return f"De leverancier weigert ons tot {moment_text(health.blocked_until)}."
    if health.state == HealthState.NEVER_HARVESTED:
        return "Nog nooit volledig geoogst."
    if health.state == HealthState.FAILING:
        runs = "oogst" if health.failed_in_a_row == 1 else "oogsten"
        return f"{health.failed_in_a_row} mislukte {runs} op rij."
    when = ago(health.last_success, now)
    if health.state == HealthState.STALE:
        return f"Verouderd: laatste geslaagde oogst {when}."
    return f"Actueel: laatste geslaagde oogst {when}."


@dataclass(frozen=True)
class SourceView:
    """One source as the organisation page lists it."""

    key: str
    name: str
    supplier: str
    base_url: str | None
    state: str  # HealthState value (a CSS class)
    state_label: str
    health: str
    last_run_status: str | None
    last_run_when: str | None
    last_run_errors: int
    last_error: str | None
    next_harvest: str


def source_view(
    store: Store,
    source: Source,
    health: SourceHealth,
    schedule: SourceSchedule | None,
    now: datetime,
) -> SourceView:
    run = store.last_run(source.key)
    error = health.last_error or (run.errors[-1] if run and run.errors else None)
    if error is not None:
        error = source.redact(redact(error))
        error = error if len(error) <= MAX_SHOWN_ERROR else error[:MAX_SHOWN_ERROR] + "…"
    return SourceView(
        key=source.key,
        name=source.name,
        supplier=supplier_label(source),
        base_url=shown_base_url(source),
        state=health.state.value,
        state_label=HEALTH[health.state],
        health=health_words(health, now),
        last_run_status=RUN_STATUS[run.status] if run else None,
        last_run_when=ago(_run_moment(run), now) if run else None,
        last_run_errors=len(run.errors) if run else 0,
        last_error=error,
        next_harvest=ahead(schedule.next_due_at if schedule else None, now),
    )


def _run_moment(run: HarvestRun) -> datetime:
    return run.ended_at or run.started_at


__all__ = [
    "HEALTH",
    "ORGANISATION_TYPES",
    "RUN_STATUS",
    "SUPPLIERS",
    "SourceView",
    "health_words",
    "shown_base_url",
    "source_view",
    "supplier_label",
    "type_label",
]
