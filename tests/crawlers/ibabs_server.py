"""iBabs SOAP 1.1 replayed from the files in tests/fixtures/ibabs/ (on `tests.replay`).

`POST` (any path): the operation comes from the `SOAPAction` header, the site from the body's
`Sitename`; the answer is the first file of `ROUTES` that exists: `<site>/<Operation>_<key>.xml`
(key: `EntryId`, `UserId`, `ListId` or the `StartDate` day, the first one the request has),
else `<site>/<Operation>.xml`, else a SOAP fault (HTTP 500). In answers `{base}` becomes the
server's URL, `{secret}` the path set in `secret` and `{deep}` 10,000 nested elements; feed
answers leave out entries changed before the request's `SinceDate`.
`GET /publicdownload.aspx?site=&id=`: `documents/<id>.*`, 403 for ids in `locked`, else 404.
`calls()` gives every request as (operation or path, parameters).
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from tests.replay import FIXTURES as ALL_FIXTURES
from tests.replay import Answer, FileRoute, ReplayServer, Request, RouteTable

FIXTURES = ALL_FIXTURES / "ibabs"
KEYS = ("EntryId", "UserId", "ListId", "StartDate")
XML = "text/xml; charset=utf-8"
# a SOAP call's answer, from what `call_names` reads of it; a download by its id
ROUTES = (
    FileRoute(r"/.*", "{site}/{operation}_{key}", when=(("method", "POST"),)),
    FileRoute(r"/.*", "{site}/{operation}", when=(("method", "POST"),)),
    FileRoute(r"/publicdownload\.aspx", "{id}", when=(("method", "GET"),), serve="document"),
)
FAULT = (
    '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><s:Fault>'
    "<faultcode>s:Client</faultcode><faultstring>{}</faultstring></s:Fault></s:Body></s:Envelope>"
)


def operation_of(request: Request) -> str:
    return request.header("SOAPAction").strip('"').rpartition("/")[2]


def call_params(body: bytes) -> dict[str, str]:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    root = etree.fromstring(body, parser)
    return {
        etree.QName(node).localname: (node.text or "").strip()
        for node in root.iter()
        if isinstance(node.tag, str) and len(node) == 0
    }


def call_of(request: Request) -> tuple[str, dict[str, str]]:
    """(operation, parameters) of a SOAP call; (path, {"id": ...}) of a download."""
    if request.method == "POST":
        return operation_of(request), call_params(request.body)
    return request.path, {"id": request.query.get("id", "")}


def since(answer: bytes, moment: str | None) -> bytes:
    """A feed answer without the entries whose MutationDate is before `moment` (SinceDate)."""
    if not moment or b"iBabsListEntryBase" not in answer:
        return answer
    root = etree.fromstring(answer)
    for entry in list(root.iter("{*}iBabsListEntryBase")):
        stamp = entry.findtext("{*}MutationDate") or ""
        parent = entry.getparent()
        if stamp[:19] < moment[:19] and parent is not None:
            parent.remove(entry)
    return bytes(etree.tostring(root, encoding="utf-8"))


class IbabsFixtureServer(ReplayServer):
    def __init__(self, root: Path = FIXTURES) -> None:
        super().__init__(self.answer)
        self.root = root
        self.routes = RouteTable(root, ROUTES)
        self.locked: set[str] = {"d0c00001-0000-4000-8000-000000000008"}
        self.secret = ""

    @property
    def endpoint(self) -> str:
        return self.url + "/api/Public.svc"

    def calls(self) -> list[tuple[str, dict[str, str]]]:
        return [call_of(request) for request in self.logged()]

    def operations(self) -> list[str]:
        return [operation for operation, _ in self.calls()]

    def answer(self, request: Request) -> Answer:
        operation, params = call_of(request)
        if request.method != "POST":
            return self.download(operation, params["id"])
        names = call_names(operation, params)
        deep = "<a>" * 10_000 + "</a>" * 10_000
        replace = {"{base}": self.url, "{secret}": self.secret, "{deep}": deep}
        found = self.routes.answer(request.path, names, replace)
        if found is not None:
            return Answer.of(200, XML, since(b"".join(found.body), params.get("SinceDate")))
        return Answer.of(500, XML, FAULT.format(f"no fixture for {operation} {params}").encode())

    def download(self, path: str, ident: str) -> Answer:
        if ident in self.locked and path == "/publicdownload.aspx":
            return Answer.of(403, "text/html", b"<h1>403 Forbidden</h1>")
        params = {"method": "GET", "id": ident}
        found = self.routes.answer(path, params)
        return found or Answer.of(404, "text/html", b"<h1>Not found</h1>")


def call_names(operation: str, params: dict[str, str]) -> dict[str, str]:
    """What the routes name a SOAP call's answer by: its operation, site and key (the first of
    `KEYS` the call has; of `StartDate` the day)."""
    keys = [params[k][:10] if k == "StartDate" else params[k] for k in KEYS if k in params]
    names = {"method": "POST", "operation": operation, "site": params.get("Sitename", "").lower()}
    return {**names, "key": keys[0]} if keys else names
