"""Parlaeus replayed from tests/fixtures/parlaeus/ at `<url>/receive/opendata` (on
`tests.replay`): `fn` names the fixture (`agenda_detail` by `agid`), `rid` must be TOKEN
(else a status 403 answer); documents at /user/showdoc/action=view/id={n} are generated PDFs.
In answers `{base}` becomes the server's URL."""

from __future__ import annotations

import re

from tests.replay import FIXTURES as ALL_FIXTURES
from tests.replay import Answer, ReplayServer, Request, fixture_answer, json_answer

FIXTURES = ALL_FIXTURES / "parlaeus"
TOKEN = "fixture-token-8d2f"
SHOWDOC = re.compile(r"^/user/showdoc/action=view/id=(\d+)$")


class ParlaeusFixtureServer(ReplayServer):
    def __init__(self) -> None:
        super().__init__(self.answer)

    def targets(self) -> list[str]:
        return [request.target for request in self.logged()]

    def answer(self, request: Request) -> Answer:
        path, query = request.path, request.query
        found = SHOWDOC.match(path)
        if found:
            pdf = f"%PDF-1.4 fixture {found[1]}\n%%EOF\n".encode()
            return Answer.of(200, "application/pdf", pdf)
        if path != "/receive/opendata":
            return Answer.of(404, "text/html", b"<h1>Not Found</h1>")
        if query.get("rid") != TOKEN:
            return json_answer(200, {"status": 403, "message": "Geen toegang: ongeldige rid"})
        name = query.get("fn", "")
        if name == "agenda_detail":
            name = f"agenda_detail_{query.get('agid')}"
        answer = None
        if re.fullmatch(r"[a-z_0-9]+", name):
            answer = fixture_answer(FIXTURES, name, {"{base}": self.url})
        return answer or json_answer(200, {"status": 400, "message": f"Onbekende functie {name}"})
