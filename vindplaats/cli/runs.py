"""`vindplaats runs list [KEY] | show ID`: the recorded harvest runs, newest first, and one run
in full (window, counts, every recorded error; error text is bounded by the store)."""

from __future__ import annotations

import argparse
from typing import Any

from vindplaats.cli.harvest import summary
from vindplaats.cli.output import clean, print_json, table
from vindplaats.settings import Settings
from vindplaats.store import open_store
from vindplaats.store.models import HarvestRun

FAILURES = ("download_failed", "refused", "extraction_failed", "index_failed")


def positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"not a positive whole number: {value!r}")
    return number


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "runs",
        help="list harvest runs, or show one in full",
        description="The recorded harvest runs of every source (or one): when, how long, the "
        "outcome and what was found, downloaded and failed.",
    )
    sub = parser.add_subparsers(dest="runs_command", metavar="{list,show}", required=True)
    listing = sub.add_parser(
        "list",
        help="the newest harvest runs (of one source, or all)",
        description="The newest harvest runs, newest first: id, source, start (UTC), duration, "
        "status and a summary of the counts.",
    )
    listing.add_argument("key", nargs="?", help="Only the runs of this source.")
    listing.add_argument(
        "--limit", type=positive, default=20, help="How many runs at most (default: 20)."
    )
    listing.add_argument("--json", action="store_true", help="Print JSON instead of a table.")
    listing.set_defaults(func=run_list)
    show = sub.add_parser(
        "show",
        help="one harvest run in full",
        description="One harvest run: source, window, start and end, status, every count and "
        "every recorded error.",
    )
    show.add_argument("id", type=positive, help="The run id (see `vindplaats runs list`).")
    show.add_argument("--json", action="store_true", help="Print the run as JSON.")
    show.set_defaults(func=run_show)


def duration(run: HarvestRun) -> str:
    if run.ended_at is None:
        return "running" if run.status.value == "running" else ""
    seconds = (run.ended_at - run.started_at).total_seconds()
    if seconds < 120:
        return f"{seconds:.1f} s"
    if seconds < 7200:
        return f"{seconds / 60:.1f} min"
    return f"{seconds / 3600:.1f} h"


def counts_summary(run: HarvestRun) -> str:
    counts = run.counts
    failed = sum(counts.get(name, 0) for name in FAILURES)
    parts = [
        f"{counts.get('meetings', 0)} meetings",
        f"{counts.get('documents', 0)} documents",
        f"{counts.get('documents_downloaded', 0)} downloaded",
        f"{failed} failed",
    ]
    if run.errors:
        parts.append(f"{len(run.errors)} errors")
    return ", ".join(parts)


def run_list(args: argparse.Namespace, settings: Settings) -> int:
    store = open_store(settings)
    try:
        if args.key is not None:
            store.get_source(args.key)  # NotFound (exit 2) for an unknown key
        runs = store.list_runs(args.key, limit=args.limit)
    finally:
        store.close()
    if args.json:
        print_json([run.model_dump(mode="json") for run in runs])
        return 0
    if not runs:
        what = f"source {args.key}" if args.key else "any source"
        print(f"no harvest runs of {what} yet; start one with `vindplaats harvest KEY`")
        return 0
    rows = [
        [
            run.id,
            run.source_key,
            f"{run.started_at:%Y-%m-%d %H:%M}",
            duration(run),
            run.status.value,
            counts_summary(run),
        ]
        for run in runs
    ]
    print(table(["id", "source", "started (UTC)", "duration", "status", "summary"], rows))
    return 0


def run_show(args: argparse.Namespace, settings: Settings) -> int:
    store = open_store(settings)
    try:
        run = store.get_run(args.id)  # NotFound (exit 2) for an unknown id
    finally:
        store.close()
    if args.json:
        print_json(run.model_dump(mode="json"))
        return 0
    lines = summary(run.model_copy(update={"errors": []})).splitlines()
    ended = f"{run.ended_at:%Y-%m-%d %H:%M:%S} UTC" if run.ended_at else "not yet"
    lines.insert(1, f"  {'started':<11} {run.started_at:%Y-%m-%d %H:%M:%S} UTC, ended {ended}")
    other = sorted(k for k in run.counts if not _shown(k))
    if other:
        lines.append(f"  {'other':<11} " + ", ".join(f"{k} {run.counts[k]}" for k in other))
    if run.errors:
        lines.append(f"  errors ({len(run.errors)}):")
        lines += [f"    - {clean(e)}" for e in run.errors]
    else:
        lines.append("  errors      none")
    print("\n".join(lines))
    return 0


def _shown(key: str) -> bool:
    from vindplaats.cli.harvest import LINES

    return key.startswith("stored_") or any(key == k for _, keys in LINES for k, _ in keys)


__all__ = ["register"]
