"""Per-client rate limits: GCRA (a token bucket kept as one timestamp) per client address.

A rate `N/window` lets a client spend N requests at once and then one every `window / N`
seconds. Every limited answer carries the IETF draft headers (draft-ietf-httpapi-ratelimit-
headers, the separate-field form):

- `RateLimit-Limit`: N, the requests a full bucket holds
- `RateLimit-Remaining`: requests the client may still send right now
- `RateLimit-Reset`: seconds until the bucket is full again

A request over the limit answers 429 with `Retry-After` (seconds until one more request is
allowed), the same headers and the JSON error body. `/healthz` and `/metrics` are exempt.

The client is the peer address of the connection. `X-Forwarded-For` is read only when the peer
is a trusted proxy (`VINDPLAATS_TRUSTED_PROXIES`): walking it from the right, the first address
that is not a trusted proxy is the client. IPv6 clients are counted per /64 (one subscriber).

The table lives in shared memory with a fixed number of slots (`TABLE_SLOTS`, 1 MiB), so memory
is bounded however many addresses call, and every worker process of `vindplaats serve` counts
against the same buckets: a client's limit is the same with one worker or eight.
"""

from __future__ import annotations

import ctypes
import hashlib
import ipaddress
import logging
import math
import multiprocessing
import re
import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from starlette.applications import Starlette
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from search_api.errors import error_response
from vindplaats.settings import Settings

log = logging.getLogger("vindplaats.api")

TABLE_SLOTS = 65536  # 16 bytes each: a key fingerprint and a timestamp
PROBES = 8  # slots tried per key before the one nearest to full is reused
EXEMPT_PATHS = frozenset({"/healthz", "/metrics"})
LOCK_TIMEOUT = 0.05  # seconds; a lock held longer means a worker died holding it
SLACK = 1e-6  # seconds: `now + interval - now` may come out a hair above the window

_WINDOWS = {"s": 1.0, "sec": 1.0, "min": 60.0, "h": 3600.0, "hour": 3600.0}
_RATE = re.compile(r"^\s*(\d+)\s*/\s*(s|sec|min|h|hour)\s*$")
_OFF = "off"

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@dataclass(frozen=True)
class Rate:
    limit: int  # requests per window, also the burst
    window: float  # seconds

    @property
    def interval(self) -> float:
        return self.window / self.limit

    def __str__(self) -> str:
        unit = {1.0: "s", 60.0: "min", 3600.0: "h"}.get(self.window, f"{self.window:g}s")
        return f"{self.limit}/{unit}"


def parse_rate(text: str) -> Rate | None:
    """`'600/min'`, `'20/s'`, `'5000/h'` → a Rate; `'off'` → None. ValueError when malformed."""
    if text.strip().lower() == _OFF:
        return None
    match = _RATE.match(text.lower())
    if not match or int(match.group(1)) < 1:
        raise ValueError(f"not a rate: {text!r} (expected e.g. '600/min', '20/s' or 'off')")
    return Rate(int(match.group(1)), _WINDOWS[match.group(2)])


def parse_networks(text: str) -> tuple[Network, ...]:
    """Comma-separated addresses or CIDR networks; ValueError naming the bad item."""
    networks = []
    for item in (part.strip() for part in text.split(",")):
        if not item:
            continue
        try:
            networks.append(ipaddress.ip_network(item, strict=False))
        except ValueError:
            raise ValueError(f"not an IP address or network: {item!r}") from None
    return tuple(networks)


