"""The NotuBiz API replayed from the files in tests/fixtures/notubiz/ (on `tests.replay`).

Routes: /organisations, /organisations/{id}/gremia, /organisations/{id}/entity_type_settings,
/events (by organisation_id and page), /events/meetings/{id}, /modules/{m}/items/{id},
/document/{id}/{version} (files in documents/), /redirect?to=URL (a 302 to any URL),
/loop/{n} (an endless chain of redirects).
API calls without `format=json&version=1.17.0` get 400. Every request is logged.
"""

from __future__ import annotations

import gzip
import json
import re
import threading
from pathlib import Path

from tests.replay import FIXTURES as ALL_FIXTURES
from tests.replay import (
    Answer,
    FileRoute,
    ReplayServer,
    Request,
    RouteTable,
    document_answer,
    fixture_answer,
    json_answer,
)

FIXTURES = ALL_FIXTURES / "notubiz"
NOT_FOUND = {"error": True, "message": "Resource not found"}
STAMP = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$")

# the recorded answers, by path (`{page}` and `{organisation_id}`: query parameters)
ROUTES = (
    FileRoute(r"/organisations", "organisations"),
    FileRoute(r"/organisations/(\d+)/gremia", "gremia_{0}"),
    FileRoute(r"/organisations/(\d+)/entity_type_settings", "entity_type_settings_{0}"),
    FileRoute(r"/organisations/(\d+)/modules", "modules_{0}"),
    FileRoute(
        r"/organisations/(\d+)/modules/(\d+)/items",
        "module_items_{0}_{1}_page{page}",
        defaults=(("page", "1"),),
    ),
    FileRoute(r"/events", "events_{organisation_id}_page{page}", defaults=(("page", "1"),)),
    FileRoute(r"/events/meetings/(\d+)", "meeting_{0}"),
    FileRoute(r"/modules/(\d+)/items/(\d+)", "module_item_{0}_{1}"),
)


def zeros(size: int) -> list[bytes]:
    piece = b"0" * 65536
    return [piece[: min(left, len(piece))] for left in range(size, 0, -len(piece))]


class NotubizFixtureServer(ReplayServer):
    def __init__(self, root: Path = FIXTURES) -> None:
        super().__init__(self.answer)
        self.root = root
        self.routes = RouteTable(root, ROUTES)
        self.large: dict[str, int] = {}  # document id → serve this many bytes instead
        self.bombs: dict[str, int] = {}  # document id → gzip body decoding to this many bytes
        self.streamed: dict[str, int] = {}  # document id → this many bytes, chunked (no length)
        self.busy: dict[str, int] = {}  # path → answer 429 (Retry-After: 1) this many times
        self._busy_lock = threading.Lock()

    def paths(self, prefix: str = "") -> list[str]:
        return [r.path for r in self.logged() if r.target.startswith(prefix)]

    def answer(self, request: Request) -> Answer:
        path, query = request.path, request.query
        with self._busy_lock:
            busy = self.busy.get(path, 0)
            if busy:
                self.busy[path] = busy - 1
        if busy:
            return Answer.of(429, "text/plain", b"Too Many Requests", {"Retry-After": "1"})
        document = re.match(r"^/document/(\d+)/(\d+)$", path)
        if document:
            return self.document(document.group(1))
        if path == "/redirect":
            return Answer.of(302, "text/plain", b"", {"Location": query.get("to", "/")})
        loop = re.match(r"^/loop/(\d+)$", path)
        if loop:  # a redirect loop that never ends
            return Answer.of(302, "text/plain", b"", {"Location": f"/loop/{int(loop[1]) + 1}"})
        if query.get("format") != "json" or query.get("version") != "1.17.0":
            return json_answer(400, {"error": True, "message": "format and version are required"})
        if path == "/events" and not all(
            STAMP.match(query.get(k, "")) for k in ("date_from", "date_to")
        ):
            return json_answer(400, {"error": True, "message": "invalid date_from/date_to"})
        linked = re.match(r"^/modules/0/items/(\d+)$", path)
        if linked:  # meeting links name module 0: find the item in any listing
            return self.linked_item(linked[1])
        found = self.routes.answer(path, query)
        return found or json_answer(404, NOT_FOUND)

    def linked_item(self, ident: str) -> Answer:
        for path in sorted(self.root.glob("module_items_*.json")):
            for item in json.loads(path.read_text("utf-8")).get("items", []):
                if str(item.get("id")) == ident:
                    return json_answer(200, {"item": item})
        return self.fixture(f"module_item_0_{ident}")

    def fixture(self, name: str) -> Answer:
        return fixture_answer(self.root, name) or json_answer(404, NOT_FOUND)

    def document(self, ident: str) -> Answer:
        if ident in self.streamed:
            return Answer(200, "application/pdf", zeros(self.streamed[ident]), length=None)
        if ident in self.large:
            return Answer.of(200, "application/pdf", b"%PDF-1.4\n" + b"0" * self.large[ident])
        if ident in self.bombs:
            body = gzip.compress(b"\0" * self.bombs[ident])
            return Answer.of(200, "application/pdf", body, {"Content-Encoding": "gzip"})
        found = document_answer(self.root / "documents", ident)
        return found or Answer.of(404, "text/html", b"<h1>404 Not Found</h1>")
