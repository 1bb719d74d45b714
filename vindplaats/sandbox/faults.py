"""Fault injection for the sandbox: make a supplier misbehave the way real ones do, from tests.

    sandbox.faults.set("/notubiz", "block", after=10)        # 11th request on: blocked
    sandbox.faults.set("/notubiz", "burst403", limit=20)     # 403 beyond 20 requests a minute
    sandbox.faults.set("/notubiz", "retry_after", seconds=2, count=1)   # one 429, Retry-After: 2
    sandbox.faults.set("/notubiz", "slow", seconds=0.5)      # every answer half a second late
    sandbox.faults.set("/notubiz", "malformed", count=3)     # three JSON/XML bodies cut short
    sandbox.faults.set("/notubiz", "bloat", size=50_000_000) # JSON/XML answers padded to 50 MB
    sandbox.faults.clear("/notubiz")
    sandbox.rate("/notubiz", window=60)                      # most requests in any 60 s

Faults apply to every request under the supplier's prefix (API calls and files alike), in this
order: `block` (HTTP 403, body "The request is blocked"), `burst403` (HTTP 403 once more than
`limit` requests arrived within `window` seconds, counting every arrival), `retry_after` (HTTP
`status`, 429 or 503, with `Retry-After: seconds`), then `slow` (the answer waits `seconds`) and
`malformed` (a JSON or XML body replaced by a truncated one; files are left alone) or `bloat` (a
JSON or XML body followed by whitespace up to `size` bytes: still valid, only too large; files
are left alone). Each fault lets `after` requests through first and then affects `count`
requests (None: all).
"""

from __future__ import annotations

import math
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from vindplaats.sandbox.routing import Request, Response

KINDS = ("block", "burst403", "retry_after", "slow", "malformed", "bloat")
BLOCK_BODY = b"The request is blocked."
FORBIDDEN_BODY = b"<html><body><h1>403 - Forbidden: Access is denied.</h1></body></html>"
BROKEN_JSON = b'{"malformed": tru'
BROKEN_XML = b"<?xml version='1.0' encoding='utf-8'?><broken><unclosed>"


@dataclass
class Fault:
    kind: str
    after: int = 0  # requests served normally first
    count: int | None = None  # requests affected after that (None: every one)
    seconds: float = 0.0  # retry_after: the Retry-After value; slow: the delay
    limit: int = 0  # burst403: requests allowed within `window`
    window: float = 60.0  # burst403: seconds
    status: int = 429  # retry_after: 429 or 503
    size: int = 0  # bloat: bytes of the padded body
    seen: int = 0
    hits: int = 0

    def fires(self) -> bool:
        """Count one request; True when this fault affects it."""
        self.seen += 1
        if self.seen <= self.after or (self.count is not None and self.hits >= self.count):
            return False
        self.hits += 1
        return True


def _check(fault: Fault) -> None:
    if fault.kind not in KINDS:
        raise ValueError(f"unknown fault {fault.kind!r}; known: {', '.join(KINDS)}")
    if fault.after < 0 or (fault.count is not None and fault.count < 0):
        raise ValueError("after and count must not be negative")
    if fault.kind == "burst403" and (fault.limit < 1 or fault.window <= 0):
        raise ValueError("burst403 needs limit >= 1 and a positive window")
    if fault.kind == "retry_after" and (fault.seconds < 0 or fault.status not in (429, 503)):
        raise ValueError("retry_after needs seconds >= 0 and status 429 or 503")
    if fault.kind == "slow" and fault.seconds <= 0:
        raise ValueError("slow needs seconds > 0")
    if fault.kind == "bloat" and fault.size <= 0:
        raise ValueError("bloat needs size > 0")


def normalise(prefix: str) -> str:
    return "/" + prefix.strip("/")


def under(path: str, prefix: str) -> bool:
    return path == prefix or path.startswith(prefix + "/")


