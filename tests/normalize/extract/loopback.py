"""Loopback stand-ins for an unreliable Tika server, for the retry tests.

- `FlakyProxy`: answers the first `failures` requests with HTTP 503, then forwards every request
  to the real Tika server; it records each request's method, path and headers.
- `Resetter`: accepts connections and resets them at once (TCP RST), counting them.

Both listen on 127.0.0.1 on a free port, run in a daemon thread, and are context managers.
"""

from __future__ import annotations

import socket
import struct
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any

import httpx

_FORWARDED = ("accept", "content-disposition", "content-type")


class FlakyProxy:
    def __init__(self, upstream: str, failures: int) -> None:
        self.upstream = upstream.rstrip("/")
        self.failures = failures
        self.requests: list[tuple[str, str, dict[str, str]]] = []
        self.refused = 0
        self._lock = threading.Lock()
        self._client = httpx.Client(timeout=120, trust_env=False)
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def __enter__(self) -> FlakyProxy:
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()
        self._client.close()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                self._answer()

            def do_PUT(self) -> None:
                self._answer()

            def log_message(self, format: str, *args: Any) -> None:
                pass

            def _answer(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                headers = {k.lower(): v for k, v in self.headers.items()}
                with proxy._lock:
                    proxy.requests.append((self.command, self.path, headers))
                    refuse = proxy.refused < proxy.failures
                    proxy.refused += refuse
                if refuse:
                    self._send(503, b"busy", "text/plain")
                    return
                forward = {
                    k: v for k, v in headers.items() if k in _FORWARDED or k.startswith("x-tika")
                }
                answer = proxy._client.request(
                    self.command, proxy.upstream + self.path, headers=forward, content=body
                )
                kind = answer.headers.get("content-type", "text/plain")
                self._send(answer.status_code, answer.content, kind)

            def _send(self, status: int, body: bytes, kind: str) -> None:
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        return Handler


class Resetter:
    def __init__(self) -> None:
        self.connections = 0
        self._socket = socket.create_server(("127.0.0.1", 0))
        self._socket.settimeout(0.1)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._socket.getsockname()[1]}"

    def __enter__(self) -> Resetter:
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._stop.set()
        self._thread.join()
        self._socket.close()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._socket.accept()
            except TimeoutError:
                continue
            self.connections += 1
            conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            conn.close()


def closed_port_url() -> str:
    """The URL of a loopback port nothing listens on."""
    with socket.create_server(("127.0.0.1", 0)) as probe:
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"
