"""The bodies of the source registration endpoints (`routes_registrations`) as pydantic models,
from which `openapi_registrations` derives their published schemas. A token is write-only:
it is sent in `RegistrationRequest.api_token` and answered only as a mask."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal
from urllib.parse import quote

from pydantic import BaseModel, ConfigDict, Field

from vindplaats.operations.registration import MAX_NOTE
from vindplaats.operations.registration_fields import MAX_FIELD, SUPPLIER_FIELDS, shown_config
from vindplaats.store.sql_registrations import Registration

Status = Literal["draft", "verifying", "verified", "submitted", "approved", "rejected"]
SupplierName = Literal["notubiz", "gemeenteoplossingen", "parlaeus", "ibabs", "diwoo", "ori"]
assert set(SupplierName.__args__) == set(SUPPLIER_FIELDS)  # type: ignore[attr-defined]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


def _text(description: str) -> Any:
    return Field(None, max_length=MAX_FIELD, description=description)


class RegistrationRequest(_Strict):
    supplier: SupplierName = Field(description="The supplier of the source system.")
    notubiz_organisation_id: str | None = _text("NotuBiz: the organisation's number (required).")
    ibabs_sitename: str | None = _text("iBabs: the site name (required).")
    municipality_prefix: str | None = _text(
        "Parlaeus: the prefix of <prefix>.parlaeus.nl (or give base_url)."
    )
    api_token: str | None = _text(
        "Parlaeus: the token (rid) the supplier issued; write-only, answered as a mask. Left "
        "out on PUT: the stored token is kept."
    )
    base_url: str | None = _text(
        "The API base (GemeenteOplossingen, DiWoo site, ORI API: required; others: an override)."
    )
    include_pattern: str | None = _text("Only meetings whose name matches this regular expression.")
    exclude_pattern: str | None = _text("Leave out meetings whose name matches this expression.")


class SubmitRequest(_Strict):
    note: str = Field(
        "",
        max_length=MAX_NOTE,
        description="Why the source is right after all: required when the verification was "
        "fatal or saw no meeting and no document.",
    )


class RegistrationSource(_Strict):
    supplier: str | None
    notubiz_organisation_id: str | None
    ibabs_sitename: str | None
    municipality_prefix: str | None
    api_token: str | None = Field(description="`**********` when a token is stored, else null.")
    base_url: str | None
    include_pattern: str | None
    exclude_pattern: str | None


class RegistrationBody(_Strict):
    id: str
    organisation: str
    source_key: str = Field(description="The key the source gets in the registry (derived).")
    status: Status
    source: RegistrationSource
    verification: dict[str, Any] | None = Field(
        description="What the verification dry-run saw: window, requests, stopped, fatal, "
        "fatal_error, records (counts per type), meetings (the 20 most recent: date, title), "
        "documents (a few titles), errors, and the submitter's note."
    )
    created_by: str
    created_at: datetime
    updated_at: datetime
    verified_at: datetime | None
    submitted_at: datetime | None
    decided_at: datetime | None
    decided_by: str | None
    decision_reason: str | None
    url: str = Field(description="This registration in the API.")
    page_url: str = Field(description="Its page on the web interface.")


class RegistrationsResponse(_Strict):
    registrations: list[RegistrationBody]


class VerificationAccepted(_Strict):
    id: str
    status: Literal["verifying"]
    status_url: str = Field(description="Poll this (GET) until status is no longer verifying.")


def api_url(found: Registration) -> str:
    org = quote(found.organisation_key, safe="")
    return f"/api/organisations/{org}/registrations/{quote(found.id, safe='')}"


def page_url(found: Registration) -> str:
    org = quote(found.organisation_key, safe="")
    return f"/beheer/organisaties/{org}/bronnen/{quote(found.id, safe='')}"


def registration_body(found: Registration) -> RegistrationBody:
    return RegistrationBody(
        id=found.id,
        organisation=found.organisation_key,
        source_key=found.source_key,
        status=found.status,  # type: ignore[arg-type]
        source=RegistrationSource(**shown_config(found)),
        verification=found.verification,
        created_by=found.created_by,
        created_at=found.created_at,
        updated_at=found.updated_at,
        verified_at=found.verified_at,
        submitted_at=found.submitted_at,
        decided_at=found.decided_at,
        decided_by=found.decided_by,
        decision_reason=found.decision_reason,
        url=api_url(found),
        page_url=page_url(found),
    )
