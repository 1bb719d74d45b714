"""Benchmark of the observability layers: what the request id and HTTP metrics add to each
request, and what a `/metrics` scrape costs on a store of national size.

1. Per request: `GET /healthz` through the app's ASGI stack in this process (no network), with
   the request-id and metrics layers and, as the baseline in the same run, the same app without
   them (Starlette's own stack). Median and p99 per request, and the difference.
2. Per scrape: a store with the national catalogue (330 sources), `--runs` harvest runs per
   source and `--docs` documents in mixed states; the store figures read cold (what a scrape
   costs every `VINDPLAATS_METRICS_STORE_INTERVAL` seconds) and a whole `/metrics` answer.

    .venv/bin/python -m benchmarks.metrics_bench [--requests 20000] [--docs 100000] [--runs 3]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from starlette.applications import Starlette
from starlette.testclient import TestClient

from normalize.records import Document, ExtractionStatus, Page, Supplier
from search_api import create_app
from search_api.metrics_store import collect
from vindplaats.catalogue import load_catalogue
from vindplaats.settings import Settings, load_settings
from vindplaats.store import RunStatus, open_store


async def _call(stack: Any, app: Starlette, path: str) -> None:
    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET",
        "scheme": "http", "path": path, "raw_path": path.encode(), "root_path": "",
        "query_string": b"", "headers": [(b"host", b"bench")], "client": ("127.0.0.1", 1),
        "server": ("127.0.0.1", 80), "state": {}, "app": app,
    }  # fmt: skip
    sent = False

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        nonlocal sent
        if message["type"] == "http.response.start":
            assert message["status"] == 200, message
            sent = True

    await stack(scope, receive, send)
    assert sent


def per_request(settings: Settings, requests: int) -> dict[str, list[float]]:
    app = create_app(settings)
    observed = app.build_middleware_stack()
    bare = Starlette.build_middleware_stack(app)  # the same app without the two layers
    timings: dict[str, list[float]] = {"with request id + metrics": [], "baseline": []}

    async def run() -> None:
        for stack in (observed, bare):  # warm up
            for _ in range(200):
                await _call(stack, app, "/healthz")
        for _ in range(requests):  # interleaved, so both see the same machine load
            for name, stack in (("with request id + metrics", observed), ("baseline", bare)):
                started = time.perf_counter()
                await _call(stack, app, "/healthz")
                timings[name].append(time.perf_counter() - started)

    asyncio.run(run())
    app.state.metrics.close()
    app.state.services.close()
    return timings


def national_store(settings: Settings, docs: int, runs: int) -> None:
    store = open_store(settings)
    try:
        sources = load_catalogue()
        with store.transaction():
            for source in sources:
                store.upsert_source(source)
        for source in sources:
            for n in range(runs):
                run = store.start_run(source.key)
                status = RunStatus.FAILED if n == runs - 1 and hash(source.key) % 7 == 0 else None
                store.finish_run(run.id, status or RunStatus.OK, {"documents": 10}, [])
        notubiz = [s for s in sources if s.supplier == Supplier.NOTUBIZ] or sources
        with store.transaction():
            for n in range(docs):
                source = notubiz[n % len(notubiz)]
                doc = Document.build(
                    source.supplier, source.key, n, title=f"Document {n}",
                    original_url=f"https://example.org/{n}.pdf",
                    organization_id=f"organization:{source.supplier.value}:{source.key}:1",
                )  # fmt: skip
                store.upsert_record(doc)
                if n % 10:
                    store.record_download(doc.id, sha256=f"{n:064x}", size=10, content_type=None)
                    failed = n % 50 == 1
                    store.record_extraction(
                        doc.id,
                        status=ExtractionStatus.FAILED if failed else ExtractionStatus.OK,
                        pages=[] if failed else [Page(number=1, text="tekst")],
                        agent="bench",
                    )
        store.block_supplier("ibabs", 3600, "benchmark")
    finally:
        store.close()


def per_scrape(settings: Settings, repeat: int) -> tuple[list[float], list[float], int]:
    app = create_app(settings)
    cold, whole = [], []
    with TestClient(app) as client:
        for _ in range(repeat):
            started = time.perf_counter()
            collect(app.state.services)
            cold.append(time.perf_counter() - started)
            started = time.perf_counter()
            response = client.get("/metrics")
            whole.append(time.perf_counter() - started)
            assert response.status_code == 200
        size = len(response.content)
    return cold, whole, size


def ms(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return 1000 * ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=20_000)
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3, help="harvest runs per source")
    parser.add_argument("--repeat", type=int, default=5, help="scrapes timed")
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} CPUs, {platform.python_implementation()} "
          f"{platform.python_version()}, load average {os.getloadavg()}")  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        settings = load_settings(data_dir=Path(tmp), metrics_store_interval=0)
        timings = per_request(settings, args.requests)
        print(f"\nGET /healthz through the ASGI stack, {args.requests} requests each:")
        for name, values in timings.items():
            print(f"  {name:26} median {1e6 * statistics.median(values):7.1f} µs   "
                  f"p99 {1000 * ms(values, 0.99):7.1f} µs")  # fmt: skip
        added = statistics.median(timings["with request id + metrics"]) - statistics.median(
            timings["baseline"]
        )
        ratio = statistics.median(timings["with request id + metrics"]) / statistics.median(
            timings["baseline"]
        )
        print(f"  added per request: {1e6 * added:.1f} µs (x{ratio:.2f} the baseline)")

    with tempfile.TemporaryDirectory() as tmp:
        settings = load_settings(data_dir=Path(tmp), metrics_store_interval=0)
        started = time.perf_counter()
        national_store(settings, args.docs, args.runs)
        built = time.perf_counter() - started
        print(f"\nstore: 330 sources x {args.runs} runs, {args.docs} documents "
              f"(built in {built:.1f} s)")  # fmt: skip
        cold, whole, size = per_scrape(settings, args.repeat)
        print(f"  store + index figures read: median {1000 * statistics.median(cold):.1f} ms")
        print(f"  whole /metrics answer:      median {1000 * statistics.median(whole):.1f} ms, "
              f"{size} bytes")  # fmt: skip


if __name__ == "__main__":
    main()
