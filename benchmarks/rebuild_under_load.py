"""Searches through the API while `vindplaats index rebuild` runs in a loop: errors and latency.

The acceptance run of "searches never fail during a rebuild": serve a demo-sized store with
`vindplaats serve` (its default worker processes), run `vindplaats index rebuild` again and
again in another process, and let `--clients` keep-alive HTTP clients (spread over
`--client-processes` processes) make `--searches` searches meanwhile. Every answer is checked
against the answer to the same search measured before the rebuilds began: anything but a 200
with the same total and the same hits in the same order is an error (connection failures,
5xx, 429/503 refusals, incomplete or empty answers; the store's index is rebuilt once before
those answers are measured). A baseline phase (`--baseline` searches,
same clients, no rebuild) gives the latency the rebuild phase is compared with.

Rate and concurrency limits are switched off for the server (`VINDPLAATS_API_RATE_LIMIT=off`,
`VINDPLAATS_API_MAX_CONCURRENT` high): this measures the index swap, not load shedding. Run from
the repository root:

    .venv/bin/python -m benchmarks.rebuild_under_load                      # builds demo data
    .venv/bin/python -m benchmarks.rebuild_under_load --data-dir data/demo # copies that store

Exit status 0 when no search failed and every rebuild succeeded, 1 otherwise.
"""

from __future__ import annotations

import argparse
import http.client
import json
import multiprocessing
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
CLI = [sys.executable, "-m", "vindplaats.cli.main"]

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


# -- the server and the rebuild loop -------------------------------------------------------------


def server_env(data_dir: Path, workers: int | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("VINDPLAATS_")}
    env.update(
        {
            "VINDPLAATS_DATA_DIR": str(data_dir),
            "VINDPLAATS_ENGINE": "embedded",
            "VINDPLAATS_LOG_LEVEL": "WARNING",
            "VINDPLAATS_API_RATE_LIMIT": "off",
            "VINDPLAATS_API_MAX_CONCURRENT": "100000",
        }
    )
    if workers is not None:
        env["VINDPLAATS_API_WORKERS"] = str(workers)
    return env


