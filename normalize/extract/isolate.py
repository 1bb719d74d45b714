"""The parent's side of the worker process: start it, send one request, wait with a hard limit.

The worker runs in its own session (process group), so a timeout kills it together with any
tesseract or pdftoppm it started. A worker that dies (segfault, out of memory) shows up as EOF
on its channel; its exit status becomes the error text. One that ran into its memory limit
(`memory.py`: it said so before dying, or crashed close to the limit) raises
`WorkerOutOfMemory`.
"""

from __future__ import annotations

import contextlib
import json
import os
import select
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import IO, Any

from normalize.extract import memory

_PACKAGE_ROOT = str(Path(__file__).resolve().parents[2])
_CHUNK = 1 << 20


class WorkerError(Exception):
    """The worker could not answer; the message is meant for people."""


class WorkerTimeout(WorkerError):
    pass


class WorkerCrashed(WorkerError):
    pass


class WorkerOutOfMemory(WorkerCrashed):
    """The worker needed more than its memory limit."""


class Worker:
    """One `python -m normalize.extract.worker` child and its JSON-lines channel."""

    def __init__(self, memory_limit: int) -> None:
        self.memory_limit = memory_limit
        self._proc: subprocess.Popen[bytes] | None = None
        self._stderr: IO[bytes] | None = None
        self._buffer = bytearray()
        self._scanned = 0
        self.served = 0
        self.startup_seconds: float | None = None

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc is not None else None

    @property
    def alive(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def start(self, timeout: float) -> None:
        """Spawn the worker and wait until it has loaded Tika. Raises WorkerError."""
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (_PACKAGE_ROOT, env.get("PYTHONPATH")) if p)
        # Kept open for the worker's lifetime (closed in kill()): its last line explains a crash.
        self._stderr = tempfile.TemporaryFile(prefix="vindplaats-extract-worker-")  # noqa: SIM115
        started = time.monotonic()
        try:
            self._proc = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "normalize.extract.worker",
                    f"--memory-limit={self.memory_limit}",
                ],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=self._stderr,
                env=env,
                start_new_session=True,
                bufsize=0,
            )
        except OSError as exc:
            raise WorkerError(f"extractor could not start ({exc})") from exc
        try:
            self._receive(started + timeout)
        except WorkerTimeout as exc:
            self.kill()
            raise WorkerError(f"extractor did not start within {timeout:g} s") from exc
        except WorkerCrashed as exc:
            raise WorkerError(f"extractor could not start ({exc})") from exc
        self.startup_seconds = time.monotonic() - started

    def call(self, message: dict[str, Any], timeout: float) -> dict[str, Any]:
        """Send one request, return the reply. Raises WorkerTimeout (worker killed) or
        WorkerCrashed."""
        assert self._proc is not None and self._proc.stdin is not None
        deadline = time.monotonic() + timeout
        try:
            self._proc.stdin.write(json.dumps(message).encode("utf-8") + b"\n")
        except OSError as exc:
            raise self._crashed() from exc
        try:
            reply = self._receive(deadline)
        except WorkerTimeout:
            self.kill()
            raise
        if reply.get("id") != message.get("id"):
            raise WorkerCrashed(f"reply to request {reply.get('id')!r}, not {message.get('id')!r}")
        self.served += 1
        return reply

    def stop(self) -> None:
        """Ask the worker to finish (EOF on its input); kill it if it does not."""
        if self._proc is not None and self._proc.stdin is not None:
            try:
                self._proc.stdin.close()
                self._proc.wait(timeout=5)
            except (OSError, subprocess.TimeoutExpired):
                pass
        self.kill()

    def kill(self) -> None:
        """Kill the worker's whole process group (also a tesseract it left behind) and reap it.
        A process group id is not reused while any member lives, so this is safe after exit."""
        proc, self._proc = self._proc, None
        if proc is not None:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            for stream in (proc.stdin, proc.stdout):
                if stream is not None:
                    stream.close()
        if self._stderr is not None:
            self._stderr.close()
            self._stderr = None
        self._buffer.clear()
        self._scanned = 0

    def _receive(self, deadline: float) -> dict[str, Any]:
        assert self._proc is not None and self._proc.stdout is not None
        fd = self._proc.stdout.fileno()
        while True:
            newline = self._buffer.find(b"\n", self._scanned)
            if newline >= 0:
                line = bytes(self._buffer[:newline])
                del self._buffer[: newline + 1]
                self._scanned = 0
                reply: dict[str, Any] = json.loads(line)
                return reply
            self._scanned = len(self._buffer)
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise WorkerTimeout("no reply in time")
            readable, _, _ = select.select([fd], [], [], remaining)
            if not readable:
                continue
            chunk = os.read(fd, _CHUNK)
            if not chunk:
                raise self._crashed()
            self._buffer += chunk

    def _crashed(self) -> WorkerCrashed:
        """Why the worker's channel closed: WorkerOutOfMemory or WorkerCrashed."""
        assert self._proc is not None
        reaped = self._reap(timeout=5.0)
        if reaped is None:
            return WorkerCrashed("stopped answering")
        code, peak_rss = reaped
        tail = self._stderr_tail()
        last = tail.strip().splitlines()[-1][:300] if tail.strip() else ""
        if code < 0:
            hint = "; killed, possibly out of memory" if code == -signal.SIGKILL else ""
            reason = f"signal {-code}{hint}"
        else:
            reason = f"exit status {code}" + (f": {last}" if last else "")
        if memory.ran_out(code, tail, peak_rss, self.memory_limit):
            return WorkerOutOfMemory(reason)
        return WorkerCrashed(reason)

    def _reap(self, timeout: float) -> tuple[int, int] | None:
        """Wait for the worker to exit: (exit code, peak resident bytes), None if it does not.
        `os.wait4` rather than `Popen.wait`, for the resource usage."""
        assert self._proc is not None
        proc, deadline = self._proc, time.monotonic() + timeout
        while True:
            try:
                pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            except ChildProcessError:  # reaped already
                return (proc.returncode if proc.returncode is not None else -1), 0
            if pid:
                proc.returncode = os.waitstatus_to_exitcode(status)
                return proc.returncode, usage.ru_maxrss * 1024
            if time.monotonic() >= deadline:
                return None
            time.sleep(0.02)

    def _stderr_tail(self) -> str:
        """The last 16 KiB the worker wrote to stderr."""
        if self._stderr is None:
            return ""
        self._stderr.seek(max(0, self._stderr.seek(0, os.SEEK_END) - 16384))
        return self._stderr.read().decode("utf-8", "replace")
