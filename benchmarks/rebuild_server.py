"""The server and the rebuild loop of `benchmarks.rebuild_under_load`: `vindplaats serve` in a
subprocess with the limits off, and `vindplaats index rebuild` again and again beside it."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.search_clients import get

ROOT = Path(__file__).resolve().parents[1]
CLI = [sys.executable, "-m", "vindplaats.cli.main"]


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
