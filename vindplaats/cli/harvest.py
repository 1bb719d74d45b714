"""`vindplaats harvest KEY`: one harvest run with live progress, then a summary.

Exit status: 0 when the run is ok, 1 when it is partial or failed (the message says what failed),
2 when it was refused before starting (unknown source, unsafe URL).
"""

from __future__ import annotations

import argparse
from datetime import date, timedelta
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
        (
            ("extraction_ok", "ok"),
            ("extraction_truncated", "truncated"),
            ("extraction_empty", "empty"),
            ("extraction_failed", "failed"),
        ),
    ),
    ("indexed", (("indexed", "documents"), ("index_failed", "failed"))),
    (
        "dossiers",
        (
            ("dossiers", "Woo-besluiten"),
            ("dossiers_changed", "changed"),
            ("dossier_rows_joined", "inventory rows joined"),
            ("dossier_inventory_failed", "unreadable inventories"),
            ("withdrawn_dossiers", "withdrawn"),
        ),
    ),
    ("changed", (("modified_items", "outside the window"),)),
    (
        "withdrawn",
        (
            ("withdrawn_meetings", "meetings"),
            ("withdrawn_agenda_items", "agenda items"),
            ("withdrawn_documents", "documents"),
            ("withdrawn_register_entries", "register entries"),
        ),
    ),
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
        "Without --since, a first run starts in 2010 (VINDPLAATS_BACKFILL_FROM); later runs "
        "re-check 30 days back (further back to the last run when that is older) to 60 days "
        "ahead, fetch what changed outside that window since the source's watermark, and mark "
        "what disappeared from the window withdrawn. --full harvests the whole history in "
        "chunks, resuming an interrupted backfill. "
        "Exit status 0 when everything succeeded, 1 when something failed, 2 when refused.",
    )
    parser.add_argument("key", help="Key of a registered source (see `vindplaats sources list`).")
    parser.add_argument("--since", type=iso_date, metavar="YYYY-MM-DD", help="Window start.")
    parser.add_argument("--until", type=iso_date, metavar="YYYY-MM-DD", help="Window end.")
    parser.add_argument(
        "--full",
        action="store_true",
        help="Harvest the whole history (VINDPLAATS_BACKFILL_FROM to 60 days ahead) in chunks of "
        "VINDPLAATS_BACKFILL_CHUNK_MONTHS months, oldest first; an interrupted backfill resumes "
        "at its first unfinished chunk.",
    )
    parser.add_argument(
        "--restart", action="store_true", help="With --full: start the backfill over."
    )
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
    """The run the harvest recorded as failed before raising, if it got that far."""
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
    *,
    full: bool = False,
    restart: bool = False,
    chunks: list[tuple[str, int]] | None = None,
) -> HarvestRun:
    """Run the harvest with a progress display on stderr.

    When the run fails as a whole after it started, the harvest records it and raises; the
    recorded (failed) run is returned so it can be summarised. Refusals before the start
    (unknown source, unsafe URL) are raised. With `full`, the backfill's chunks are shown as
    "chunk i/n" and appended to `chunks` as (chunk label, run id) when done.
    """
    from vindplaats.harvest.run import harvest
    from vindplaats.leasing import holding, new_holder, source_lease
    from vindplaats.store import open_store

    before = _last_run_id(settings, key)
    progress = Progress(label or key)

    def on_progress(phase: str, data: dict[str, Any]) -> None:
        where = f"chunk {data.get('chunk')}/{data.get('chunks')}"
        if phase == "backfill":
            progress.label = f"{label or key} {where} ({data['from']} .. {data['until']})"
        elif phase == "backfill_chunk_done" and chunks is not None:
            chunks.append((where, int(data["run_id"])))
        else:
            progress(phase, data)

    store = open_store(settings)
    try:
        # the same lease the workers take: a source is never harvested twice at once
        with holding(settings, store, source_lease(key), holder=new_holder("cli")):
            return harvest(
                settings,
                key,
                since=since,
                until=until,
                on_progress=on_progress,
                full=full,
                restart=restart,
            )
    except Exception:
        failed = _failed_run(settings, key, before)
        if failed is None:
            raise
        return failed
    finally:
        progress.finish()
        store.close()


def run(args: argparse.Namespace, settings: Settings) -> int:
    if args.full:
        if args.since or args.until:
            raise UsageError("--full covers the whole history: leave out --since and --until")
        return run_full(args, settings)
    if args.restart:
        raise UsageError("--restart goes with --full")
    until = args.until or date.today() + timedelta(days=settings.recheck_days_ahead)
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


def run_full(args: argparse.Namespace, settings: Settings) -> int:
    """`harvest KEY --full`: every chunk's outcome, then whether the backfill is complete."""
    chunks: list[tuple[str, int]] = []
    last = run_harvest(
        settings, args.key, None, None, full=True, restart=args.restart, chunks=chunks
    )
    store = open_store(settings)
    try:
        runs = [(where, store.get_run(run_id)) for where, run_id in chunks]
        if last.id not in [run.id for _, run in runs]:  # it raised: no "done" event
            runs.append(("chunk ?", last))
        cursor = store.get_backfill(args.key)
    finally:
        store.close()
    finished = cursor is not None and cursor.finished
    if args.json:
        print_json(
            {
                "backfill": cursor.model_dump(mode="json") if cursor else None,
                "runs": [run.model_dump(mode="json") for _, run in runs],
            }
        )
    else:
        print(backfill_summary(args.key, runs, finished, cursor.next_from if cursor else None))
    if finished and all(run.status == RunStatus.OK for _, run in runs):
        return 0
    if not finished:
        error(
            f"backfill of {args.key} stopped: {what_failed(last)}; "
            f"run `vindplaats harvest {args.key} --full` again to resume"
        )
    else:
        error(f"backfill of {args.key} completed, but a chunk {last.status.value}")
    return 1


def backfill_summary(
    key: str, runs: list[tuple[str, HarvestRun]], finished: bool, next_from: date | None
) -> str:
    state = "complete" if finished else f"unfinished, resumes at {next_from}"
    lines = [f"Backfill of {key}: {state} ({len(runs)} chunk runs this time)"]
    for where, run in runs:
        counts = run.counts
        found = ", ".join(f"{counts.get(k, 0)} {name}" for k, name in KINDS[2:5])
        lines.append(
            f"  {where:<12} {run.window_from} .. {run.window_until}  "
            f"{run.status.value.upper():<7} run {run.id}: {found}, "
            f"{counts.get('documents_downloaded', 0)} downloaded, "
            f"{counts.get('withdrawn', 0)} withdrawn"
        )
        lines += [f"    - {clean(e)}" for e in run.errors[:3]]
    return "\n".join(lines)
