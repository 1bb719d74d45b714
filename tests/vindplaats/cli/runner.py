"""Run the `vindplaats` CLI as a subprocess, isolated from the caller's VINDPLAATS_* settings:
one command to its end (`run_cli`), or `vindplaats serve` while a test talks to it (`serving`)."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


@dataclass
class Result:
    code: int
    out: str
    err: str


def run_cli(
    *args: str, data_dir: Path, env: dict[str, str] | None = None, timeout: float = 120
) -> Result:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("VINDPLAATS_")}
    clean.update({"VINDPLAATS_DATA_DIR": str(data_dir), "PYTHONIOENCODING": "utf-8"})
    clean.update(env or {})
    done = subprocess.run(
        [sys.executable, "-m", "vindplaats.cli.main", *args],
        capture_output=True,
        text=True,
        env=clean,
        cwd=ROOT,
        timeout=timeout,
        check=False,
    )
    return Result(done.returncode, done.stdout, done.stderr)


@dataclass
class Serving:
    process: subprocess.Popen[str]
    first: str  # the first line it printed (with its URL)
    url: str

    def stop(self, sig: int = signal.SIGINT, timeout: float = 60) -> tuple[str, str]:
        """Send `sig`, wait for the exit; the rest of stdout and all of stderr. Read through the
        text wrappers `first` was read with: the raw pipes would miss lines they buffered."""
        self.process.send_signal(sig)
        self.process.wait(timeout=timeout)
        assert self.process.stdout is not None and self.process.stderr is not None
        return self.process.stdout.read(), self.process.stderr.read()


@contextmanager
def serving(env: dict[str, str]) -> Iterator[Serving]:
    """`vindplaats serve --port 0` with `env` over the caller's environment without its
    VINDPLAATS_* variables; killed if still running when the block ends."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("VINDPLAATS_")}
    process = subprocess.Popen(
        [sys.executable, "-m", "vindplaats.cli.main", "serve", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**clean, **env},
        cwd=ROOT,
    )
    try:
        assert process.stdout is not None
        first = process.stdout.readline()
        match = re.search(r"http://127\.0\.0\.1:\d+", first)
        assert match, first
        yield Serving(process, first, match.group(0))
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        for stream in (process.stdout, process.stderr):
            if stream is not None:
                stream.close()
