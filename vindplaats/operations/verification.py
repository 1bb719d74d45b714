"""The verification dry-run of a registered source: what a harvest of it would see, before an
admin lets it into the registry.

`verify_source(settings, source)` runs the source's REAL spider over the last
`VINDPLAATS_VERIFICATION_MONTHS` months (and one month ahead) in a child process
(`verification_child`), into a throwaway store in a temporary data directory that is removed
afterwards: nothing reaches the real store, no document is downloaded, at most
`VINDPLAATS_VERIFICATION_MAX_REQUESTS` requests are sent and the run stops after
`VINDPLAATS_VERIFICATION_SECONDS`. Every request goes through the fetch guard as a harvest's
does (the API base is checked before the child starts, every request and redirect in it).
The source's token reaches the child through the throwaway store only, never through its
arguments or environment, and every error line is redacted.

The answer is JSON-ready (`Verification`, kept on the registration): the window, requests sent,
why it stopped early (`stopped`: "request_cap" or "time_cap"), the counts of what was listed,
the 20 most recent meetings (date, title), a few document titles, the errors, and `fatal` (the
source could not be read at all) with `fatal_error`.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from crawlers.registry import api_base
from crawlers.run import settings_env
from normalize.records import Meeting, Record
from vindplaats.errors import SourceError, UnsafeURLError
from vindplaats.months import add_months
from vindplaats.net.guard import check_url_resolved
from vindplaats.operations.verification_child import CAP_REACHED
from vindplaats.settings import PREFIX, Settings
from vindplaats.sources import Source
from vindplaats.store import open_store

Verification = dict[str, Any]
SAMPLE_MEETINGS = 20
SAMPLE_DOCUMENTS = 10
MAX_ERRORS = 20
STDERR_TAIL = 20
STOPPED = {"request_cap": "request_cap", "closespider_timeout": "time_cap"}
CHILD = "vindplaats.operations.verification_child"
RECORD_COUNTS = ("committee", "agenda_item", "document", "register_entry", "motion", "person")


def verification_window(settings: Settings, today: date | None = None) -> tuple[date, date]:
    today = today or date.today()
    return add_months(today, -settings.verification_months), add_months(today, 1)


def verify_source(settings: Settings, source: Source, *, today: date | None = None) -> Verification:
    """The dry-run of `source` (see the module docstring); never raises for what the source
    does: a source that cannot be reached ends as a fatal verification."""
    window = verification_window(settings, today)
    started = time.monotonic()
    base: Verification = {
        "window": {"from": window[0].isoformat(), "until": window[1].isoformat()},
        "started_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "max_requests": settings.verification_max_requests,
        "max_seconds": settings.verification_seconds,
    }
    try:
        source.check_harvestable()
        check_url_resolved(api_base(source), allow_private=settings.allow_private_networks)
    except (SourceError, UnsafeURLError) as exc:
        return {**base, **_fatal(source.redact(str(exc))), "seconds": 0.0}
    with tempfile.TemporaryDirectory(prefix="vindplaats-verification-") as tmp:
        dry = _throwaway_settings(settings, Path(tmp))
        store = open_store(dry)
        try:
            store.upsert_source(source)
        finally:
            store.close()
        outcome = _run_child(dry, source.key, window, Path(tmp) / "stderr.log")
        summary = _summary(dry, source, outcome)
    seconds = round(time.monotonic() - started, 1)
    return {**base, **summary, "seconds": seconds}


def _throwaway_settings(settings: Settings, directory: Path) -> Settings:
    data_dir = directory / "data"
    data_dir.mkdir()
    return settings.model_copy(
        update={"data_dir": data_dir, "database_url": None, "metrics_dir": None}
    )


def _fatal(message: str) -> Verification:
    return {
        "status": "failed",
        "fatal": True,
        "fatal_error": message,
        "stopped": None,
        "requests": 0,
        "counts": {},
        "records": {},
        "meetings": [],
        "documents": [],
        "errors": [message],
    }


def _run_child(
    settings: Settings, key: str, window: tuple[date, date], stderr_path: Path
) -> dict[str, Any]:
    command = [
        sys.executable, "-m", CHILD, "--source", key,
        "--from", window[0].isoformat(), "--until", window[1].isoformat(),
        "--max-requests", str(settings.verification_max_requests),
        "--seconds", str(settings.verification_seconds),
    ]  # fmt: skip

    inherited = {k: v for k, v in os.environ.items() if not k.startswith(PREFIX)}
    env = {**inherited, **settings_env(settings), "PYTHONUNBUFFERED": "1"}
    env.setdefault("MALLOC_ARENA_MAX", "2")
    with stderr_path.open("w", encoding="utf-8") as stderr:
        try:
            done = subprocess.run(
                command,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=stderr,
                env=env,
                timeout=settings.verification_seconds + 60,
                check=False,
            )
        except subprocess.TimeoutExpired:
            return {"failed": f"the dry-run did not end within {settings.verification_seconds:g} s"}
    for line in done.stdout.decode("utf-8", "replace").splitlines():
        try:
            event = json.loads(line)
        except ValueError:
            continue
        if isinstance(event, dict) and event.get("event") == "verification":
            return event
    tail = stderr_path.read_text("utf-8", "replace").splitlines()[-STDERR_TAIL:]
    reason = f"the dry-run process ended with status {done.returncode} without a report"
    return {"failed": reason, "stderr": [line for line in tail if line.strip()]}


def _summary(settings: Settings, source: Source, outcome: dict[str, Any]) -> Verification:
    if "failed" in outcome:
        return _fatal(source.redact(outcome["failed"]))
    report = outcome.get("report") or {}
    counts: dict[str, int] = dict(report.get("counts") or {})
    stopped = STOPPED.get(str(outcome.get("close_reason")))
    errors = [
        source.redact(str(line))
        for line in report.get("errors") or []
        if not (
            stopped
            and ("the crawl stopped before it finished" in str(line) or CAP_REACHED in str(line))
        )
    ]
    fatal_error = outcome.get("fatal_error")
    if fatal_error is None and not counts.get("api_responses"):
        fatal_error = errors[0] if errors else "no answer could be read from the supplier"
    store = open_store(settings)
    try:
        records = store.count_records(source.key)
        meetings = _sample_meetings(store.iter_records("meeting", source.key))
        documents = _sample_titles(store.iter_records("document", source.key))
    finally:
        store.close()
    return {
        "status": "failed" if fatal_error else ("stopped" if stopped else report.get("status")),
        "fatal": fatal_error is not None,
        "fatal_error": None if fatal_error is None else source.redact(str(fatal_error)),
        "stopped": stopped,
        "requests": int(outcome.get("requests") or 0),
        "counts": counts,
        "records": {"meeting": records.get("meeting", 0)}
        | {name: records.get(name, 0) for name in RECORD_COUNTS},
        "meetings": meetings,
        "documents": documents,
        "errors": errors[:MAX_ERRORS],
    }


def _sample_meetings(meetings: Any) -> list[dict[str, str]]:
    found = [m for m in meetings if isinstance(m, Meeting)]
    far_past = datetime.min.replace(tzinfo=UTC)
    found.sort(key=lambda m: (m.start or far_past, m.name), reverse=True)
    return [
        {"date": m.start.date().isoformat() if m.start else "", "title": m.name}
        for m in found[:SAMPLE_MEETINGS]
    ]


def _sample_titles(documents: Any) -> list[str]:
    titles: list[str] = []
    for record in documents:
        if isinstance(record, Record) and len(titles) < SAMPLE_DOCUMENTS:
            titles.append(str(getattr(record, "title", "")))
    return titles
