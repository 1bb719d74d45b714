"""The response bodies of the API as pydantic models.

Routes build their answers through these models, and `openapi.py` derives the published JSON
schemas from the same models, so the documentation cannot drift from what is served.
"""

from __future__ import annotations

import datetime as dt
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from normalize.records import (
    Document,
    DownloadStatus,
    ExtractionStatus,
    Meeting,
    Motion,
    Truncation,
    Vote,
)
from vindplaats.operations.health import SourceHealth


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ErrorDetail(_Out):
    code: str = Field(description="Machine-readable code: bad_request, not_found, ...")
    message: str = Field(description="What was wrong, for people.")
    parameter: str | None = Field(None, description="The query parameter at fault, if any.")


class ErrorBody(_Out):
    error: ErrorDetail


# -- search ---------------------------------------------------------------------------------
class PageSnippet(_Out):
    number: int = Field(description="1-based page number.")
    snippet: str = Field(description="HTML-escaped text with <mark>…</mark> around matches.")


class HitLinks(_Out):
    self: str = Field(description="This document (or motion: /api/motions/{id}) in the API.")
    file: str | None = Field(description="The cached copy of the original file; null for motions.")
    original: str | None = Field(description="The file at its publisher.")
    pages: list[str] = Field(description="The original opened at each page hit (#page=N).")


class SearchHit(_Out):
    id: str
    title: str
    organization: str
    date: dt.date | None  # `dt.`: the field name shadows the type here
    added: datetime | None = Field(
        description="When the record was first harvested (UTC, to the second): the order of "
        "`sort=added_desc`; null when not recorded (a motion without documents)."
    )
    document_type: str | None = Field(
        description="Controlled document type (motie, raadsvoorstel, ingekomen_stuk, ..., overig)."
    )
    document_type_label: str | None = Field(
        description="The supplier's own label of the type or register, as published."
    )
    woo_category: str | None = Field(
        description="Woo information category by article (3.3.2c, 3.3.2a, 3.3.2d)."
    )
    committee: str | None
    motion_result: str | None = Field(
        description="Outcome of a motion or amendment; null for documents."
    )
    supplier: str
    source: str = Field(description="Key of the source the document was harvested from.")
    score: float
    page_count: int
    pages: list[PageSnippet] = Field(description="Best matching pages, best first.")
    links: HitLinks


class FacetCount(_Out):
    value: str
    count: int
    label: str | None = Field(
        None,
        description="Dutch label of a controlled value (document types, Woo categories, "
        "refusal grounds).",
    )


class SearchResponse(_Out):
    total: int = Field(description="Number of matching documents (the whole result set).")
    hits: list[SearchHit]
    facets: dict[str, list[FacetCount]] = Field(description="Counts per field value.")
    next_cursor: str | None = Field(description="Pass as `cursor` for the next page.")
    next: str | None = Field(description="URL of the next page (same query, with the cursor).")


# -- documents ------------------------------------------------------------------------------
class Ref(_Out):
    id: str
    name: str | None = Field(description="Name or title; null when the record is not stored.")


class DocumentLinks(_Out):
    self: str
    file: str
    original: str | None


class DocumentRef(_Out):
    id: str
    title: str | None
    links: DocumentLinks


class ExtractionInfo(_Out):
    status: ExtractionStatus
    error: str | None
    agent: str | None = Field(description="Extractor name and version.")
    route: str | None = Field(description="How the text was obtained (text layer, OCR, ...).")
    extracted_at: datetime | None
    ocr_pages: list[int]
    truncation: Truncation | None = Field(
        description="Status `truncated`: the document was cut at a page or text cap; the pages "
        "kept (in `pages`, and searchable) and of how many. Null when the text is whole."
    )
    warnings: list[str] = Field(
        description="What the extractor reported without failing (at most 20 short texts)."
    )


class DownloadInfo(_Out):
    status: DownloadStatus
    error: str | None
    downloaded_at: datetime | None
    size: int | None
    content_type: str | None


