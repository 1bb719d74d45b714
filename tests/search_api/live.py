"""`served(app)`: the app under real uvicorn (the product's server config) on a loopback port."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import uvicorn
from starlette.applications import Starlette

from search_api.server import bind, make_server, url_of


@contextmanager
def served(app: Starlette, wait: float = 20) -> Iterator[tuple[str, uvicorn.Server]]:
    """(base URL, server) while the app is served; `wait`: seconds it may take to start and to
    stop."""
    sock = bind("127.0.0.1", 0)
    server = make_server(app, log_level="warning", access_log=False)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + wait
        while not server.started:
            assert thread.is_alive() and time.monotonic() < deadline, "server did not start"
            time.sleep(0.02)
        yield url_of(sock), server
    finally:
        server.should_exit = True
        thread.join(timeout=wait)
        sock.close()
    assert not thread.is_alive()
