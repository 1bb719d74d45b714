"""A streamed answer stays streamed through the whole middleware stack, gzip included.

The real app (every middleware: guard, CORS, gzip, rate limit, concurrency, metrics) under
uvicorn on loopback, with one extra streamed NDJSON route: it sends a line, then waits until
the client says it has decoded that line before it sends the next. Were any layer to hold the
answer back (buffer it to compress it whole), the client would never see the first line before
the server gave up waiting, and the lines would say so. The export (`/api/export`, CSV and
NDJSON) is streamed gzip-compressed to the same bytes as without gzip.
"""

from __future__ import annotations

import http.client
import json
import threading
import zlib
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from starlette.requests import Request
from starlette.responses import StreamingResponse
from starlette.routing import Route

from search_api import create_app
from tests.search_api.live import served
from tests.search_api.sample import Sample

LINES = 5
PATIENCE = 30.0  # seconds the server waits for the client before it writes "not-seen"
PADDING = "x" * 2000  # each line above the compression threshold on its own


class Handshake:
    """The client's word, line by line, that it has decoded what the server sent."""

    def __init__(self) -> None:
        self.seen = [threading.Event() for _ in range(LINES)]

    def lines(self) -> Iterator[bytes]:
        for number in range(LINES):
            yield (json.dumps({"line": number, "padding": PADDING}) + "\n").encode()
            if not self.seen[number].wait(PATIENCE):
                yield b'{"line": "not-seen"}\n'
                return


@pytest.fixture()
def streaming(sample: Sample) -> Iterator[tuple[str, Handshake]]:
    handshake = Handshake()

    def stream(request: Request) -> StreamingResponse:
        return StreamingResponse(handshake.lines(), media_type="application/x-ndjson")

    settings = sample.settings.model_copy(update={"cors_origins": "https://site.example"})
    app = create_app(settings)
    app.router.routes.append(Route("/api/test-stream", stream, methods=["GET"]))
    with served(app, wait=30) as (url, _):
        yield url, handshake


def test_a_gzipped_stream_reaches_the_client_line_by_line(
    streaming: tuple[str, Handshake],
) -> None:
    url, handshake = streaming
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=60)
    connection.request(
        "GET",
        "/api/test-stream",
        headers={"Accept-Encoding": "gzip", "Origin": "https://site.example"},
    )
    response = connection.getresponse()
    assert response.status == 200
    assert response.getheader("content-encoding") == "gzip"
    assert response.getheader("content-length") is None
    assert response.getheader("access-control-allow-origin") == "https://site.example"
    decoder = zlib.decompressobj(16 + zlib.MAX_WBITS)
    text = ""
    received: list[object] = []
    while True:
        chunk = response.read1(65536)
        if not chunk:
            break
        text += decoder.decompress(chunk).decode()
        while "\n" in text:
            line, text = text.split("\n", 1)
            number = json.loads(line)["line"]
            received.append(number)
            if isinstance(number, int):
                handshake.seen[number].set()
    text += decoder.flush().decode()
    connection.close()
    assert received == list(range(LINES))
    assert decoder.eof and text == ""


@pytest.mark.parametrize("fmt", ["ndjson", "csv"])
def test_the_export_streams_gzipped_to_the_same_rows(live_url: str, fmt: str) -> None:
    parts = urlsplit(live_url)
    bodies = {}
    for encoding in ("gzip", "identity"):
        connection = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=60)
        connection.request(
            "GET", f"/api/export?format={fmt}&q=brief", headers={"Accept-Encoding": encoding}
        )
        response = connection.getresponse()
        assert response.status == 200
        assert response.getheader("content-length") is None  # streamed, not buffered
        assert response.getheader("x-vindplaats-exported") is not None
        raw = response.read()
        connection.close()
        if encoding == "gzip":
            assert response.getheader("content-encoding") == "gzip"
            raw = zlib.decompress(raw, 16 + zlib.MAX_WBITS)
        else:
            assert response.getheader("content-encoding") is None
        bodies[encoding] = raw
    assert bodies["gzip"] == bodies["identity"]
    assert bodies["gzip"].count(b"\n") > 1
