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
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

from benchmarks.machine import machine
from benchmarks.rebuild_server import CLI, ROOT, RebuildLoop, Server, server_env
from benchmarks.search_clients import Phase, get, measure_expected, run_phase


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


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", type=Path, help="a store to copy (default: build demo data)")
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--client-processes", type=int, default=4)
    parser.add_argument("--searches", type=int, default=10_000, help="during the rebuild loop")
    parser.add_argument("--baseline", type=int, default=2_000, help="before it, no rebuild")
    parser.add_argument("--workers", type=int, help="VINDPLAATS_API_WORKERS for the server")
    parser.add_argument("--keep", action="store_true", help="keep the working directory")
    return parser.parse_args(argv)


def first_rebuild(env: dict[str, str]) -> None:
    """Rebuild the store's index once before any answer is measured: an index grown by harvests
    still counts replaced documents in its term statistics, so its relevance order can differ
    slightly from any rebuilt one (every rebuilt version orders alike)."""
    first = subprocess.run(
        [*CLI, "index", "rebuild"], env=env, cwd=ROOT, capture_output=True, text=True
    )
    if first.returncode != 0:
        raise SystemExit(f"the first index rebuild failed: {first.stderr[-2000:]}")


def phases(
    args: argparse.Namespace, server: Server, env: dict[str, str]
) -> tuple[Phase, Phase, RebuildLoop]:
    """The baseline searches, then the searches during the rebuild loop; and that loop."""
    expected = measure_expected(server.port)
    _, health = get(server.port, "/healthz")
    print(f"server on port {server.port}: {json.loads(health)}")
    print(f"baseline: {args.baseline:,} searches, no rebuild ...", flush=True)
    clients, processes = args.clients, args.client_processes
    baseline = run_phase("baseline", server.port, expected, clients, processes, args.baseline)
    rebuilds = RebuildLoop(env)
    rebuilds.start()
    rebuilds.started.wait()
    print(f"during rebuilds: {args.searches:,} searches ...", flush=True)
    loaded = run_phase(
        "during `index rebuild` loop", server.port, expected, clients, processes, args.searches
    )
    rebuilds.stop()
    return baseline, loaded, rebuilds


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    workdir = Path(tempfile.mkdtemp(prefix="rebuild-under-load-"))
    try:
        data = prepare_data(args.data_dir, workdir)
        env = server_env(data, args.workers)
        first_rebuild(env)
        print(f"machine: {machine()}; load average {os.getloadavg()}")
        print(f"data: {data}; {args.clients} clients in {args.client_processes} processes")
        server = Server(env)
        try:
            baseline, loaded, rebuilds = phases(args, server, env)
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
