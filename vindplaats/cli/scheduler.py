"""`vindplaats scheduler`: marks sources due when their interval has passed and reports the
stale, failing and interrupted ones (see `vindplaats.operations.scheduler`). Exit status 0.
"""

from __future__ import annotations

import argparse

from vindplaats.cli.output import print_json
from vindplaats.cli.worker import loop_options, stop_on_sigterm
from vindplaats.operations.scheduler import SchedulerReport, run_scheduler
from vindplaats.settings import Settings


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "scheduler",
        help="mark sources due for the workers; report stale and failing sources",
        description="Every --poll-interval seconds: make each source whose harvest interval "
        "(its own, or VINDPLAATS_HARVEST_INTERVAL) has passed due for the workers, and log the "
        "sources that are stale (no completed harvest within twice their interval), failing "
        "(latest runs failed) or interrupted. One scheduler acts at a time; --once runs one pass.",
    )
    loop_options(
        parser,
        "scheduler",
        once="Run one pass, then stop.",
        poll=(60.0, "Seconds between passes (default: 60)."),
        json="Print the report as JSON.",
    )
    parser.set_defaults(func=run)


def summary(report: SchedulerReport) -> str:
    lines = [f"scheduler: {report.ticks} passes ({report.skipped} skipped: another scheduler)"]
    for label, keys in (
        ("marked due", report.marked_due),
        ("stale", report.stale),
        ("interrupted", report.interrupted),
    ):
        lines.append(f"  {label:<12} {', '.join(keys) if keys else '-'}")
    failing = [f"{key} ({n} failed runs)" for key, n in sorted(report.failing.items())]
    lines.append(f"  {'failing':<12} {', '.join(failing) if failing else '-'}")
    return "\n".join(lines)


def run(args: argparse.Namespace, settings: Settings) -> int:
    with stop_on_sigterm() as stop:
        report = run_scheduler(
            settings,
            once=args.once,
            poll_interval=args.poll_interval,
            stop=stop,
            scheduler_id=args.scheduler_id,
        )
    if args.json:
        print_json(report.model_dump(mode="json"))
    else:
        print(summary(report))
    return 0


__all__ = ["register"]
