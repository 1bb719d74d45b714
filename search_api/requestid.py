"""A request id on every answer and every log line written while serving the request.

An incoming `X-Request-ID` is kept when it is sane (1-128 characters of letters, digits and
`._:+=/@~-`), so a proxy's or a client's id follows the request; anything else (too long,
spaces, control characters, non-ASCII, several values) is replaced by a new random id (32 hex
digits). The id is echoed as `X-Request-ID` on every answer, errors included, and set in
`vindplaats.logs.request_id_var` for the log lines of the request (uvicorn's access line too).

`RequestIdMiddleware` must be the outermost layer of the app (`search_api.app` puts it around
Starlette's own error handling) so that every answer passes through it.
"""

from __future__ import annotations

import re
import uuid

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from vindplaats.logs import install_record_factory, request_id_var

HEADER = "X-Request-ID"
_HEADER_KEY = HEADER.lower().encode("latin-1")
MAX_LENGTH = 128
SANE = re.compile(rf"[A-Za-z0-9._:+=/@~-]{{1,{MAX_LENGTH}}}")


def new_request_id() -> str:
    return uuid.uuid4().hex


def sane_request_id(value: str | None) -> str | None:
    """`value` when it is usable as a request id, else None."""
    if value is None or not SANE.fullmatch(value):
        return None
    return value


def request_id_of(scope: Scope) -> str:
    """The client's sane `X-Request-ID` (exactly one such header), or a new id."""
    found = [v for k, v in scope.get("headers", ()) if k.lower() == _HEADER_KEY]
    if len(found) == 1:
        incoming = sane_request_id(found[0].decode("latin-1"))
        if incoming is not None:
            return incoming
    return new_request_id()


def current_request_id() -> str | None:
    """The id of the request being served (None outside one)."""
    return request_id_var.get()


class RequestIdMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        install_record_factory()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = request_id_of(scope)
        raw = request_id.encode("ascii")

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [
                    (k, v) for k, v in message.get("headers", ()) if k.lower() != _HEADER_KEY
                ]
                headers.append((_HEADER_KEY, raw))
                message = {**message, "headers": headers}
            await send(message)

        token = request_id_var.set(request_id)
        await self.app(scope, receive, send_with_id)
        # Reset only after a normal end: when the app raised, the server logs the error after
        # this returns, in this request's own task, and that line carries the id too.
        request_id_var.reset(token)
