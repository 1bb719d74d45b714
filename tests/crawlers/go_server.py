"""GemeenteOplossingen replayed from tests/fixtures/gemeenteoplossingen/ under `<url>/api`
(on `tests.replay`): /api/v1/dmus, /api/v1/meetings (unix seconds, else 400),
/api/v2/meetings (by offset), /api/v1/documents, and generated PDFs for document files."""

from __future__ import annotations

import re

from tests.replay import FIXTURES as ALL_FIXTURES
from tests.replay import Answer, ReplayServer, Request, fixture_answer

FIXTURES = ALL_FIXTURES / "gemeenteoplossingen"
FILE = re.compile(r"^/api/v1/(?:meetings/\d+/)?documents/(\d+)$")
NOT_FOUND = Answer.of(404, "application/json", b'{"error": "not found"}')


def go_answer(request: Request) -> Answer:
    path, query = request.path, request.query
    found = FILE.match(path)
    if found:
        return Answer.of(200, "application/pdf", f"%PDF-1.4 fixture {found[1]}\n%%EOF\n".encode())
    if path == "/api/v1/meetings" and not all(
        query.get(k, "").isdigit() for k in ("date_from", "date_to")
    ):
        return Answer.of(400, "application/json", b'{"error": "date_from/date_to: unix seconds"}')
    names = {
        "/api/v1/dmus": "dmus",
        "/api/v1/meetings": "meetings_v1",
        "/api/v2/meetings": f"meetings_v2_offset{query.get('offset', '0')}",
        "/api/v1/documents": "documents",
    }
    name = names.get(path)
    return (fixture_answer(FIXTURES, name) if name else None) or NOT_FOUND


class GoFixtureServer(ReplayServer):
    def __init__(self) -> None:
        super().__init__(go_answer)

    def targets(self) -> list[str]:
        return [request.target for request in self.logged()]
