"""Load on a real `vindplaats serve` over the demo's data: latency, throughput and refusals.

    .venv/bin/python -m benchmarks.api_load                      # builds demo data first (~2 min)
    .venv/bin/python -m benchmarks.api_load --data-dir DIR --duration 60

The server runs as `vindplaats serve --port 0` in a subprocess with the product's defaults
(workers, rate limit, concurrency limit) unless options change them. Figures:

1. One client, `/healthz` 500 times over one kept-alive connection and 200 times with a new
   connection each (the baseline of the same run): medians in ms.
2. For each client count (8, 32, 128) a closed loop for `--duration` seconds: every client sends a
   request, reads the answer, sends the next (a mix of searches, `/api/sources` and document
   pages). Each client connects from its own loopback address (127.P.0.C: a phase P, client C),
   so the per-client rate limit sees separate clients, as in production; a 429 or 503 is
   honoured by sleeping its `Retry-After` (a well-behaved client). Reported: answers/s, 200s/s,
   p50/p95/p99 over all answers and over the 200s, connection errors (refused, reset, timed
   out), 429s and 503s (and how many carried `Retry-After`), other statuses, and the ratio of the
   p99 at 32 clients to the p99 at 8.
3. One greedy client (16 connections from one address, like a scraper) beside 8 ordinary
   clients: the rate limit should answer the greedy one 429 while the others keep their 200s.

The load generator is raw asyncio streams (cheap per request), in this process, on the same
machine as the server: on a small machine it takes CPU from the server, so absolute figures are
lower than on a server with its own cores; the ratios are what to compare.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import platform
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUERIES = (
    "/api/search?q=begroting",
    "/api/search?q=begrotingen&sort=date_desc",
    "/api/search?q=motie%20%7C%20amendement",
    "/api/search?q=jeugdzorg",
    "/api/search?q=woningbouw&size=50",
    "/api/search?q=onroerendezaakbelasting&organization=Zandaam",
    "/api/search?q=gemeente&supplier=ibabs",
    "/api/search?q=%22programmabegroting%202026%22",
)
_SEEDS = itertools.count()
REQUEST_TIMEOUT = 30.0
MAX_RETRY_SLEEP = 5.0


class ConnectionFailed(Exception):
    """Refused, reset, closed early or timed out."""


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes


class Connection:
    """One HTTP/1.1 keep-alive connection from a chosen local address."""

    def __init__(self, host: str, port: int, local: str | None) -> None:
        self.host, self.port, self.local = host, port, local
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def _open(self) -> None:
        local_addr = (self.local, 0) if self.local else None
        self.reader, self.writer = await asyncio.open_connection(
            self.host, self.port, local_addr=local_addr
        )

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None

    async def get(self, path: str, keep_alive: bool = True) -> Answer:
        try:
            return await asyncio.wait_for(self._get(path, keep_alive), REQUEST_TIMEOUT)
        except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError) as exc:
            self.close()
            raise ConnectionFailed(type(exc).__name__) from None

    async def _get(self, path: str, keep_alive: bool) -> Answer:
        if self.writer is None:
            await self._open()
        assert self.reader is not None and self.writer is not None
        connection = "keep-alive" if keep_alive else "close"
        request = f"GET {path} HTTP/1.1\r\nHost: {self.host}\r\nConnection: {connection}\r\n\r\n"
        self.writer.write(request.encode())
        await self.writer.drain()
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split(" ", 2)[1])
        headers = {}
        for line in lines[1:]:
            if ":" in line:
                name, value = line.split(":", 1)
                headers[name.strip().lower()] = value.strip()
        body = await self.reader.readexactly(int(headers.get("content-length", "0")))
        if not keep_alive or headers.get("connection", "").lower() == "close":
            self.close()
        return Answer(status, headers, body)


@dataclass
class Phase:
    clients: int
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)  # every answer
    ok_latencies: list[float] = field(default_factory=list)  # 200s
    statuses: Counter[int] = field(default_factory=Counter)
    retry_after: Counter[int] = field(default_factory=Counter)  # refusals carrying it
    connection_errors: Counter[str] = field(default_factory=Counter)


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered)) - 1))]


async def client_loop(
    phase: Phase, host: str, port: int, local: str, paths: list[str], deadline: float
) -> None:
    conn = Connection(host, port, local)
    rng = random.Random(f"{local}/{next(_SEEDS)}")
    while time.monotonic() < deadline:
        path = rng.choice(paths)
        started = time.perf_counter()
        try:
            answer = await conn.get(path)
        except ConnectionFailed as exc:
            phase.connection_errors[str(exc)] += 1
            await asyncio.sleep(0.1)
            continue
        elapsed = (time.perf_counter() - started) * 1000
        phase.latencies.append(elapsed)
        phase.statuses[answer.status] += 1
        if answer.status == 200:
            phase.ok_latencies.append(elapsed)
        elif answer.status in (429, 503):
            retry = answer.headers.get("retry-after", "")
            if retry.isdigit():
                phase.retry_after[answer.status] += 1
                await asyncio.sleep(min(float(retry), MAX_RETRY_SLEEP))
    conn.close()


async def run_phase(
    number: int, clients: int, host: str, port: int, paths: list[str], seconds: float
) -> Phase:
    phase = Phase(clients)
    started = time.monotonic()
    deadline = started + seconds
    await asyncio.gather(
        *(
            client_loop(
                phase, host, port, f"127.{number}.{c // 250}.{c % 250 + 2}", paths, deadline
            )
            for c in range(clients)
        )
    )
    phase.seconds = time.monotonic() - started
    return phase


async def run_greedy_phase(
    number: int,
    connections: int,
    clients: int,
    host: str,
    port: int,
    paths: list[str],
    seconds: float,
) -> tuple[Phase, Phase]:
    greedy, polite = Phase(connections), Phase(clients)
    deadline = time.monotonic() + seconds
    started = time.monotonic()
    await asyncio.gather(
        *(
            client_loop(greedy, host, port, f"127.{number}.0.2", paths, deadline)
            for _ in range(connections)
        ),
        *(
            client_loop(polite, host, port, f"127.{number}.1.{c + 2}", paths, deadline)
            for c in range(clients)
        ),
    )
    greedy.seconds = polite.seconds = time.monotonic() - started
    return greedy, polite


async def healthz_medians(host: str, port: int) -> tuple[float, float]:
    """Median ms of /healthz: kept-alive connection, and a new connection per request."""
    conn = Connection(host, port, None)
    kept = []
    for _ in range(500):
        started = time.perf_counter()
        await conn.get("/healthz")
        kept.append((time.perf_counter() - started) * 1000)
    conn.close()
    fresh = []
    for _ in range(200):
        started = time.perf_counter()
        await Connection(host, port, None).get("/healthz", keep_alive=False)
        fresh.append((time.perf_counter() - started) * 1000)
    return statistics.median(kept), statistics.median(fresh)


async def document_paths(host: str, port: int) -> list[str]:
    import json

    conn = Connection(host, port, "127.250.0.2")
    answer = await conn.get("/api/search?q=gemeente&size=20")
    conn.close()
    hits = json.loads(answer.body).get("hits", [])
    return [f"/api/documents/{hit['id']}" for hit in hits[:10]]


def build_demo_data(base: Path) -> Path:
    print(f"building demo data in {base} (vindplaats demo --no-serve) ...", flush=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith("VINDPLAATS_")}
    env.update(VINDPLAATS_DATA_DIR=str(base), VINDPLAATS_LOG_LEVEL="WARNING")
    subprocess.run(
        [sys.executable, "-m", "vindplaats.cli.main", "demo", "--no-serve"],
        env=env,
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return base / "demo"


def start_server(data_dir: Path, args: argparse.Namespace) -> tuple[subprocess.Popen[str], str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("VINDPLAATS_")}
    env.update(VINDPLAATS_DATA_DIR=str(data_dir), VINDPLAATS_LOG_LEVEL="ERROR")
    if args.workers:
        env["VINDPLAATS_API_WORKERS"] = str(args.workers)
    if args.rate_limit:
        env["VINDPLAATS_API_RATE_LIMIT"] = args.rate_limit
    if args.max_concurrent:
        env["VINDPLAATS_API_MAX_CONCURRENT"] = str(args.max_concurrent)
    process = subprocess.Popen(
        [sys.executable, "-m", "vindplaats.cli.main", "serve", "--port", "0"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    first = process.stdout.readline()
    match = re.search(r"http://127\.0\.0\.1:\d+", first)
    if not match:
        process.kill()
        raise SystemExit(f"serve did not start: {first!r}")
    return process, first.strip()


async def wait_ready(host: str, port: int) -> None:
    deadline = time.monotonic() + 60
    while True:
        try:
            answer = await Connection(host, port, None).get("/healthz", keep_alive=False)
            if answer.status == 200:
                # every worker must be up: a few more rounds on new connections
                for _ in range(20):
                    await Connection(host, port, None).get("/healthz", keep_alive=False)
                return
        except ConnectionFailed:
            pass
        if time.monotonic() > deadline:
            raise SystemExit("serve did not answer /healthz within 60 s")
        await asyncio.sleep(0.2)


def report(phase: Phase, label: str = "") -> None:
    answers = sum(phase.statuses.values())
    refusals = {s: phase.statuses[s] for s in (429, 503)}
    others = {s: n for s, n in phase.statuses.items() if s not in (200, 429, 503)}
    print(
        f"{label or f'{phase.clients:>4} clients'}: {answers / phase.seconds:7.1f} answers/s, "
        f"{phase.statuses[200] / phase.seconds:7.1f} ok/s; all answers p50/p95/p99 "
        f"{percentile(phase.latencies, 50):.1f}/{percentile(phase.latencies, 95):.1f}/"
        f"{percentile(phase.latencies, 99):.1f} ms; 200s p50/p95/p99 "
        f"{percentile(phase.ok_latencies, 50):.1f}/{percentile(phase.ok_latencies, 95):.1f}/"
        f"{percentile(phase.ok_latencies, 99):.1f} ms"
    )
    print(
        f"      connection errors {sum(phase.connection_errors.values())} "
        f"{dict(phase.connection_errors) or ''}; "
        f"429: {refusals[429]} ({phase.retry_after[429]} with Retry-After); "
        f"503: {refusals[503]} ({phase.retry_after[503]} with Retry-After); "
        f"other statuses: {others or 'none'}"
    )


async def measure(args: argparse.Namespace, url: str) -> list[Phase]:
    host, port = "127.0.0.1", int(re.findall(r"127\.0\.0\.1:(\d+)", url)[0])
    await wait_ready(host, port)
    kept, fresh = await healthz_medians(host, port)
    print(
        f"/healthz, one client: {kept:.2f} ms median kept alive, {fresh:.2f} ms with a new "
        f"connection each (ratio {kept / fresh:.2f})"
    )
    paths = list(QUERIES) * 3 + ["/api/sources"] + await document_paths(host, port)
    phases = []
    for number, clients in enumerate(args.clients, start=1):
        phase = await run_phase(number, clients, host, port, paths, args.duration)
        report(phase)
        phases.append(phase)
    if args.greedy:
        greedy, polite = await run_greedy_phase(
            len(args.clients) + 1, 16, 8, host, port, paths, args.duration
        )
        print("one greedy client (16 connections, one address) beside 8 ordinary clients:")
        report(greedy, "  greedy (16 connections)")
        report(polite, "  8 ordinary clients")
    return phases


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", type=Path, help="Data directory to serve (else demo data).")
    parser.add_argument("--duration", type=float, default=30.0, help="Seconds per client count.")
    parser.add_argument(
        "--clients",
        type=lambda text: [int(n) for n in text.split(",")],
        default=[8, 32, 128],
        help="Comma-separated client counts (default 8,32,128).",
    )
    parser.add_argument("--workers", type=int, help="VINDPLAATS_API_WORKERS for the server.")
    parser.add_argument("--rate-limit", help="VINDPLAATS_API_RATE_LIMIT for the server.")
    parser.add_argument("--max-concurrent", type=int, help="VINDPLAATS_API_MAX_CONCURRENT.")
    parser.add_argument(
        "--no-greedy", dest="greedy", action="store_false", help="Skip the greedy-client phase."
    )
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="vindplaats-load-") as tmp:
        data_dir = args.data_dir or build_demo_data(Path(tmp))
        load = os.getloadavg()
        print(
            f"date {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; {os.cpu_count()} CPUs; "
            f"Python {platform.python_version()}; load average {load[0]:.1f}, {load[1]:.1f}, "
            f"{load[2]:.1f}"
        )
        process, banner = start_server(data_dir, args)
        print(f"server: {banner}")
        try:
            phases = asyncio.run(measure(args, banner))
        finally:
            process.terminate()
            process.wait(timeout=60)
    load = os.getloadavg()
    print(f"load average at the end {load[0]:.1f}, {load[1]:.1f}, {load[2]:.1f}")
    by_clients = {phase.clients: phase for phase in phases}
    if 8 in by_clients and 32 in by_clients:
        for label, pick in (("all answers", "latencies"), ("200s", "ok_latencies")):
            p8 = percentile(getattr(by_clients[8], pick), 99)
            p32 = percentile(getattr(by_clients[32], pick), 99)
            print(f"p99 at 32 clients / p99 at 8 ({label}): {p32 / p8:.2f} (target <= 4)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
