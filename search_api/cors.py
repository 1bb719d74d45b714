"""CORS for the JSON API, off unless `VINDPLAATS_CORS_ORIGINS` names origins.

Only the machine-readable paths take part: `/api/...`, `/openapi.json` and `/feed.atom` (the
web pages and `/metrics` never do). For those:

- a request whose `Origin` is in the list (exact match; `*` in the list allows every origin)
  gets `Access-Control-Allow-Origin` (the origin itself, or `*`) and
  `Access-Control-Expose-Headers` (`EXPOSED_HEADERS`: the ETag, the rate-limit headers, the
  request id, ...); any other origin gets neither, so its page cannot read the answer;
- a preflight (`OPTIONS` with `Access-Control-Request-Method`) is answered here, before the
  rate limit and the router (whose 405 it would otherwise get): 204 with the allowed methods
  (GET, HEAD), request headers (`ALLOWED_HEADERS`) and `Access-Control-Max-Age` when the origin
  and the method are allowed, else a 403 JSON error;
- every answer says `Vary: Origin`.

Credentials are never allowed (no `Access-Control-Allow-Credentials`): the API has no cookies
or logins a foreign page could borrow.
"""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.datastructures import Headers, MutableHeaders
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from search_api.errors import error_response
from vindplaats.settings import Settings

__all__ = ["ALLOWED_HEADERS", "EXPOSED_HEADERS", "CorsMiddleware", "add_cors", "cors_path"]

ALLOWED_METHODS = ("GET", "HEAD")
ALLOWED_HEADERS = (
    "Accept",
    "Accept-Language",
    "Content-Language",
    "If-None-Match",
    "If-Modified-Since",
    "If-Range",
    "Range",
    "X-Request-ID",
)
EXPOSED_HEADERS = (
    "Content-Disposition",
    "Content-Range",
    "ETag",
    "RateLimit-Limit",
    "RateLimit-Remaining",
    "RateLimit-Reset",
    "Retry-After",
    "X-Request-ID",
)
MAX_AGE_SECONDS = 600
_EXACT_PATHS = frozenset({"/openapi.json", "/feed.atom"})


def cors_path(path: str) -> bool:
    """Whether answers at `path` may be shared with other origins."""
    return path.startswith("/api/") or path in _EXACT_PATHS


def parse_origins(text: str) -> frozenset[str]:
    """The origins of the (validated) setting, comma-separated."""
    return frozenset(part.strip() for part in text.split(",") if part.strip())


class CorsMiddleware:
    """Adds the CORS headers and answers preflights (the module docstring)."""

    def __init__(self, app: ASGIApp, origins: frozenset[str]) -> None:
        self.app = app
        self.origins = origins
        self.any_origin = "*" in origins

    def allowed(self, origin: str | None) -> str | None:
        """The `Access-Control-Allow-Origin` value for a request from `origin`; None: refused."""
        if origin is None:
            return None
        if self.any_origin:
            return "*"
        return origin if origin in self.origins else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not cors_path(scope["path"]):
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        allow = self.allowed(headers.get("origin"))
        requested = headers.get("access-control-request-method")
        if scope["method"] == "OPTIONS" and requested is not None:
            await self.preflight(allow, requested)(scope, receive, send)
            return

        async def send_with_cors(message: Message) -> None:
            if message["type"] == "http.response.start":
                out = MutableHeaders(raw=list(message.get("headers", [])))
                out.add_vary_header("Origin")
                if allow is not None:
                    out["Access-Control-Allow-Origin"] = allow
                    out["Access-Control-Expose-Headers"] = ", ".join(EXPOSED_HEADERS)
                message = {**message, "headers": out.raw}
            await send(message)

        await self.app(scope, receive, send_with_cors)

    def preflight(self, allow: str | None, method: str) -> Response:
        """The answer to a preflight: 204 with the permissions, or a 403 saying what is refused."""
        if allow is None:
            refusal = error_response(403, "this origin may not read the API from a web page")
        elif method.strip().upper() not in ALLOWED_METHODS:
            refusal = error_response(
                403, f"method {method[:20]!r} not allowed; the API only answers GET and HEAD"
            )
        else:
            return Response(
                status_code=204,
                headers={
                    "Access-Control-Allow-Origin": allow,
                    "Access-Control-Allow-Methods": ", ".join(ALLOWED_METHODS),
                    "Access-Control-Allow-Headers": ", ".join(ALLOWED_HEADERS),
                    "Access-Control-Max-Age": str(MAX_AGE_SECONDS),
                    "Vary": "Origin",
                },
            )
        refusal.headers["Vary"] = "Origin"
        return refusal


def add_cors(app: Starlette, settings: Settings) -> None:
    """Install CORS for the origins of `VINDPLAATS_CORS_ORIGINS` (nothing when it is empty)."""
    origins = parse_origins(settings.cors_origins)
    if origins:
        app.add_middleware(CorsMiddleware, origins=origins)
