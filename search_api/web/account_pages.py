"""Signing in and out, and accepting an invitation: `/aanmelden`, `/afmelden`,
`/uitnodiging/{token}`, and `/beheer` (an editor goes to its organisation's dashboard, an admin
to the sources awaiting approval).

The sign-in and invitation forms are sent before there is a session, so instead of a CSRF
token they must come from this site (`Origin`, else `Referer`). The same message answers an
unknown address and a wrong password. Per client address (behind the trusted proxies of
`VINDPLAATS_TRUSTED_PROXIES`, the address they forward) at most
`ATTEMPTS_PER_MINUTE` attempts; 10 wrong passwords in a row lock the account
(`vindplaats.accounts.people`).
"""

from __future__ import annotations

import hashlib
from urllib.parse import urlsplit

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from search_api.access import (
    Forbidden,
    checked_form,
    end_session,
    read_form,
    require_signed_in,
    start_session,
)
from search_api.ratelimit import client_key, parse_networks
from search_api.services import services
from search_api.web.templating import render
from vindplaats.accounts import credentials, people
from vindplaats.accounts.credentials import WeakPassword

ATTEMPTS_PER_MINUTE = 20
WRONG = "Het e-mailadres of het wachtwoord klopt niet."
LOCKED = "Dit account is tijdelijk geblokkeerd na te veel onjuiste wachtwoorden. Probeer het later."
NO_STORE = {"Cache-Control": "no-store"}


def _same_site(request: Request) -> bool:
    sent = request.headers.get("origin") or request.headers.get("referer")
    if not sent or sent == "null":
        return False
    return urlsplit(sent).netloc.lower() == request.headers.get("host", "").lower()


def _back(value: str | None) -> str:
    """Only a path of this site ("/beheer/..."), never another site."""
    if value and value.startswith("/") and not value.startswith("//") and "\\" not in value:
        return value
    return "/beheer"


def _page(request: Request, template: str, status: int = 200, **context: object) -> Response:
    page = render(request, template, status=status, **context)
    page.headers.update(NO_STORE)
    return page


def _client(request: Request) -> str:
    """The client's address (`VINDPLAATS_TRUSTED_PROXIES` honoured), hashed."""
    proxies = parse_networks(services(request).settings.trusted_proxies)
    address = client_key(request.scope, proxies)
    return hashlib.sha256(address.encode()).hexdigest()[:32]


def sign_in_page(request: Request) -> Response:
    back = _back(request.query_params.get("terug"))
    return _page(request, "aanmelden.html", problem=None, email="", back=back)


async def sign_in(request: Request) -> Response:
    if not _same_site(request):
        raise Forbidden("sign-in forms are only taken from this site")
    form = await read_form(request)
    email, password = str(form.get("email", "")).strip(), str(form.get("password", ""))
    back = _back(str(form.get("terug", "")))
    store = services(request).store
    client = _client(request)
    if await run_in_threadpool(store.recent_login_attempts, client, 60.0) >= ATTEMPTS_PER_MINUTE:
        page = _page(request, "aanmelden.html", status=429, problem="Te veel pogingen; wacht "
                      "een minuut.", email=email, back=back)  # fmt: skip
        page.headers["Retry-After"] = "60"
        return page
    account = await run_in_threadpool(store.account_by_email, email) if email else None
    problem: str | None = WRONG
    if account is not None and not account.disabled:
        if await run_in_threadpool(people.is_locked, store, account):
            problem = LOCKED
        elif await run_in_threadpool(people.check_password, store, account, password):
            problem = None
    await run_in_threadpool(store.add_login_attempt, email, client, problem is None)
    if problem is not None or account is None:
        return _page(request, "aanmelden.html", status=401 if problem == WRONG else 423,
                      problem=problem, email=email, back=back)  # fmt: skip
    response = RedirectResponse(back, status_code=303, headers=NO_STORE)
    await run_in_threadpool(start_session, request, response, account)
    return response


async def sign_out(request: Request) -> Response:
    await checked_form(request)
    response = RedirectResponse("/", status_code=303)
    await run_in_threadpool(end_session, request, response)
    return response


def _invited(request: Request) -> tuple[str, str | None]:
    token = request.path_params["token"]
    return token, services(request).store.link_valid(credentials.token_hash(token))


def invitation_page(request: Request) -> Response:
    _, account_id = _invited(request)
    status = 200 if account_id else 410
    return _page(request, "uitnodiging.html", status=status, valid=account_id is not None,
                 problem=None)  # fmt: skip


async def accept_invitation(request: Request) -> Response:
    if not _same_site(request):
        raise Forbidden("invitation forms are only taken from this site")
    form = await read_form(request)
    token, account_id = await run_in_threadpool(_invited, request)
    store = services(request).store
    account = await run_in_threadpool(store.get_account, account_id) if account_id else None
    if account is None or account.disabled:
        return _page(request, "uitnodiging.html", status=410, valid=False, problem=None)
    password, again = str(form.get("password", "")), str(form.get("password2", ""))
    try:
        if password != again:
            raise WeakPassword("De twee wachtwoorden verschillen.")
        credentials.check_strength(password, account.email)
    except WeakPassword as exc:
        return _page(request, "uitnodiging.html", status=400, valid=True, problem=str(exc))
    if await run_in_threadpool(store.use_link, credentials.token_hash(token)) is None:
        return _page(request, "uitnodiging.html", status=410, valid=False, problem=None)
    await run_in_threadpool(people.set_password, store, account, password)
    await run_in_threadpool(store.record_login, account.id)  # signed in from here on
    response = RedirectResponse("/beheer", status_code=303, headers=NO_STORE)
    await run_in_threadpool(start_session, request, response, account)
    return response


def manage(request: Request) -> Response:
    who = require_signed_in(request)
    if who.role == "admin":
        return RedirectResponse("/beheer/aanmeldingen", status_code=303)
    return RedirectResponse(f"/beheer/organisaties/{who.organisation_key}", status_code=303)


routes = [
    Route("/aanmelden", sign_in_page, methods=["GET"]),
    Route("/aanmelden", sign_in, methods=["POST"]),
    Route("/afmelden", sign_out, methods=["POST"]),
    Route("/uitnodiging/{token}", invitation_page, methods=["GET"]),
    Route("/uitnodiging/{token}", accept_invitation, methods=["POST"]),
    Route("/beheer", manage, methods=["GET"]),
]
