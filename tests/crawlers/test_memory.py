"""The crawl process's memory limit (`crawlers.memory`): relative to the machine unless set, and
an address-space cap that makes an allocation past it fail with MemoryError."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from crawlers.memory import (
    FLOOR_MB,
    address_space_bytes,
    crawl_memory_mb,
    over_limit,
    total_ram_mb,
)
from vindplaats.settings import load_settings


def test_the_limit_is_a_quarter_of_the_ram_with_a_floor_unless_set(tmp_path: Path) -> None:
    default = crawl_memory_mb(load_settings(data_dir=tmp_path))
    assert default == max(FLOOR_MB, total_ram_mb() // 4)
    assert crawl_memory_mb(load_settings(data_dir=tmp_path, crawl_memory_mb=300)) == 300
    assert address_space_bytes(300) > 300 * 1024 * 1024  # headroom for reservations
    assert "memory limit of 300 MiB (VINDPLAATS_CRAWL_MEMORY_MB)" in over_limit(300)


def test_an_allocation_past_the_address_space_cap_fails_with_memory_error() -> None:
    script = (
        "from crawlers.memory import limit_address_space\n"
        "limit_address_space(200)\n"
        "small = bytearray(50 * 1024 * 1024)\n"
        "try:\n"
        "    big = bytearray(2 * 1024 * 1024 * 1024)\n"
        "except MemoryError:\n"
        "    print('refused')\n"
        "else:\n"
        "    print('allowed')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "refused"