class PageText(_Out):
    number: int
    text: str
    ocr: bool


class RegisterEntryRef(Ref):
    """A register entry by id and title (else its register's name), with its type."""

    register_name: str | None = Field(description="The register's name, as the supplier wrote it.")
    document_type: str | None = Field(
        description="Controlled type (motie, ingekomen_stuk, toezegging, ...); null when the "
        "entry is not stored."
    )
    document_type_label: str | None = Field(
        description="The supplier's label: the entry's own type field, else its register's name."
    )
    woo_category: str | None = Field(description="Woo information category by article.")


class DocumentContext(_Out):
    organization: Ref | None
    committee: Ref | None
    meeting: Ref | None
    agenda_item: Ref | None
    register_entry: RegisterEntryRef | None


class DossierRef(_Out):
    """A Woo-besluit dossier that holds the document."""

    id: str
    title: str
    link: str = Field(description="The dossier in the API: /api/dossiers/{id}.")


class DocumentDetail(Document):
    """The Document record's fields, plus its state, text and context."""

    withdrawn: bool = Field(description="Gone from the source; kept and still served.")
    sha256: str | None = Field(description="Content hash of the stored original.")
    extraction: ExtractionInfo
    download: DownloadInfo
    file_url: str | None = Field(description="The cached copy; null when not downloaded.")
    page_count: int
    pages: list[PageText]
    context: DocumentContext
    dossiers: list[DossierRef] | None = Field(
        default=None,
        exclude_if=lambda value: value is None,
        description="The Woo-besluit dossiers the document is part of; absent when none.",
    )


# -- meetings -------------------------------------------------------------------------------
class AgendaNode(_Out):
    id: str
    name: str
    description: str | None
    raw_position: str | None
    position: int | None
    order: int
    is_heading: bool
    documents: list[DocumentRef]
    children: list[AgendaNode]


class MeetingDetail(Meeting):
    """The Meeting record's fields, plus its agenda tree and documents."""

    organization: Ref | None
    committee: Ref | None
    agenda: list[AgendaNode] = Field(description="Top-level agenda items in order, nested.")
    documents: list[DocumentRef] = Field(description="Documents of the meeting itself.")
    register_entries: list[RegisterEntryRef] = Field(
        description="Register entries (motions, ingekomen stukken, toezeggingen, ...) that name "
        "this meeting, by title."
    )


# -- motions -------------------------------------------------------------------------------
class MotionDetail(Motion):
    """The Motion record's fields, plus its votes and context."""

    withdrawn: bool = Field(description="Gone from the source; kept and still served.")
    withdrawn_at: datetime | None = Field(
        default=None, description="When it was marked withdrawn; null while it is current."
    )
    organization: Ref | None
    meeting: Ref | None
    votes: list[Vote] = Field(description="How each member voted, by voter name.")
    documents: list[DocumentRef] = Field(description="The motion's documents.")


# -- sources and health ---------------------------------------------------------------------
class RunInfo(_Out):
    status: str
    started_at: datetime
    ended_at: datetime | None
    counts: dict[str, int]
    errors: list[str]


class SourceInfo(_Out):
    key: str
    name: str
    supplier: str
    organisation_type: str
    cbs_code: str | None
    tooi_uri: str | None
    last_run: RunInfo | None
    last_success: datetime | None = Field(description="End of the newest run with status ok.")
    documents: dict[str, int] = Field(description="Documents by status: download_ok, ...")
    health: SourceHealth = Field(
        description="Freshness: ok, stale, failing, blocked (the supplier refused us) or "
        "never_harvested, with the last success and the last error."
    )


class SourcesResponse(_Out):
    sources: list[SourceInfo]


class Health(_Out):
    status: str
    documents: int = Field(description="Documents in the search index.")
    version: str


def dump(model: BaseModel) -> dict[str, Any]:
    return model.model_dump(mode="json")
