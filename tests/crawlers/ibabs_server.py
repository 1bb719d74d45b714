"""A loopback server speaking iBabs SOAP 1.1 from the files in tests/fixtures/ibabs/.

`POST` (any path): the operation comes from the `SOAPAction` header, the site from the body's
`Sitename`; the answer is `<site>/<Operation>_<key>.xml` (key: `EntryId`, `UserId`, `ListId`
or the `StartDate` day, the first one the request has), else `<site>/<Operation>.xml`, else a
SOAP fault (HTTP 500). In answers `{base}` becomes the server's URL, `{secret}` the path set in
`secret` and `{deep}` 10,000 nested elements; feed answers leave out entries changed before
the request's `SinceDate`.
`GET /publicdownload.aspx?site=&id=`: `documents/<id>.*`, 403 for ids in `locked`, else 404.
Every request is logged as (operation or path, parameters).
"""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from urllib.parse import parse_qs, urlsplit

from lxml import etree

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ibabs"
KEYS = ("EntryId", "UserId", "ListId", "StartDate")
FAULT = (
    '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><s:Fault>'
    "<faultcode>s:Client</faultcode><faultstring>{}</faultstring></s:Fault></s:Body></s:Envelope>"
)


def call_params(body: bytes) -> dict[str, str]:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    root = etree.fromstring(body, parser)
    return {
        etree.QName(node).localname: (node.text or "").strip()
        for node in root.iter()
        if isinstance(node.tag, str) and len(node) == 0
    }


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


class IbabsFixtureServer:
    def __init__(self, root: Path = FIXTURES) -> None:
        self.root = root
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.locked: set[str] = {"d0c00001-0000-4000-8000-000000000008"}
        self.secret = ""
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                action = (self.headers.get("SOAPAction") or "").strip('"')
                status, payload = server.answer(action.rpartition("/")[2], call_params(body))
                self.reply(status, "text/xml; charset=utf-8", payload)

            def do_GET(self) -> None:
                status, kind, payload = server.download(self.path)
                self.reply(status, kind, payload)

            def reply(self, status: int, kind: str, payload: bytes) -> None:
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, format: str, *args: object) -> None:
                return

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._httpd.server_address[1]}"

    @property
    def endpoint(self) -> str:
        return self.url + "/api/Public.svc"

    def answer(self, operation: str, params: dict[str, str]) -> tuple[int, bytes]:
        with self._lock:
            self.requests.append((operation, params))
        folder = self.root / params.get("Sitename", "").lower()
        keys = [params[k][:10] if k == "StartDate" else params[k] for k in KEYS if k in params]
        for name in [f"{operation}_{keys[0]}.xml"] if keys else []:
            if (folder / name).is_file():
                return 200, since(self.render(folder / name), params.get("SinceDate"))
        if (folder / f"{operation}.xml").is_file():
            return 200, self.render(folder / f"{operation}.xml")
        return 500, FAULT.format(f"no fixture for {operation} {params}").encode()

    def render(self, path: Path) -> bytes:
        text = path.read_text("utf-8").replace("{base}", self.url).replace("{secret}", self.secret)
        return text.replace("{deep}", "<a>" * 10_000 + "</a>" * 10_000).encode()

    def download(self, raw: str) -> tuple[int, str, bytes]:
        parts = urlsplit(raw)
        ident = (parse_qs(parts.query).get("id") or [""])[0]
        with self._lock:
            self.requests.append((parts.path, {"id": ident}))
        if parts.path != "/publicdownload.aspx":
            return 404, "text/html", b"<h1>Not found</h1>"
        if ident in self.locked:
            return 403, "text/html", b"<h1>403 Forbidden</h1>"
        found = sorted((self.root / "documents").glob(f"{ident}.*")) if ident else []
        if not found:
            return 404, "text/html", b"<h1>Not found</h1>"
        kind = "application/pdf" if found[0].suffix == ".pdf" else "application/octet-stream"
        return 200, kind, found[0].read_bytes()

    def operations(self) -> list[str]:
        with self._lock:
            return [operation for operation, _ in self.requests]

    def __enter__(self) -> IbabsFixtureServer:
        self._thread.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join()
