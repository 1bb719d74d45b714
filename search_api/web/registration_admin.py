"""`/beheer/aanmeldingen`: an admin decides the sources organisations registered.

`GET` lists the submitted registrations first (each with what its verification saw and a link
to its page), then the rest, newest change first. `POST /beheer/aanmeldingen/{id}/goedkeuren`
approves one (the source joins the registry, linked to its organisation, due at once: the next
worker pass harvests it); `POST /beheer/aanmeldingen/{id}/afwijzen` rejects one with the reason
the editor reads. Both need an admin (`require_admin`) and the form's CSRF token; both are
audited by the rules (`vindplaats.operations.registration`). A decision that does not fit the
registration's state shows the list again with the reason (409).
"""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from search_api import access
from search_api.services import services
from search_api.web.registration_view import STATUS_NAMES, SUPPLIER_NAMES, verification_view
from search_api.web.templating import render
from vindplaats.operations.registration import (
    RegistrationConflict,
    approve,
    registration,
    reject,
)

PAGE = "/beheer/aanmeldingen"
DONE = {
    "goedgekeurd": "Goedgekeurd: de bron staat in het register en wordt bij de volgende ronde "
    "geoogst.",
    "afgewezen": "Afgewezen; de aanmelder ziet de reden.",
}


async def _page(request: Request, status: int = 200, problem: str = "") -> Response:
    store = services(request).store
    found = await run_in_threadpool(store.list_registrations)
    waiting = [r for r in found if r.status == "submitted"]
    others = [r for r in found if r.status != "submitted"][:100]
    return render(
        request,
        "aanmeldingen.html",
        status=status,
        waiting=[(r, verification_view(r)) for r in waiting],
        others=others,
        status_names=STATUS_NAMES,
        supplier_names=SUPPLIER_NAMES,
        problem=problem,
        done=DONE.get(request.query_params.get("gedaan", ""), ""),
    )


async def overview(request: Request) -> Response:
    access.require_admin(request)
    return await _page(request)


async def decide(request: Request) -> Response:
    principal = access.require_admin(request)
    form = await access.checked_form(request)
    store = services(request).store
    found = await run_in_threadpool(registration, store, request.path_params["id"])
    approving = request.url.path.endswith("/goedkeuren")
    try:
        if approving:
            await run_in_threadpool(approve, store, found, principal.actor)
        else:
            reason = str(form.get("reden", ""))
            await run_in_threadpool(reject, store, found, principal.actor, reason)
    except RegistrationConflict as exc:
        return await _page(request, 409, str(exc))
    done = "goedgekeurd" if approving else "afgewezen"
    return RedirectResponse(f"{PAGE}?gedaan={done}", status_code=303)


def _routes() -> list[BaseRoute]:
    return [
        Route(PAGE, overview, methods=["GET"]),
        Route(PAGE + "/{id}/goedkeuren", decide, methods=["POST"]),
        Route(PAGE + "/{id}/afwijzen", decide, methods=["POST"]),
    ]


routes = _routes()
