"""The searching side of `benchmarks.rebuild_under_load`: the searches, the answers they give
before any rebuild, and keep-alive clients in processes of their own checking every answer
against those."""

from __future__ import annotations

import http.client
import json
import multiprocessing
import threading
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

# Searches over the demo data (sample councils): words, OR, phrases, prefixes, exclusions, all
# documents by date; with and without facets and page snippets.
QUERIES: list[dict[str, str]] = [
    {"q": "begroting"},
    {"q": "motie | amendement", "sort": "date_desc"},
    {"q": "raad", "size": "10", "facets": "false"},
    {"q": "", "sort": "date_asc", "size": "50"},
    {"q": '"college van burgemeester"', "pages": "1"},
    {"q": "woning*"},
    {"q": "-begroting gemeente", "sort": "date_desc", "size": "5"},
]

Expected = tuple[int, tuple[str, ...]]


def search_path(params: dict[str, str]) -> str:
    return "/api/search?" + urlencode(params)


def get(port: int, path: str) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def measure_expected(port: int) -> list[Expected]:
    expected: list[Expected] = []
    for params in QUERIES:
        status, body = get(port, search_path(params))
        if status != 200:
            raise SystemExit(f"{params}: HTTP {status} before any rebuild: {body[:300]!r}")
        found = json.loads(body)
        expected.append((int(found["total"]), tuple(hit["id"] for hit in found["hits"])))
    empty = [QUERIES[i] for i, (total, _) in enumerate(expected) if total == 0]
    if empty:
        raise SystemExit(f"these searches find nothing in this store: {empty}")
    return expected


def client_process(
    port: int,
    expected: list[Expected],
    threads: int,
    tickets: Any,
    limit: int,
    results: Any,
) -> None:
    """`threads` keep-alive clients taking search numbers from `tickets` until `limit`."""
    latencies: list[float] = []
    errors: list[tuple[str, str]] = []
    lock = threading.Lock()

    def client() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        mine: list[float] = []
        wrong: list[tuple[str, str]] = []
        while True:
            with tickets.get_lock():
                ticket = tickets.value
                if ticket >= limit:
                    break
                tickets.value += 1
            i = ticket % len(QUERIES)
            begin = time.perf_counter()
            try:
                conn.request("GET", search_path(QUERIES[i]))
                response = conn.getresponse()
                body = response.read()
                status = response.status
            except (OSError, http.client.HTTPException) as exc:
                wrong.append(("connection", f"{type(exc).__name__}: {exc}"))
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                continue
            mine.append(time.perf_counter() - begin)
            if status != 200:
                wrong.append((f"HTTP {status}", body[:300].decode("utf-8", "replace")))
                continue
            found = json.loads(body)
            answer = (int(found["total"]), tuple(hit["id"] for hit in found["hits"]))
            if answer != expected[i]:
                want = expected[i]
                detail = f"{QUERIES[i]}: total {answer[0]} ({len(answer[1])} hits) instead of "
                detail += f"{want[0]} ({len(want[1])} hits)"
                wrong.append(
                    ("incomplete", detail + (", other hits" if answer[0] == want[0] else ""))
                )
        conn.close()
        with lock:
            latencies.extend(mine)
            errors.extend(wrong)

    running = [threading.Thread(target=client) for _ in range(threads)]
    began = time.time()  # the phase is timed from the first client's start to the last's end
    for thread in running:
        thread.start()
    for thread in running:
        thread.join()
    results.put((latencies, errors, began, time.time()))


@dataclass
class Phase:
    name: str
    searches: int
    seconds: float
    latencies: list[float]
    errors: list[tuple[str, str]]

    def percentile(self, p: float) -> float:
        ordered = sorted(self.latencies)
        if not ordered:
            return float("nan")
        return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))] * 1000


def run_phase(
    name: str, port: int, expected: list[Expected], clients: int, processes: int, searches: int
) -> Phase:
    context = multiprocessing.get_context("spawn")
    tickets = context.Value("q", 0)
    results = context.Queue()
    per_process = [
        clients // processes + (1 if n < clients % processes else 0) for n in range(processes)
    ]
    workers = [
        context.Process(target=client_process, args=(port, expected, n, tickets, searches, results))
        for n in per_process
        if n
    ]
    for worker in workers:
        worker.start()
    latencies: list[float] = []
    errors: list[tuple[str, str]] = []
    spans: list[tuple[float, float]] = []
    for _ in workers:
        got_latencies, got_errors, began, ended = results.get()
        latencies.extend(got_latencies)
        errors.extend(got_errors)
        spans.append((began, ended))
    seconds = max(end for _, end in spans) - min(begin for begin, _ in spans)
    for worker in workers:
        worker.join()
    return Phase(name, searches, seconds, latencies, errors)
