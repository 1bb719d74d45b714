"""The checker's HTTP client on a loopback server: 429 waited out as Retry-After or
X-Rate-Limit-Reset ask (capped), redirects followed, the time cap, the size cap of JSON."""

from __future__ import annotations

import email.utils
import time
from collections.abc import Iterator

import pytest

from tests.replay import Answer, ReplayServer, Request, json_answer
from tests.vindplaats.conformance.tiny_feed import settings
from vindplaats.conformance import Limits, Report
from vindplaats.conformance.client import MAX_WAIT, Client, Exhausted, _wait_seconds
from vindplaats.conformance.client import Answer as Got


def _client(report: Report, **limits: float) -> Client:
    return Client(settings(), Limits(pace=0, **limits), report)  # type: ignore[arg-type]


def test_wait_headers() -> None:
    assert _wait_seconds(Got("u", 429, {"retry-after": "3"})) == 3
    soon = email.utils.formatdate(time.time() + 5, usegmt=True)
    assert 3 < _wait_seconds(Got("u", 429, {"retry-after": soon})) <= 5
    assert _wait_seconds(Got("u", 429, {"x-rate-limit-reset": "2"})) == 2
    epoch = str(int(time.time()) + 4)  # a Unix time
    assert 2 < _wait_seconds(Got("u", 429, {"x-rate-limit-reset": epoch})) <= 4
    assert _wait_seconds(Got("u", 429, {"retry-after": "soon"})) == 1.0


def test_a_429_with_x_rate_limit_reset_is_retried_once_waited() -> None:
    answers = [Answer.of(429, "application/json", b"{}", {"X-Rate-Limit-Reset": "1"})]

    def route(request: Request) -> Answer:
        return answers.pop() if answers else json_answer(200, {"results": []})

    report = Report("t", "ori-2")
    with ReplayServer(route) as server, _client(report) as client:
        started = time.monotonic()
        answer = client.get(f"{server.url}/api/x", "x")
        assert answer.status == 200 and time.monotonic() - started >= 1.0
    assert [(f.rule, f.found) for f in report.findings] == [
        ("ORI-RATE-LIMITED", "HTTP 429, x-rate-limit-reset: 1")
    ]
    assert report.requests == 2


def test_a_wait_past_the_time_cap_ends_the_check() -> None:
    busy = Answer.of(429, "application/json", b"{}", {"Retry-After": str(int(MAX_WAIT))})
    report = Report("t", "ori-2")
    with ReplayServer(lambda r: busy) as server, _client(report, time_limit=5) as client:
        started = time.monotonic()
        with pytest.raises(Exhausted, match="past the time cap"):
            client.get(f"{server.url}/api/x", "x")
        assert time.monotonic() - started < 2


def test_redirects_are_followed_and_counted() -> None:
    def route(request: Request) -> Answer:
        if request.path == "/old":
            return Answer.of(301, "text/plain", b"", {"Location": "/new"})
        return json_answer(200, {"ok": True})

    report = Report("t", "ori-2")
    with ReplayServer(route) as server, _client(report) as client:
        answer = client.get(f"{server.url}/old", "x")
    assert (answer.status, answer.url, report.requests) == (200, f"{server.url}/new", 2)


def test_the_time_cap_and_an_oversized_json_answer() -> None:
    report = Report("t", "ori-2")
    with (
        ReplayServer(lambda r: json_answer(200, {})) as server,
        _client(report, time_limit=0.3) as client,
    ):
        client.get(f"{server.url}/a", "x")
        time.sleep(0.35)
        with pytest.raises(Exhausted, match=r"time cap of 0\.3 seconds"):
            client.get(f"{server.url}/b", "x")
    big = Answer(200, "application/json", [b" " * 1_000_000] * 17, length=None)  # 17 MB
    report = Report("t", "ori-2")
    with ReplayServer(lambda r: big) as server, _client(report) as client:
        answer = client.get(f"{server.url}/a", "vergaderingen")
    assert answer.over_cap and [f.rule for f in report.findings] == ["ORI-SIZE"]


def test_a_hanging_answer_does_not_outlast_the_time_cap() -> None:
    def slow(request: Request) -> Answer:
        def body() -> Iterator[bytes]:
            yield b'{"results": ['
            time.sleep(5)
            yield b"]}"

        return Answer(200, "application/json", body(), length=None)

    report = Report("t", "ori-2")
    with ReplayServer(slow) as server, _client(report, time_limit=1.5) as client:
        started = time.monotonic()
        answer = client.get(f"{server.url}/a", "x")
        assert time.monotonic() - started < 3.5
    assert answer.status == 0 and "Timeout" in answer.error
