"""GemeenteOplossingen replayed from tests/fixtures/gemeenteoplossingen/ under `<url>/api`
(on `tests.replay`): /api/v1/dmus, /api/v1/meetings (unix seconds, else 400),
/api/v2/meetings (by offset), /api/v1/documents, and generated PDFs for document files."""

from __future__ import annotations

from tests.replay import FIXTURES as ALL_FIXTURES
from tests.replay import Answer, FileRoute, ReplayServer, Request, RouteTable

FIXTURES = ALL_FIXTURES / "gemeenteoplossingen"
NOT_FOUND = Answer.of(404, "application/json", b'{"error": "not found"}')
ROUTES = RouteTable(
    FIXTURES,
    (
        FileRoute(r"/api/v1/(?:meetings/\d+/)?documents/(\d+)", "{0}", serve="pdf"),
        FileRoute(r"/api/v1/dmus", "dmus"),
        FileRoute(r"/api/v1/meetings", "meetings_v1"),
        FileRoute(r"/api/v2/meetings", "meetings_v2_offset{offset}", defaults=(("offset", "0"),)),
        FileRoute(r"/api/v1/documents", "documents"),
    ),
)


def go_answer(request: Request) -> Answer:
    path, query = request.path, request.query
    if path == "/api/v1/meetings" and not all(
        query.get(k, "").isdigit() for k in ("date_from", "date_to")
    ):
        return Answer.of(400, "application/json", b'{"error": "date_from/date_to: unix seconds"}')
    return ROUTES.answer(path, query) or NOT_FOUND


class GoFixtureServer(ReplayServer):
    def __init__(self) -> None:
        super().__init__(go_answer)

    def targets(self) -> list[str]:
        return [request.target for request in self.logged()]
