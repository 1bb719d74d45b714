"""The organisation dashboard: `/beheer/organisaties/{org}` (an editor of the organisation or an
admin, `search_api.access.require_organisation`), and its "Nu valideren" form,
`POST /beheer/organisaties/{org}/woo-validatie` (CSRF-checked with `checked_form`), which
validates the organisation's Woo-index export, records and audits the result and sends the
editor back to the dashboard (303). It includes the reports section
(`search_api.web.report_section`) and the privacy section (`search_api.web.privacy_section`)."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from search_api import access
from search_api.routes_dashboard import validate_and_audit
from search_api.services import Services, services
from search_api.web.dashboard_view import dashboard_context
from search_api.web.privacy_section import privacy_section
from search_api.web.report_section import reports_section
from search_api.web.templating import render
from vindplaats.accounts.organisations import sources_of
from vindplaats.errors import NotFound
from vindplaats.operations.dashboard import organisation_dashboard


def page_context(svc: Services, org_key: str) -> dict[str, Any]:
    """Everything the dashboard template shows (read in one worker thread)."""
    board = organisation_dashboard(svc.store, svc.settings, org_key)
    sources = sources_of(svc.store, org_key)
    context = dashboard_context(svc.store, sources, board)
    context |= reports_section(svc, org_key)
    context |= privacy_section(svc, org_key)
    return context


async def dashboard(request: Request) -> HTMLResponse:
    org_key = request.path_params["org"]
    who = access.require_organisation(request, org_key)
    context = await run_in_threadpool(page_context, services(request), org_key)
    return render(request, "beheer_dashboard.html", principal=who, **context)


def _validate(svc: Services, org_key: str, actor: str) -> None:
    try:
        validate_and_audit(svc, org_key, actor)
    except NotFound as exc:
        svc.store.save_woo_export_check(
            org_key, valid=False, errors=1, documents=0, detail=f"niet te valideren: {exc}"
        )


async def validate_export(request: Request) -> Response:
    org_key = request.path_params["org"]
    who = access.require_organisation(request, org_key)
    await access.checked_form(request)
    await run_in_threadpool(_validate, services(request), org_key, who.actor)
    target = f"/beheer/organisaties/{quote(org_key, safe='')}#woo-export"
    return RedirectResponse(target, status_code=303)


def _routes() -> list[BaseRoute]:
    return [
        Route(
            "/beheer/organisaties/{org}",
            dashboard,
            methods=["GET"],
            name="beheer_dashboard",
        ),
        Route(
            "/beheer/organisaties/{org}/woo-validatie",
            validate_export,
            methods=["POST"],
            name="beheer_woo_validatie",
        ),
    ]


routes = _routes()

__all__ = ["page_context", "routes"]
