"""Per-client rate limits: headers, 429 + Retry-After, the client key, one table for all workers."""

from __future__ import annotations

import multiprocessing

import httpx
import pytest

from search_api import create_app
from search_api.ratelimit import Rate, RateTable, client_key, parse_networks, parse_rate
from tests.search_api.live import served
from tests.search_api.sample import Sample
from vindplaats.errors import ConfigError
from vindplaats.settings import load_settings


def _client(url: str, local: str) -> httpx.Client:
    """An HTTP client whose connections leave from `local` (any 127.x.y.z is this machine)."""
    return httpx.Client(
        base_url=url, transport=httpx.HTTPTransport(local_address=local), timeout=10
    )


def test_answers_carry_ratelimit_headers_until_a_429_with_retry_after(sample: Sample) -> None:
    settings = sample.settings.model_copy(update={"api_rate_limit": "3/min"})
    with served(create_app(settings)) as (url, _), _client(url, "127.0.0.2") as http:
        answers = [http.get("/api/sources") for _ in range(3)]
        assert [a.status_code for a in answers] == [200, 200, 200]
        assert [a.headers["RateLimit-Limit"] for a in answers] == ["3", "3", "3"]
        assert [a.headers["RateLimit-Remaining"] for a in answers] == ["2", "1", "0"]
        assert all(1 <= int(a.headers["RateLimit-Reset"]) <= 60 for a in answers)

        refused = http.get("/api/search", params={"q": "woningbouw"})
        assert refused.status_code == 429
        assert refused.headers["content-type"] == "application/json"
        assert 1 <= int(refused.headers["Retry-After"]) <= 20  # one request per 20 s comes back
        assert refused.headers["RateLimit-Remaining"] == "0"
        error = refused.json()["error"]
        assert error["code"] == "too_many_requests"
        assert "3/min" in error["message"]

        health = http.get("/healthz")  # exempt: monitoring keeps working
        assert health.status_code == 200
        assert "RateLimit-Limit" not in health.headers

        with _client(url, "127.0.0.3") as other:  # another client has its own bucket
            assert other.get("/api/sources").status_code == 200


def test_spoofed_x_forwarded_for_does_not_change_the_client(sample: Sample) -> None:
    settings = sample.settings.model_copy(update={"api_rate_limit": "2/min"})
    with served(create_app(settings)) as (url, _), _client(url, "127.0.0.4") as http:
        statuses = [
            http.get("/api/sources", headers={"X-Forwarded-For": f"198.51.100.{n}"}).status_code
            for n in range(4)
        ]
    assert statuses == [200, 200, 429, 429]


def test_x_forwarded_for_names_the_client_behind_a_trusted_proxy(sample: Sample) -> None:
    settings = sample.settings.model_copy(
        update={"api_rate_limit": "1/min", "trusted_proxies": "127.0.0.5, 10.0.0.0/8"}
    )
    with served(create_app(settings)) as (url, _):
        with _client(url, "127.0.0.5") as proxy:
            first = proxy.get("/api/sources", headers={"X-Forwarded-For": "198.51.100.1"})
            second = proxy.get("/api/sources", headers={"X-Forwarded-For": "198.51.100.2"})
            again = proxy.get("/api/sources", headers={"X-Forwarded-For": "198.51.100.1"})
            # a client claiming an address in front of another trusted proxy is still itself
            chained = proxy.get(
                "/api/sources", headers={"X-Forwarded-For": "198.51.100.1, 10.1.2.3"}
            )
        with _client(url, "127.0.0.6") as untrusted:
            spoofed = [
                untrusted.get("/api/sources", headers={"X-Forwarded-For": f"198.51.100.{n}"})
                for n in (7, 8)
            ]
    assert [first.status_code, second.status_code, again.status_code] == [200, 200, 429]
    assert chained.status_code == 429
    assert [a.status_code for a in spoofed] == [200, 429]


def _scope(peer: str, *forwarded: str) -> dict[str, object]:
    headers = [(b"x-forwarded-for", value.encode()) for value in forwarded]
    return {"type": "http", "client": (peer, 50000), "headers": headers}


