"""`X-Request-ID` on every answer (200, 400, 404, 405, 413, 429, 500, 503), a sane incoming
one echoed, a hostile one replaced, and the id on the log records written while serving the
request (the app's own error log and uvicorn's access log, under the real server)."""

from __future__ import annotations

import logging
import re
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from starlette.testclient import TestClient

from search_api import create_app
from search_api.server import bind, make_server, url_of
from tests.search_api.live import served
from tests.search_api.sample import Sample, build_sample

GENERATED = re.compile(r"^[0-9a-f]{32}$")


def request_id(response: httpx.Response) -> str:
    values = response.headers.get_list("x-request-id")
    assert len(values) == 1, response.headers
    return values[0]


@pytest.fixture()
def own(tmp_path: Path) -> Sample:
    return build_sample(tmp_path / "data")


def test_every_answer_carries_a_new_id(client: TestClient, sample: Sample) -> None:
    answers = [
        client.get("/healthz"),
        client.get("/api/search", params={"q": "begroting"}),
        client.get("/api/search", params={"size": "duizend"}),
        client.get("/api/search", params={"onbekend": "1"}),
        client.get("/api/documents/document:notubiz:testdam:0"),
        client.get(f"/api/documents/{sample.begroting_id}/file"),
        client.get("/geen/endpoint"),
        client.post("/api/sources"),
        client.get("/openapi.json"),
        client.get("/metrics"),
    ]
    assert [a.status_code for a in answers] == [200, 200, 400, 400, 404, 200, 404, 405, 200, 200]
    ids = [request_id(a) for a in answers]
    assert all(GENERATED.match(i) for i in ids), ids
    assert len(set(ids)) == len(ids)


def test_a_refused_oversized_body_carries_it(client: TestClient) -> None:
    response = client.request("GET", "/api/search", content=b"x" * (65 * 1024))
    assert response.status_code == 413
    assert GENERATED.match(request_id(response))


def test_a_rate_limited_answer_carries_it(own: Sample) -> None:
    settings = own.settings.model_copy(update={"api_rate_limit": "2/min"})
    with TestClient(create_app(settings)) as client:
        answers = [client.get("/api/sources") for _ in range(4)]
    assert answers[-1].status_code == 429
    assert all(GENERATED.match(request_id(a)) for a in answers)


@pytest.mark.parametrize(
    "incoming",
    [
        "4bf92f3577b34da6a3ce929d0e0e4736",
        "req-2026-12-01T22:00:00Z",
        "Root=1-5759e988-bd862e3fe1be46a994272793",
        "a" * 128,
        "proxy.example:443/abc+def==",
    ],
)
def test_a_sane_incoming_id_is_echoed(client: TestClient, incoming: str) -> None:
    response = client.get("/healthz", headers={"X-Request-ID": incoming})
    assert request_id(response) == incoming
    response = client.get("/geen/endpoint", headers={"x-request-id": incoming})
    assert response.status_code == 404 and request_id(response) == incoming


@pytest.mark.parametrize(
    "hostile",
    [
        "",
        "a" * 129,
        "two words",
        '"><script>alert(1)</script>',
        '{"level": "ERROR"}',
        "id;rm -rf /",
        "caf\xe9",
    ],
)
def test_a_hostile_incoming_id_is_replaced(client: TestClient, hostile: str) -> None:
    raw = [(b"x-request-id", hostile.encode("latin-1"))]
    response = client.get("/healthz", headers=raw)
    assert response.status_code == 200
    replaced = request_id(response)
    assert GENERATED.match(replaced) and replaced != hostile


def test_two_incoming_ids_are_replaced(client: TestClient) -> None:
    headers = [(b"x-request-id", b"first"), (b"x-request-id", b"second")]
    response = client.get("/healthz", headers=headers)
    assert GENERATED.match(request_id(response))


