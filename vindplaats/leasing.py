"""Holding a store lease while work runs: take it (optionally waiting), renew it from a
heartbeat thread every third of its TTL, release it afterwards.

Lease names in use: `source:<key>` (a worker harvesting that source), `index-writer` (the
embedded index has one writer at a time), `scheduler` (one scheduler marks sources due).
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from types import TracebackType

from vindplaats.errors import HarvestError
from vindplaats.settings import Settings
from vindplaats.store import open_store
from vindplaats.store.base import Store

logger = logging.getLogger(__name__)

INDEX_WRITER = "index-writer"
SCHEDULER = "scheduler"
WAIT_POLL = 0.25  # seconds between attempts while waiting for a lease


def source_lease(key: str) -> str:
    return f"source:{key}"


def new_holder(role: str = "worker") -> str:
    """A holder id unique to this process: role, host, pid and a random suffix."""
    return f"{role}-{socket.gethostname()}-{os.getpid()}-{uuid.uuid4().hex[:6]}"


class Heartbeat:
    """Renews a lease every `ttl / 3` seconds in a daemon thread until the block ends.

    The thread opens its own store (a store's connections belong to the thread that uses them).
    When a renewal fails another holder has taken the lease: `lost` is set and it stops.
    """

    def __init__(self, settings: Settings, name: str, holder: str, ttl: float) -> None:
        self.settings = settings
        self.name = name
        self.holder = holder
        self.ttl = ttl
        self.lost = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"lease {name}", daemon=True)

    def __enter__(self) -> Heartbeat:
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        store = open_store(self.settings)
        try:
            while not self._stop.wait(self.ttl / 3):
                try:
                    renewed = store.renew_lease(self.name, self.holder, self.ttl)
                except Exception:  # a passing store outage: the next beat tries again
                    logger.exception("could not renew lease %s", self.name)
                    continue
                if not renewed:
                    logger.error("lease %s was lost: another holder took it", self.name)
                    self.lost.set()
                    return
        finally:
            store.close()


@contextmanager
def holding(
    settings: Settings,
    store: Store,
    name: str,
    *,
    holder: str | None = None,
    ttl: float | None = None,
    wait: float = 0.0,
) -> Iterator[Heartbeat]:
    """Hold lease `name` for the block, renewed by a heartbeat, released after.

    Waits up to `wait` seconds for a busy lease, then raises `HarvestError` naming its holder.
    """
    holder = holder or new_holder()
    ttl = ttl or settings.lease_ttl
    deadline = time.monotonic() + wait
    while not store.acquire_lease(name, holder, ttl):
        if time.monotonic() >= deadline:
            raise HarvestError(
                f"lease {name!r} is held by {store.lease_holder(name) or 'another process'} "
                f"(waited {wait:g} s)"
            )
        time.sleep(min(WAIT_POLL, max(deadline - time.monotonic(), 0.01)))
    try:
        with Heartbeat(settings, name, holder, ttl) as beat:
            yield beat
    finally:
        store.release_lease(name, holder)


__all__ = ["INDEX_WRITER", "SCHEDULER", "Heartbeat", "holding", "new_holder", "source_lease"]
