"""Heartbeats: every worker and scheduler says "alive" in the store, so a hung one is seen.

A process beats under the name `heartbeat:<role>:<host>:<holder>` (a row of the leases table;
no schema of its own): from each pass of its loop and, in a worker, from every progress event
of a harvest (at most one beat per `BEAT_EVERY` seconds). A process that hangs (a crawl child
that never answers, a deadlock, a store it cannot reach) stops beating; once its newest beat is
older than `VINDPLAATS_HEARTBEAT_MAX_AGE` its health check (`docker/healthcheck.py heartbeat
ROLE`, run in the same container, so on the same host) fails. A process that stops cleanly
deletes its row; a dead one's row stays visible (`vindplaats heartbeats`) for `RETENTION`
seconds, then the next process to start prunes it.
"""

from __future__ import annotations

import logging
import socket
import time
from typing import Literal

from vindplaats.store.base import Store
from vindplaats.store.models import Beat

logger = logging.getLogger(__name__)

Role = Literal["worker", "scheduler"]
ROLES: tuple[Role, ...] = ("worker", "scheduler")
PREFIX = "heartbeat:"
BEAT_EVERY = 5.0  # seconds: progress events beat at most this often
RETENTION = 86400.0  # seconds a row outlives its last beat before it may be pruned


def heartbeat_prefix(role: Role, host: str | None = None) -> str:
    """The name prefix of the heartbeats of `role` (on `host`, when given)."""
    return f"{PREFIX}{role}:" + ("" if host is None else f"{host}:")


def heartbeat_name(role: Role, holder: str, host: str | None = None) -> str:
    return heartbeat_prefix(role, host or socket.gethostname()) + holder


def beat_host(beat: Beat) -> str:
    """The host a heartbeat row was written from."""
    return beat.name.removeprefix(PREFIX).split(":", 2)[1]


class Pulse:
    """The heartbeat of one worker or scheduler on `store` (used from the thread that owns
    the store). A beat the store refuses (an outage) is logged, never raised: the process
    goes on, and its health check sees the gap."""

    def __init__(
        self, store: Store, role: Role, holder: str, *, every: float | None = None
    ) -> None:
        self.store = store
        self.holder = holder
        self.name = heartbeat_name(role, holder)
        self.every = BEAT_EVERY if every is None else every
        self._last: float | None = None

    def __enter__(self) -> Pulse:
        try:
            self.store.prune_beats(PREFIX)
        except Exception:
            logger.warning("could not prune old heartbeats", exc_info=True)
        self.beat(force=True)
        return self

    def __exit__(self, *exc_info: object) -> None:
        try:
            self.store.release_lease(self.name, self.holder)
        except Exception:
            logger.warning("could not remove heartbeat %s", self.name, exc_info=True)

    def beat(self, *, force: bool = False) -> None:
        """Say alive now (unless the last beat was under `every` seconds ago)."""
        now = time.monotonic()
        if not force and self._last is not None and now - self._last < self.every:
            return
        try:
            self.store.beat(self.name, self.holder, RETENTION)
        except Exception:
            logger.warning("heartbeat %s could not be written", self.name, exc_info=True)
            return
        self._last = now


def heartbeats(store: Store, role: Role | None = None) -> list[Beat]:
    """Every heartbeat row (of `role`), freshest first."""
    return store.beats(heartbeat_prefix(role) if role else PREFIX)


def check(store: Store, role: Role, max_age: float, host: str | None = None) -> str | None:
    """None when the freshest heartbeat of `role` on `host` (default: this host) is at most
    `max_age` seconds old; otherwise why the process counts as hung or absent."""
    host = host or socket.gethostname()
    beats = store.beats(heartbeat_prefix(role, host))
    if not beats:
        return f"no {role} heartbeat from {host} in the store (not started, or stopped)"
    freshest = min(beats, key=lambda b: b.age)
    if freshest.age > max_age:
        return (
            f"{role} {freshest.holder}: last heartbeat {freshest.age:.0f} s ago, more than "
            f"VINDPLAATS_HEARTBEAT_MAX_AGE ({max_age:g} s): hung or stopped"
        )
    return None


__all__ = ["ROLES", "Pulse", "Role", "beat_host", "check", "heartbeat_name", "heartbeats"]