class Faults:
    """The faults in force, per supplier prefix (thread-safe: the server answers in threads)."""

    def __init__(self) -> None:
        self._faults: dict[str, dict[str, Fault]] = {}
        self._arrivals: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def set(
        self,
        prefix: str,
        kind: str,
        *,
        after: int = 0,
        count: int | None = None,
        seconds: float = 0.0,
        limit: int = 0,
        window: float = 60.0,
        status: int = 429,
        size: int = 0,
    ) -> Fault:
        """Put fault `kind` on `prefix` ("/notubiz"), replacing one of the same kind."""
        if kind == "retry_after" and count is None:
            count = 1
        fault = Fault(kind, after, count, seconds, limit, window, status, size)
        _check(fault)
        with self._lock:
            self._faults.setdefault(normalise(prefix), {})[kind] = fault
        return fault

    def clear(self, prefix: str | None = None, kind: str | None = None) -> None:
        """Remove the faults of `prefix` (all prefixes when None), or only those of `kind`."""
        with self._lock:
            for key in [normalise(prefix)] if prefix is not None else list(self._faults):
                if kind is None:
                    self._faults.pop(key, None)
                    self._arrivals.pop(key, None)
                else:
                    self._faults.get(key, {}).pop(kind, None)

    def get(self, prefix: str, kind: str) -> Fault | None:
        with self._lock:
            return self._faults.get(normalise(prefix), {}).get(kind)

    def apply(self, request: Request, respond: Callable[[Request], Response]) -> Response:
        """Answer `request` (full path) through `respond`, or as the faults say."""
        with self._lock:
            prefix = next((p for p in self._faults if under(request.path, p)), None)
            if prefix is None:
                faults: dict[str, Fault] = {}
            else:
                faults = self._faults[prefix]
                self._arrivals.setdefault(prefix, deque()).append(time.monotonic())
            early = self._early(prefix, faults)
            slow = faults.get("slow")
            delay = slow.seconds if slow is not None and slow.fires() else 0.0
            broken = faults.get("malformed")
            malformed = broken is not None and early is None and broken.fires()
            bloat = faults.get("bloat")
            padded = bloat.size if bloat is not None and early is None and bloat.fires() else 0
        if delay:
            time.sleep(delay)
        if early is not None:
            return early
        response = respond(request)
        if malformed:
            return _malformed(response)
        return _bloated(response, padded) if padded else response

    def _early(self, prefix: str | None, faults: dict[str, Fault]) -> Response | None:
        block = faults.get("block")
        if block is not None and block.fires():
            return Response(403, BLOCK_BODY, "text/plain; charset=utf-8")
        burst = faults.get("burst403")
        if burst is not None and prefix is not None:
            arrivals = self._arrivals[prefix]
            now = arrivals[-1]
            while arrivals and arrivals[0] <= now - burst.window:
                arrivals.popleft()
            if len(arrivals) > burst.limit and burst.fires():
                return Response(403, FORBIDDEN_BODY, "text/html; charset=utf-8")
        retry = faults.get("retry_after")
        if retry is not None and retry.fires():
            body = b'{"error": {"code": %d, "message": "Too many requests"}}' % retry.status
            headers = {"Retry-After": str(math.ceil(retry.seconds))}  # whole seconds
            return Response(retry.status, body, "application/json; charset=utf-8", headers)
        return None


def _malformed(response: Response) -> Response:
    kind = response.content_type.lower()
    if "json" in kind:
        return Response(response.status, BROKEN_JSON, response.content_type, response.headers)
    if "xml" in kind:
        return Response(response.status, BROKEN_XML, response.content_type, response.headers)
    return response


def _bloated(response: Response, size: int) -> Response:
    kind = response.content_type.lower()
    if ("json" in kind or "xml" in kind) and len(response.body) < size:
        body = response.body + b" " * (size - len(response.body))
        return Response(response.status, body, response.content_type, response.headers)
    return response


def max_in_window(times: Iterable[float], window: float) -> int:
    """The most of `times` (seconds) that fall within any `window` seconds (both ends in)."""
    ordered = sorted(times)
    best = start = 0
    for end, moment in enumerate(ordered):
        while ordered[start] < moment - window:
            start += 1
        best = max(best, end - start + 1)
    return best


__all__ = ["KINDS", "Fault", "Faults", "max_in_window"]
