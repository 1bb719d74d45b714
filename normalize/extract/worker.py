"""The extraction worker process: `python -m normalize.extract.worker`, started by `isolate.py`.

Protocol: JSON lines. The worker first writes `{"ready": true, ...}`, then for every request line
`{"id": n, "path": "...", "options": {...}}` one reply line `{"id": n, "result": {...}}`
(with `"retire": true` when the worker exits after this reply: the parent starts a new one).
The channel is a private copy of stdout; file descriptor 1 itself is pointed at stderr, so
anything the native library prints cannot corrupt the protocol.

Before Tika loads, PATH is set to a directory that does not exist: Tika's own OCR (and its
external-program parsers) then find no programs and stay off; OCR runs through `ocr.py` with the
tools found on the original PATH. Address space is capped (`--memory-limit=BYTES`, see
`memory.py`), so a pathological file ends this process (a recorded failure) instead of
exhausting the machine: a Python `MemoryError` (or Tika's OutOfMemoryError that reached Python)
is answered with the memory-limit error and the worker then exits, so the next file gets a fresh
process; an allocation failure inside the native library kills the process, and the parent
recognises that (`isolate.py`).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import resource
import signal
import sys
import time
from pathlib import Path
from typing import IO, Any

from normalize.extract import memory
from normalize.extract.agents import AGENT
from normalize.extract.embedded import parse_abandoned, warm_up
from normalize.extract.ocr import OcrTools
from normalize.extract.result import ExtractOptions, failed
from normalize.extract.routes import extract_here

NO_TOOLS_PATH = "/nonexistent/vindplaats-extract-worker"
# Test-only fault injection: "file-name:hang,other-name:crash,third:hog" (hog: allocate until the
# memory limit stops it). Not part of the public API.
FAULTS_ENV = "_VINDPLAATS_EXTRACT_FAULTS"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m normalize.extract.worker")
    parser.add_argument("--memory-limit", type=int, default=None, help="Address space (bytes).")
    limit = parser.parse_args(argv).memory_limit or memory.default_limit()
    channel = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    started = time.monotonic()
    tool_path = os.environ.get("PATH") or os.defpath
    os.environ["PATH"] = NO_TOOLS_PATH
    limit = _limit_memory(limit)
    logging.basicConfig(level=logging.ERROR, stream=sys.stderr)
    faults = _faults(os.environ.get(FAULTS_ENV, ""))
    tools = OcrTools.find(tool_path)
    tika_error = None
    try:
        warm_up()
    except Exception as exc:  # reported per file by the Tika route; other routes still work
        tika_error = f"{type(exc).__name__}: {exc}"
    ready = {"ready": True, "startup_seconds": time.monotonic() - started}
    _send(channel, {**ready, "tesseract": tools.version, "tika_error": tika_error})
    for line in sys.stdin.buffer:
        request = json.loads(line)
        path = Path(request["path"])
        options = ExtractOptions.model_validate(request["options"])
        try:
            _inject(faults.get(path.name))
            result = extract_here(path, options, tools)
        except MemoryError:
            result = None  # the memory the failed attempt held is released before answering
        if result is None:
            error = failed(memory.limit_error(limit), agent=AGENT, route="none")
            reply = {"id": request["id"], "result": error.model_dump(mode="json"), "retire": True}
            _send(channel, reply)
            return 0  # a fresh worker for the next file: this heap may be fragmented
        reply = {"id": request["id"], "result": result.model_dump(mode="json")}
        if parse_abandoned():  # Tika is still parsing that file in the background
            _send(channel, {**reply, "retire": True})
            return 0
        _send(channel, reply)
    return 0


def _send(channel: IO[bytes], message: dict[str, Any]) -> None:
    channel.write(json.dumps(message, ensure_ascii=False).encode("utf-8") + b"\n")
    channel.flush()


def _limit_memory(limit: int) -> int:
    """Cap the address space at `limit` (or lower, when the process was given less); the cap."""
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    if soft == resource.RLIM_INFINITY or soft > limit:
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
        return limit
    return int(soft)


def _faults(spec: str) -> dict[str, str]:
    pairs = (item.rpartition(":") for item in spec.split(",") if ":" in item)
    return {name: action for name, _, action in pairs}


def _inject(action: str | None) -> None:
    if action == "hang":
        while True:
            time.sleep(3600)
    if action == "crash":
        os.kill(os.getpid(), signal.SIGSEGV)
    if action == "hog":
        held: list[bytearray] = []
        while True:  # until the address-space cap makes this a MemoryError
            held.append(bytearray(32 * 1024**2))


if __name__ == "__main__":
    sys.exit(main())
