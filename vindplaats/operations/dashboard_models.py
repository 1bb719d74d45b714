"""The parts of an organisation's dashboard (`vindplaats.operations.dashboard`), as the JSON of
`GET /api/organisations/{org}/dashboard` gives them."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from vindplaats.operations.health import SourceHealth
from vindplaats.sources import Source
from vindplaats.store.models import HarvestRun
from vindplaats.store.sql_dashboard import ProblemDocument
from vindplaats.store.sql_organisations import WooExportCheck

COUNTED = ("meeting", "document", "motion")
MAX_ERROR = 300  # characters of a run error shown


class Period(BaseModel):
    period: str = Field(description='A year ("2025") or a month ("2025-03").')
    meeting: int = 0
    document: int = 0
    motion: int = 0

    @property
    def meetings(self) -> int:
        return self.meeting


class RunView(BaseModel):
    id: int
    status: str
    started_at: datetime
    ended_at: datetime | None
    counts: dict[str, int]
    errors: list[str] = Field(description="The first errors (secrets of the source masked).")
    error_count: int

    @classmethod
    def of(cls, run: HarvestRun, source: Source, shown: int) -> RunView:
        errors = [source.redact(error)[:MAX_ERROR] for error in run.errors[:shown]]
        return cls(
            id=run.id,
            status=run.status.value,
            started_at=run.started_at,
            ended_at=run.ended_at,
            counts=run.counts,
            errors=errors,
            error_count=len(run.errors),
        )


class SupplierTotal(BaseModel):
    record_type: str
    held: int = Field(description="Current records of this type we hold.")
    reported: int | None = Field(description="The supplier's own total; null: not reported.")
    difference: int | None = Field(description="held - reported; null: not reported.")


class SourceDashboard(BaseModel):
    key: str
    name: str
    supplier: str
    health: SourceHealth
    runs: list[RunView]
    years: list[Period]
    months: list[Period]
    undated: dict[str, int] = Field(description="Current records without a date, per type.")
    months_without_meetings: list[str]
    supplier_totals: list[SupplierTotal]


class ProblemDocumentView(BaseModel):
    id: str
    source_key: str
    source_name: str
    title: str
    problem: str = Field(
        description="download_failed, extraction_failed, ocr_unavailable or withdrawn."
    )
    reason: str
    original_url: str

    @classmethod
    def of(cls, problem: ProblemDocument, names: dict[str, str]) -> ProblemDocumentView:
        return cls(
            id=problem.id,
            source_key=problem.source_key,
            source_name=names.get(problem.source_key, problem.source_key),
            title=problem.title,
            problem=problem.problem,
            reason=problem.reason,
            original_url=problem.original_url,
        )


class WooExportCheckView(BaseModel):
    """The last validation of the organisation's Woo-index export."""

    organisation_key: str
    checked_at: datetime
    valid: bool
    errors: int
    documents: int = Field(description="Documents listed (`<url>`s of the sitemaps).")
    detail: str = Field(description="The first errors, one a line.")

    @classmethod
    def of(cls, check: WooExportCheck) -> WooExportCheckView:
        return cls(
            organisation_key=check.organisation_key,
            checked_at=check.checked_at,
            valid=check.valid,
            errors=check.errors,
            documents=check.documents,
            detail=check.detail,
        )


class WooExportView(BaseModel):
    url: str | None = Field(description="The export's robots.txt; null: not served here.")
    last_check: WooExportCheckView | None


__all__ = [
    "COUNTED",
    "Period",
    "ProblemDocumentView",
    "RunView",
    "SourceDashboard",
    "SupplierTotal",
    "WooExportCheckView",
    "WooExportView",
]
