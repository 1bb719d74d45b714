"""`vindplaats serve` with worker processes: how many, one rate-limit table, SIGTERM stops all."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx

from search_api.workers import available_cpus, worker_count
from tests.search_api.sample import Sample
from tests.vindplaats.cli.runner import ROOT, serving
from vindplaats.settings import load_settings


def _workers_of(pid: int) -> list[int]:
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    workers = []
    for child in map(int, children):
        try:
            cmdline = Path(f"/proc/{child}/cmdline").read_bytes()
        except FileNotFoundError:
            continue
        if b"spawn_main" in cmdline:  # not multiprocessing's resource tracker
            workers.append(child)
    return workers


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return Path(f"/proc/{pid}").exists() and "zombie" not in Path(f"/proc/{pid}/status").read_text()


def test_worker_count_defaults_to_the_cpus() -> None:
    assert worker_count(load_settings()) == available_cpus() >= 1
    assert worker_count(load_settings(api_workers=3)) == 3


def test_serve_runs_the_workers_shares_one_limit_and_stops_them_on_sigterm(sample: Sample) -> None:
    env = {
        "VINDPLAATS_DATA_DIR": str(sample.settings.data_dir),
        "VINDPLAATS_LOG_LEVEL": "WARNING",
        "VINDPLAATS_API_WORKERS": "3",
        "VINDPLAATS_API_RATE_LIMIT": "5/min",
    }
    with serving(env) as served:
        process, url = served.process, served.url
        assert "3 workers" in served.first, served.first
        deadline = time.monotonic() + 60
        while len(_workers_of(process.pid)) < 3 or not _ready(url):
            assert process.poll() is None and time.monotonic() < deadline, "workers did not start"
            time.sleep(0.1)
        workers = _workers_of(process.pid)
        assert len(workers) == 3
        time.sleep(0.5)  # let every worker reach accept()
        # a new connection per request: the kernel hands them to whichever worker accepts
        statuses = [httpx.get(f"{url}/api/sources", timeout=10).status_code for _ in range(12)]
        assert statuses.count(200) == 5, statuses  # one client, one limit, however many workers
        assert set(statuses) == {200, 429}
        _, err = served.stop(signal.SIGTERM, timeout=60)
    assert process.returncode == 0, err
    assert "Traceback" not in err
    assert not [pid for pid in workers if _alive(pid)]


def _ready(url: str) -> bool:
    try:
        return httpx.get(f"{url}/healthz", timeout=5).status_code == 200
    except httpx.TransportError:
        return False


FAILING_WORKERS = """
import sys
from pathlib import Path
from search_api.server import bind
from search_api.workers import serve_workers
from vindplaats.errors import ConfigError
from vindplaats.settings import load_settings

settings = load_settings(data_dir=Path(sys.argv[1]), log_level="WARNING")
try:
    serve_workers(settings, bind("127.0.0.1", 0), 2, log_level="warning")
except ConfigError as exc:
    print("refused:", exc)
    sys.exit(2)
"""


def test_workers_that_cannot_start_end_serve_with_an_error_not_a_restart_loop(
    tmp_path: Path,
) -> None:
    not_a_dir = tmp_path / "data"
    not_a_dir.write_text("a file where the data directory should be")
    run = subprocess.run(
        [sys.executable, "-c", FAILING_WORKERS, str(not_a_dir)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    assert run.returncode == 2, run.stdout + run.stderr
    assert "refused: the API workers could not start" in run.stdout
    assert "an API worker could not start" in run.stderr
    assert "Traceback" not in run.stderr
