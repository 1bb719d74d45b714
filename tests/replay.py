"""The one loopback HTTP server of the tests: recorded supplier answers for the crawlers under
test, and the scripted stand-ins of other services (a flaky or resetting Tika, Elasticsearch
answering on cue, a health endpoint).

`ReplayServer(route)` listens on 127.0.0.1 at a port the OS picks (port 0), logs every request
(method, path, query, headers, body) in `requests` before answering it, and answers what
`route(request)` returns. An `Answer` is sent with a Content-Length, or chunked when its
`length` is None; its body is an iterable of pieces, so a very large answer never sits in
memory; `Answer.reset()` resets the connection instead. `sent` counts the body bytes written (a
client that hangs up early makes it smaller).

Which recorded answer a request gets is data: each supplier's server module
(`tests/crawlers/*_server.py`) holds one table of `FileRoute` rows over its fixtures in
`tests/fixtures/<supplier>/`, and `RouteTable.answer` picks the first row that matches and whose
file exists. What stays code in a supplier's server is its protocol (NotuBiz's required
`format`/`version`, iBabs' SOAP calls, Parlaeus' token) and the faults tests ask for. Adding a
supplier is adding its fixtures and its table.
"""

from __future__ import annotations

import json
import re
import socket
import struct
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Self
from urllib.parse import parse_qs, urlsplit

FIXTURES = Path(__file__).resolve().parent / "fixtures"
KINDS = {".json": "application/json", ".html": "text/html", ".xml": "text/xml; charset=utf-8"}


@dataclass(frozen=True)
class Request:
    method: str
    target: str  # path and query as sent
    headers: dict[str, str]  # names in lower case
    body: bytes = b""

    def header(self, name: str) -> str:
        return self.headers.get(name.lower(), "")

    @property
    def path(self) -> str:
        return urlsplit(self.target).path

    @property
    def query(self) -> dict[str, str]:
        """The query's parameters (the first value of each)."""
        return {k: v[0] for k, v in parse_qs(urlsplit(self.target).query).items()}


@dataclass
class Answer:
    status: int
    kind: str
    body: Iterable[bytes] = ()
    headers: dict[str, str] = field(default_factory=dict)
    length: int | None = -1  # -1: the length of the joined body; None: chunked

    @classmethod
    def of(
        cls, status: int, kind: str, body: bytes, headers: dict[str, str] | None = None
    ) -> Answer:
        return cls(status, kind, [body], dict(headers or {}), len(body))

    @classmethod
    def reset(cls) -> Answer:
        """No answer: the connection is reset (TCP RST), as by a crashing server."""
        return cls(RESET, "")


RESET = 0  # the status of `Answer.reset()`


def json_answer(status: int, data: object) -> Answer:
    return Answer.of(status, "application/json", json.dumps(data).encode())


def fixture_answer(folder: Path, name: str, replace: dict[str, str] | None = None) -> Answer | None:
    """The recorded answer folder/<name>.json/.html/.xml, `replace` applied; None if absent."""
    for suffix, kind in KINDS.items():
        path = folder / f"{name}{suffix}"
        if path.is_file():
            if not replace:
                return Answer.of(200, kind, path.read_bytes())
            text = path.read_text("utf-8")
            for old, new in replace.items():
                text = text.replace(old, new)
            return Answer.of(200, kind, text.encode())
    return None


def document_answer(folder: Path, ident: str) -> Answer | None:
    """The recorded file `folder/<ident>.*` (PDF or an octet stream), None if absent."""
    found = sorted(folder.glob(f"{ident}.*")) if ident else []
    if not found:
        return None
    kind = "application/pdf" if found[0].suffix == ".pdf" else "application/octet-stream"
    return Answer.of(200, kind, found[0].read_bytes())


def generated_pdf(ident: str) -> Answer:
    """A tiny PDF naming `ident`, for suppliers whose fixtures record no files."""
    return Answer.of(200, "application/pdf", f"%PDF-1.4 fixture {ident}\n%%EOF\n".encode())


Route = Callable[[Request], Answer]
# a fixture name: letters, digits, `_`, `-`, `.` inside; at most one folder (iBabs: per site)
SAFE_NAME = re.compile(r"[A-Za-z0-9_-][A-Za-z0-9_.-]*(?:/[A-Za-z0-9_-][A-Za-z0-9_.-]*)?")
SERVES = ("fixture", "document", "pdf")


