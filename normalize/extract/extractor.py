"""The public entry points: `Extractor` for batches, `extract_file` for one file.

An `Extractor` keeps one worker process (see `worker.py`) and reuses it from file to file; a
timeout or crash kills that worker and the next file gets a fresh one. The worker is also
replaced after `RECYCLE_AFTER` files, so memory a native parser leaks does not pile up. The
worker's memory is capped (`memory_limit`, default a quarter of the machine's memory: see
`memory.py`); a file that needs more fails with an error naming the limit, and the next file gets
a fresh worker. One `Extractor` handles one file at a time (calls from several threads wait for
each other); for parallel extraction use one `Extractor` per thread.
"""

from __future__ import annotations

import atexit
import os
import threading
from pathlib import Path
from types import TracebackType

from pydantic import ValidationError

from normalize.extract import memory
from normalize.extract.agents import AGENT
from normalize.extract.isolate import (
    Worker,
    WorkerCrashed,
    WorkerError,
    WorkerOutOfMemory,
    WorkerTimeout,
)
from normalize.extract.result import ExtractionResult, ExtractOptions, failed

STARTUP_TIMEOUT = 120.0
RECYCLE_AFTER = 500


class Extractor:
    """Extract files in an isolated, reused worker process, with a hard timeout per file:

        with Extractor(ExtractOptions(timeout=60)) as extractor:
            for path in paths:
                result = extractor.extract(path)

    `extract(path, options)` may override the extractor's options for one file.
    `memory_limit` (bytes, at least `memory.MIN_LIMIT`) caps the worker's address space.
    """

    def __init__(
        self, options: ExtractOptions | None = None, *, memory_limit: int | None = None
    ) -> None:
        if memory_limit is not None and memory_limit < memory.MIN_LIMIT:
            raise ValueError(f"memory_limit below {memory.human(memory.MIN_LIMIT)}")
        self.options = options or ExtractOptions()
        self.memory_limit = memory_limit or memory.default_limit()
        self._worker: Worker | None = None
        self._lock = threading.Lock()
        self._start_error: str | None = None

    def __enter__(self) -> Extractor:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def start(self) -> float | None:
        """Start the worker now rather than on the first file. Returns its start-up time in
        seconds, or None when it could not start (the next `extract` says why)."""
        with self._lock:
            worker = self._ready_worker()
            return worker.startup_seconds if worker is not None else None

    def extract(self, path: Path | str, options: ExtractOptions | None = None) -> ExtractionResult:
        """Extract one file. Never raises for bad input: failures come back as results."""
        options = options or self.options
        with self._lock:
            worker = self._ready_worker()
            if worker is None:
                return failed(str(self._start_error), agent=AGENT, route="none")
            request = {"id": worker.served, "path": os.path.abspath(path)}
            request["options"] = options.model_dump(mode="json")
            try:
                reply = worker.call(request, timeout=options.timeout)
            except WorkerTimeout:
                self._drop_worker()
                error = f"extraction timed out after {options.timeout:g} s"
                return failed(error, agent=AGENT, route="none")
            except WorkerOutOfMemory as exc:
                self._drop_worker()
                error = f"{memory.limit_error(self.memory_limit)} (extractor: {exc})"
                return failed(error, agent=AGENT, route="none")
            except WorkerCrashed as exc:
                self._drop_worker()
                return failed(f"extractor crashed ({exc})", agent=AGENT, route="none")
            except BaseException:  # interrupted: the worker may still answer; never reuse it
                self._drop_worker()
                raise
            if reply.get("retire"):  # the worker exits after this answer
                self._drop_worker(graceful=True)
            try:
                return ExtractionResult.model_validate(reply["result"])
            except (KeyError, TypeError, ValidationError) as exc:
                self._drop_worker()
                return failed(f"extractor sent an invalid reply ({exc})", agent=AGENT, route="none")

    @property
    def worker_pid(self) -> int | None:
        """The process id of the current worker (for monitoring), None when none runs."""
        worker = self._worker
        return worker.pid if worker is not None and worker.alive else None

    def close(self) -> None:
        """Stop the worker. The extractor can still be used; it then starts a new worker."""
        with self._lock:
            self._drop_worker(graceful=True)

    def _ready_worker(self) -> Worker | None:
        worker = self._worker
        if worker is not None and worker.alive and worker.served < RECYCLE_AFTER:
            return worker
        self._drop_worker(graceful=worker is not None and worker.alive)
        worker = Worker(self.memory_limit)
        try:
            worker.start(STARTUP_TIMEOUT)
        except WorkerError as exc:
            worker.kill()
            self._start_error = str(exc)
            return None
        self._worker, self._start_error = worker, None
        return worker

    def _drop_worker(self, graceful: bool = False) -> None:
        worker, self._worker = self._worker, None
        if worker is not None:
            worker.stop() if graceful else worker.kill()


_shared: Extractor | None = None
_shared_pid: int | None = None
_shared_lock = threading.Lock()


def extract_file(path: Path | str, options: ExtractOptions | None = None) -> ExtractionResult:
    """Extract one file (options default to `ExtractOptions()`). Never raises for bad input.

    Uses one shared worker for the whole process, started on first use and stopped at exit,
    so repeated calls do not pay the start-up cost again.
    """
    global _shared, _shared_pid
    with _shared_lock:
        if _shared is None or _shared_pid != os.getpid():  # a forked child gets its own
            _shared, _shared_pid = Extractor(), os.getpid()
        extractor = _shared
    return extractor.extract(path, options or ExtractOptions())


@atexit.register
def _close_shared() -> None:
    if _shared is not None and _shared_pid == os.getpid():
        _shared.close()
