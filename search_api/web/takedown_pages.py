"""Taking a document offline on the web, for an editor of its organisation or an admin
(`vindplaats.operations.takedown` holds the rules); the forms are on the dashboard's privacy
section (`privacy_section`) and on `GET /beheer/documenten/{id}/offline`:

- `GET /beheer/documenten/{id}/offline`: the form (a reason is required); for a document that is
  down already, since when, by whom and why, with the form that restores it;
- `POST /beheer/documenten/{id}/offline` (`reason`, optional `terug`): takes it down, audited;
  303 to `terug` (a `/beheer/` path: the dashboard's forms send it) or the document's page
  above. The document is out of search, its page and the API (410), feeds, exports and the ORI
  and Woo-index outputs before that answer is sent; the search index itself loses it right
  after (or at the next index pass while a harvest holds the index writer);
- `POST /beheer/documenten/{id}/terugzetten`: restores it (back everywhere at once), audited;
- `POST /beheer/documenten/{id}/beoordeeld`: marks its privacy flag reviewed, audited.

Every POST is CSRF-checked (`checked_form`); a visitor who is not signed in is sent to sign in,
an editor of another organisation gets 403 (`search_api.access`).
"""

from __future__ import annotations

from contextlib import suppress
from typing import Any
from urllib.parse import quote

from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from search_api import access
from search_api.services import checked_id, services
from search_api.web.privacy_section import record_title, takedown_line
from search_api.web.templating import render
from vindplaats.errors import NotFound
from vindplaats.operations.takedown import (
    REASON_MAX,
    TakedownRefused,
    organisation_of_record,
    reindex,
    restore,
    take_down,
)

DEFAULT_REASON = "Bevat een burgerservicenummer"


def dashboard_url(organisation: str) -> str:
    return f"/beheer/organisaties/{quote(organisation, safe='')}#privacy"


def page_url(doc_id: str) -> str:
    return f"/beheer/documenten/{quote(doc_id, safe=':')}/offline"


def back_to(form: Any, doc_id: str) -> str:
    """Where a form sends its editor back to: its `terug` field when that is a path of the
    management pages (the dashboard), else the document's own takedown page."""
    wanted = str(form.get("terug") or "")
    if wanted.startswith("/beheer/") and "//" not in wanted and "\\" not in wanted:
        return wanted
    return page_url(doc_id)


async def _allowed(request: Request) -> tuple[str, str, Any]:
    """The document id, its organisation and the principal allowed to act for it."""
    svc = services(request)
    doc_id = checked_id(request.path_params["id"], "document")
    organisation = await run_in_threadpool(organisation_of_record, svc.store, doc_id)
    return doc_id, organisation, access.require_organisation(request, organisation)


def _form_page(request: Request, doc_id: str, organisation: str, **extra: Any) -> Response:
    svc = services(request)
    context: dict[str, Any] = {
        "doc_id": doc_id,
        "title": record_title(svc.store, doc_id),
        "action": page_url(doc_id),
        "dashboard": dashboard_url(organisation),
        "reason": DEFAULT_REASON,
        "reason_max": REASON_MAX,
        "problem": None,
        "down": None,
        "restore_action": f"/beheer/documenten/{quote(doc_id, safe=':')}/terugzetten",
    }
    takedown = svc.store.get_takedown(doc_id)
    if takedown is not None and takedown.active:
        context["down"] = takedown_line(svc.store, takedown)
    context.update(extra)
    return render(request, "offline_halen.html", status=context.pop("status", 200), **context)


async def takedown_form(request: Request) -> Response:
    doc_id, organisation, _ = await _allowed(request)
    return _form_page(request, doc_id, organisation)


async def takedown_post(request: Request) -> Response:
    doc_id, organisation, principal = await _allowed(request)
    form = await access.checked_form(request)
    reason = str(form.get("reason") or "")
    svc = services(request)
    try:
        await run_in_threadpool(
            lambda: take_down(svc.store, doc_id, reason=reason, actor=principal.actor)
        )
    except TakedownRefused as exc:
        return _form_page(
            request, doc_id, organisation, reason=reason[:REASON_MAX], problem=exc.dutch, status=422
        )
    task = BackgroundTask(reindex, svc.store, svc.engine, doc_id)
    return RedirectResponse(back_to(form, doc_id), status_code=303, background=task)


async def restore_post(request: Request) -> Response:
    doc_id, _, principal = await _allowed(request)
    form = await access.checked_form(request)
    svc = services(request)
    with suppress(NotFound):  # restored already (a second click): the page shows it back
        await run_in_threadpool(
            lambda: restore(svc.store, doc_id, actor=principal.actor, engine=svc.engine)
        )
    return RedirectResponse(back_to(form, doc_id), status_code=303)


def _review(request: Request, doc_id: str, organisation: str, actor: str) -> None:
    store = services(request).store
    with store.transaction():
        if store.review_flag(doc_id, actor) is None:
            raise NotFound(f"Document {doc_id} heeft geen melding van persoonsgegevens.")
        store.add_audit(actor, "document.review", organisation_key=organisation, subject=doc_id)


async def review_post(request: Request) -> Response:
    doc_id, organisation, principal = await _allowed(request)
    form = await access.checked_form(request)
    await run_in_threadpool(_review, request, doc_id, organisation, principal.actor)
    return RedirectResponse(back_to(form, doc_id), status_code=303)


def _routes() -> list[Route]:
    return [
        Route("/beheer/documenten/{id:path}/offline", takedown_form, methods=["GET"]),
        Route("/beheer/documenten/{id:path}/offline", takedown_post, methods=["POST"]),
        Route("/beheer/documenten/{id:path}/terugzetten", restore_post, methods=["POST"]),
        Route("/beheer/documenten/{id:path}/beoordeeld", review_post, methods=["POST"]),
    ]


routes = _routes()
