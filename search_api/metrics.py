"""`GET /metrics`: Prometheus text exposition (format 0.0.4) of the API and what it serves.

- HTTP (`metrics_http`): `vindplaats_http_requests_total{route,method,status}`,
  `vindplaats_http_request_duration_seconds{route}` (histogram),
  `vindplaats_http_requests_in_progress`, added up over every worker process of the server;
- the store and the index (`metrics_store`): documents by state, extraction failures, records,
  harvest runs, sources by health, supplier blocks, index documents and bytes;
- `vindplaats_build_info{version,engine,store}` and `vindplaats_http_worker_processes`.

Several worker processes: each keeps its HTTP counters in its own file in one directory
(`metrics_files`); the worker answering a scrape adds them all up. The directory is
`VINDPLAATS_METRICS_DIR`, or, unset, a temporary directory: made per app (one process), or made
once by the parent of the workers with `shared_metrics_dir` (which passes it on to them in the
environment) and removed when it stops.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from search_api.exposition import CONTENT_TYPE, Family, render
from search_api.metrics_files import clear, forget, read_all
from search_api.metrics_http import HttpRecorder, http_families
from search_api.metrics_store import StateCache
from search_api.params import parse_params
from search_api.services import Services, services
from vindplaats import __version__
from vindplaats.errors import ConfigError
from vindplaats.settings import PREFIX, Settings

ENV_DIR = PREFIX + "METRICS_DIR"


def _remove(directory: Path) -> None:
    forget(directory)
    shutil.rmtree(directory, ignore_errors=True)


class Metrics:
    """The metrics of one app: the HTTP recorder writing into the metrics directory, and the
    cache of store and index figures."""

    def __init__(self, settings: Settings) -> None:
        self._finalizer: weakref.finalize[[Path], Metrics] | None = None
        try:
            if settings.metrics_dir is not None:
                self.directory = settings.metrics_dir
                self.directory.mkdir(parents=True, exist_ok=True)
            else:
                self.directory = Path(tempfile.mkdtemp(prefix="vindplaats-metrics-"))
                self._finalizer = weakref.finalize(self, _remove, self.directory)
        except OSError as exc:
            where = settings.metrics_dir or tempfile.gettempdir()
            raise ConfigError(
                f"cannot keep HTTP metrics in {where}: {exc.strerror or exc} ({ENV_DIR})"
            ) from None
        self.recorder = HttpRecorder(self.directory)
        self.state = StateCache(settings.metrics_store_interval)

    def close(self) -> None:
        if self._finalizer is not None:
            self._finalizer()

    def families(self, found: Services) -> list[Family]:
        processes = read_all(self.directory)
        build = Family(
            "vindplaats_build_info", "gauge", "Version of Vindplaats, its engine and store; 1."
        )
        store = "postgresql" if found.settings.database_url is not None else "sqlite"
        build.add(1, {"version": __version__, "engine": found.settings.engine, "store": store})
        workers = Family(
            "vindplaats_http_worker_processes",
            "gauge",
            "API worker processes alive that have served requests.",
        )
        workers.add(sum(1 for p in processes if p.alive))
        return [build, *http_families(processes), workers, *self.state.families(found)]

    def render(self, found: Services) -> str:
        return render(self.families(found))


def app_metrics(request: Request) -> Metrics:
    found = request.app.state.metrics
    assert isinstance(found, Metrics)
    return found


def metrics(request: Request) -> Response:
    """Plain `def`: Starlette runs it in a thread, so the store reads never block the loop."""
    parse_params((), request.query_params)
    body = app_metrics(request).render(services(request))
    return Response(body, media_type=CONTENT_TYPE)


@contextmanager
def shared_metrics_dir(settings: Settings) -> Iterator[Settings]:
    """For a server with several worker processes: one metrics directory for all of them.

    Yields `settings` with `metrics_dir` set (a fresh temporary directory when it is unset)
    and sets `VINDPLAATS_METRICS_DIR` in the environment for the workers started inside;
    counters of an earlier server in a configured directory are removed first, a temporary
    directory at the end."""
    made = settings.metrics_dir is None
    directory = Path(tempfile.mkdtemp(prefix="vindplaats-metrics-")) if made else None
    directory = directory or settings.metrics_dir
    assert directory is not None
    directory.mkdir(parents=True, exist_ok=True)
    clear(directory)
    previous = os.environ.get(ENV_DIR)
    os.environ[ENV_DIR] = str(directory)
    try:
        yield settings.model_copy(update={"metrics_dir": directory})
    finally:
        if previous is None:
            os.environ.pop(ENV_DIR, None)
        else:
            os.environ[ENV_DIR] = previous
        if made:
            _remove(directory)


routes = [Route("/metrics", metrics, methods=["GET"], name="metrics")]
