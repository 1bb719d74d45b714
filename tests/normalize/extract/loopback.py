"""Loopback stand-ins for an unreliable Tika server, for the retry tests.

- `FlakyProxy`: answers the first `failures` requests with HTTP 503, then forwards every request
  to the real Tika server; it logs each request (`tests.replay.ReplayServer`).
- `Resetter`: resets every connection (TCP RST) instead of answering, counting them.

Both are `tests.replay.ReplayServer`s: on 127.0.0.1 at a free port, in a daemon thread, context
managers.
"""

from __future__ import annotations

import socket
import threading
from types import TracebackType

import httpx

from tests.replay import Answer, ReplayServer, Request

_FORWARDED = ("accept", "content-disposition", "content-type")


class FlakyProxy(ReplayServer):
    def __init__(self, upstream: str, failures: int) -> None:
        super().__init__(self.answer)
        self.upstream = upstream.rstrip("/")
        self.failures = failures
        self.refused = 0
        self._refusals = threading.Lock()
        self._client = httpx.Client(timeout=120, trust_env=False)

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        super().__exit__(kind, exc, tb)
        self._client.close()

    def answer(self, request: Request) -> Answer:
        with self._refusals:
            refuse = self.refused < self.failures
            self.refused += refuse
        if refuse:
            return Answer.of(503, "text/plain", b"busy")
        forward = {
            k: v for k, v in request.headers.items() if k in _FORWARDED or k.startswith("x-tika")
        }
        answer = self._client.request(
            request.method, self.upstream + request.target, headers=forward, content=request.body
        )
        kind = answer.headers.get("content-type", "text/plain")
        return Answer.of(answer.status_code, kind, answer.content)


class Resetter(ReplayServer):
    def __init__(self) -> None:
        super().__init__(lambda request: Answer.reset())

    @property
    def connections(self) -> int:
        return len(self.logged())


def closed_port_url() -> str:
    """The URL of a loopback port nothing listens on."""
    with socket.create_server(("127.0.0.1", 0)) as probe:
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"
