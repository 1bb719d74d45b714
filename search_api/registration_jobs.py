"""Verification dry-runs as jobs of the server: off the request, a few at a time.

`VerificationPool.start(found, actor)` marks the registration `verifying` (the rules'
`begin_verification`: refused when it is verifying already, submitted or decided) and hands the
dry-run to a thread pool of `VINDPLAATS_VERIFICATION_WORKERS` threads; each dry-run is bounded by
its own request and time caps (`vindplaats.operations.verification`). At most `QUEUE_PER_WORKER`
times that many wait; one more is refused with `PoolFull` (503 with Retry-After) before the
registration is touched. A dry-run that breaks ends as a fatal verification naming the error
class, never as a registration stuck in `verifying`; one whose server stopped may be started
again after `stale_after(settings)` seconds.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from vindplaats.operations.registration import (
    begin_verification,
    finish_verification,
    run_verification,
)
from vindplaats.settings import Settings
from vindplaats.store.base import Store
from vindplaats.store.sql_registrations import Registration

log = logging.getLogger("vindplaats.api")

QUEUE_PER_WORKER = 4
Runner = Callable[[Settings, Store, str], object]


def _run(settings: Settings, store: Store, registration_id: str) -> object:
    return run_verification(settings, store, registration_id)


class PoolFull(Exception):
    """Every verification worker is busy and the queue is full."""


class VerificationPool:
    def __init__(self, settings: Settings, store: Store, runner: Runner = _run) -> None:
        self.settings = settings
        self.store = store
        self.runner = runner
        self.capacity = settings.verification_workers * (1 + QUEUE_PER_WORKER)
        self._pending: set[str] = set()
        self._lock = threading.Lock()
        self._executor: ThreadPoolExecutor | None = None
        self._closed = False

    def start(self, found: Registration, actor: str) -> Registration:
        """The registration, now verifying, its dry-run queued; PoolFull when there is no room
        (RegistrationConflict from the rules when it cannot be verified now)."""
        with self._lock:
            if self._closed or len(self._pending) >= self.capacity:
                raise PoolFull("alle controles zijn bezig; probeer het over een minuut opnieuw")
            started = begin_verification(self.store, self.settings, found, actor)
            self._pending.add(started.id)
            if self._executor is None:
                self._executor = ThreadPoolExecutor(
                    max_workers=self.settings.verification_workers,
                    thread_name_prefix="verification",
                )
            self._executor.submit(self._work, started.id)
        return started

    def pending(self) -> int:
        with self._lock:
            return len(self._pending)

    def _work(self, registration_id: str) -> None:
        try:
            self.runner(self.settings, self.store, registration_id)
        except Exception as exc:  # a bug or a store failure: the registration must not hang
            log.error("verification of registration %s broke", registration_id, exc_info=exc)
            message = f"de controle brak af ({type(exc).__name__}); probeer het opnieuw"
            try:
                finish_verification(
                    self.store,
                    registration_id,
                    {"status": "failed", "fatal": True, "fatal_error": message, "errors": []},
                )
            except Exception as again:
                log.error("could not record the broken verification: %s", again)
        finally:
            with self._lock:
                self._pending.discard(registration_id)

    def close(self) -> None:
        """Stop taking dry-runs; those queued are dropped (their registrations become stale
        and may be verified again), running ones end in their own time."""
        with self._lock:
            self._closed = True
            executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=False, cancel_futures=True)
