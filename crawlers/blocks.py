"""Supplier blocks: recognising that a supplier has blocked us, and refusing to call it while the
block lasts.

A supplier has blocked us when a response says so in words ("The request is blocked", any
status; looked for in the first 16 KiB of bodies that are not files such as PDFs) or when its
API answers HTTP 403 `VINDPLAATS_BLOCK_403_LIMIT` times within a minute (a burst of 403s is how
iBabs answers a client that exceeds its limits; a 403 on a document download only means that
one file is locked, and does not count). The block is recorded in the store for
`VINDPLAATS_BLOCK_COOLDOWN` seconds: no crawl of any source of that supplier starts meanwhile,
and running crawls stop calling it (`crawlers.gate`). `vindplaats sources unblock SUPPLIER`
lifts it by hand.

This module is free of Scrapy.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from datetime import datetime

from vindplaats.budgets import API
from vindplaats.errors import HarvestRefused
from vindplaats.sources import Source
from vindplaats.store.base import Store
from vindplaats.store.models import SupplierBlock

BLOCK_TEXT = b"the request is blocked"
SCAN_BYTES = 16 * 1024
FORBIDDEN = 403
BURST_WINDOW = 60.0  # seconds in which `limit` 403s on API requests mean a block
FILE_TYPES = ("application/pdf", "application/vnd.", "application/msword", "application/zip")
FILE_PREFIXES = ("image/", "audio/", "video/", "application/octet-stream")


class BlockDetector:
    """Watches the responses of one crawl; `check` says why a response means a block."""

    def __init__(
        self, limit_403: int, window: float = BURST_WINDOW, clock: Callable[[], float] | None = None
    ) -> None:
        if limit_403 < 1:
            raise ValueError(f"limit_403 must be at least 1, not {limit_403}")
        self.limit_403 = limit_403
        self.window = window
        self._clock = clock or time.monotonic
        self._forbidden: deque[float] = deque()

    def check(self, status: int, content_type: str | None, body: bytes, kind: str) -> str | None:
        """The reason this response shows a block, or None."""
        if says_blocked(content_type, body):
            return f'the supplier answered "The request is blocked" (HTTP {status})'
        if status != FORBIDDEN or kind != API:
            return None
        now = self._clock()
        self._forbidden.append(now)
        while self._forbidden and self._forbidden[0] <= now - self.window:
            self._forbidden.popleft()
        if len(self._forbidden) >= self.limit_403:
            return (
                f"the supplier answered HTTP 403 to {len(self._forbidden)} API requests "
                f"within {self.window:g} s"
            )
        return None


def says_blocked(content_type: str | None, body: bytes) -> bool:
    """True when a (non-file) body says "The request is blocked"."""
    kind = (content_type or "").split(";", 1)[0].strip().lower()
    if kind.startswith(FILE_PREFIXES) or kind.startswith(FILE_TYPES):
        return False
    return BLOCK_TEXT in body[:SCAN_BYTES].lower()


def describe(block: SupplierBlock) -> str:
    """One line for people: who blocked us, why, until when, and how to lift it."""
    return (
        f"supplier {block.supplier} is blocked until {_utc(block.blocked_until)} "
        f"({block.reason}); `vindplaats sources unblock {block.supplier}` lifts it"
    )


def refuse_if_blocked(store: Store, source: Source) -> None:
    """Raise HarvestRefused when the source's supplier is blocked (a harvest must not start)."""
    block = store.supplier_block(source.supplier.value)
    if block is not None:
        raise HarvestRefused(f"harvest of {source.key} refused: {describe(block)}")


def _utc(moment: datetime) -> str:
    return f"{moment:%Y-%m-%d %H:%M} UTC"


__all__ = ["BlockDetector", "describe", "refuse_if_blocked", "says_blocked"]
