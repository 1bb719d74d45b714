"""The HTTP part of `side_by_side`: `vindplaats serve` over the index just built, 1/8/32 clients.

The server is `benchmarks/api_load.py`'s (`vindplaats serve --port 0` in a subprocess, the
product's worker count and concurrency limit) over a data directory whose `index` is the
embedded engine's index of this run; its rate limit is off (`VINDPLAATS_API_RATE_LIMIT=off`),
since 8 closed-loop clients each ask far more than a person does and the per-client limit would
answer 429s instead of searches. The clients are `api_load`'s closed loops (each from its own
loopback address, keep-alive), asking the `/api/search` form of every query of the mix
(`QUERY_MIX`, deep pages through their cursors) in random order. Reported per client count:
answers/s, p50/p95 of the 200s, and anything that was not a 200.
"""

from __future__ import annotations

import argparse
import asyncio
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

from benchmarks import api_load
from vindplaats.engine.base import SearchQuery

CLIENTS = (1, 8, 32)


@dataclass
class HttpFigures:
    clients: int
    answers_per_second: float
    ok: int
    p50: float
    p95: float
    not_ok: dict[int, int]
    connection_errors: int


def search_path(query: SearchQuery) -> str:
    """`query` as the API's `/api/search?...` (same q, filters, sort, cursor, size)."""
    pairs: list[tuple[str, str]] = [("q", query.q)] if query.q else []
    filters = query.filters.model_dump(exclude_defaults=True, mode="json")
    for name, value in filters.items():
        values = value if isinstance(value, list) else [value]
        pairs += [("source" if name == "source_key" else name, str(v)) for v in values]
    if query.sort != "relevance":
        pairs.append(("sort", query.sort))
    if query.cursor:
        pairs.append(("cursor", query.cursor))
    return "/api/search?" + urlencode(pairs) if pairs else "/api/search"


async def _phases(url: str, paths: list[str], seconds: float) -> list[api_load.Phase]:
    host, port = "127.0.0.1", int(re.findall(r"127\.0\.0\.1:(\d+)", url)[0])
    await api_load.wait_ready(host, port)
    for path in paths:  # every path answers 200 before anything is timed (and is warm)
        answer = await api_load.Connection(host, port, None).get(path, keep_alive=False)
        if answer.status != 200:
            raise SystemExit(f"{path}: HTTP {answer.status}: {answer.body[:300]!r}")
    phases = []
    for number, clients in enumerate(CLIENTS, start=1):
        phase = await api_load.run_phase(number, clients, host, port, paths, seconds)
        api_load.report(phase)
        phases.append(phase)
    return phases


def run_http(data_dir: Path, queries: list[SearchQuery], seconds: float) -> list[HttpFigures]:
    """Serve `data_dir` and load it with 1, 8 and 32 clients for `seconds` each."""
    options = argparse.Namespace(workers=None, rate_limit="off", max_concurrent=None)
    process, banner = api_load.start_server(data_dir, options)
    print(f"server: {banner}", flush=True)
    try:
        phases = asyncio.run(_phases(banner, [search_path(q) for q in queries], seconds))
    finally:
        process.terminate()
        process.wait(timeout=60)
    return [
        HttpFigures(
            clients=phase.clients,
            answers_per_second=sum(phase.statuses.values()) / phase.seconds,
            ok=phase.statuses[200],
            p50=api_load.percentile(phase.ok_latencies, 50),
            p95=api_load.percentile(phase.ok_latencies, 95),
            not_ok={s: n for s, n in phase.statuses.items() if s != 200},
            connection_errors=sum(phase.connection_errors.values()),
        )
        for phase in phases
    ]


__all__ = ["CLIENTS", "HttpFigures", "run_http", "search_path"]
