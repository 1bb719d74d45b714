"""Fault injection: a supplier prefix that blocks, bursts 403s, asks to retry later, answers
slowly or sends broken bodies; and the request rate the server measures."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator

import httpx
import pytest

from tests.vindplaats.sandbox.conftest import PARAMS
from vindplaats.sandbox import RequestLogEntry, Sandbox
from vindplaats.sandbox.faults import max_in_window


@pytest.fixture(scope="module")
def running(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sandbox]:
    with Sandbox(files_dir=tmp_path_factory.mktemp("fault-files")) as sandbox:
        yield sandbox


@pytest.fixture
def sandbox(running: Sandbox) -> Iterator[Sandbox]:
    running.clear_requests()
    yield running
    running.faults.clear()


def organisations(client: httpx.Client, sandbox: Sandbox) -> httpx.Response:
    return client.get(f"{sandbox.notubiz_url}/organisations", params=PARAMS)


def a_file_url(sandbox: Sandbox) -> str:
    document = sandbox.world.documents()[0]
    return f"{sandbox.notubiz_url}/document/{document.id}/{document.versions[0].number}"


def test_block_answers_403_with_the_block_text_after_the_allowed_requests(
    sandbox: Sandbox, client: httpx.Client
) -> None:
    sandbox.faults.set("/notubiz", "block", after=2)
    statuses = [organisations(client, sandbox).status_code for _ in range(2)]
    assert statuses == [200, 200]
    blocked = organisations(client, sandbox)
    assert blocked.status_code == 403
    assert blocked.text == "The request is blocked."
    assert client.get(a_file_url(sandbox)).status_code == 403  # files too
    assert client.get(sandbox.base_url + "/").status_code == 200  # other prefixes are fine


def test_burst403_refuses_requests_beyond_the_limit_per_minute(
    sandbox: Sandbox, client: httpx.Client
) -> None:
    sandbox.faults.set("notubiz", "burst403", limit=3)
    statuses = [organisations(client, sandbox).status_code for _ in range(5)]
    assert statuses == [200, 200, 200, 403, 403]
    refused = organisations(client, sandbox)
    assert "Forbidden" in refused.text
    assert "blocked" not in refused.text


def test_retry_after_answers_429_for_the_next_requests(
    sandbox: Sandbox, client: httpx.Client
) -> None:
    sandbox.faults.set("/notubiz", "retry_after", seconds=3, count=2)
    first, second, third = (organisations(client, sandbox) for _ in range(3))
    assert [first.status_code, second.status_code, third.status_code] == [429, 429, 200]
    assert first.headers["Retry-After"] == "3"
    sandbox.faults.set("/notubiz", "retry_after", seconds=1, status=503)
    assert organisations(client, sandbox).status_code == 503


def test_slow_delays_every_answer(sandbox: Sandbox, client: httpx.Client) -> None:
    sandbox.faults.set("/notubiz", "slow", seconds=0.3, count=1)
    assert organisations(client, sandbox).status_code == 200
    assert organisations(client, sandbox).status_code == 200
    # the server logs a request just after answering it: wait for both entries, then take the
    # last two (the previous test's last request may be logged after this test cleared the log)
    deadline = time.monotonic() + 5
    while len(sandbox.requests) < 2 and time.monotonic() < deadline:
        time.sleep(0.01)
    slow, fast = sandbox.requests[-2:]
    assert slow.duration >= 0.3  # as the server measured it
    assert fast.duration < 0.3


def test_malformed_breaks_json_bodies_but_not_files(sandbox: Sandbox, client: httpx.Client) -> None:
    sandbox.faults.set("/notubiz", "malformed")
    broken = organisations(client, sandbox)
    assert broken.status_code == 200
    assert broken.headers["content-type"].startswith("application/json")
    with pytest.raises(json.JSONDecodeError):
        json.loads(broken.content)
    assert client.get(a_file_url(sandbox)).content.startswith(b"%PDF")


def test_clear_removes_the_faults(sandbox: Sandbox, client: httpx.Client) -> None:
    sandbox.faults.set("/notubiz", "block")
    sandbox.faults.clear("/notubiz", "block")
    assert organisations(client, sandbox).status_code == 200
    assert sandbox.faults.get("/notubiz", "block") is None


@pytest.mark.parametrize(
    ("kind", "options", "message"),
    [
        ("explode", {}, "unknown fault"),
        ("burst403", {}, "limit"),
        ("retry_after", {"status": 500}, "429 or 503"),
        ("slow", {}, "seconds > 0"),
        ("block", {"after": -1}, "negative"),
    ],
)
def test_a_fault_is_checked_when_set(
    sandbox: Sandbox, kind: str, options: dict[str, int], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        sandbox.faults.set("/notubiz", kind, **options)


def entry(path: str, at: float) -> RequestLogEntry:
    return RequestLogEntry("GET", path, "", 200, 0, at, 0.0)


def test_rate_is_the_most_requests_in_any_window(sandbox: Sandbox) -> None:
    for at in (0.0, 0.5, 10.0, 10.2, 10.4, 10.6, 59.0, 70.5, 71.0):
        sandbox.log(entry("/notubiz/events", 1000.0 + at))
    sandbox.log(entry("/notubiz/document/5/1", 1010.1))
    sandbox.log(entry("/other/x", 1010.1))
    assert sandbox.rate("/notubiz", window=1) == 5  # 10.0 .. 10.6 and the file
    assert sandbox.rate("/notubiz", window=1, path=r"/events") == 4
    assert sandbox.rate("/notubiz", window=60) == 8  # 0.0 .. 59.0
    assert sandbox.rate("/notubiz", window=60, path=r"/document/\d+/\d+") == 1


def test_max_in_window_counts_both_ends() -> None:
    assert max_in_window([], 10) == 0
    assert max_in_window([0, 10, 20], 10) == 2
    assert max_in_window([5, 1, 3, 2], 1) == 2


def test_bloat_pads_json_answers_but_not_files(sandbox: Sandbox, client: httpx.Client) -> None:
    sandbox.faults.set("/notubiz", "bloat", size=2_000_000, count=1)
    padded = organisations(client, sandbox)
    assert len(padded.content) == 2_000_000
    assert json.loads(padded.content)  # still valid JSON, only large
    assert len(organisations(client, sandbox).content) < 100_000  # count=1: the next is normal
    sandbox.faults.set("/notubiz", "bloat", size=50_000_000)
    assert len(client.get(a_file_url(sandbox)).content) < 50_000_000
    with pytest.raises(ValueError, match="size"):
        sandbox.faults.set("/notubiz", "bloat")
