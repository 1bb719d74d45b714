"""The memory limit of a crawl process, relative to the machine unless set.

`VINDPLAATS_CRAWL_MEMORY_MB` (unset: a quarter of the RAM, at least `FLOOR_MB`) is enforced
twice in the crawl child (`crawlers.child`):

- Scrapy's MemoryUsage extension checks the process's peak RSS every `CHECK_INTERVAL` seconds;
  above the limit it closes the spider (reason `memusage_exceeded`), the report says so and the
  run fails; the report checks the peak once more at the end (a crawl that passed the limit
  between two checks fails the same way);
- the address space is capped at `address_space_bytes(limit)` (RLIMIT_AS, with headroom for
  the interpreter's and threads' reservations): an allocation that would go past it fails with
  MemoryError, which the spider records the same way, so one huge answer parsed in a single
  callback (before the periodic check can run) cannot take the machine's memory either.

A crawl stopped so is `failed`: the records it stored are complete upserts, but its window is
not marked complete (nothing is withdrawn, the watermark stays).
"""

from __future__ import annotations

import os
import resource

from vindplaats.settings import PREFIX, Settings

SETTING = PREFIX + "CRAWL_MEMORY_MB"
FLOOR_MB = 1024
RAM_SHARE = 4  # unset: a quarter of the RAM
CHECK_INTERVAL = 1.0  # seconds between two RSS checks
# Address space beyond the RSS limit: Python, Twisted, lxml and thread stacks reserve virtual
# memory they never touch (about 300 MiB for a crawl child with MALLOC_ARENA_MAX=2).
HEADROOM_MB = 512
CLOSE_REASON = "memusage_exceeded"  # Scrapy's MemoryUsage extension


def total_ram_mb() -> int:
    return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") // (1024 * 1024)


def crawl_memory_mb(settings: Settings) -> int:
    """The RSS limit of a crawl process in MiB."""
    if settings.crawl_memory_mb is not None:
        return settings.crawl_memory_mb
    return max(FLOOR_MB, total_ram_mb() // RAM_SHARE)


def peak_rss_mb() -> float:
    """The most memory (RSS) this process has used so far, in MiB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def address_space_bytes(limit_mb: int) -> int:
    return (2 * limit_mb + HEADROOM_MB) * 1024 * 1024


def limit_address_space(limit_mb: int) -> None:
    """Cap this process's address space (never above a hard limit already in force)."""
    wanted = address_space_bytes(limit_mb)
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        wanted = min(wanted, hard)
    resource.setrlimit(resource.RLIMIT_AS, (wanted, hard))


def over_limit(limit_mb: int) -> str:
    """The recorded error of a crawl stopped by its memory limit."""
    return (
        f"the crawl stopped: it needed more than its memory limit of {limit_mb} MiB "
        f"({SETTING}); the run failed (records stored so far are kept, nothing is marked "
        "withdrawn)"
    )


__all__ = [
    "CHECK_INTERVAL",
    "CLOSE_REASON",
    "SETTING",
    "address_space_bytes",
    "crawl_memory_mb",
    "limit_address_space",
    "over_limit",
    "peak_rss_mb",
    "total_ram_mb",
]