def test_client_key() -> None:
    proxies = parse_networks("10.0.0.0/8, 2001:db8::1")
    assert client_key(_scope("192.0.2.1", "198.51.100.9"), proxies) == "192.0.2.1"
    assert client_key(_scope("10.0.0.2", "198.51.100.9"), proxies) == "198.51.100.9"
    # right to left: the first address that is not a trusted proxy
    assert client_key(_scope("10.0.0.2", "203.0.113.5, 198.51.100.9, 10.9.9.9"), proxies) == (
        "198.51.100.9"
    )
    assert client_key(_scope("10.0.0.2", "203.0.113.5", "198.51.100.9"), proxies) == "198.51.100.9"
    # garbage in the header: the last address that could be trusted
    assert client_key(_scope("10.0.0.2", "not-an-ip, 10.4.4.4"), proxies) == "10.4.4.4"
    assert client_key(_scope("10.0.0.2"), proxies) == "10.0.0.2"
    # IPv6 clients count per /64; an IPv4-mapped peer is its IPv4 address
    assert client_key(_scope("2001:db8:1:2::7"), proxies) == "2001:db8:1:2::/64"
    assert client_key(_scope("2001:db8:1:2:aaaa::1"), proxies) == "2001:db8:1:2::/64"
    assert client_key(_scope("::ffff:192.0.2.1"), proxies) == "192.0.2.1"
    assert client_key(_scope("2001:db8::1", "[2001:db8:5::9]:443"), proxies) == "2001:db8:5::/64"


def test_bucket_refills_at_the_rate() -> None:
    table, rate = RateTable(slots=64), Rate(limit=4, window=60.0)  # one request per 15 s
    decisions = [table.acquire("a", rate, now=1000.0) for _ in range(5)]
    assert [d.allowed for d in decisions] == [True, True, True, True, False]
    assert [d.remaining for d in decisions[:4]] == [3, 2, 1, 0]
    assert decisions[4].retry_after == pytest.approx(15.0)
    assert decisions[3].reset == pytest.approx(60.0)
    assert table.acquire("a", rate, now=1010.0).allowed is False
    later = table.acquire("a", rate, now=1015.0)
    assert later.allowed and later.remaining == 0
    assert table.acquire("a", rate, now=1100.0).remaining == 3  # full again after a window


def test_table_memory_is_bounded_and_keeps_the_clients_that_are_limited() -> None:
    table, rate = RateTable(slots=16), Rate(limit=2, window=3600.0)
    table.acquire("busy", rate, now=0.0)
    table.acquire("busy", rate, now=0.0)  # empty for the next 30 minutes
    for n in range(1000):  # more clients than slots: the buckets nearest to full make way
        assert table.acquire(f"client-{n}", rate, now=n / 1000).allowed
    assert table.slots == 16
    assert table.acquire("busy", rate, now=1.0).allowed is False


def _spend(table: RateTable, key: str, times: int) -> None:
    rate = Rate(limit=5, window=3600.0)
    for _ in range(times):
        table.acquire(key, rate)


def test_worker_processes_share_one_table() -> None:
    table = RateTable(slots=256)
    context = multiprocessing.get_context("spawn")
    process = context.Process(target=_spend, args=(table, "198.51.100.1", 3))
    process.start()
    process.join(timeout=60)
    assert process.exitcode == 0
    decision = table.acquire("198.51.100.1", Rate(limit=5, window=3600.0))
    assert decision.allowed and decision.remaining == 1  # 3 spent in the other process


def test_rate_parsing_and_settings() -> None:
    assert parse_rate("600/min") == Rate(600, 60.0)
    assert parse_rate(" 20 / s ") == Rate(20, 1.0)
    assert parse_rate("5000/h") == Rate(5000, 3600.0)
    assert parse_rate("OFF") is None
    for bad in ("0/min", "600", "10/day", "ten/s"):
        with pytest.raises(ValueError):
            parse_rate(bad)
        with pytest.raises(ConfigError, match="VINDPLAATS_API_RATE_LIMIT"):
            load_settings(api_rate_limit=bad)
    with pytest.raises(ConfigError, match=r"VINDPLAATS_TRUSTED_PROXIES.*nope"):
        load_settings(trusted_proxies="10.0.0.0/8, nope")


def test_limit_off_sends_no_ratelimit_headers(sample: Sample) -> None:
    settings = sample.settings.model_copy(update={"api_rate_limit": "off"})
    with served(create_app(settings)) as (url, _), _client(url, "127.0.0.7") as http:
        answers = [http.get("/api/sources") for _ in range(5)]
    assert [a.status_code for a in answers] == [200] * 5
    assert all("RateLimit-Limit" not in a.headers for a in answers)


def test_a_limit_of_one_always_lets_the_first_request_through() -> None:
    """`now + interval - now` may come out a hair above the window in floating point (it does
    for many of these moments): never a reason to refuse."""
    rate = Rate(1, 3600.0)
    for step in range(3400, 3600):
        now = step / 7
        table = RateTable(slots=4)
        assert table.acquire("client", rate, now=now).allowed, now
        assert not table.acquire("client", rate, now=now + 1).allowed
