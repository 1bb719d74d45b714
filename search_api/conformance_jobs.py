"""Conformance checks as jobs of the server: a small bounded pool per server process.

`CheckPool.submit` records a queued check in the store and hands it to the pool:
`VINDPLAATS_CONFORMANCE_WORKERS` checks run at once (threads; each check is synchronous and
bounded by the checker's `Limits`), at most `VINDPLAATS_CONFORMANCE_QUEUE` more wait, and one
more is refused with `PoolFull` (503 with Retry-After). A finished check keeps its report in the
store in every format; a check the checker cannot start (`UnusableTarget`: nothing answers at
the base, ...) or that breaks ends as failed with the reason.

While a check is queued or running, the pool beats on it every `BEAT_INTERVAL` seconds. When the
server stops, its pending checks end as failed ("the server stopped"); a process killed outright
stops beating, and the next server to start (or any status read) fails its checks once they
have been silent for `STALE_AFTER` seconds. No check stays "running" after a restart.
"""

from __future__ import annotations

import contextlib
import logging
import queue
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from vindplaats.conformance import Limits, Report, UnusableTarget, check, render
from vindplaats.errors import ConfigError
from vindplaats.net.guard import shown_url
from vindplaats.settings import Settings
from vindplaats.store.base import Store
from vindplaats.store.sql_conformance import ConformanceCheck

log = logging.getLogger("vindplaats.api")

BEAT_INTERVAL = 10.0  # seconds between heartbeats of pending checks
STALE_AFTER = 60.0  # seconds without a heartbeat after which a pending check has failed
PROGRESS_INTERVAL = 1.0  # seconds between two progress writes of one check
STOPPED = "De server stopte tijdens de controle; start de controle opnieuw"
INTERRUPTED = "De controle werd onderbroken (de server werd herstart); start hem opnieuw"

Checker = Callable[[str, str, Settings, Limits, Callable[[int], None]], Report]


def _run_checker(
    url: str, standard: str, settings: Settings, limits: Limits, progress: Callable[[int], None]
) -> Report:
    return check(url, standard, settings, limits, progress=progress)


def _masked(text: str, url: str) -> str:
    """`text` without the password of `url` (a feed URL may carry credentials): what is kept
    and shown never holds it."""
    try:
        password = urlsplit(url).password
    except ValueError:
        return text
    return text.replace(password, "***") if password else text


class PoolFull(Exception):
    """Every worker is busy and the queue is full."""


class _Stopped(Exception):
    """Raised from the progress callback when the pool closes: the check ends there."""


@dataclass(frozen=True)
class _Job:
    check_id: str
    url: str
    standard: str
    max_requests: int


class CheckPool:
    def __init__(self, settings: Settings, store: Store, checker: Checker = _run_checker) -> None:
        self.settings = settings
        self.store = store
        self.checker = checker
        self.workers = settings.conformance_workers
        self.capacity = settings.conformance_workers + settings.conformance_queue
        self._jobs: queue.Queue[_Job | None] = queue.Queue()
        self._owned: set[str] = set()
        self._lock = threading.Lock()
        self._closed = threading.Event()
        self._threads: list[threading.Thread] = []

    def start(self) -> None:
        """Fail the checks earlier servers left behind, then start the workers and the beat
        (once; `submit` starts them too, for an app whose lifespan is not run)."""
        with self._lock:
            if self._threads or self._closed.is_set():
                return
            self._spawn_all()
        failed = self.store.fail_stale_checks(STALE_AFTER, INTERRUPTED)
        if failed:
            log.warning("%d conformance checks of a stopped server marked failed", failed)

    def _spawn_all(self) -> None:
        for number in range(self.workers):
            self._spawn(self._work, f"conformance-{number}")
        self._spawn(self._beat, "conformance-beat")

    def _spawn(self, target: Callable[[], None], name: str) -> None:
        thread = threading.Thread(target=target, name=name, daemon=True)
        thread.start()
        self._threads.append(thread)

    def has_room(self) -> bool:
        """Whether one more check would be taken now."""
        with self._lock:
            return not self._closed.is_set() and len(self._owned) < self.capacity

    def submit(self, url: str, standard: str, max_requests: int) -> ConformanceCheck:
        """A new queued check with an unguessable id; PoolFull when there is no room."""
        with self._lock:
            if self._closed.is_set() or len(self._owned) >= self.capacity:
                raise PoolFull(f"{len(self._owned)} conformance checks are queued or running")
            if not self._threads:
                self._spawn_all()
            check_id = secrets.token_urlsafe(18)
            # kept and shown with its credentials masked; the job alone holds the URL as given
            shown = shown_url(url, limit=2000)
            created = self.store.create_check(check_id, shown, standard, max_requests)
            self._owned.add(check_id)
        self._jobs.put(_Job(check_id, url, standard, max_requests))
        return created

    def status(self, check_id: str) -> ConformanceCheck | None:
        """The check as stored; a pending one nobody beats on any more is failed first."""
        found = self.store.get_check(check_id)
        if found is not None and found.status in ("queued", "running"):
            with self._lock:
                ours = check_id in self._owned
            if not ours and self.store.fail_stale_checks(STALE_AFTER, INTERRUPTED):
                found = self.store.get_check(check_id)
        return found

    def close(self) -> None:
        """Stop: running checks end at their next request, every pending one as failed."""
        self._closed.set()
        for _ in range(self.workers):
            self._jobs.put(None)
        with self._lock:
            owned = sorted(self._owned)
        for check_id in owned:
            self.store.fail_check(check_id, STOPPED)
        for thread in self._threads:
            thread.join(timeout=5)

    def _work(self) -> None:
        while True:
            job = self._jobs.get()
            if job is None or self._closed.is_set():
                return
            try:
                self._run(job)
            except Exception as exc:  # a broken check fails alone; the worker goes on
                log.error("conformance check %s failed", job.check_id, exc_info=exc)
                with contextlib.suppress(Exception):  # the store may be closing with the app
                    self.store.fail_check(job.check_id, "Interne fout; die is vastgelegd")
            finally:
                with self._lock:
                    self._owned.discard(job.check_id)

    def _run(self, job: _Job) -> None:
        if not self.store.start_check(job.check_id):
            return
        last = [0.0]

        def progress(requests: int) -> None:
            if self._closed.is_set():
                raise _Stopped
            now = time.monotonic()
            if now - last[0] >= PROGRESS_INTERVAL:
                last[0] = now
                self.store.check_progress(job.check_id, f"{requests} verzoeken verstuurd")

        limits = Limits(max_requests=job.max_requests)
        try:
            report = self.checker(job.url, job.standard, self.settings, limits, progress)
        except (UnusableTarget, ConfigError) as exc:  # e.g. the standards directory missing
            self.store.fail_check(job.check_id, _masked(str(exc), job.url))
            return
        except _Stopped:
            return  # close() has failed it
        reports = {"json": render(report, "json"), "junit": render(report, "junit")}
        reports["html"] = render(report, "html")
        reports = {fmt: _masked(text, job.url) for fmt, text in reports.items()}
        self.store.finish_check(job.check_id, reports, report.errors, report.warnings)

    def _beat(self) -> None:
        while not self._closed.wait(BEAT_INTERVAL):
            with self._lock:
                owned = sorted(self._owned)
            try:
                if owned:
                    self.store.touch_checks(owned)
            except Exception as exc:  # the store is away for a moment: beat again later
                log.warning("conformance heartbeat failed: %s", exc)
