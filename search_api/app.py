"""`create_app(settings)`: the Starlette application with its routes, error handling and limits.

Around the routes, from the outside in: the request id and the HTTP metrics (`App`), Starlette's
error handling, the guard (body size, `nosniff`), CORS (`search_api.cors`, when configured),
gzip (`search_api.compression`), the per-client rate limit and the concurrency limit.

The store, the originals and the engine are opened once when the app is created and closed when
the server shuts down (the app's lifespan).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from search_api import (
    metrics,
    openapi,
    routes_changes,
    routes_conformance,
    routes_dashboard,
    routes_documents,
    routes_dossiers,
    routes_export,
    routes_meetings,
    routes_monitor,
    routes_motions,
    routes_registrations,
    routes_reports,
    routes_search,
    routes_sources,
    routes_takedown,
    routes_woo,
)
from search_api.compression import GzipMiddleware
from search_api.concurrency import ConcurrencyLimitMiddleware
from search_api.cors import add_cors
from search_api.errors import EXCEPTION_HANDLERS, error_response
from search_api.metrics_http import HttpMetrics
from search_api.ori import mini_api, v2_routes
from search_api.ratelimit import RateTable, add_rate_limit
from search_api.requestid import RequestIdMiddleware
from search_api.services import Services
from search_api.web import routes as web_routes
from vindplaats.settings import Settings

# Every endpoint but POST /api/conformance and the /conformance form (which read at most this
# much) is GET and reads no body. Declared bodies above this are refused.
MAX_BODY_BYTES = 64 * 1024


class GuardMiddleware:
    """Refuses oversized declared bodies (413 JSON) and marks every answer `nosniff`."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        length = headers.get("content-length", "0").strip()
        if not length.isdigit() or int(length) > MAX_BODY_BYTES:
            response = error_response(413, f"request bodies above {MAX_BODY_BYTES} bytes refused")
            response.headers["Connection"] = "close"
            await response(scope, receive, send)
            return

        async def send_nosniff(message: Message) -> None:
            if message["type"] == "http.response.start":
                raw = list(message.get("headers", []))
                if not any(k.lower() == b"x-content-type-options" for k, _ in raw):
                    raw.append((b"x-content-type-options", b"nosniff"))
                message = {**message, "headers": raw}
            await send(message)

        await self.app(scope, receive, send_nosniff)


class App(Starlette):
    """Starlette with the request id and the HTTP metrics around everything, its own error
    handling included: every answer (a 500 too) carries `X-Request-ID` and is counted."""

    def build_middleware_stack(self) -> ASGIApp:
        counted = HttpMetrics(super().build_middleware_stack(), self.state.metrics.recorder)
        return RequestIdMiddleware(counted)


def create_app(settings: Settings, rate_table: RateTable | None = None) -> Starlette:
    """The app; `rate_table` is the per-client table shared by worker processes (else its own)."""
    services = Services.open(settings)
    app_metrics = metrics.Metrics(settings)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        try:
            yield
        finally:
            services.close()
            app_metrics.close()

    app = App(
        routes=[
            *routes_search.routes,
            *routes_export.routes,
            *routes_changes.routes,
            *routes_takedown.routes,  # before the documents: their {id:path} is greedy
            *routes_documents.routes,
            *routes_dossiers.routes,
            *routes_meetings.routes,
            *routes_motions.routes,
            *routes_sources.routes,
            *routes_monitor.routes,
            *routes_woo.routes,
            *mini_api.routes,
            *v2_routes.routes,
            *routes_conformance.routes,
            *routes_reports.routes,
            *routes_dashboard.routes,
            *routes_registrations.routes,
            *openapi.routes,
            *metrics.routes,
            *web_routes.routes,
        ],
        exception_handlers=EXCEPTION_HANDLERS,
        lifespan=lifespan,
    )
    app.add_middleware(ConcurrencyLimitMiddleware, limit=settings.api_max_concurrent)
    add_rate_limit(app, settings, rate_table)
    routes_conformance.add_conformance(app, settings, services, rate_table)
    routes_registrations.add_registrations(app, settings, services)
    app.add_middleware(GzipMiddleware)  # outside the limits: their refusals are small anyway
    add_cors(app, settings)  # outside the rate limit: a preflight is answered, never counted
    app.add_middleware(GuardMiddleware)
    app.state.services = services
    app.state.metrics = app_metrics
    return app
