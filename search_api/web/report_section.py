""" "Mist u een stuk?" on an organisation's dashboard: `reports_section(svc, org_key)` gives the
context of `_dashboard_reports.html` (H4's dashboard page includes it): the open and closed
counts and the latest reports, open ones first, each with its subject linked by title, its
message, when it came in, and a link to its answer page. The reporters' contacts are shown only
on the answer page (`answer_context`, for `report_pages`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import quote

from normalize.records import Document, Meeting
from search_api.schemas_reports import subject_url
from search_api.services import Services
from search_api.web.dutch_time import ago, moment_text
from vindplaats.errors import NotFound
from vindplaats.store.base import Store
from vindplaats.store.sql_reports import MissingReport

SHOWN = 20  # reports listed on the dashboard
EXCERPT = 240  # characters of a message shown in the list
KIND_LABELS = {"document": "Document", "meeting": "Vergadering", "organisation": "Organisatie"}


@dataclass(frozen=True)
class ReportLine:
    id: str
    status: str
    status_label: str
    kind_label: str
    subject_title: str
    subject_url: str
    excerpt: str
    received: str
    received_ago: str
    answer_url: str


def subject_title(store: Store, kind: str, subject_id: str) -> str:
    """The subject's title (a document's title, a meeting's name, a source's name), or its id
    when it is no longer held."""
    try:
        if kind == "organisation":
            return store.get_source(subject_id).name
        record = store.get_record(subject_id)
    except NotFound:
        return subject_id
    if isinstance(record, Document):
        return record.title or subject_id
    if isinstance(record, Meeting):
        return record.name or subject_id
    return subject_id


def answer_url(report: MissingReport) -> str:
    """The organisation's answer page of the report."""
    org = quote(report.organisation_key, safe="")
    return f"/beheer/organisaties/{org}/meldingen/{quote(report.id, safe='')}"


def report_line(store: Store, report: MissingReport, now: datetime) -> ReportLine:
    text = " ".join(report.message.split())
    return ReportLine(
        id=report.id,
        status=report.status,
        status_label="open" if report.status == "open" else "gesloten",
        kind_label=KIND_LABELS.get(report.subject_kind, report.subject_kind),
        subject_title=subject_title(store, report.subject_kind, report.subject_id),
        subject_url=subject_url(report.subject_kind, report.subject_id),
        excerpt=text if len(text) <= EXCERPT else text[: EXCERPT - 1] + "…",
        received=moment_text(report.created_at),
        received_ago=ago(report.created_at, now),
        answer_url=answer_url(report),
    )


def contact_url(contact: str | None) -> str | None:
    """A `mailto:` or `tel:` link to the reporter (None without a contact)."""
    if not contact:
        return None
    if "@" in contact:
        return "mailto:" + quote(contact, safe="@.+-_")
    return "tel:" + "".join(c for c in contact if c.isdigit() or c == "+")


def answer_context(store: Store, report: MissingReport) -> dict[str, Any]:
    """The context of `melding_beantwoorden.html`, the organisation's answer page (with the
    reporter's contact: for the organisation's editors and admins only)."""
    organisation = store.get_organisation(report.organisation_key)
    return {
        "report": report,
        "line": report_line(store, report, store.clock()),
        "closed": moment_text(report.closed_at),
        "contact_url": contact_url(report.contact),
        "organisation_name": organisation.name if organisation else report.organisation_key,
        "dashboard_url": "/beheer/organisaties/" + quote(report.organisation_key, safe=""),
        "answer_text": report.answer or "",
        "notice": "",
        "problem": "",
    }


def reports_section(svc: Services, org_key: str) -> dict[str, Any]:
    """The dashboard's reports section of the organisation (`_dashboard_reports.html`)."""
    store = svc.store
    counts = store.missing_report_counts(org_key)
    now = store.clock()
    shown = store.missing_reports(org_key, limit=SHOWN)
    return {
        "reports_open": counts["open"],
        "reports_closed": counts["closed"],
        "reports": [report_line(store, report, now) for report in shown],
        "reports_more": counts["open"] + counts["closed"] > len(shown),
        "reports_api": f"/api/organisations/{quote(org_key, safe='')}/reports",
    }


__all__ = [
    "ReportLine",
    "answer_context",
    "answer_url",
    "contact_url",
    "report_line",
    "reports_section",
    "subject_title",
]
