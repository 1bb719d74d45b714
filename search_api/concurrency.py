"""A limit on requests in progress: beyond it the API answers 503 at once instead of queueing.

Each worker process counts its own requests (one event loop each), from the moment the request
reaches the app until its answer starts, so `vindplaats serve` with W workers works on at most
W × `VINDPLAATS_API_MAX_CONCURRENT` requests at once. A started answer no longer counts: what is
left is sending it (a file download to a slow client holds no slot the searches need). A
refused request costs almost nothing and tells the client when to come back (`Retry-After`).
`/healthz` and `/metrics` are never refused, so health checks and monitoring still see an
overloaded server.
"""

from __future__ import annotations

import logging
import time

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from search_api.errors import error_response

log = logging.getLogger("vindplaats.api")

EXEMPT_PATHS = frozenset({"/healthz", "/metrics"})
RETRY_AFTER_SECONDS = 1
LOG_EVERY = 10.0  # seconds between two warnings about refused requests


class ConcurrencyLimitMiddleware:
    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit
        self.in_progress = 0
        self.refused = 0  # since the last warning
        self._logged_at = -LOG_EVERY

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] in EXEMPT_PATHS:
            await self.app(scope, receive, send)
            return
        if self.in_progress >= self.limit:
            self._note_refusal()
            response = error_response(
                503,
                f"the server is busy ({self.limit} requests in progress); "
                f"retry after {RETRY_AFTER_SECONDS} s",
                headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
            )
            await response(scope, receive, send)
            return
        self.in_progress += 1
        counted = True

        async def send_releasing(message: Message) -> None:
            nonlocal counted
            if counted and message["type"] == "http.response.start":
                counted = False
                self.in_progress -= 1
            await send(message)

        try:
            await self.app(scope, receive, send_releasing)
        finally:
            if counted:
                self.in_progress -= 1

    def _note_refusal(self) -> None:
        self.refused += 1
        now = time.monotonic()
        if now - self._logged_at >= LOG_EVERY:
            log.warning(
                "%d requests in progress (the limit): %d answered 503 since the last warning",
                self.in_progress,
                self.refused,
            )
            self._logged_at, self.refused = now, 0
