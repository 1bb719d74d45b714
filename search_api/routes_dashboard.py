"""An organisation's dashboard over the API (`vindplaats.operations.dashboard` holds the rules).

- `GET /api/organisations/{org}/dashboard`: its sources' health, last runs, counts per year and
  month, months without a meeting, the supplier's totals beside ours, failed and withdrawn
  documents and the Woo-index export's last validation (`OrganisationDashboard`);
- `POST /api/organisations/{org}/woo-export-check`: validate its Woo-index export now and record
  the result (audited); 200 `WooExportCheck`, 404 when the export is not served here.

Both need an editor's session or the organisation's API token (401 without, 403 for another
organisation; `search_api.access`).
"""

from __future__ import annotations

from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from search_api import access
from search_api.params import parse_params
from search_api.services import Services, services
from vindplaats.operations.dashboard import organisation_dashboard
from vindplaats.operations.dashboard_models import WooExportCheckView
from vindplaats.operations.woo_export_check import check_woo_export
from vindplaats.store.sql_organisations import WooExportCheck


def check_json(check: WooExportCheck) -> dict[str, Any]:
    return WooExportCheckView.of(check).model_dump(mode="json")


def validate_and_audit(svc: Services, org_key: str, actor: str) -> WooExportCheck:
    """Validate the organisation's export now, record it and write it to the audit log."""
    check = check_woo_export(svc.store, svc.blobs, svc.settings, org_key)
    svc.store.add_audit(
        actor,
        "woo_export.validated",
        organisation_key=org_key,
        subject=org_key,
        detail={"valid": check.valid, "errors": check.errors, "documents": check.documents},
    )
    return check


async def dashboard(request: Request) -> Response:
    parse_params((), request.query_params)
    org_key = request.path_params["org"]
    access.require_organisation(request, org_key)
    svc = services(request)
    board = await run_in_threadpool(organisation_dashboard, svc.store, svc.settings, org_key)
    return JSONResponse(board.model_dump(mode="json"))


async def woo_export_check(request: Request) -> Response:
    parse_params((), request.query_params)
    org_key = request.path_params["org"]
    who = access.require_organisation(request, org_key)
    svc = services(request)
    check = await run_in_threadpool(validate_and_audit, svc, org_key, who.actor)
    return JSONResponse(check_json(check))


def _routes() -> list[BaseRoute]:
    return [
        Route(
            "/api/organisations/{org}/dashboard",
            dashboard,
            methods=["GET"],
            name="organisation_dashboard",
        ),
        Route(
            "/api/organisations/{org}/woo-export-check",
            woo_export_check,
            methods=["POST"],
            name="organisation_woo_export_check",
        ),
    ]


routes = _routes()

__all__ = ["check_json", "routes", "validate_and_audit"]
