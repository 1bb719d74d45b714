"""An organisation's editor registers its own source systems (`/beheer/organisaties/{org}/bronnen`):

- `GET .../bronnen`: the organisation's registrations and their states;
- `GET|POST .../bronnen/nieuw`: the form (supplier, its ids, base URL, patterns); a valid one is
  kept as a draft and answers 303 to its page, an invalid one shows the form again (422) with
  each bad field named in Dutch;
- `GET|POST .../bronnen/{id}`: the registration: its state, its verification (the most recent
  meetings seen, counts, errors) and the form to change it (back to draft);
- `POST .../bronnen/{id}/controleren`: the verification dry-run, off the request
  (`search_api.registration_jobs`); the page reloads itself while it runs (`?verversen=uit` turns
  that off, WCAG 2.2.1);
- `POST .../bronnen/{id}/indienen`: submitted for an admin (`/beheer/aanmeldingen`), with the
  note a fatal or empty verification needs.

Every page needs a principal that may act for the organisation (an editor of it, an admin;
`search_api.access`), every form its CSRF token (`checked_form`). The token field is a password
input, never filled in.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from search_api import access
from search_api.registration_jobs import PoolFull
from search_api.routes_registrations import verification_pool
from search_api.services import services
from search_api.web.registration_view import (
    STATUS_NAMES,
    SUPPLIER_NAMES,
    form_fields,
    form_values,
    suppliers,
    verification_view,
)
from search_api.web.templating import render
from vindplaats.accounts.organisations import ensure_organisation
from vindplaats.operations.registration import (
    RegistrationConflict,
    edit,
    register,
    registration,
    submit,
)
from vindplaats.operations.registration_fields import FORM_FIELDS, RegistrationInvalid
from vindplaats.store.sql_registrations import Registration

REFRESH_SECONDS = 3
DONE = {
    "aangemaakt": "De bron is aangemeld als concept. Start de controle om te zien wat Vindplaats "
    "bij uw leverancier vindt.",
    "gewijzigd": "De wijziging is bewaard; de aanmelding is weer een concept.",
    "ingediend": "De aanmelding is ingediend. Een beheerder keurt haar goed of af.",
}


def _base(org: str) -> str:
    return f"/beheer/organisaties/{quote(org, safe='')}/bronnen"


def _org(request: Request) -> str:
    org = str(request.path_params["org"])
    access.require_organisation(request, org)
    return org


def _form_fields(form: Any) -> dict[str, str]:
    return {name: str(form.get(name, "")) for name in FORM_FIELDS}


async def overview(request: Request) -> Response:
    org = _org(request)
    store = services(request).store
    organisation = await run_in_threadpool(ensure_organisation, store, org)
    found = await run_in_threadpool(store.list_registrations, org)
    return render(
        request,
        "bron_overzicht.html",
        organisation=organisation,
        registrations=found,
        status_names=STATUS_NAMES,
        supplier_names=SUPPLIER_NAMES,
        base=_base(org),
    )


def _form_page(
    request: Request,
    org: str,
    values: dict[str, Any],
    errors: dict[str, str],
    status: int = 200,
    organisation_name: str = "",
) -> Response:
    return render(
        request,
        "bron_formulier.html",
        status=status,
        organisation_name=organisation_name or org,
        suppliers=suppliers(),
        supplier=str(values.get("supplier") or ""),
        fields=form_fields(values, errors),
        supplier_error=errors.get("supplier", ""),
        action=f"{_base(org)}/nieuw",
        base=_base(org),
    )


async def new_form(request: Request) -> Response:
    org = _org(request)
    organisation = await run_in_threadpool(ensure_organisation, services(request).store, org)
    return _form_page(
        request, org, {"supplier": "notubiz"}, {}, organisation_name=organisation.name
    )


async def create(request: Request) -> Response:
    org = _org(request)
    principal = access.require_organisation(request, org)
    form = await access.checked_form(request)
    fields = _form_fields(form)
    svc = services(request)
    try:
        created = await run_in_threadpool(
            register, svc.store, svc.settings, org, fields, principal.actor
        )
    except RegistrationInvalid as exc:
        return _form_page(request, org, fields, exc.fields, 422)
    return RedirectResponse(f"{_base(org)}/{created.id}?gedaan=aangemaakt", status_code=303)


def registration_page(
    request: Request,
    found: Registration,
    *,
    status: int = 200,
    problem: str = "",
    values: dict[str, Any] | None = None,
    errors: dict[str, str] | None = None,
) -> Response:
    verifying = found.status == "verifying"
    reloading = verifying and request.query_params.get("verversen") != "uit"
    shown = values if values is not None else form_values(found)
    return render(
        request,
        "bron_aanmelding.html",
        status=status,
        found=found,
        status_name=STATUS_NAMES.get(found.status, found.status),
        supplier_name=SUPPLIER_NAMES.get(str(found.config.get("supplier")), ""),
        verification=verification_view(found),
        refresh=REFRESH_SECONDS if reloading else None,
        problem=problem,
        done=DONE.get(request.query_params.get("gedaan", ""), ""),
        suppliers=suppliers(),
        supplier=str(shown.get("supplier") or ""),
        fields=form_fields(shown, errors or {}),
        supplier_error=(errors or {}).get("supplier", ""),
        token_stored=bool(found.config.get("api_token")),
        page=f"{_base(found.organisation_key)}/{found.id}",
        base=_base(found.organisation_key),
    )


async def _found(request: Request) -> tuple[str, Registration]:
    org = _org(request)
    store = services(request).store
    return org, await run_in_threadpool(registration, store, request.path_params["id"], org)


async def show(request: Request) -> Response:
    _, found = await _found(request)
    return registration_page(request, found)


async def change(request: Request) -> Response:
    org, found = await _found(request)
    principal = access.require_organisation(request, org)
    form = await access.checked_form(request)
    fields = _form_fields(form)
    svc = services(request)
    try:
        await run_in_threadpool(edit, svc.store, svc.settings, found, fields, principal.actor)
    except RegistrationInvalid as exc:
        return registration_page(request, found, status=422, values=fields, errors=exc.fields)
    except RegistrationConflict as exc:
        return registration_page(request, found, status=409, problem=str(exc))
    return RedirectResponse(f"{_base(org)}/{found.id}?gedaan=gewijzigd", status_code=303)


async def verify(request: Request) -> Response:
    org, found = await _found(request)
    principal = access.require_organisation(request, org)
    await access.checked_form(request)
    pool = verification_pool(request)
    try:
        await run_in_threadpool(pool.start, found, principal.actor)
    except (RegistrationConflict, PoolFull) as exc:
        status = 503 if isinstance(exc, PoolFull) else 409
        return registration_page(request, found, status=status, problem=str(exc))
    return RedirectResponse(f"{_base(org)}/{found.id}", status_code=303)


async def hand_in(request: Request) -> Response:
    org, found = await _found(request)
    principal = access.require_organisation(request, org)
    form = await access.checked_form(request)
    note = str(form.get("toelichting", ""))
    try:
        await run_in_threadpool(submit, services(request).store, found, principal.actor, note)
    except RegistrationConflict as exc:
        return registration_page(request, found, status=409, problem=str(exc))
    return RedirectResponse(f"{_base(org)}/{found.id}?gedaan=ingediend", status_code=303)


BASE = "/beheer/organisaties/{org}/bronnen"


def _routes() -> list[BaseRoute]:
    return [
        Route(BASE, overview, methods=["GET"]),
        Route(BASE + "/nieuw", new_form, methods=["GET"]),
        Route(BASE + "/nieuw", create, methods=["POST"]),
        Route(BASE + "/{id}", show, methods=["GET"]),
        Route(BASE + "/{id}", change, methods=["POST"]),
        Route(BASE + "/{id}/controleren", verify, methods=["POST"]),
        Route(BASE + "/{id}/indienen", hand_in, methods=["POST"]),
    ]


routes = _routes()
