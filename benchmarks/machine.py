"""The machine a benchmark ran on, for its report: CPUs, memory, Python, load average."""

from __future__ import annotations

import os
import platform
from datetime import UTC, datetime
from pathlib import Path


def _proc_line(path: str, key: str) -> str | None:
    """The value of the first `key: value` line of a /proc file, or None."""
    try:
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            if line.startswith(key):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return None


def machine() -> str:
    """`nproc 2 (AMD EPYC), 23.5 GiB RAM, Python 3.11.7`."""
    cpu = _proc_line("/proc/cpuinfo", "model name") or platform.processor() or platform.machine()
    total = _proc_line("/proc/meminfo", "MemTotal")
    ram = f", {int(total.split()[0]) / 1024**2:.1f} GiB RAM" if total else ""
    return f"nproc {os.cpu_count()} ({cpu}){ram}, Python {platform.python_version()}"


def load_average() -> str:
    """The 1, 5 and 15 minute load averages: `5.81 3.52 1.56`."""
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def run_facts() -> str:
    """A benchmark's first line: `date: 2026-12-02 07:14 UTC; nproc 2 (AMD EPYC), 23.5 GiB RAM,
    Python 3.11.7; load average 5.81 3.52 1.56`."""
    return (
        f"date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC; {machine()}; load average {load_average()}"
    )
