"""What the organisation dashboard page shows, in Dutch, of `OrganisationDashboard`
(`vindplaats.operations.dashboard`): the sources with their health and last runs, counts per
year, the months without a meeting, our counts beside the supplier's own totals, the failed
documents with their reasons, the withdrawn ones, and the Woo-index export's last validation."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import quote

from normalize.dates import DUTCH_MONTHS
from search_api.web.dutch_time import ago, moment_text
from search_api.web.org_view import RUN_STATUS, source_view
from vindplaats.operations.dashboard import OrganisationDashboard
from vindplaats.operations.dashboard_models import ProblemDocumentView, SourceDashboard
from vindplaats.sources import Source
from vindplaats.store.base import SourceSchedule, Store
from vindplaats.store.models import RunStatus

TYPE_LABELS = {"meeting": "vergaderingen", "document": "documenten", "motion": "moties"}
PROBLEM_LABELS = {
    "download_failed": "downloaden mislukt",
    "extraction_failed": "tekst uithalen mislukt",
    "ocr_unavailable": "OCR niet beschikbaar",
    "withdrawn": "ingetrokken bij de bron",
}
NOT_REPORTED = "niet gemeld door de leverancier"


@dataclass(frozen=True)
class TotalLine:
    label: str
    held: int
    reported: str  # a number, or NOT_REPORTED
    difference: str  # "+2", "−3", "0" or ""


@dataclass(frozen=True)
class ProblemLine:
    title: str
    url: str
    source_name: str
    problem: str
    reason: str


def month_label(month: str) -> str:
    """`2026-02` as `februari 2026`."""
    return f"{DUTCH_MONTHS[int(month[5:7]) - 1]} {month[:4]}"


def total_lines(source: SourceDashboard) -> list[TotalLine]:
    lines = []
    for total in source.supplier_totals:
        difference = ""
        if total.difference is not None:
            d = total.difference
            difference = f"+{d}" if d > 0 else (f"−{-d}" if d < 0 else "0")
        lines.append(
            TotalLine(
                label=TYPE_LABELS[total.record_type],
                held=total.held,
                reported=NOT_REPORTED if total.reported is None else str(total.reported),
                difference=difference,
            )
        )
    return lines


def problem_line(problem: ProblemDocumentView) -> ProblemLine:
    return ProblemLine(
        title=problem.title,
        url="/documenten/" + quote(problem.id, safe=":"),
        source_name=problem.source_name,
        problem=PROBLEM_LABELS.get(problem.problem, problem.problem),
        reason=problem.reason,
    )


def source_part(
    store: Store,
    source: Source,
    part: SourceDashboard,
    schedule: SourceSchedule | None,
    now: datetime,
) -> dict[str, Any]:
    runs = [
        {
            "status": RUN_STATUS[RunStatus(run.status)],
            "when": moment_text(run.ended_at or run.started_at),
            "ago": ago(run.ended_at or run.started_at, now),
            "errors": run.errors,
            "error_count": run.error_count,
        }
        for run in part.runs
    ]
    return {
        "view": source_view(store, source, part.health, schedule, now),
        "runs": runs,
        "years": list(reversed(part.years)),
        "undated": part.undated,
        "gaps": [month_label(m) for m in part.months_without_meetings],
        "totals": total_lines(part),
    }


def dashboard_context(
    store: Store, sources: list[Source], board: OrganisationDashboard
) -> dict[str, Any]:
    by_key = {source.key: source for source in sources}
    schedules = {s.key: s for s in store.source_schedules()}
    now = board.generated_at
    check = board.woo_export.last_check
    org = quote(board.organisation_key, safe="")
    return {
        "board": board,
        "generated": moment_text(board.generated_at),
        "parts": [
            source_part(store, by_key[p.key], p, schedules.get(p.key), now) for p in board.sources
        ],
        "failed": [problem_line(p) for p in board.failed_documents],
        "withdrawn": [problem_line(p) for p in board.withdrawn_documents],
        "woo_url": board.woo_export.url,
        "woo_check": check,
        "woo_checked": moment_text(check.checked_at) if check else None,
        "woo_detail": check.detail.splitlines() if check else [],
        "woo_action": f"/beheer/organisaties/{org}/woo-validatie",
        "api_url": f"/api/organisations/{org}/dashboard",
    }


__all__ = ["NOT_REPORTED", "PROBLEM_LABELS", "dashboard_context", "month_label", "total_lines"]
