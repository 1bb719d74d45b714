"""HTTP metrics: requests by route template, method and status; latency per route; in progress.

`HttpMetrics` is an ASGI middleware around the whole app (error answers included); it writes
into this process's value file (`metrics_files`), so `/metrics` adds up every worker process.

Labels stay bounded whatever clients send: `route` is the route's template
(`/api/documents/{id}`, not the path asked for; `unmatched` for anything no route answers),
`method` one of the HTTP methods (`OTHER` for the rest), `status` the code the app answered.
"""

from __future__ import annotations

import json
import logging
import os
import re
import time
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from starlette.routing import BaseRoute, Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from search_api.exposition import Family
from search_api.metrics_files import ProcessValues, ValueFile, process_file

REQUESTS = "vindplaats_http_requests_total"
DURATION = "vindplaats_http_request_duration_seconds"
IN_PROGRESS = "vindplaats_http_requests_in_progress"
BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE"})
UNMATCHED = "unmatched"
log = logging.getLogger("vindplaats.metrics")
_CONVERTER = re.compile(r"\{([^}:]+):[^}]+\}")


@lru_cache(maxsize=4096)
def _key(name: str, labels: tuple[tuple[str, str], ...] = ()) -> str:
    return json.dumps([name, labels], separators=(",", ":"))


def _parse(key: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    name, labels = json.loads(key)
    return str(name), tuple((str(k), str(v)) for k, v in labels)


def _bound(seconds: float) -> str:
    for bound in BUCKETS:
        if seconds <= bound:
            return repr(bound)
    return "+Inf"


class HttpRecorder:
    """Counts requests into this process's file in `directory`."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._pid = -1
        self._file: ValueFile | None = None

    def _values(self) -> ValueFile:
        pid = os.getpid()
        if self._file is None or pid != self._pid:  # first use, or a forked child
            self._file, self._pid = process_file(self.directory), pid
        return self._file

    def started(self) -> None:
        self._values().add(_key(IN_PROGRESS), 1)

    def finished(self, route: str, method: str, status: int, seconds: float) -> None:
        values = self._values()
        values.add(_key(IN_PROGRESS), -1)
        values.add(_key(REQUESTS, (("route", route), ("method", method), ("status", str(status)))))
        values.add(_key(DURATION + "_bucket", (("route", route), ("le", _bound(seconds)))))
        values.add(_key(DURATION + "_sum", (("route", route),)), seconds)


def http_families(processes: list[ProcessValues]) -> list[Family]:
    """The HTTP families, added up over `processes` (in progress: live processes only)."""
    counts: dict[tuple[tuple[str, str], ...], float] = {}
    buckets: dict[str, dict[str, float]] = {}  # route -> upper bound -> requests (not cumulative)
    sums: dict[str, float] = {}
    in_progress = 0.0
    for process in processes:
        for key, value in process.values.items():
            name, labels = _parse(key)
            found = dict(labels)
            route = found.get("route", UNMATCHED)
            if name == REQUESTS:
                counts[labels] = counts.get(labels, 0.0) + value
            elif name == DURATION + "_bucket":
                bound = found.get("le", "+Inf")
                per_route = buckets.setdefault(route, {})
                per_route[bound] = per_route.get(bound, 0.0) + value
            elif name == DURATION + "_sum":
                sums[route] = sums.get(route, 0.0) + value
            elif name == IN_PROGRESS and process.alive:
                in_progress += value

    requests = Family(
        REQUESTS, "counter", "HTTP requests answered, by route template, method and status code."
    )
    requests.samples = [("", labels, value) for labels, value in sorted(counts.items())]
    duration = Family(
        DURATION,
        "histogram",
        "Seconds from a request's arrival to the end of its answer, by route template.",
    )
    for route in sorted(buckets):
        total = 0.0
        for bound in [*(repr(b) for b in BUCKETS), "+Inf"]:
            total += buckets[route].get(bound, 0.0)
            duration.samples.append(("_bucket", (("route", route), ("le", bound)), total))
        duration.samples.append(("_sum", (("route", route),), sums.get(route, 0.0)))
        duration.samples.append(("_count", (("route", route),), total))
    progress = Family(IN_PROGRESS, "gauge", "HTTP requests being served now.")
    progress.add(max(in_progress, 0.0))
    return [requests, duration, progress]


def route_label(scope: Scope) -> str:
    """The template of the route that answered (or would have answered) this request."""
    route = scope.get("route")
    if not isinstance(route, BaseRoute):
        route = None
        app = scope.get("app")
        for candidate in getattr(app, "routes", ()):
            try:
                match, _ = candidate.matches(scope)
            except Exception:  # a route that cannot judge this scope does not answer it
                continue
            if match is not Match.NONE:
                route = candidate
                break
    path = getattr(route, "path", None)
    return _CONVERTER.sub(r"{\1}", path) if isinstance(path, str) and path else UNMATCHED


def method_label(scope: Scope) -> str:
    method = str(scope.get("method", "")).upper()
    return method if method in METHODS else "OTHER"


class HttpMetrics:
    """ASGI middleware: counts every HTTP request with its route, method, status and time."""

    def __init__(self, app: ASGIApp, recorder: HttpRecorder) -> None:
        self.app = app
        self.recorder = recorder
        self._failed = False

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500  # when the app fails before answering, the server answers 500
        counted = self._record(self.recorder.started)
        pending = counted  # True until this request's end is recorded

        def finish() -> None:
            nonlocal pending
            if pending:
                pending = False
                elapsed = time.perf_counter() - started
                route, method = route_label(scope), method_label(scope)
                self._record(lambda: self.recorder.finished(route, method, status, elapsed))

        async def send_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            elif message["type"] == "http.response.body" and not message.get("more_body"):
                # counted before the last byte leaves: a client that has its answer can never
                # scrape a count without it (from this worker or another)
                finish()
            await send(message)

        try:
            await self.app(scope, receive, send_status)
        finally:
            finish()

    def _record(self, action: Callable[[], None]) -> bool:
        """Run a recorder call; counting never fails a request (the first failure is logged)."""
        try:
            action()
        except (OSError, ValueError) as exc:
            if not self._failed:
                log.error("HTTP metrics are not counted in this process: %s", exc)
                self._failed = True
            return False
        return True
