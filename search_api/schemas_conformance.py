"""The bodies of the conformance endpoints (`routes_conformance`) as pydantic models, from which
`openapi_conformance` derives their published schemas."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from vindplaats.conformance import STANDARDS
from vindplaats.store.sql_conformance import ConformanceCheck

Standard = Literal["mini-ori", "ori-2", "ori-events", "diwoo"]
assert set(Standard.__args__) == set(STANDARDS)  # type: ignore[attr-defined]

API = "/api/conformance"
PAGE = "/conformance"


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


class CheckRequest(_Out):
    url: str = Field(
        min_length=1,
        max_length=2000,
        description="The feed to check: the API base (https://ori.leverancier.example/api/v2) for "
        "mini-ori, ori-2 and ori-events; the site (or its robots.txt) for diwoo. Only http(s) "
        "URLs of public hosts.",
    )
    standard: Standard = Field(description="The standard to check the feed against.")
    max_requests: int | None = Field(
        None,
        ge=1,
        description="Requests the check may send to the supplier; at most the server's "
        "VINDPLAATS_CONFORMANCE_MAX_REQUESTS (a larger value is lowered to it), which is also "
        "the default.",
    )


class ReportLinks(_Out):
    json_: str = Field(alias="json", description="The report as JSON.")
    junit: str = Field(description="The report as JUnit XML.")
    html: str = Field(description="The report as a stand-alone HTML page.")

    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class CheckAccepted(_Out):
    id: str = Field(description="The check's id: random and URL-safe.")
    status: Literal["queued"]
    status_url: str = Field(description="Where the check's status is read (also `Location`).")
    report_url: str = Field(description="The JSON report, once the check is done.")
    page_url: str = Field(description="The report as a web page: the check's permalink.")


class CheckStatusBody(_Out):
    id: str
    url: str = Field(description="The feed checked (credentials masked).")
    standard: Standard
    max_requests: int | None = Field(description="The request budget of the check.")
    status: Literal["queued", "running", "done", "failed"]
    progress: str = Field(description="What the running check has done so far, in Dutch.")
    reason: str | None = Field(description="Why the check failed; null otherwise.")
    errors: int | None = Field(description="Error findings of the report; null until done.")
    warnings: int | None = Field(description="Warning findings of the report; null until done.")
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    status_url: str
    page_url: str = Field(description="The report as a web page: the check's permalink.")
    reports: ReportLinks | None = Field(description="The report's formats; null until done.")
    report: dict[str, Any] | None = Field(
        description="The report (the checker's JSON: target, standard, conformant, complete, "
        "requests, seconds, findings, counts) once done; null otherwise."
    )


def status_url(check_id: str) -> str:
    return f"{API}/{check_id}"


def report_links(check_id: str) -> ReportLinks:
    base = status_url(check_id)
    return ReportLinks(
        json=f"{base}/report.json", junit=f"{base}/report.junit.xml", html=f"{base}/report.html"
    )


def status_body(check: ConformanceCheck, report: dict[str, Any] | None) -> CheckStatusBody:
    done = check.status == "done"
    return CheckStatusBody(
        id=check.id,
        url=check.url,
        standard=check.standard,  # type: ignore[arg-type]
        max_requests=check.max_requests,
        status=check.status,
        progress=check.progress,
        reason=check.reason,
        errors=check.errors,
        warnings=check.warnings,
        created_at=check.created_at,
        started_at=check.started_at,
        finished_at=check.finished_at,
        status_url=status_url(check.id),
        page_url=f"{PAGE}/{check.id}",
        reports=report_links(check.id) if done else None,
        report=report if done else None,
    )
