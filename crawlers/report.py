"""The outcome of one crawl: `CrawlReport`, and the rule that decides its status."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

CrawlStatus = Literal["ok", "partial", "failed"]

# Counts that make a completed crawl "partial": something was not harvested.
FAILURE_COUNTS = ("errors", "download_failed", "refused")


class CrawlReport(BaseModel):
    """What a crawl did. `counts` keys include meetings, agenda_items, documents,
    register_entries, committees, organizations, skipped_non_public, errors, refused,
    repaired_links, api_responses, documents_downloaded, documents_unchanged, download_failed,
    bytes_downloaded. `errors` are human-readable lines naming the URL."""

    status: CrawlStatus
    counts: dict[str, int] = Field(default_factory=dict)
    errors: list[str] = Field(default_factory=list)
    watermark: datetime | None = None


def decide_status(counts: Mapping[str, int], fatal: bool) -> CrawlStatus:
    """failed: the source's API could not be read (fatal, or no API response at all);
    partial: some items or downloads failed; ok otherwise (an empty window is ok)."""
    if fatal or counts.get("api_responses", 0) == 0:
        return "failed"
    if any(counts.get(key, 0) for key in FAILURE_COUNTS):
        return "partial"
    return "ok"