def test_an_unexpected_error_answers_500_with_the_id_on_its_log_record(
    own: Sample, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    app = create_app(own.settings)

    def broken(query: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(app.state.services.engine, "search", broken)
    with TestClient(app, raise_server_exceptions=False) as client, caplog.at_level(logging.INFO):
        response = client.get(
            "/api/search", params={"q": "x"}, headers={"X-Request-ID": "trace-500"}
        )
    assert response.status_code == 500
    assert response.json()["error"]["code"] == "internal_error"
    assert request_id(response) == "trace-500"
    [logged] = [r for r in caplog.records if r.name == "vindplaats.api"]
    assert logged.request_id == "trace-500"  # type: ignore[attr-defined]
    assert "disk on fire" in caplog.text
    logging.getLogger("vindplaats.after").warning("after the request")
    [after] = [r for r in caplog.records if r.name == "vindplaats.after"]
    assert after.request_id is None  # type: ignore[attr-defined]


def test_a_concurrency_refusal_carries_it(own: Sample, monkeypatch: pytest.MonkeyPatch) -> None:
    settings = own.settings.model_copy(update={"api_max_concurrent": 1, "api_rate_limit": "off"})
    app = create_app(settings)
    entered, release = threading.Event(), threading.Event()
    search = app.state.services.engine.search

    def slow(query: object) -> object:
        entered.set()
        release.wait(timeout=30)
        return search(query)

    monkeypatch.setattr(app.state.services.engine, "search", slow)
    with served(app) as (url, _), httpx.Client(base_url=url, timeout=30) as http:
        first: list[httpx.Response] = []
        worker = threading.Thread(
            target=lambda: first.append(http.get("/api/search", params={"q": "begroting"}))
        )
        worker.start()
        try:
            assert entered.wait(timeout=30)
            with httpx.Client(base_url=url, timeout=30) as other:
                refused = other.get("/api/sources", headers={"X-Request-ID": "busy-1"})
        finally:
            release.set()
            worker.join(timeout=30)
    assert refused.status_code == 503 and "retry-after" in refused.headers
    assert request_id(refused) == "busy-1"
    assert first[0].status_code == 200 and GENERATED.match(request_id(first[0]))


@pytest.fixture()
def with_access_log(own: Sample) -> Iterator[str]:
    """The app under real uvicorn with its access log on (the product's log configuration)."""
    app = create_app(own.settings)
    sock = bind("127.0.0.1", 0)
    server = make_server(app, log_level="info", access_log=True)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        while not server.started:
            assert thread.is_alive()
            thread.join(timeout=0.02)
        yield url_of(sock)
    finally:
        server.should_exit = True
        thread.join(timeout=20)
        sock.close()


def test_uvicorn_access_log_records_carry_the_id(
    with_access_log: str, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO), httpx.Client(base_url=with_access_log) as http:
        echoed = http.get("/healthz", headers={"X-Request-ID": "access-7"})
        generated = http.get("/geen/endpoint")
    access = {
        r.getMessage(): r.request_id  # type: ignore[attr-defined]
        for r in caplog.records
        if r.name == "uvicorn.access"
    }
    assert access == {
        next(m for m in access if "GET /healthz" in m): "access-7",
        next(m for m in access if "GET /geen/endpoint" in m): request_id(generated),
    }
    assert request_id(echoed) == "access-7"


def test_a_request_the_http_layer_cannot_parse_gets_a_new_id(sample: Sample) -> None:
    """uvicorn answers these itself (JSON 400): the id is new, whatever the request said."""
    raw = b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Request-ID: mine\r\nContent-Length: abc\r\n\r\n"
    with served(create_app(sample.settings)) as (url, _):
        host, port = url.removeprefix("http://").rsplit(":", 1)
        with socket.create_connection((host, int(port)), timeout=10) as conn:
            conn.sendall(raw)
            data = b""
            while chunk := conn.recv(65536):
                data += chunk
    head = data.partition(b"\r\n\r\n")[0].decode("latin-1").split("\r\n")
    assert head[0].startswith("HTTP/1.1 400")
    [found] = [
        line.split(":", 1)[1].strip() for line in head if line.lower().startswith("x-request-id:")
    ]
    assert GENERATED.match(found)
