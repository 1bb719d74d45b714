"""The real app under uvicorn on a loopback port, queried over HTTP with httpx."""

from __future__ import annotations

import threading
import time

import httpx

from search_api import create_app
from search_api.server import bind, make_server, url_of
from tests.search_api.sample import Sample


def test_app_served_by_uvicorn(sample: Sample) -> None:
    sock = bind("127.0.0.1", 0)
    server = make_server(create_app(sample.settings), log_level="warning", access_log=False)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 20
        while not server.started:
            assert thread.is_alive() and time.monotonic() < deadline, "server did not start"
            time.sleep(0.02)
        with httpx.Client(base_url=url_of(sock), timeout=10) as http:
            health = http.get("/healthz")
            assert health.status_code == 200
            assert health.json()["status"] == "ok"
            found = http.get("/api/search", params={"q": "woningbouw"})
            assert found.status_code == 200
            assert sample.begroting_id in [hit["id"] for hit in found.json()["hits"]]
            file = http.get(f"/api/documents/{sample.begroting_id}/file")
            assert file.headers["content-type"] == "application/pdf"
            bad = http.get("/api/search", params={"size": "500"})
            assert bad.status_code == 400
            assert bad.json()["error"]["parameter"] == "size"
    finally:
        server.should_exit = True
        thread.join(timeout=20)
        sock.close()
    assert not thread.is_alive()
