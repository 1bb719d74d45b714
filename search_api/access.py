"""Who is asking: the signed-in person (a session cookie) or an organisation's API token
(`Authorization: Bearer vpt_...` on `/api/`), and the checks every signed-in page makes.

- Sessions: a random id in the cookie `vp_sessie`, signed with HMAC-SHA256 under the server's
  session key (`<data dir>/session.key`, made on first use, 0600), stored only as its SHA-256;
  `HttpOnly`, `SameSite=Lax`, `Path=/`, and `Secure` except over plain http on a loopback
  address (the demo, tests). A session ends after `SESSION_IDLE` idle seconds or
  `SESSION_TTL` seconds in all; signing in makes a new one.
- CSRF: each session has its own token; every state-changing form carries it
  (`csrf_field`) and is read with `checked_form`, which answers 403 when it does not match.
- `require_signed_in` answers 401 (JSON on `/api/`; elsewhere a 303 to `/aanmelden`),
  `require_organisation` and `require_admin` 403 for someone who may not act there.
"""

from __future__ import annotations

import hmac
import ipaddress
import os
from dataclasses import dataclass
from hashlib import sha256
from pathlib import Path
from urllib.parse import parse_qsl

from markupsafe import Markup, escape
from starlette.datastructures import FormData, UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from search_api.services import services
from vindplaats.accounts import credentials
from vindplaats.store.sql_accounts import Account

COOKIE = "vp_sessie"
SESSION_TTL = 12 * 3600.0
SESSION_IDLE = 2 * 3600.0
MAX_FORM = 64 * 1024
KEY_FILE = "session.key"


class SignInRequired(HTTPException):
    def __init__(self) -> None:
        super().__init__(401, "sign in first", headers={"WWW-Authenticate": "Bearer"})


class Forbidden(HTTPException):
    def __init__(self, message: str = "you may not act for this organisation") -> None:
        super().__init__(403, message)


@dataclass(frozen=True)
class Principal:
    account_id: str | None
    email: str | None
    role: str  # admin, editor, token
    organisation_key: str | None
    token_id: str | None = None
    csrf_token: str | None = None

    @property
    def actor(self) -> str:
        return self.email if self.email is not None else f"token:{self.token_id}"

    def may_act_for(self, organisation_key: str) -> bool:
        return self.role == "admin" or self.organisation_key == organisation_key


def _key(request: Request) -> bytes:
    cached = getattr(request.app.state, "session_key", None)
    if isinstance(cached, bytes):
        return cached
    path = Path(services(request).settings.data_dir) / KEY_FILE
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as out:
            out.write(credentials.new_token())
    key = path.read_text().strip().encode()
    request.app.state.session_key = key
    return key


def _signature(request: Request, session_id: str) -> str:
    return hmac.new(_key(request), session_id.encode(), sha256).hexdigest()[:32]


def _from_session(request: Request) -> Principal | None:
    value = request.cookies.get(COOKIE, "")
    session_id, _, signature = value.partition(".")
    if not session_id or not credentials.same(signature, _signature(request, session_id)):
        return None
    found = services(request).store.session(credentials.token_hash(session_id), SESSION_IDLE)
    if found is None:
        return None
    account, csrf = found
    return Principal(account.id, account.email, account.role, account.organisation_key, None, csrf)


def _from_token(request: Request) -> Principal | None:
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.startswith("vpt_") or len(token) > 200:
        return None
    found = services(request).store.api_token_by_hash(credentials.token_hash(token.strip()))
    if found is None:
        return None
    return Principal(None, None, "token", found.organisation_key, found.id, None)


def principal(request: Request) -> Principal | None:
    """The person or token behind this request (read once per request)."""
    if "principal" in request.scope:
        found = request.scope["principal"]
        return found if isinstance(found, Principal) else None
    found = None
    if request.url.path.startswith("/api/") and "authorization" in request.headers:
        found = _from_token(request)
    if found is None:
        found = _from_session(request)
    request.scope["principal"] = found
    return found


def require_signed_in(request: Request) -> Principal:
    found = principal(request)
    if found is None:
        raise SignInRequired()
    return found


def require_organisation(request: Request, organisation_key: str) -> Principal:
    found = require_signed_in(request)
    if not found.may_act_for(organisation_key):
        raise Forbidden()
    return found


def require_admin(request: Request) -> Principal:
    found = require_signed_in(request)
    if found.role != "admin":
        raise Forbidden("only an admin may do this")
    return found


async def read_form(request: Request) -> FormData:
    """The url-encoded form of the request, at most `MAX_FORM` bytes (413 beyond)."""
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_FORM:
            raise HTTPException(413, "the form is too large")
    try:
        pairs = parse_qsl(body.decode("utf-8"), keep_blank_values=True, max_num_fields=200)
    except (UnicodeDecodeError, ValueError):
        raise HTTPException(400, "the form could not be read") from None
    fields: list[tuple[str, str | UploadFile]] = list(pairs)
    return FormData(fields)


async def checked_form(request: Request) -> FormData:
    """The form of a signed-in person, refused (403) without its session's CSRF token."""
    form = await read_form(request)
    found = principal(request)
    sent = form.get("csrf_token")
    if found is None or found.csrf_token is None or not isinstance(sent, str):
        raise Forbidden("the form has no valid CSRF token; reload the page and try again")
    if not credentials.same(sent, found.csrf_token):
        raise Forbidden("the form has no valid CSRF token; reload the page and try again")
    return form


def csrf_field(request: Request) -> Markup:
    """The hidden CSRF input of the signed-in person's forms ("" when nobody is signed in)."""
    found = principal(request)
    if found is None or found.csrf_token is None:
        return Markup("")
    return Markup('<input type="hidden" name="csrf_token" value="{}">').format(
        escape(found.csrf_token)
    )


def _plain_loopback(request: Request) -> bool:
    if request.url.scheme != "http":
        return False
    host = request.url.hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def start_session(request: Request, response: Response, account: Account) -> None:
    """A new session for `account`, its cookie set on `response`."""
    session_id = credentials.new_token()
    services(request).store.create_session(
        credentials.token_hash(session_id), account.id, credentials.new_token(), SESSION_TTL
    )
    response.set_cookie(
        COOKIE,
        f"{session_id}.{_signature(request, session_id)}",
        max_age=int(SESSION_TTL),
        path="/",
        secure=not _plain_loopback(request),
        httponly=True,
        samesite="lax",
    )


def end_session(request: Request, response: Response) -> None:
    session_id = request.cookies.get(COOKIE, "").partition(".")[0]
    if session_id:
        services(request).store.delete_session(credentials.token_hash(session_id))
    response.delete_cookie(COOKIE, path="/", secure=not _plain_loopback(request), httponly=True)
