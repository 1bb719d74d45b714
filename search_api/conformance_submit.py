"""Starting a conformance check, shared by `POST /api/conformance` and the `/conformance` form.

In order: the fields (`CheckRequest`: 422 naming the field), the fetch guard on the URL (422
saying why: not http(s), a loopback or private address without
`VINDPLAATS_ALLOW_PRIVATE_NETWORKS`, a name resolving to one), room in the pool (503 with
Retry-After) and the client's budget of checks (`VINDPLAATS_CONFORMANCE_RATE_LIMIT`, counted in
the server's shared rate-limit table under its own key: 429 with Retry-After). Only a check
that is started costs the client one of its checks.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request

from search_api.conformance_jobs import CheckPool, PoolFull
from search_api.ratelimit import Network, Rate, RateTable, client_key, parse_networks, parse_rate
from search_api.schemas_conformance import CheckRequest
from vindplaats.errors import UnsafeURLError
from vindplaats.net.guard import check_url_resolved
from vindplaats.settings import Settings
from vindplaats.store.sql_conformance import ConformanceCheck

BUSY_RETRY = 60  # seconds a client is asked to wait when the pool is full


@dataclass
class Refused(Exception):
    """A check that is not started: the status, a message, the field at fault, headers."""

    status: int
    message: str
    parameter: str | None = None
    headers: dict[str, str] = field(default_factory=dict)


class Conformance:
    """What the conformance routes need, kept on `app.state.conformance`."""

    def __init__(self, settings: Settings, pool: CheckPool, table: RateTable) -> None:
        self.settings = settings
        self.pool = pool
        self.table = table
        self.rate: Rate | None = parse_rate(settings.conformance_rate_limit)
        self.proxies: tuple[Network, ...] = parse_networks(settings.trusted_proxies)


def conformance(request: Request) -> Conformance:
    found = request.app.state.conformance
    assert isinstance(found, Conformance)
    return found


def parse_request(body: Any) -> CheckRequest:
    """The fields of a check; Refused (422 naming the first field at fault) otherwise."""
    if not isinstance(body, dict):
        raise Refused(400, "the body must be a JSON object with url and standard")
    try:
        return CheckRequest.model_validate(body)
    except ValidationError as exc:
        first = exc.errors()[0]
        name = ".".join(str(part) for part in first["loc"]) or None
        raise Refused(422, f"{name}: {first['msg']}" if name else first["msg"], name) from None


async def submit(request: Request, asked: CheckRequest) -> ConformanceCheck:
    """Start the check `asked` for the requesting client, or raise Refused."""
    conf = conformance(request)
    url = asked.url.strip()
    try:
        await run_in_threadpool(
            check_url_resolved, url, allow_private=conf.settings.allow_private_networks
        )
    except UnsafeURLError as exc:
        raise Refused(422, str(exc), "url") from None
    if not conf.pool.has_room():
        raise _busy("every worker is busy and the queue is full")
    if conf.rate is not None:
        key = "conformance:" + client_key(request.scope, conf.proxies)
        decision = conf.table.acquire(key, conf.rate)
        if not decision.allowed:
            retry = str(max(1, math.ceil(decision.retry_after)))
            raise Refused(
                429,
                f"at most {conf.rate} conformance checks per client; retry after {retry} s",
                headers={"Retry-After": retry},
            )
    budget = min(asked.max_requests or conf.settings.conformance_max_requests,
                 conf.settings.conformance_max_requests)  # fmt: skip
    try:
        return await run_in_threadpool(conf.pool.submit, url, asked.standard, budget)
    except PoolFull as exc:
        raise _busy(str(exc)) from None


def _busy(why: str) -> Refused:
    return Refused(
        503,
        f"too many conformance checks at once ({why}); try again later",
        headers={"Retry-After": str(BUSY_RETRY)},
    )
