"""`run_crawl`: run one source's crawl in a child process and return its `CrawlReport`.

The crawl runs in `python -m crawlers.run ...` because Twisted's reactor cannot be restarted
in one process, and a crashing crawl must not take the caller down. The child gets the parent's
environment with every `Settings` field as a `VINDPLAATS_` variable (replacing the parent's own
`VINDPLAATS_` variables, so the child sees exactly the caller's settings), opens the store and the
originals itself, writes JSON lines to stdout (`{"event": "started"}`, `{"event": "progress",
"counts": {...}}` every second, a final `{"event": "report", ...}`) and logs to stderr.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import IO, Any

from pydantic import SecretBytes, SecretStr

from crawlers.memory import SETTING as MEMORY_SETTING
from crawlers.registry import api_base, spider_entry
from crawlers.report import CrawlReport
from vindplaats.net.guard import check_url_resolved
from vindplaats.settings import PREFIX, Settings
from vindplaats.store import open_store

logger = logging.getLogger(__name__)

ProgressCallback = Callable[[dict[str, Any]], None]
STDERR_TAIL = 20


def settings_env(settings: Settings) -> dict[str, str]:
    """Every Settings field that has a value as a `VINDPLAATS_` environment variable (secrets
    in clear: the child needs them; a child's environment is private to its user)."""
    env = {}
    for name, value in settings.model_dump(mode="json").items():
        raw = getattr(settings, name)
        if raw is None:
            continue
        if isinstance(raw, SecretStr | SecretBytes):
            secret = raw.get_secret_value()
            text = secret.decode() if isinstance(secret, bytes) else secret
        elif isinstance(value, bool):
            text = "true" if value else "false"
        elif isinstance(value, dict | list):
            text = json.dumps(value)
        else:
            text = str(value)
        env[PREFIX + name.upper()] = text
    return env


def preflight(base_url: str, *, allow_private: bool) -> None:
    """Refuse a blocked API base at once (UnsafeURLError); the child checks every request."""
    check_url_resolved(base_url, allow_private=allow_private)


def run_crawl(
    settings: Settings,
    source_key: str,
    *,
    window_from: date,
    window_until: date,
    on_progress: ProgressCallback | None = None,
    run_id: int | None = None,
    modified_since: datetime | None = None,
) -> CrawlReport:
    """Crawl one registered source for meetings in [window_from, window_until], plus what
    changed after `modified_since` outside it (the spider's `modified_since`).

    Raises NotFound (unknown source), SourceError (source lacks its supplier ids),
    HarvestError (no harvester for the supplier) and UnsafeURLError (the API base is a blocked
    address and `allow_private_networks` is off) before anything runs. Everything that goes
    wrong after that ends in the report: status failed, with the reason in `errors`.
    """
    if window_from > window_until:
        raise ValueError(f"window_from {window_from} is after window_until {window_until}")
    store = open_store(settings)
    try:
        source = store.get_source(source_key)
    finally:
        store.close()
    source.check_harvestable()
    spider_entry(source.supplier)
    preflight(api_base(source), allow_private=settings.allow_private_networks)
    command = [
        sys.executable, "-m", "crawlers.run", "--source", source_key,
        "--from", window_from.isoformat(), "--until", window_until.isoformat(),
    ]  # fmt: skip
    if run_id is not None:
        command += ["--run-id", str(run_id)]
    if modified_since is not None:
        command += ["--modified-since", modified_since.isoformat()]
    inherited = {k: v for k, v in os.environ.items() if not k.startswith(PREFIX)}
    env = {**inherited, **settings_env(settings), "PYTHONUNBUFFERED": "1"}
    # few malloc arenas: less address space reserved, so the child's cap (crawlers.memory)
    # is spent on what it really uses
    env.setdefault("MALLOC_ARENA_MAX", "2")
    # A source's secrets (api_token) reach the child through the store only, never through its
    # arguments or environment; errors are redacted once more in case stderr carried one.
    report = supervise(command, env, on_progress)
    if not source.secrets():
        return report
    return report.model_copy(update={"errors": [source.redact(e) for e in report.errors]})


def supervise(
    command: list[str], env: dict[str, str], on_progress: ProgressCallback | None = None
) -> CrawlReport:
    """Run a crawl child, pass its events to `on_progress`, return its report. A child that
    exits non-zero or without a report gives status failed with its last stderr lines."""
    process = subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        text=True,
        encoding="utf-8",
        errors="replace",
    )
    assert process.stdout is not None and process.stderr is not None
    tail: deque[str] = deque(maxlen=STDERR_TAIL)
    reader = threading.Thread(target=_drain, args=(process.stderr, tail), daemon=True)
    reader.start()
    report: CrawlReport | None = None
    counts: dict[str, int] = {}
    try:
        for event in _events(process.stdout):
            if event.get("event") == "progress" and isinstance(event.get("counts"), dict):
                counts = event["counts"]
            if event.get("event") == "report":
                report = CrawlReport.model_validate(
                    {k: v for k, v in event.items() if k != "event"}
                )
            if on_progress is not None:
                on_progress(event)
        returncode = process.wait()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        reader.join(timeout=5)
        process.stdout.close()
        process.stderr.close()
    if returncode != 0 or report is None:
        errors = [f"the crawl process exited with status {returncode} without a report"]
        if any("MemoryError" in line for line in tail):
            errors.append(f"it ran out of memory (its limit: {MEMORY_SETTING})")
        errors += [line for line in tail if line.strip()]
        return CrawlReport(status="failed", counts=counts, errors=errors)
    return report


def _events(stream: IO[str]) -> Iterable[dict[str, Any]]:
    for line in stream:
        try:
            event = json.loads(line)
        except ValueError:
            logger.debug("crawl stdout: %s", line.rstrip())
            continue
        if isinstance(event, dict):
            yield event


def _drain(stream: IO[str], tail: deque[str]) -> None:
    for line in stream:
        tail.append(line.rstrip())
        logger.debug("crawl: %s", line.rstrip())


if __name__ == "__main__":
    from crawlers.child import main

    raise SystemExit(main())
