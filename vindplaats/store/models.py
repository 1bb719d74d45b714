"""Rows of the store as typed objects."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from pydantic import BaseModel, Field

from normalize.records import DownloadStatus, ExtractionStatus, Truncation


class RunStatus(StrEnum):
    RUNNING = "running"
    OK = "ok"  # everything harvested, no failures
    PARTIAL = "partial"  # completed, but some items failed (exit status non-zero)
    FAILED = "failed"  # the run as a whole failed


class HarvestRun(BaseModel):
    id: int
    source_key: str
    started_at: datetime
    ended_at: datetime | None = None
    status: RunStatus
    window_from: date | None = None
    window_until: date | None = None
    watermark: datetime | None = None
    counts: dict[str, int] = Field(default_factory=dict)
    errors: list[str] = Field(default_factory=list)


class DocumentState(BaseModel):
    id: str
    source_key: str
    original_url: str
    version_key: str
    sha256: str | None = None
    size: int | None = None
    content_type: str | None = None
    download_status: DownloadStatus = DownloadStatus.PENDING
    download_error: str | None = None
    downloaded_at: datetime | None = None
    extraction_status: ExtractionStatus = ExtractionStatus.PENDING
    extraction_error: str | None = None
    extraction_agent: str | None = None
    extraction_route: str | None = None
    extraction_warnings: list[str] = Field(default_factory=list)
    extraction_truncation: Truncation | None = None  # set when the status is 'truncated'
    extracted_at: datetime | None = None
    page_count: int = 0
    ocr_pages: list[int] = Field(default_factory=list)
    first_seen: datetime
    last_seen: datetime
    withdrawn: bool = False
    indexed: bool = False


class SupplierBlock(BaseModel):
    """A supplier refused us ("The request is blocked", a burst of 403s): none of its sources is
    harvested until `blocked_until` (or `vindplaats sources unblock SUPPLIER`)."""

    supplier: str
    blocked_at: datetime
    blocked_until: datetime
    reason: str


class Backfill(BaseModel):
    """The cursor of a full backfill of one source (`vindplaats harvest KEY --full`): the range
    it covers in chunks of `chunk_months` months, oldest first, and the first day of the first
    chunk not yet finished (`next_from`). `finished_at` is set once every chunk is done."""

    source_key: str
    range_from: date
    range_until: date
    chunk_months: int
    next_from: date
    started_at: datetime
    updated_at: datetime
    finished_at: datetime | None = None

    @property
    def finished(self) -> bool:
        return self.finished_at is not None


class Beat(BaseModel):
    """A heartbeat row: who beat under `name`, and how many seconds ago (database clock)."""

    name: str
    holder: str
    age: float
