"""Run the `vindplaats` CLI as a subprocess, isolated from the caller's VINDPLAATS_* settings."""

from __future__ import annotations

import os
import subprocess
import sys
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
