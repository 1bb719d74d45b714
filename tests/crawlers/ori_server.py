"""The VNG ORI API replayed from tests/fixtures/ori/ (on `tests.replay`): an ORI 2.0 publisher
under `/ori2` (pages `<collection>_<page>.json`, `?page=N`; a record by its url
`record-<collection>-<id>.json`; no event feed) and a mini-ORI 1.0.0
publisher under `/mini` (one page per collection; `fracties` and `events` answer 404, as a
mini-ORI base does). Files at `<publisher>/bestanden/<id>` are generated PDFs, web
pages at `/stukken/<id>` one page (`stukken.html`); what the tables
do not name answers 404 with an RFC 7807 body. In answers `{base}` becomes the server's URL.

Shapes from the official documents only: no supplier serves the ORI API publicly."""

from __future__ import annotations

from tests.replay import FIXTURES as ALL_FIXTURES
from tests.replay import Answer, FileRoute, ReplayServer, Request, RouteTable

FIXTURES = ALL_FIXTURES / "ori"
ROUTES = RouteTable(
    FIXTURES,
    (
        FileRoute(r"/(ori2|mini)/bestanden/([a-z0-9-]+)", "{1}", serve="pdf"),
        FileRoute(r"/stukken/([a-z0-9-]+)", "stukken"),
        FileRoute(r"/ori2/([a-z_]+)/([a-z0-9-]+)", "ori2/record-{0}-{1}"),
        FileRoute(r"/ori2/([a-z_]+)", "ori2/{0}_{page}", defaults=(("page", "1"),)),
        FileRoute(r"/mini/(vergaderingen|agendapunten|informatieobjecten)", "mini/{0}"),
    ),
)
PROBLEM = b'{"type":"about:blank","title":"Not Found","status":404}'


class OriFixtureServer(ReplayServer):
    def __init__(self) -> None:
        super().__init__(self.answer)

    def targets(self) -> list[str]:
        return [request.target for request in self.logged()]

    def answer(self, request: Request) -> Answer:
        found = ROUTES.answer(request.path, request.query, {"{base}": self.url})
        if found is not None:
            return found
        return Answer.of(404, "application/problem+json", PROBLEM)
