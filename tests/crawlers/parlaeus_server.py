"""Parlaeus replayed from tests/fixtures/parlaeus/ at `<url>/receive/opendata` (on
`tests.replay`): `fn` names the fixture (`agenda_detail` by `agid`), `rid` must be TOKEN
(else a status 403 answer); documents at /user/showdoc/action=view/id={n} are generated PDFs.
In answers `{base}` becomes the server's URL."""

from __future__ import annotations

from tests.replay import FIXTURES as ALL_FIXTURES
from tests.replay import Answer, FileRoute, ReplayServer, Request, RouteTable, json_answer

FIXTURES = ALL_FIXTURES / "parlaeus"
TOKEN = "fixture-token-8d2f"
OPENDATA = "/receive/opendata"
ROUTES = RouteTable(
    FIXTURES,
    (
        FileRoute(r"/user/showdoc/action=view/id=(\d+)", "{0}", serve="pdf"),
        FileRoute(OPENDATA, "agenda_detail_{agid}", when=(("fn", "agenda_detail"),)),
        FileRoute(OPENDATA, "{fn}", defaults=(("fn", ""),)),
    ),
)


class ParlaeusFixtureServer(ReplayServer):
    def __init__(self) -> None:
        super().__init__(self.answer)

    def targets(self) -> list[str]:
        return [request.target for request in self.logged()]

    def answer(self, request: Request) -> Answer:
        path, query = request.path, request.query
        if path == OPENDATA and query.get("rid") != TOKEN:
            return json_answer(200, {"status": 403, "message": "Geen toegang: ongeldige rid"})
        found = ROUTES.answer(path, query, {"{base}": self.url})
        if found is not None:
            return found
        if path != OPENDATA:
            return Answer.of(404, "text/html", b"<h1>Not Found</h1>")
        name = query.get("fn", "")
        return json_answer(200, {"status": 400, "message": f"Onbekende functie {name}"})