@dataclass(frozen=True)
class FileRoute:
    """One row of a supplier's routing table.

    A request whose path matches `path` (a regular expression over the whole path) and whose
    parameters have the values in `when` is answered from `name`, a template: `{0}`, `{1}` are
    the path's groups, `{param}` a parameter (the query's, or what a server reads from a call),
    `defaults` filling in missing ones. `serve`: `fixture` (`<name>.json/.html/.xml`, the table's
    replacements applied), `document` (the recorded file `documents/<name>.*`) or `pdf` (a
    generated PDF naming `name`)."""

    path: str
    name: str
    when: tuple[tuple[str, str], ...] = ()
    defaults: tuple[tuple[str, str], ...] = ()
    serve: str = "fixture"

    def __post_init__(self) -> None:
        if self.serve not in SERVES:
            raise ValueError(f"serve is one of {SERVES}, not {self.serve!r}")

    def file_name(self, path: str, params: Mapping[str, str]) -> str | None:
        """The file this row names for a request, or None when the row does not match."""
        found = re.fullmatch(self.path, path)
        if found is None or any(params.get(k) != v for k, v in self.when):
            return None
        try:
            name = self.name.format(*found.groups(), **{**dict(self.defaults), **params})
        except (KeyError, IndexError):
            return None
        return name if SAFE_NAME.fullmatch(name) and ".." not in name else None


@dataclass(frozen=True)
class RouteTable:
    """A supplier's rows over its fixture folder, tried in order."""

    folder: Path
    rows: tuple[FileRoute, ...]

    def answer(
        self, path: str, params: Mapping[str, str], replace: dict[str, str] | None = None
    ) -> Answer | None:
        """The answer of the first row that matches and whose file exists; None if none."""
        for row in self.rows:
            name = row.file_name(path, params)
            if name is None:
                continue
            if row.serve == "pdf":
                return generated_pdf(name)
            if row.serve == "document":
                found = document_answer(self.folder / "documents", name)
            else:
                found = fixture_answer(self.folder, name, replace)
            if found is not None:
                return found
        return None


class ReplayServer:
    def __init__(self, route: Route) -> None:
        self.route = route
        self.requests: list[Request] = []
        self.sent = 0
        self._lock = threading.Lock()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                self.replay()

            def do_POST(self) -> None:
                self.replay()

            def do_PUT(self) -> None:
                self.replay()

            def do_DELETE(self) -> None:
                self.replay()

            def do_HEAD(self) -> None:  # answered like any request: give it no body
                self.replay()

            def replay(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                request = Request(
                    self.command, self.path, {k.lower(): v for k, v in self.headers.items()}, body
                )
                with server._lock:
                    server.requests.append(request)
                server.send(self, server.route(request))

            def log_message(self, format: str, *args: object) -> None:
                return

        return Handler

    def send(self, handler: BaseHTTPRequestHandler, answer: Answer) -> None:
        if answer.status == RESET:
            handler.connection.setsockopt(
                socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0)
            )
            handler.connection.close()
            handler.close_connection = True
            return
        pieces: Iterator[bytes] = iter(answer.body)
        length = answer.length
        if length == -1:
            joined = b"".join(pieces)
            pieces, length = iter([joined]), len(joined)
        handler.send_response(answer.status)
        handler.send_header("Content-Type", answer.kind)
        if length is None:
            handler.send_header("Transfer-Encoding", "chunked")
        else:
            handler.send_header("Content-Length", str(length))
        for name, value in answer.headers.items():
            handler.send_header(name, value)
        handler.send_header("Connection", "close")
        handler.end_headers()
        handler.close_connection = True
        try:
            for piece in pieces:
                if length is None:
                    handler.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
                else:
                    handler.wfile.write(piece)
                with self._lock:
                    self.sent += len(piece)
            if length is None:
                handler.wfile.write(b"0\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError):
            return  # the client hung up: what it should do past its cap

    def logged(self) -> list[Request]:
        with self._lock:
            return list(self.requests)

    @property
    def port(self) -> int:
        return int(self._httpd.server_address[1])

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)
