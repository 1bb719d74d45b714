"""`Sandbox`: the local HTTP server that serves the sample world in every supplier protocol.

A stdlib `ThreadingHTTPServer` runs in a background thread (starts in milliseconds, needs no
event loop). Each supplier module is mounted under its prefix (`/notubiz`, ...); `GET /` is a
page that labels everything as sample data. Every request served is logged (`requests`; the
most per time window: `rate`). Tests make a supplier misbehave through `faults` (`faults.py`).
Responses close the connection, so stopping never waits for idle keep-alive clients.
"""

from __future__ import annotations

import re
import socket
import tempfile
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from urllib.parse import urlsplit

from vindplaats.sandbox.faults import Faults, max_in_window, normalise, under
from vindplaats.sandbox.files import FileCache
from vindplaats.sandbox.gemeenteoplossingen import GoApi
from vindplaats.sandbox.go_files import PaperFiles
from vindplaats.sandbox.go_model import Towns
from vindplaats.sandbox.go_towns import build_go_towns
from vindplaats.sandbox.home import home_page
from vindplaats.sandbox.ibabs import IbabsApi
from vindplaats.sandbox.ibabs_world import IbabsWorld
from vindplaats.sandbox.notubiz import NotubizApi
from vindplaats.sandbox.parlaeus import ParlaeusApi
from vindplaats.sandbox.parlaeus_town import build_parlaeus_towns
from vindplaats.sandbox.routing import Request, Response, SupplierApi, json_response, not_found
from vindplaats.sandbox.world import SandboxWorld
from vindplaats.sources import Source, build_source

MAX_BODY = 1_000_000  # request bodies are read up to this size; larger ones answer 413


@dataclass(frozen=True)
class RequestLogEntry:
    method: str
    path: str  # full path, e.g. "/notubiz/events"
    query: str  # raw query string
    status: int
    bytes: int  # response body size
    time: float  # unix time the request arrived
    duration: float  # seconds spent answering


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128  # the default (5) drops connections under a concurrent harvester
    sandbox: Sandbox


class _IPv6Server(_Server):
    address_family = socket.AF_INET6


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"
    server_version = "VindplaatsSandbox/1"

    def do_GET(self) -> None:
        self._serve(head=False)

    def do_HEAD(self) -> None:
        self._serve(head=True)

    def do_POST(self) -> None:
        self._serve(head=False)

    do_PUT = do_DELETE = do_PATCH = do_POST

    def log_message(self, format: str, *args: object) -> None:
        """Silent: the sandbox keeps its own request log."""

    def _serve(self, *, head: bool) -> None:
        arrived, started = time.time(), time.perf_counter()
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if 0 < length <= MAX_BODY else b""
        split = urlsplit(self.path)
        request = Request(
            method=self.command,
            path=split.path or "/",
            query_string=split.query,
            headers={k.lower(): v for k, v in self.headers.items()},
            body=body,
        )
        try:
            sandbox = self.server.sandbox
            if length > MAX_BODY:  # refused without reading it
                response = json_response({"error": {"code": 413, "message": "body too large"}}, 413)
            else:
                response = sandbox.faults.apply(request, sandbox.respond)  # faults.py
        except Exception as exc:  # a sandbox bug must still answer, and show up in tests
            message = f"sandbox error: {type(exc).__name__}: {exc}"
            response = json_response({"error": {"code": 500, "message": message}}, 500)
        # logged before the answer is written: a client that has its answer finds it logged
        self.server.sandbox.log(
            RequestLogEntry(
                method=self.command,
                path=request.path,
                query=request.query_string,
                status=response.status,
                bytes=len(response.body),
                time=arrived,
                duration=time.perf_counter() - started,
            )
        )
        self.send_response(response.status)
        self.send_header("Content-Type", response.content_type)
        self.send_header("Content-Length", str(len(response.body)))
        self.send_header("Connection", "close")
        for name, value in response.headers.items():
            self.send_header(name, value)
        self.end_headers()
        if not head:
            self.wfile.write(response.body)
        self.close_connection = True


