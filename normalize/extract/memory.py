"""The extraction worker's memory limit: relative to the machine by default, and how a worker
that hit it is recognised.

The limit is the worker's address space (`RLIMIT_AS`, inherited by the tesseract and pdftoppm it
starts). By default it is a quarter of the machine's memory (the physical memory, or the cgroup
limit of a container when that is lower), at least `MIN_DEFAULT`. A file that needs more ends the
extraction of that file only, with an error naming the limit (`limit_error`); the next file gets
a fresh worker.
"""

from __future__ import annotations

import os
import signal
from pathlib import Path

GIB = 1024**3
MIB = 1024**2
MIN_DEFAULT = 1 * GIB
MIN_LIMIT = 512 * MIB  # below this the worker cannot even load Tika
DEFAULT_FRACTION = 0.25

_CGROUP_FILES = (
    Path("/sys/fs/cgroup/memory.max"),  # cgroup v2
    Path("/sys/fs/cgroup/memory/memory.limit_in_bytes"),  # cgroup v1
)
# What a process that ran out of address space leaves as its last words.
_OUT_OF_MEMORY = (
    "OutOfMemoryError",  # the GraalVM native image inside extractous (exit status 99)
    "MemoryError",  # Python
    "Cannot allocate memory",
    "std::bad_alloc",
    "out of memory",
)


def machine_memory() -> int:
    """Bytes of memory this process may use: physical memory, or a lower cgroup limit."""
    try:
        total = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError):
        total = _meminfo_total()
    for path in _CGROUP_FILES:
        try:
            raw = path.read_text().strip()
        except OSError:
            continue
        if raw.isdigit() and 0 < int(raw) < total:
            total = int(raw)
    return total


def _meminfo_total() -> int:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 4 * GIB  # nothing to go by: assume a small machine


def default_limit() -> int:
    """A quarter of the machine's memory, at least 1 GiB."""
    return max(int(machine_memory() * DEFAULT_FRACTION), MIN_DEFAULT)


def human(size: int) -> str:
    """1073741824 → "1 GiB", 805306368 → "768 MiB"."""
    if size >= GIB:
        return f"{size / GIB:.1f}".removesuffix(".0") + " GiB"
    return f"{size / MIB:.0f} MiB"


def limit_error(limit: int) -> str:
    """The error text of a file that needed more than the limit."""
    return (
        f"exceeded the extraction memory limit of {human(limit)} ({limit} bytes); "
        "the file needs more memory than extraction may use"
    )


def ran_out(exit_code: int, last_words: str, peak_rss: int, limit: int) -> bool:
    """Whether a worker that died (exit code, stderr tail, peak resident bytes) hit the limit:
    it said it ran out of memory, or a native library crashed on a failed allocation (a signal)
    once the worker had come close to the limit."""
    if any(needle in last_words for needle in _OUT_OF_MEMORY):
        return True
    crashed = exit_code in (-signal.SIGSEGV, -signal.SIGABRT, -signal.SIGBUS)
    return crashed and peak_rss >= 0.8 * limit
