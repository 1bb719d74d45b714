"""The bodies of the "Mist u een stuk?" report endpoints (`routes_reports`) as pydantic models,
from which `openapi_reports` derives their published schemas."""

from __future__ import annotations

from datetime import datetime
from typing import Literal, cast
from urllib.parse import quote

from pydantic import BaseModel, ConfigDict, Field

from vindplaats.operations.reports import (
    ANSWER_MAX,
    CONTACT_MAX,
    CONTACT_PATTERN,
    MESSAGE_MAX,
    MESSAGE_PATTERN,
    SUBJECT_ID_MAX,
)
from vindplaats.store.sql_reports import MissingReport

SubjectKind = Literal["document", "meeting", "organisation"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ReportRequest(_Strict):
    subject_kind: SubjectKind = Field(description="What the report is about.")
    subject_id: str = Field(
        min_length=1,
        max_length=SUBJECT_ID_MAX,
        description="A document or meeting id (document:notubiz:alkmaar:6183601), or an "
        "organisation's source key (alkmaar). It must be held by this server.",
    )
    message: str = Field(
        min_length=1,
        max_length=MESSAGE_MAX,
        pattern=MESSAGE_PATTERN,
        description="What is missing, in the reporter's words (at least one visible character).",
    )
    contact: str | None = Field(
        None,
        max_length=CONTACT_MAX,
        pattern=CONTACT_PATTERN,
        description="An email address or phone number for an answer; shown only to the "
        "organisation's editors and admins.",
    )


class ReportAccepted(_Strict):
    id: str = Field(description="The report's id: random and URL-safe.")
    status: Literal["open"]
    organisation: str = Field(description="The key of the organisation the report went to.")


class ReportBody(_Strict):
    id: str
    organisation: str
    subject_kind: SubjectKind
    subject_id: str
    subject_url: str = Field(description="The subject's page on this server.")
    message: str
    contact: str | None = Field(description="The reporter's contact (only shown here).")
    status: Literal["open", "closed"]
    answer: str | None
    answered_by: str | None
    created_at: datetime
    closed_at: datetime | None


class ReportsResponse(_Strict):
    organisation: str
    open: int = Field(description="Open reports of the organisation.")
    closed: int = Field(description="Closed reports of the organisation.")
    reports: list[ReportBody] = Field(description="Open reports first, then the newest first.")


class AnswerRequest(_Strict):
    answer: str = Field(
        "", max_length=ANSWER_MAX, description="The organisation's answer (kept with the report)."
    )
    close: bool = Field(False, description="Close the report (the answer may then be empty).")


def subject_url(kind: str, subject_id: str) -> str:
    """The page of a report's subject (ids keep their colons, as the pages' links do)."""
    if kind == "organisation":
        return "/organisaties/" + quote(subject_id, safe="")
    prefix = "/documenten/" if kind == "document" else "/vergaderingen/"
    return prefix + quote(subject_id, safe=":")


def report_body(report: MissingReport) -> ReportBody:
    return ReportBody(
        id=report.id,
        organisation=report.organisation_key,
        subject_kind=cast(SubjectKind, report.subject_kind),
        subject_id=report.subject_id,
        subject_url=subject_url(report.subject_kind, report.subject_id),
        message=report.message,
        contact=report.contact,
        status=report.status,
        answer=report.answer,
        answered_by=report.answered_by,
        created_at=report.created_at,
        closed_at=report.closed_at,
    )
