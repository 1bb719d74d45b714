"""The real app under uvicorn on a loopback port, queried over HTTP with httpx."""

from __future__ import annotations

import json
import socket

import httpx
import pytest

from search_api import create_app
from tests.search_api.live import served
from tests.search_api.sample import Sample


def test_app_served_by_uvicorn(sample: Sample) -> None:
    with (
        served(create_app(sample.settings)) as (url, _),
        httpx.Client(base_url=url, timeout=10) as http,
    ):
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


def test_accepted_connections_have_tcp_nodelay(sample: Sample) -> None:
    """Without TCP_NODELAY every answer on a kept-alive connection waits for a delayed ACK."""
    with served(create_app(sample.settings)) as (url, server), httpx.Client(base_url=url) as http:
        assert http.get("/healthz").status_code == 200  # the connection stays open (keep-alive)
        sockets = [c.transport.get_extra_info("socket") for c in server.server_state.connections]
        assert sockets, "no open connection on the server side"
        for sock in sockets:
            assert sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) != 0


def _raw(url: str, request: bytes) -> tuple[str, dict[str, str], bytes]:
    host, port = url.removeprefix("http://").rsplit(":", 1)
    with socket.create_connection((host, int(port)), timeout=10) as conn:
        conn.sendall(request)
        data = b""
        while chunk := conn.recv(65536):
            data += chunk  # the server closes the connection after a protocol error
    head, _, body = data.partition(b"\r\n\r\n")
    status, *lines = head.decode("latin-1").split("\r\n")
    headers = {k.strip().lower(): v.strip() for k, v in (line.split(":", 1) for line in lines)}
    return status, headers, body


@pytest.mark.parametrize(
    ("request_bytes", "says"),
    [
        (b"GET /" + b"a" * 1_000_000 + b" HTTP/1.1\r\nHost: x\r\n\r\n", "above 16384 bytes"),
        (b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + b"b" * 20_000 + b"\r\n\r\n", "above"),
        (b"GET /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n", "Content-Length"),
        (b"GET /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n", ""),
        (b"GET /\xc3\xa9 HTTP/1.1\r\nHost: x\r\n\r\n", "request line"),
        (b"NOT HTTP AT ALL\r\n\r\n", ""),
        (b"GET /healthz HTTP/1.1\r\n\r\n", "Host"),
    ],
)
def test_requests_uvicorn_cannot_parse_answer_json_400(
    sample: Sample, request_bytes: bytes, says: str
) -> None:
    with served(create_app(sample.settings)) as (url, _):
        status, headers, body = _raw(url, request_bytes)
    assert status.startswith("HTTP/1.1 400")
    assert headers["content-type"] == "application/json"
    assert headers["connection"] == "close"
    assert int(headers["content-length"]) == len(body)
    error = json.loads(body)["error"]
    assert error["code"] == "bad_request"
    assert error["parameter"] is None
    assert error["message"].startswith("invalid HTTP request")
    assert says in error["message"]
    assert b"aaaa" not in body and b"bbbb" not in body  # the client's input is not echoed


def test_a_long_but_bounded_request_still_reaches_the_app(sample: Sample) -> None:
    long_query = b"/api/search?q=" + b"x" * 8000
    with served(create_app(sample.settings)) as (url, _):
        status, headers, body = _raw(
            url, b"GET " + long_query + b" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
        )
    assert status.split()[1] in {"200", "400"}
    assert headers["content-type"] == "application/json"
    assert "invalid HTTP request" not in body.decode()  # answered by the app, not the protocol
