"""A loopback HTTP server speaking the NotuBiz API from the files in tests/fixtures/notubiz/.

Routes: /organisations, /organisations/{id}/gremia, /organisations/{id}/entity_type_settings,
/events (by organisation_id and page), /events/meetings/{id}, /modules/{m}/items/{id},
/document/{id}/{version} (files in documents/), /redirect?to=URL (a 302 to any URL),
/loop/{n} (an endless chain of redirects).
API calls without `format=json&version=1.17.0` get 400. Every request path is logged.
"""

from __future__ import annotations

import gzip
import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from urllib.parse import parse_qs, urlsplit

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "notubiz"
NOT_FOUND = {"error": True, "message": "Resource not found"}

ROUTES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^/organisations$"), "organisations"),
    (re.compile(r"^/organisations/(\d+)/gremia$"), "gremia_{0}"),
    (re.compile(r"^/organisations/(\d+)/entity_type_settings$"), "entity_type_settings_{0}"),
    (re.compile(r"^/organisations/(\d+)/modules$"), "modules_{0}"),
    (re.compile(r"^/events/meetings/(\d+)$"), "meeting_{0}"),
    (re.compile(r"^/modules/(\d+)/items/(\d+)$"), "module_item_{0}_{1}"),
]


class NotubizFixtureServer:
    def __init__(self, root: Path = FIXTURES) -> None:
        self.root = root
        self.requests: list[str] = []
        self.large: dict[str, int] = {}  # document id → serve this many bytes instead
        self.bombs: dict[str, int] = {}  # document id → gzip body decoding to this many bytes
        self.streamed: dict[str, int] = {}  # document id → this many bytes, chunked (no length)
        self.sent = 0  # bytes of streamed bodies written
        self.busy: dict[str, int] = {}  # path → answer 429 (Retry-After: 1) this many times
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                with server._lock:
                    server.requests.append(self.path)
                match = re.fullmatch(r"/document/(\d+)/\d+", urlsplit(self.path).path)
                if match is not None and match.group(1) in server.streamed:
                    self.stream(server.streamed[match.group(1)])
                    return
                status, kind, body, headers = server.answer(self.path)
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                for name, value in headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(body)

            def stream(self, size: int) -> None:
                self.protocol_version = "HTTP/1.1"  # chunked needs it
                self.send_response(200)
                self.send_header("Content-Type", "application/pdf")
                self.send_header("Transfer-Encoding", "chunked")
                self.send_header("Connection", "close")
                self.end_headers()
                self.close_connection = True
                piece = b"0" * 65536
                try:
                    while size > 0:
                        part = piece[: min(size, len(piece))]
                        self.wfile.write(b"%x\r\n%s\r\n" % (len(part), part))
                        size -= len(part)
                        with server._lock:
                            server.sent += len(part)
                    self.wfile.write(b"0\r\n\r\n")
                except (BrokenPipeError, ConnectionResetError):
                    return  # the client hung up: what it should do past its cap

            def log_message(self, format: str, *args: object) -> None:
                return

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def port(self) -> int:
        return int(self._httpd.server_address[1])

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> NotubizFixtureServer:
        self._thread.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

    def paths(self, prefix: str = "") -> list[str]:
        with self._lock:
            return [urlsplit(p).path for p in self.requests if p.startswith(prefix)]

    # -- routing ----------------------------------------------------------------------------
    def answer(self, raw: str) -> tuple[int, str, bytes, dict[str, str]]:
        parts = urlsplit(raw)
        with self._lock:
            busy = self.busy.get(parts.path, 0)
            if busy:
                self.busy[parts.path] = busy - 1
        if busy:
            return 429, "text/plain", b"Too Many Requests", {"Retry-After": "1"}
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        match = re.match(r"^/document/(\d+)/(\d+)$", parts.path)
        if match:
            return self.document(match.group(1))
        if parts.path == "/redirect":
            return 302, "text/plain", b"", {"Location": query.get("to", "/")}
        loop = re.match(r"^/loop/(\d+)$", parts.path)
        if loop:  # a redirect loop that never ends
            return 302, "text/plain", b"", {"Location": f"/loop/{int(loop.group(1)) + 1}"}
        if query.get("format") != "json" or query.get("version") != "1.17.0":
            return self.json(400, {"error": True, "message": "format and version are required"})
        if parts.path == "/events":
            return self.events(query)
        listed = re.match(r"^/organisations/(\d+)/modules/(\d+)/items$", parts.path)
        if listed:
            return self.fixture(
                f"module_items_{listed[1]}_{listed[2]}_page{query.get('page', '1')}"
            )
        linked = re.match(r"^/modules/0/items/(\d+)$", parts.path)
        if linked:  # meeting links name module 0: find the item in any listing
            return self.linked_item(linked[1])
        for pattern, template in ROUTES:
            found = pattern.match(parts.path)
            if found:
                return self.fixture(template.format(*found.groups()))
        return self.json(404, NOT_FOUND)

    def events(self, query: dict[str, str]) -> tuple[int, str, bytes, dict[str, str]]:
        stamp = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$")
        if not all(stamp.match(query.get(k, "")) for k in ("date_from", "date_to")):
            return self.json(400, {"error": True, "message": "invalid date_from/date_to"})
        name = f"events_{query.get('organisation_id')}_page{query.get('page', '1')}"
        return self.fixture(name)

    def linked_item(self, ident: str) -> tuple[int, str, bytes, dict[str, str]]:
        for path in sorted(self.root.glob("module_items_*.json")):
            for item in json.loads(path.read_text("utf-8")).get("items", []):
                if str(item.get("id")) == ident:
                    return self.json(200, {"item": item})
        return self.fixture(f"module_item_0_{ident}")

    def fixture(self, name: str) -> tuple[int, str, bytes, dict[str, str]]:
        for suffix, kind in ((".json", "application/json"), (".html", "text/html")):
            path = self.root / f"{name}{suffix}"
            if path.is_file():
                return 200, kind, path.read_bytes(), {}
        return self.json(404, NOT_FOUND)

    def document(self, ident: str) -> tuple[int, str, bytes, dict[str, str]]:
        if ident in self.large:
            return 200, "application/pdf", b"%PDF-1.4\n" + b"0" * self.large[ident], {}
        if ident in self.bombs:
            body = gzip.compress(b"\0" * self.bombs[ident])
            return 200, "application/pdf", body, {"Content-Encoding": "gzip"}
        for path in sorted((self.root / "documents").glob(f"{ident}.*")):
            kind = "application/pdf" if path.suffix == ".pdf" else "application/octet-stream"
            return 200, kind, path.read_bytes(), {}
        return 404, "text/html", b"<h1>404 Not Found</h1>", {}

    @staticmethod
    def json(status: int, data: object) -> tuple[int, str, bytes, dict[str, str]]:
        return status, "application/json", json.dumps(data).encode(), {}
