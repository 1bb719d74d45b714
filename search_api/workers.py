"""Several uvicorn worker processes on one pre-bound socket (`vindplaats serve`).

`worker_count(settings)` is `VINDPLAATS_API_WORKERS`, or one per CPU this process may run on.
With one worker the app is served in this process; with more, uvicorn's supervisor spawns them
(fresh interpreters: nothing opened here is shared by accident), restarts one that dies, and on
Ctrl-C or SIGTERM stops them all gracefully (requests in progress are answered) before it
returns. Each worker opens the store and the index itself; all of them count clients against
one shared rate-limit table (`search_api.ratelimit.RateTable`, created here and handed over).
"""

from __future__ import annotations

import functools
import logging
import os
import socket
import sys

from starlette.types import ASGIApp
from uvicorn.config import STARTUP_FAILURE
from uvicorn.supervisors.multiprocess import Multiprocess

from search_api.metrics import shared_metrics_dir
from search_api.ratelimit import RateTable
from search_api.server import make_config
from vindplaats.errors import ConfigError
from vindplaats.settings import Settings

log = logging.getLogger("vindplaats.api")


def available_cpus() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def worker_count(settings: Settings) -> int:
    return settings.api_workers or available_cpus()


def worker_app(settings: Settings, table: RateTable) -> ASGIApp:
    """Called in each worker process: the app, or a clean exit that stops the supervisor."""
    from search_api.app import create_app

    try:
        return create_app(settings, rate_table=table)
    except Exception as exc:
        log.error("an API worker could not start: %s", exc)
        sys.exit(STARTUP_FAILURE)


def serve_workers(
    settings: Settings, sock: socket.socket, workers: int, log_level: str = "info"
) -> None:
    """Run `workers` processes on `sock` until Ctrl-C or SIGTERM; the socket is closed after.

    Raises ConfigError when the workers could not start (the reason is in the log)."""
    with shared_metrics_dir(settings) as shared:  # one HTTP metrics directory for all workers
        factory = functools.partial(worker_app, shared, RateTable())
        config = make_config(factory, log_level=log_level, workers=workers)
        supervisor = Multiprocess(config, sockets=[sock])
        try:
            supervisor.run()
        finally:
            sock.close()
    if any(process.exitcode == STARTUP_FAILURE for process in supervisor.processes):
        raise ConfigError("the API workers could not start; the reason is logged above")
