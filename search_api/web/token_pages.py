"""An organisation's API tokens: `/beheer/organisaties/{org}/tokens` (an editor of the
organisation or an admin, `search_api.access.require_organisation`).

- `GET` lists the tokens: label, who made it and when, when it was last used, revoked or not.
- `POST` (label) makes one (`vindplaats.accounts.people.new_api_token`, audited
  `token.create`) and answers the same page with the new token in clear, once: it is not kept
  (the store has only its hash), not put in a URL and the answer is `no-store`.
- `POST .../tokens/{id}/intrekken` revokes a live one (audited `token.revoke`) and sends the
  editor back to the list (303).

Every form carries the session's CSRF token (`checked_form`). A token is used on the API as
`Authorization: Bearer vpt_...`; a revoked one is refused there (401).
"""

from __future__ import annotations

from urllib.parse import quote

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from search_api.access import checked_form, require_organisation
from search_api.services import services
from search_api.web.dutch_time import moment_text
from search_api.web.templating import render
from vindplaats.accounts import people
from vindplaats.errors import NotFound
from vindplaats.store import Store

LABEL_MAX = 100
NO_STORE = "no-store"
DONE = {"ingetrokken": "Het token is ingetrokken; de API weigert het voortaan."}


def tokens_path(org_key: str) -> str:
    return f"/beheer/organisaties/{quote(org_key, safe='')}/tokens"


def revoke_token(store: Store, org_key: str, token_id: str, actor: str) -> bool:
    """Revoke a live token of the organisation and audit it; False when there is none."""
    if not store.revoke_api_token(org_key, token_id):
        return False
    store.add_audit(actor, "token.revoke", organisation_key=org_key, subject=token_id)
    return True


def _organisation_name(store: Store, org_key: str) -> str:
    found = store.get_organisation(org_key)
    if found is None:
        raise NotFound(f"no organisation {org_key!r}")
    return found.name


async def _page(
    request: Request,
    org_key: str,
    *,
    status: int = 200,
    new_token: str = "",
    problem: str = "",
    label: str = "",
) -> Response:
    store = services(request).store
    name = await run_in_threadpool(_organisation_name, store, org_key)
    tokens = await run_in_threadpool(store.api_tokens, org_key)
    page = render(
        request,
        "beheer_tokens.html",
        status=status,
        org_key=org_key,
        org_name=name,
        action=tokens_path(org_key),
        tokens=sorted(tokens, key=lambda t: (t.revoked, -t.created_at.timestamp())),
        moment=moment_text,
        new_token=new_token,
        problem=problem,
        label=label,
        label_max=LABEL_MAX,
        api_example=f"{str(request.base_url).rstrip('/')}/api/organisations/"
        f"{quote(org_key, safe='')}/dashboard",
        done=DONE.get(request.query_params.get("gedaan", ""), ""),
    )
    page.headers["Cache-Control"] = NO_STORE
    return page


async def tokens(request: Request) -> Response:
    org_key = request.path_params["org"]
    require_organisation(request, org_key)
    return await _page(request, org_key)


async def make_token(request: Request) -> Response:
    org_key = request.path_params["org"]
    who = require_organisation(request, org_key)
    form = await checked_form(request)
    store = services(request).store
    await run_in_threadpool(_organisation_name, store, org_key)
    label = " ".join(str(form.get("label", "")).split())
    if not label or len(label) > LABEL_MAX:
        problem = f"Geef het token een naam van 1 tot {LABEL_MAX} tekens."
        return await _page(request, org_key, status=400, problem=problem, label=label)
    token = await run_in_threadpool(people.new_api_token, store, org_key, label, who.actor)
    return await _page(request, org_key, new_token=token)


async def revoke(request: Request) -> Response:
    org_key = request.path_params["org"]
    who = require_organisation(request, org_key)
    await checked_form(request)
    store = services(request).store
    token_id = request.path_params["id"]
    if not await run_in_threadpool(revoke_token, store, org_key, token_id, who.actor):
        problem = "Dit token bestaat niet (meer) of is al ingetrokken."
        return await _page(request, org_key, status=409, problem=problem)
    return RedirectResponse(f"{tokens_path(org_key)}?gedaan=ingetrokken", status_code=303)


routes = [
    Route("/beheer/organisaties/{org}/tokens", tokens, methods=["GET"]),
    Route("/beheer/organisaties/{org}/tokens", make_token, methods=["POST"]),
    Route("/beheer/organisaties/{org}/tokens/{id}/intrekken", revoke, methods=["POST"]),
]
