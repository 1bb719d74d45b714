"""`Sandbox`: the local HTTP server that serves the one sample world (`world.World`) in every
supplier protocol.

A stdlib `ThreadingHTTPServer` runs in a background thread (starts in milliseconds, needs no
event loop). The supplier plug-ins (`plugins.discover`: one per row of the table of supplier
facts) are mounted under their prefixes (`/notubiz`, ...); `GET /` is a page that labels
everything as sample data. Every request served is logged (`requests`; the
most per time window: `rate`). Tests make a supplier misbehave through `faults` (`faults.py`).
Responses close the connection, so stopping never waits for idle keep-alive clients.
"""

from __future__ import annotations

import contextlib
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
from vindplaats.sandbox.go_files import PaperFiles
from vindplaats.sandbox.go_model import Towns
from vindplaats.sandbox.home import home_page
from vindplaats.sandbox.ibabs_world import IbabsWorld
from vindplaats.sandbox.notubiz_world import NotubizWorld
from vindplaats.sandbox.plugins import Mount, Plugin, discover
from vindplaats.sandbox.routing import Request, Response, json_response, not_found
from vindplaats.sandbox.world import World
from vindplaats.sources import Source

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
            # a client may stop reading (a checker at its size cap): not an error
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(response.body)
        self.close_connection = True


class Sandbox:
    """Serves the sample world on `host:port` (port 0 picks a free port) until `stop()`.

    `world` is the whole `World`, or its NotuBiz part (tests mutate that one); by default a new
    world. `files_dir` caches the generated document files across runs; by default a
    temporary directory is used and removed on stop.
    """

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        files_dir: Path | None = None,
        *,
        world: World | NotubizWorld | None = None,
    ) -> None:
        self.host = host
        self.port = port
        self.sample_world = world if isinstance(world, World) else World(world)
        self._files_dir = files_dir
        self._tmp: tempfile.TemporaryDirectory[str] | None = None
        self._files: FileCache | None = None
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self._base_url: str | None = None
        self._plugins: list[Plugin] = []
        self._log: list[RequestLogEntry] = []
        self._log_lock = threading.Lock()
        self._papers = PaperFiles()
        self.faults = Faults()  # fault injection per supplier prefix, set from tests

    # -- the parts of the sample world ---------------------------------------------------------

    @property
    def world(self) -> NotubizWorld:
        """The NotuBiz municipalities (`World.notubiz`)."""
        return self.sample_world.notubiz

    @property
    def go_world(self) -> Towns:
        """The GemeenteOplossingen towns (`World.go`)."""
        return self.sample_world.go

    @property
    def parlaeus_world(self) -> Towns:
        """The Parlaeus town (`World.parlaeus`)."""
        return self.sample_world.parlaeus

    @property
    def ibabs_world(self) -> IbabsWorld:
        """The iBabs sites (`World.ibabs`)."""
        return self.sample_world.ibabs

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
        mount = Mount(self._base_url, self._files, self._papers)
        self._plugins = [plugin(self.sample_world, mount) for plugin in discover()]
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

    def url(self, supplier: str) -> str:
        """The API URL of `supplier` ("notubiz", ...) in this sandbox."""
        for plugin in self.plugins:
            if plugin.supplier == supplier:
                return plugin.url
        raise KeyError(f"the sandbox serves no supplier {supplier!r}")

    @property
    def plugins(self) -> list[Plugin]:
        if not self._plugins:
            raise RuntimeError("the sandbox is not started; call start() first")
        return self._plugins

    @property
    def notubiz_url(self) -> str:
        return self.url("notubiz")

    @property
    def go_url(self) -> str:
        return self.url("gemeenteoplossingen")

    @property
    def parlaeus_url(self) -> str:
        return self.url("parlaeus")

    @property
    def ibabs_url(self) -> str:
        """The iBabs SOAP endpoint (`.../ibabs/api/Public.svc`)."""
        return self.url("ibabs")

    @property
    def files_dir(self) -> Path:
        if self._files is None:
            raise RuntimeError("the sandbox is not started; call start() first")
        return self._files.directory

    def sources(self, supplier: str | None = None) -> list[Source]:
        """Every sample source, pointing at this sandbox, plug-in by plug-in (NotuBiz,
        GemeenteOplossingen, Parlaeus, iBabs, DiWoo: the order of the table of supplier facts).
        `supplier` ("notubiz", ...) keeps only that supplier's sources."""
        found = [s for plugin in self.plugins for s in plugin.sources()]
        return [s for s in found if supplier is None or s.supplier.value == supplier]

    def prepare_files(self) -> None:
        """Build every document file now (else each is built on first use)."""
        for plugin in self.plugins:
            plugin.prepare_files()

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
        for plugin in self._plugins:
            if request.path == plugin.prefix or request.path.startswith(plugin.prefix + "/"):
                inner = request.path[len(plugin.prefix) :] or "/"
                return plugin.handle(
                    Request(
                        request.method, inner, request.query_string, request.headers, request.body
                    )
                )
        return not_found(f"No route for {request.path}")