class Server:
    """`vindplaats serve --port 0` in a subprocess."""

    def __init__(self, env: dict[str, str]) -> None:
        self.process = subprocess.Popen(
            [*CLI, "serve", "--port", "0"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            cwd=ROOT,
        )
        assert self.process.stdout is not None and self.process.stderr is not None
        first = self.process.stdout.readline()
        match = re.search(r"http://127\.0\.0\.1:(\d+)", first)
        if not match:
            self.stop()
            raise SystemExit(f"the server did not start: {first}{self.process.stderr.read()}")
        self.port = int(match.group(1))
        self.errors: list[str] = []
        self._drain = threading.Thread(target=self._read_stderr, daemon=True)
        self._drain.start()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                status, _ = get(self.port, "/healthz")
                if status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.1)
        raise SystemExit("the server did not answer /healthz within 60 s")

    def _read_stderr(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            if "Traceback" in line or " ERROR " in line or '"ERROR"' in line:
                self.errors.append(line.rstrip())

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def get(port: int, path: str) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


@dataclass
class RebuildLoop:
    """`vindplaats index rebuild` again and again, in a subprocess each time, until stopped."""

    env: dict[str, str]
    durations: list[float] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    started: threading.Event = field(default_factory=threading.Event)
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            begin = time.perf_counter()
            process = subprocess.Popen(
                [*CLI, "index", "rebuild", "--json"],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                text=True,
                env=self.env,
                cwd=ROOT,
            )
            self.started.set()
            _, err = process.communicate()
            self.durations.append(time.perf_counter() - begin)
            if process.returncode != 0:
                self.failures.append(f"exit {process.returncode}: {err.strip()[-500:]}")

    def stop(self) -> None:
        self._stop.set()  # the rebuild running now finishes
        if self._thread is not None:
            self._thread.join()


# -- the clients -----------------------------------------------------------------------------------


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


# -- the run -------------------------------------------------------------------------------------


def prepare_data(source: Path | None, workdir: Path) -> Path:
    data = workdir / "data"
    if source is not None:
        if not (source / "vindplaats.sqlite3").is_file():
            raise SystemExit(f"{source} holds no store (vindplaats.sqlite3)")
        print(f"copying {source} (without sandbox-files) ...", flush=True)
        shutil.copytree(source, data, symlinks=True, ignore=shutil.ignore_patterns("sandbox-files"))
        return data
    print("building demo data (vindplaats demo --no-serve, about 1-2 minutes) ...", flush=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith("VINDPLAATS_")}
    env["VINDPLAATS_DATA_DIR"] = str(workdir)
    done = subprocess.run(
        [*CLI, "demo", "--no-serve"], env=env, cwd=ROOT, capture_output=True, text=True
    )
    if not (workdir / "demo" / "vindplaats.sqlite3").is_file():
        raise SystemExit(
            f"building the demo data failed:\n{done.stdout[-2000:]}{done.stderr[-2000:]}"
        )
    return workdir / "demo"


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


def describe_machine() -> str:
    memory = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = f", {int(line.split()[1]) / 1024 / 1024:.1f} GiB RAM"
    except OSError:
        pass
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"nproc {os.cpu_count()} ({cpu}){memory}, Python {platform.python_version()}"


def report(baseline: Phase, loaded: Phase, rebuilds: RebuildLoop, server: Server) -> bool:
    print()
    print(
        "| phase | searches | errors | seconds | searches/s | p50 ms | p95 ms | p99 ms | max ms |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for phase in (baseline, loaded):
        rate = len(phase.latencies) / phase.seconds if phase.seconds else 0.0
        print(
            f"| {phase.name} | {phase.searches:,} | {len(phase.errors)} | {phase.seconds:.1f} | "
            f"{rate:.0f} | {phase.percentile(50):.1f} | {phase.percentile(95):.1f} | "
            f"{phase.percentile(99):.1f} | {max(phase.latencies, default=0) * 1000:.0f} |"
        )
    if baseline.latencies and loaded.latencies:
        p50 = loaded.percentile(50) / baseline.percentile(50)
        p99 = loaded.percentile(99) / baseline.percentile(99)
        print(f"\nduring rebuilds / baseline: p50 x{p50:.2f}, p99 x{p99:.2f}")
    durations = rebuilds.durations
    print(
        f"rebuilds: {len(durations)} completed during the searches "
        f"(median {statistics.median(durations) if durations else 0:.1f} s each, CLI start "
        f"included), {len(rebuilds.failures)} failed"
    )
    for failure in rebuilds.failures[:5]:
        print(f"  rebuild failed: {failure}")
    errors = baseline.errors + loaded.errors
    kinds = Counter(kind for kind, _ in errors)
    print(f"errors by kind: {dict(kinds) if kinds else 'none'}")
    for kind, detail in errors[:10]:
        print(f"  {kind}: {detail}")
    if server.errors:
        print(f"server error log lines: {len(server.errors)}")
        for line in server.errors[:10]:
            print(f"  {line}")
    return not errors and not rebuilds.failures and not server.errors


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", type=Path, help="a store to copy (default: build demo data)")
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--client-processes", type=int, default=4)
    parser.add_argument("--searches", type=int, default=10_000, help="during the rebuild loop")
    parser.add_argument("--baseline", type=int, default=2_000, help="before it, no rebuild")
    parser.add_argument("--workers", type=int, help="VINDPLAATS_API_WORKERS for the server")
    parser.add_argument("--keep", action="store_true", help="keep the working directory")
    args = parser.parse_args(argv)

    workdir = Path(tempfile.mkdtemp(prefix="rebuild-under-load-"))
    try:
        data = prepare_data(args.data_dir, workdir)
        env = server_env(data, args.workers)
        # The answers are compared with those of a rebuilt index: an index grown by harvests
        # still counts replaced documents in its term statistics, so its relevance order can
        # differ slightly from any rebuilt one (every rebuilt version orders alike).
        first = subprocess.run(
            [*CLI, "index", "rebuild"], env=env, cwd=ROOT, capture_output=True, text=True
        )
        if first.returncode != 0:
            raise SystemExit(f"the first index rebuild failed: {first.stderr[-2000:]}")
        print(f"machine: {describe_machine()}; load average {os.getloadavg()}")
        print(f"data: {data}; {args.clients} clients in {args.client_processes} processes")
        server = Server(env)
        try:
            expected = measure_expected(server.port)
            _, health = get(server.port, "/healthz")
            print(f"server on port {server.port}: {json.loads(health)}")
            print(f"baseline: {args.baseline:,} searches, no rebuild ...", flush=True)
            baseline = run_phase(
                "baseline",
                server.port,
                expected,
                args.clients,
                args.client_processes,
                args.baseline,
            )
            rebuilds = RebuildLoop(env)
            rebuilds.start()
            rebuilds.started.wait()
            print(f"during rebuilds: {args.searches:,} searches ...", flush=True)
            loaded = run_phase(
                "during `index rebuild` loop",
                server.port,
                expected,
                args.clients,
                args.client_processes,
                args.searches,
            )
            rebuilds.stop()
        finally:
            server.stop()
        ok = report(baseline, loaded, rebuilds, server)
        versions = sorted(p.name for p in data.glob("*index*"))
        print(f"index directories left: {versions}; load average {os.getloadavg()}")
        print("RESULT: " + ("0 errors" if ok else "FAILED"))
        return 0 if ok else 1
    finally:
        if args.keep:
            print(f"kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