def _address(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    text = text.strip()
    if text.startswith("[") and "]" in text:  # "[2001:db8::1]:443"
        text = text[1 : text.index("]")]
    elif text.count(":") == 1:  # "192.0.2.1:443"
        text = text.split(":", 1)[0]
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def _key(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str:
    if isinstance(address, ipaddress.IPv6Address):
        return str(ipaddress.IPv6Network((address, 64), strict=False))
    return str(address)


def _trusted(
    address: ipaddress.IPv4Address | ipaddress.IPv6Address, proxies: Iterable[Network]
) -> bool:
    return any(address.version == net.version and address in net for net in proxies)


def client_key(scope: Scope, proxies: tuple[Network, ...]) -> str:
    """The address a request is counted for (see the module docstring)."""
    client = scope.get("client")
    peer = _address(str(client[0])) if client else None
    if peer is None:
        return str(client[0]) if client else "unknown"
    if not proxies or not _trusted(peer, proxies):
        return _key(peer)
    hops = Headers(scope=scope).getlist("x-forwarded-for")
    chain = [hop for value in hops for hop in value.split(",")]
    current = peer
    for hop in reversed(chain):
        address = _address(hop)
        if address is None:
            break  # garbage: the last address we could trust is the client
        current = address
        if not _trusted(address, proxies):
            break
    return _key(current)


@dataclass(frozen=True)
class Decision:
    allowed: bool
    remaining: int
    reset: float  # seconds until the bucket is full again
    retry_after: float  # seconds until the next request is allowed (0 when allowed)


class RateTable:
    """GCRA state for many clients in a fixed array (shared memory, safe across processes).

    Each slot holds a 64-bit fingerprint of the key and its theoretical arrival time (TAT). A key
    uses the first of `PROBES` slots that holds it, is free or whose bucket is full again (TAT in
    the past: such a slot holds no information); when all are busy, the one nearest to full is
    taken over. Created in the parent before the workers are spawned, it is passed to them.
    """

    def __init__(self, slots: int = TABLE_SLOTS) -> None:
        context = multiprocessing.get_context("spawn")
        self.slots = slots
        self._keys: Any = context.RawArray(ctypes.c_uint64, slots)
        self._tats: Any = context.RawArray(ctypes.c_double, slots)
        self._lock: Any = context.Lock()
        self._broken = False

    def __getstate__(self) -> dict[str, Any]:
        return {"slots": self.slots, "_keys": self._keys, "_tats": self._tats, "_lock": self._lock}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state, _broken=False)

    def acquire(self, key: str, rate: Rate, now: float | None = None) -> Decision:
        """Count one request of `key`; the decision says whether it may go on."""
        now = time.monotonic() if now is None else now
        digest = int.from_bytes(hashlib.blake2b(key.encode(), digest_size=8).digest(), "little")
        fingerprint = digest | 1  # never 0, which marks a free slot
        if self._broken or not self._lock.acquire(timeout=LOCK_TIMEOUT):
            if not self._broken:
                log.error("rate-limit table locked for %.2f s; limits are off here", LOCK_TIMEOUT)
                self._broken = True
            return Decision(True, rate.limit, 0.0, 0.0)
        try:
            slot = self._slot(digest % self.slots, fingerprint, now)
            tat = max(self._tats[slot], now) if self._keys[slot] == fingerprint else now
            new_tat = tat + rate.interval
            if new_tat - now > rate.window + SLACK:
                return Decision(False, 0, tat - now, new_tat - rate.window - now)
            self._keys[slot] = fingerprint
            self._tats[slot] = new_tat
        finally:
            self._lock.release()
        remaining = int((rate.window - (new_tat - now)) / rate.interval + 1e-9)
        return Decision(True, remaining, new_tat - now, 0.0)

    def _slot(self, start: int, fingerprint: int, now: float) -> int:
        reusable = -1
        nearest, nearest_tat = start, math.inf
        for probe in range(PROBES):
            slot = (start + probe) % self.slots
            held = self._keys[slot]
            if held == fingerprint:
                return slot
            tat = self._tats[slot]
            if reusable < 0 and (held == 0 or tat <= now):
                reusable = slot
            if tat < nearest_tat:
                nearest, nearest_tat = slot, tat
        return reusable if reusable >= 0 else nearest


def _seconds(value: float) -> bytes:
    return str(max(0, math.ceil(value - 1e-9))).encode()


class RateLimitMiddleware:
    """Counts each request against its client's bucket; 429 JSON with `Retry-After` when empty."""

    def __init__(
        self, app: ASGIApp, rate: Rate, table: RateTable, proxies: tuple[Network, ...] = ()
    ) -> None:
        self.app = app
        self.rate = rate
        self.table = table
        self.proxies = proxies

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] in EXEMPT_PATHS:
            await self.app(scope, receive, send)
            return
        decision = self.table.acquire(client_key(scope, self.proxies), self.rate)
        headers = [
            (b"ratelimit-limit", str(self.rate.limit).encode()),
            (b"ratelimit-remaining", str(decision.remaining).encode()),
            (b"ratelimit-reset", _seconds(decision.reset)),
        ]
        if not decision.allowed:
            retry = max(1, math.ceil(decision.retry_after))
            response = error_response(
                429,
                f"rate limit of {self.rate} per client exceeded; retry after {retry} s",
                headers={"Retry-After": str(retry)},
            )
            response.raw_headers.extend(headers)
            await response(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), *headers]}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def add_rate_limit(app: Starlette, settings: Settings, table: RateTable | None = None) -> None:
    """Install the per-client limit of `VINDPLAATS_API_RATE_LIMIT` (nothing when it is off)."""
    rate = parse_rate(settings.api_rate_limit)
    if rate is None:
        return
    proxies = parse_networks(settings.trusted_proxies)
    app.add_middleware(RateLimitMiddleware, rate=rate, table=table or RateTable(), proxies=proxies)
