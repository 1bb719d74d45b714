"""`/beheer/accounts`: an admin (`require_admin`) sees every account and manages them.

- `GET` lists the accounts: email, role, organisation, locked until, disabled, last sign-in.
- `POST /beheer/accounts` invites an editor of an organisation (its key) or an admin
  (`vindplaats.accounts.people.invite`); the answer shows the one-time link, as a full URL on
  the address the admin uses, once (the answer is `no-store`; the store keeps only its hash).
- `POST /beheer/accounts/{id}/uitschakelen` and `/inschakelen` disable (its sessions end) and
  enable an account, `/ontgrendelen` lifts a lock after wrong passwords, `/link` makes a fresh
  one-time link (a forgotten password) and shows it like an invitation.

Every form carries the session's CSRF token (`checked_form`); every change is made by the rules
of `vindplaats.accounts.people` and audited there with the admin as actor. An admin cannot
disable their own account (nobody might be left to enable it).
"""

from __future__ import annotations

from dataclasses import dataclass

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from search_api.access import Principal, checked_form, require_admin
from search_api.services import services
from search_api.web.dutch_time import moment_text
from search_api.web.templating import render
from vindplaats.accounts import people
from vindplaats.errors import NotFound
from vindplaats.store import Store
from vindplaats.store.sql_accounts import Account

PAGE = "/beheer/accounts"
ROLE_NAMES = {"admin": "beheerder", "editor": "redacteur"}
DONE = {
    "uitgeschakeld": "Het account is uitgeschakeld; de sessies ervan zijn beëindigd.",
    "ingeschakeld": "Het account is weer ingeschakeld.",
    "ontgrendeld": "Het account is ontgrendeld; aanmelden kan weer.",
}


class Refused(Exception):
    """A change that cannot be made; the message (Dutch) says why."""


@dataclass(frozen=True)
class OneTimeLink:
    email: str
    url: str
    invited: bool  # an invitation (else a fresh link for an existing account)


def _account(store: Store, account_id: str) -> Account:
    found = store.get_account(account_id)
    if found is None:
        raise NotFound(f"no account {account_id!r}")
    return found


def set_disabled(store: Store, account_id: str, disabled: bool, who: Principal) -> None:
    account = _account(store, account_id)
    if disabled and account.id == who.account_id:
        raise Refused("U kunt uw eigen account niet uitschakelen.")
    people.set_disabled(store, account, disabled, who.actor)


def unlock(store: Store, account_id: str, who: Principal) -> None:
    people.unlock(store, _account(store, account_id), who.actor)


def new_link(store: Store, account_id: str, who: Principal) -> people.Invitation:
    """A fresh one-time sign-in link for the account (its token in clear), audited."""
    account = _account(store, account_id)
    if account.disabled:
        raise Refused("Dit account is uitgeschakeld; schakel het eerst weer in.")
    return people.new_link(store, account, who.actor)


def _link_url(request: Request, token: str) -> str:
    return f"{str(request.base_url).rstrip('/')}/uitnodiging/{token}"


async def _page(
    request: Request,
    who: Principal,
    *,
    status: int = 200,
    problem: str = "",
    detail: str = "",
    link: OneTimeLink | None = None,
    form: dict[str, str] | None = None,
) -> Response:
    store = services(request).store
    accounts = await run_in_threadpool(store.list_accounts)
    organisations = await run_in_threadpool(store.list_organisations)
    now = await run_in_threadpool(store.clock)
    page = render(
        request,
        "beheer_accounts.html",
        status=status,
        accounts=accounts,
        organisations=organisations,
        locked={a.id for a in accounts if a.locked_until is not None and a.locked_until > now},
        role_names=ROLE_NAMES,
        moment=moment_text,
        me=who.account_id,
        problem=problem,
        detail=detail,
        link=link,
        form=form or {"email": "", "role": "editor", "organisation": ""},
        link_days=int(people.LINK_TTL // 86400),
        done=DONE.get(request.query_params.get("gedaan", ""), ""),
    )
    page.headers["Cache-Control"] = "no-store"
    return page


async def overview(request: Request) -> Response:
    return await _page(request, require_admin(request))


async def invite(request: Request) -> Response:
    who = require_admin(request)
    form = await checked_form(request)
    email = str(form.get("email", "")).strip()
    role = str(form.get("role", "editor"))
    organisation = str(form.get("organisatie", "")).strip()
    sent = {"email": email, "role": role, "organisation": organisation}
    store = services(request).store
    try:
        made = await run_in_threadpool(
            people.invite, store, email, role, organisation or None, who.actor
        )
    except (people.AccountError, NotFound) as exc:
        problem = "De uitnodiging kon niet worden gemaakt."
        return await _page(request, who, status=400, problem=problem, detail=str(exc), form=sent)
    link = OneTimeLink(made.account.email, _link_url(request, made.token), invited=True)
    return await _page(request, who, link=link)


async def change(request: Request) -> Response:
    who = require_admin(request)
    await checked_form(request)
    store = services(request).store
    account_id = request.path_params["id"]
    action = request.url.path.rsplit("/", 1)[-1]
    try:
        if action == "link":
            made = await run_in_threadpool(new_link, store, account_id, who)
            link = OneTimeLink(made.account.email, _link_url(request, made.token), invited=False)
            return await _page(request, who, link=link)
        if action == "ontgrendelen":
            await run_in_threadpool(unlock, store, account_id, who)
            done = "ontgrendeld"
        else:
            disabled = action == "uitschakelen"
            await run_in_threadpool(set_disabled, store, account_id, disabled, who)
            done = "uitgeschakeld" if disabled else "ingeschakeld"
    except Refused as exc:
        return await _page(request, who, status=409, problem=str(exc))
    return RedirectResponse(f"{PAGE}?gedaan={done}", status_code=303)


ACTIONS = ("uitschakelen", "inschakelen", "ontgrendelen", "link")
routes = [
    Route(PAGE, overview, methods=["GET"]),
    Route(PAGE, invite, methods=["POST"]),
    *(Route(f"{PAGE}/{{id}}/{action}", change, methods=["POST"]) for action in ACTIONS),
]