class Sandbox:
    """Serves `world` on `host:port` (port 0 picks a free port) until `stop()`.

    `files_dir` caches the generated document files across runs; by default a temporary
    directory is used and removed on stop.
    """

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        files_dir: Path | None = None,
        *,
        world: SandboxWorld | None = None,
    ) -> None:
        self.host = host
        self.port = port
        self.world = world if world is not None else SandboxWorld()
        self._files_dir = files_dir
        self._tmp: tempfile.TemporaryDirectory[str] | None = None
        self._files: FileCache | None = None
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self._base_url: str | None = None
        self._apps: list[SupplierApi] = []
        self._log: list[RequestLogEntry] = []
        self._log_lock = threading.Lock()
        self.go_world = Towns(build_go_towns())  # GemeenteOplossingen towns (go_towns.py)
        self.parlaeus_world = Towns(build_parlaeus_towns())  # Parlaeus town (parlaeus_town.py)
        self._papers = PaperFiles()
        self.faults = Faults()  # fault injection per supplier prefix, set from tests
        self.ibabs_world = IbabsWorld()  # iBabs sites (ibabs_world.py)
        self._ibabs: IbabsApi | None = None

    # -- lifecycle -----------------------------------------------------------------------------

    def start(self) -> Sandbox:
        if self._server is not None:
            return self
        if self._files_dir is None:
            self._tmp = tempfile.TemporaryDirectory(prefix="vindplaats-sandbox-")
            directory = Path(self._tmp.name)
        else:
            directory = Path(self._files_dir)
        self._files = FileCache(directory)
        server_class = _IPv6Server if ":" in self.host else _Server
        server = server_class((self.host, self.port), _Handler)
        server.sandbox = self
        port = server.server_address[1]
        host = f"[{self.host}]" if ":" in self.host else self.host
        self._base_url = f"http://{host}:{port}"
        self._apps = [NotubizApi(self.world, self._files, self._base_url)]
        self._apps += [
            GoApi(self.go_world, self._papers),
            ParlaeusApi(self._base_url, self.parlaeus_world, self._papers),
        ]
        self._ibabs = IbabsApi(self.ibabs_world, self._base_url)
        self._apps.append(self._ibabs)
        self._server = server
        self._thread = threading.Thread(
            target=server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name=f"vindplaats-sandbox-{port}",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        server, thread = self._server, self._thread
        self._server = self._thread = None
        if server is not None:
            server.shutdown()
            server.server_close()
        if thread is not None:
            thread.join()
        if self._tmp is not None:
            self._tmp.cleanup()
            self._tmp = None

    def __enter__(self) -> Sandbox:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # -- addresses and sources -----------------------------------------------------------------

    @property
    def base_url(self) -> str:
        if self._base_url is None:
            raise RuntimeError("the sandbox is not started; call start() first")
        return self._base_url

    @property
    def notubiz_url(self) -> str:
        return self.base_url + NotubizApi.prefix

    @property
    def go_url(self) -> str:
        return self.base_url + GoApi.prefix

    @property
    def parlaeus_url(self) -> str:
        return self.base_url + ParlaeusApi.prefix

    @property
    def ibabs_url(self) -> str:
        """The iBabs SOAP endpoint (`.../ibabs/api/Public.svc`)."""
        return self.base_url + IbabsApi.prefix + "/api/Public.svc"

    @property
    def files_dir(self) -> Path:
        if self._files is None:
            raise RuntimeError("the sandbox is not started; call start() first")
        return self._files.directory

    def sources(self, supplier: str | None = None) -> list[Source]:
        """Every sample source, pointing at this sandbox: one NotuBiz source per sample
        municipality, then the GemeenteOplossingen and Parlaeus towns and the iBabs
        municipalities. `supplier` ("notubiz", ...) keeps only that supplier's sources."""
        found = [
            build_source(
                key=m.key,
                name=m.name,
                supplier="notubiz",
                organisation_type="gemeente",
                notubiz_organisation_id=str(m.organisation_id),
                base_url=self.notubiz_url,
            )
            for m in self.world.municipalities
        ]
        found += [
            build_source(
                key=t.key,
                name=t.name,
                supplier=t.supplier,
                organisation_type="gemeente",
                base_url=f"{self.go_url}/{t.key}/api",
                api_version=t.api_version,
            )
            for t in self.go_world.towns
        ]
        found += [
            build_source(
                key=t.key,
                name=t.name,
                supplier=t.supplier,
                organisation_type="gemeente",
                base_url=f"{self.parlaeus_url}/{t.key}/receive/opendata",
                api_token=t.token,
            )
            for t in self.parlaeus_world.towns
        ]
        found += [
            build_source(
                key=s.key,
                name=s.name,
                supplier="ibabs",
                organisation_type="gemeente",
                ibabs_sitename=s.site,
                include_pattern=s.include_pattern,
                exclude_pattern=s.exclude_pattern,
                base_url=self.ibabs_url,
            )
            for s in self.ibabs_world.sources
        ]
        return [s for s in found if supplier is None or s.supplier.value == supplier]

    def prepare_files(self) -> None:
        """Build every document file now (else each is built on first use)."""
        if self._files is None:
            raise RuntimeError("the sandbox is not started; call start() first")
        with self.world.lock:
            versions = [(d, v.number) for d in self.world.documents() for v in d.versions]
        for document, number in versions:
            self._files.get(document, number)
        if self._ibabs is not None:
            with self.ibabs_world.lock:
                sample = [d for s in self.ibabs_world.sites.values() for d in s.documents.values()]
            for ibabs_document in sample:
                self._ibabs.files.get(ibabs_document)

    # -- requests ------------------------------------------------------------------------------

    @property
    def requests(self) -> list[RequestLogEntry]:
        """A snapshot of every request served so far, oldest first."""
        with self._log_lock:
            return list(self._log)

    def rate(self, prefix: str, window: float = 60.0, path: str | None = None) -> int:
        """The most requests under `prefix` ("/notubiz") that arrived within any `window`
        seconds; `path`: only those whose path below the prefix matches this regex."""
        prefix = normalise(prefix)
        pattern = re.compile(path) if path is not None else None
        times = [
            entry.time
            for entry in self.requests
            if under(entry.path, prefix)
            and (pattern is None or pattern.fullmatch(entry.path[len(prefix) :] or "/"))
        ]
        return max_in_window(times, window)

    def clear_requests(self) -> None:
        with self._log_lock:
            self._log.clear()

    def log(self, entry: RequestLogEntry) -> None:
        with self._log_lock:
            self._log.append(entry)

    def respond(self, request: Request) -> Response:
        """Route one request to the front page or to the supplier mounted at its prefix."""
        if request.path == "/":
            return home_page(self.world, self.base_url)
        for app in self._apps:
            if request.path == app.prefix or request.path.startswith(app.prefix + "/"):
                inner = request.path[len(app.prefix) :] or "/"
                return app.handle(
                    Request(
                        request.method, inner, request.query_string, request.headers, request.body
                    )
                )
        return not_found(f"No route for {request.path}")
