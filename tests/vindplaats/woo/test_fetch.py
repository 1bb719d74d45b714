"""Fetching published files through the fetch guard, against a loopback server."""

from __future__ import annotations

import gzip

import pytest

from tests.replay import Answer, ReplayServer, Request
from vindplaats.errors import UnsafeURLError
from vindplaats.woo.fetch import MAX_REDIRECTS, Fetcher, FetchError

BODY = b"<urlset/>" * 200


def route(request: Request) -> Answer:
    if request.path == "/file":
        return Answer.of(200, "application/xml", BODY)
    if request.path == "/bomb":  # 10 MB of zeros, sent as 10 KB of gzip
        packed = gzip.compress(b"0" * 10_000_000)
        return Answer.of(200, "application/xml", packed, {"Content-Encoding": "gzip"})
    if request.path.startswith("/hop/"):
        left = int(request.path.rsplit("/", 1)[1])
        return Answer.of(
            302, "text/plain", b"", {"Location": f"/hop/{left - 1}" if left else "/file"}
        )
    if request.path == "/to-file-scheme":
        return Answer.of(302, "text/plain", b"", {"Location": "file:///etc/passwd"})
    return Answer.of(404, "text/plain", b"not here")


def fetcher(allow_private: bool = True) -> Fetcher:
    return Fetcher(allow_private=allow_private, user_agent="Vindplaats-test", timeout=10)


def test_a_file_is_fetched_with_our_user_agent() -> None:
    with ReplayServer(route) as server, fetcher() as client:
        assert client.get(f"{server.url}/file", 10_000) == BODY
        assert server.logged()[0].header("user-agent") == "Vindplaats-test"


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])  # a literal and a name
def test_loopback_is_refused_unless_allowed(host: str) -> None:
    with ReplayServer(route) as server, fetcher(allow_private=False) as client:
        with pytest.raises(UnsafeURLError, match="loopback/private"):
            client.get(f"http://{host}:{server.port}/file", 10_000)
        assert server.logged() == []


def test_redirects_are_followed_and_each_hop_checked() -> None:
    with ReplayServer(route) as server, fetcher() as client:
        assert client.get(f"{server.url}/hop/{MAX_REDIRECTS - 1}", 10_000) == BODY
        with pytest.raises(FetchError, match=f"more than {MAX_REDIRECTS} redirects"):
            client.get(f"{server.url}/hop/{MAX_REDIRECTS}", 10_000)
        with pytest.raises(UnsafeURLError, match="only http and https"):
            client.get(f"{server.url}/to-file-scheme", 10_000)


def test_an_answer_stops_at_the_cap_decoded() -> None:
    with ReplayServer(route) as server, fetcher() as client:
        assert len(client.get(f"{server.url}/file", 100)) == 101
        assert len(client.get(f"{server.url}/bomb", 1000)) == 1001


def test_an_http_error_is_a_fetch_error() -> None:
    with (
        ReplayServer(route) as server,
        fetcher() as client,
        pytest.raises(FetchError, match="HTTP 404"),
    ):
        client.get(f"{server.url}/missing", 100)
