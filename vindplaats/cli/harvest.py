"""`vindplaats harvest KEY`: one harvest run with live progress, then a summary.

Exit status: 0 when the run is ok, 1 when it is partial or failed (the message says what failed),
2 when it was refused before starting (unknown source, unsafe URL).
"""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from vindplaats.cli import UsageError
from vindplaats.cli.output import clean, error, print_json
from vindplaats.cli.progress import Progress
from vindplaats.settings import Settings
from vindplaats.store import open_store
from vindplaats.store.models import HarvestRun, RunStatus

ERRORS_SHOWN = 20
KINDS = (
    ("organizations", "organisations"),
    ("committees", "committees"),
    ("meetings", "meetings"),
    ("agenda_items", "agenda items"),
    ("documents", "documents"),
    ("register_entries", "register entries"),
)
LINES: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    ("found", KINDS),
    ("skipped", (("skipped_non_public", "non-public"),)),
    (
        "downloads",
        (
            ("documents_downloaded", "new"),
            ("documents_unchanged", "unchanged"),
            ("download_failed", "failed"),
            ("refused", "refused"),
        ),
    ),
    (
        "extraction",
        (("extraction_ok", "ok"), ("extraction_empty", "empty"), ("extraction_failed", "failed")),
    ),
    ("indexed", (("indexed", "documents"), ("index_failed", "failed"))),
)
# Shown on one line when zero, so a summary always answers "how many failed".
ALWAYS = {"download_failed", "extraction_failed", "documents_downloaded", "extraction_ok"}


def iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from None


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "harvest",
        help="harvest one source: crawl, download, extract, index",
        description="Harvest one registered source: crawl its meetings, agendas, registers and "
        "documents, download new or changed files, extract their text and index them. "
        "Without --since, a first run starts in 2010 and later runs re-check the last 30 days. "
        "Exit status 0 when everything succeeded, 1 when something failed, 2 when refused.",
    )
    parser.add_argument("key", help="Key of a registered source (see `vindplaats sources list`).")
    parser.add_argument("--since", type=iso_date, metavar="YYYY-MM-DD", help="Window start.")
    parser.add_argument("--until", type=iso_date, metavar="YYYY-MM-DD", help="Window end.")
    parser.add_argument("--json", action="store_true", help="Print the run record as JSON.")
    parser.set_defaults(func=run)


def _duration(run: HarvestRun) -> str:
    if run.ended_at is None:
        return ""
    seconds = (run.ended_at - run.started_at).total_seconds()
    return f", {seconds:.1f} s" if seconds < 120 else f", {seconds / 60:.1f} min"


def summary(run: HarvestRun) -> str:
    counts = run.counts
    lines = [
        f"Harvest of {run.source_key}: {run.status.value.upper()} (run {run.id}{_duration(run)})"
    ]
    if run.window_from or run.window_until:
        lines.append(f"  {'window':<11} {run.window_from} .. {run.window_until}")
    for label, keys in LINES:
        parts = [f"{counts.get(k, 0)} {name}" for k, name in keys if counts.get(k) or k in ALWAYS]
        if parts:
            lines.append(f"  {label:<11} {', '.join(parts)}")
    stored = [
        f"{n} {k.removeprefix('stored_').replace('_', ' ')}"
        for k, n in sorted(counts.items())
        if k.startswith("stored_") and n
    ]
    if stored:
        lines.append(f"  {'in store':<11} {', '.join(stored)}")
    if run.errors:
        lines.append(f"  errors ({len(run.errors)}):")
        lines += [f"    - {clean(e)}" for e in run.errors[:ERRORS_SHOWN]]
        if len(run.errors) > ERRORS_SHOWN:
            lines.append(f"    ... and {len(run.errors) - ERRORS_SHOWN} more (see --json)")
    return "\n".join(lines)


FAILURES = (
    ("download_failed", "download failed", "downloads failed"),
    ("refused", "URL refused", "URLs refused"),
    ("extraction_failed", "extraction failed", "extractions failed"),
    ("index_failed", "document not indexed", "documents not indexed"),
    ("errors", "crawl error", "crawl errors"),
)


def what_failed(run: HarvestRun) -> str:
    if run.status == RunStatus.FAILED:
        return clean(run.errors[-1]) if run.errors else "no reason recorded"
    parts = [
        f"{run.counts[key]} {one if run.counts[key] == 1 else many}"
        for key, one, many in FAILURES
        if run.counts.get(key)
    ]
    return ", ".join(parts) if parts else f"{len(run.errors)} errors"


def _last_run_id(settings: Settings, key: str) -> int | None:
    store = open_store(settings)
    try:
        run = store.last_run(key)
    finally:
        store.close()
    return run.id if run else None


def _failed_run(settings: Settings, key: str, before: int | None) -> HarvestRun | None:
    """The run the pipeline recorded as failed before raising, if it got that far."""
    store = open_store(settings)
    try:
        run = store.last_run(key)
    finally:
        store.close()
    if run is None or run.id == before or run.status != RunStatus.FAILED:
        return None
    return run


def run_harvest(
    settings: Settings,
    key: str,
    since: date | None,
    until: date | None,
    label: str | None = None,
) -> HarvestRun:
    """Run the pipeline with a progress display on stderr.

    When the run fails as a whole after it started, the pipeline records it and raises; the
    recorded (failed) run is returned so it can be summarised. Refusals before the start
    (unknown source, unsafe URL) are raised.
    """
    from vindplaats.leasing import holding, new_holder, source_lease
    from vindplaats.pipeline import harvest
    from vindplaats.store import open_store

    before = _last_run_id(settings, key)
    progress = Progress(label or key)
    store = open_store(settings)
    try:
        # the same lease the workers take: a source is never harvested twice at once
        with holding(settings, store, source_lease(key), holder=new_holder("cli")):
            return harvest(settings, key, since=since, until=until, on_progress=progress)
    except Exception:
        failed = _failed_run(settings, key, before)
        if failed is None:
            raise
        return failed
    finally:
        progress.finish()
        store.close()


def run(args: argparse.Namespace, settings: Settings) -> int:
    from vindplaats.pipeline import LOOK_AHEAD

    until = args.until or date.today() + LOOK_AHEAD
    if args.since and args.since > until:
        raise UsageError(f"--since {args.since} is after the end of the window ({until})")
    result = run_harvest(settings, args.key, args.since, args.until)
    if args.json:
        print_json(result.model_dump(mode="json"))
    else:
        print(summary(result))
    if result.status == RunStatus.OK:
        return 0
    outcome = "failed" if result.status == RunStatus.FAILED else f"was {result.status.value}"
    error(f"harvest of {args.key} {outcome}: {what_failed(result)}")
    return 1
