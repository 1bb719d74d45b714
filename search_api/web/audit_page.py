"""`/beheer/audit`: the audit log for an admin (`require_admin`): who did what, on what, when.

Newest first, `PAGE_SIZE` entries a page; `?organisatie=<key>` shows one organisation's
entries, `?voor=<id>` the entries before that one (the "Oudere" link pages on). A `voor` that
is not a whole number is a 400. The log itself is append-only
(`vindplaats.store.sql_organisations`).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from search_api.access import require_admin
from search_api.services import services
from search_api.web.dutch_time import moment_text
from search_api.web.templating import render

PAGE = "/beheer/audit"
PAGE_SIZE = 50
ID_MAX = 10**15
ACTION_NAMES = {
    "account.invite": "account uitgenodigd",
    "account.link": "nieuwe eenmalige link",
    "account.password": "wachtwoord ingesteld",
    "account.locked": "account geblokkeerd na onjuiste wachtwoorden",
    "account.unlock": "account ontgrendeld",
    "account.disable": "account uitgeschakeld",
    "account.enable": "account ingeschakeld",
    "token.create": "API-token gemaakt",
    "token.revoke": "API-token ingetrokken",
    "registration.create": "bron aangemeld (concept)",
    "registration.edit": "aanmelding van een bron gewijzigd",
    "registration.verify": "aanmelding van een bron gecontroleerd",
    "registration.submit": "bron ingediend",
    "registration.approve": "bron goedgekeurd",
    "registration.reject": "bron afgewezen",
    "document.takedown": "document offline gehaald",
    "document.restore": "document teruggezet",
    "document.review": "document beoordeeld",
    "report.create": "melding ontvangen",
    "report.answer": "melding beantwoord",
    "report.close": "melding gesloten",
    "woo_export.validated": "Woo-index-export gevalideerd",
}


def _before(request: Request) -> int | None:
    value = request.query_params.get("voor", "").strip()
    if not value:
        return None
    if not value.isdigit() or int(value) > ID_MAX:
        raise HTTPException(400, "Het adres bevat een ongeldige waarde voor 'voor'.")
    return int(value)


def _href(organisation: str, before: int | None) -> str:
    query = {k: v for k, v in (("organisatie", organisation), ("voor", before)) if v}
    return f"{PAGE}?{urlencode(query)}" if query else PAGE


def _detail(detail: dict[str, Any]) -> str:
    return ", ".join(f"{key}: {value}" for key, value in sorted(detail.items()))


async def audit_log(request: Request) -> Response:
    require_admin(request)
    before = _before(request)
    organisation = request.query_params.get("organisatie", "").strip()[:200]
    store = services(request).store
    entries = await run_in_threadpool(
        store.audit_entries, organisation or None, PAGE_SIZE + 1, before_id=before
    )
    organisations = await run_in_threadpool(store.list_organisations)
    older = _href(organisation, entries[PAGE_SIZE - 1].id) if len(entries) > PAGE_SIZE else ""
    page = render(
        request,
        "beheer_audit.html",
        entries=entries[:PAGE_SIZE],
        organisations=organisations,
        organisation=organisation,
        action_names=ACTION_NAMES,
        moment=moment_text,
        detail=_detail,
        older=older,
        newest=_href(organisation, None) if before is not None else "",
    )
    page.headers["Cache-Control"] = "no-store"
    return page


routes = [Route(PAGE, audit_log, methods=["GET"])]
