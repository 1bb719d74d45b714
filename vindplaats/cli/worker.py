"""`vindplaats worker`: a harvester worker that harvests due sources under a lease.

Run as many as you like against one PostgreSQL store (or a few processes on one machine with
SQLite). SIGTERM (or Ctrl-C) stops it after the harvest in progress. Exit status: 0 when every
harvest completed (ok or partial), 1 when one failed as a whole.
"""

from __future__ import annotations

import argparse
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from vindplaats.cli.output import print_json
from vindplaats.operations.workers import WorkerSummary, run_worker
from vindplaats.settings import Settings
from vindplaats.store.models import RunStatus


def positive(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if not number > 0:
        raise argparse.ArgumentTypeError(f"must be more than 0: {value!r}")
    return number


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "worker",
        help="harvest due sources, one at a time, alongside other workers",
        description="Harvest every source that is due (never harvested, or its interval "
        "VINDPLAATS_HARVEST_INTERVAL has passed), holding a lease on it so no other worker "
        "harvests it at the same time, then schedule its next harvest. Runs until stopped "
        "(SIGTERM stops it after the harvest in progress); --once stops when nothing is due.",
    )
    loop_options(
        parser,
        "worker",
        once="Stop when no source is due.",
        poll=(5.0, "Seconds between looks for due sources when idle (default: 5)."),
        json="Print the summary as JSON.",
    )
    parser.set_defaults(func=run)


def loop_options(
    parser: argparse.ArgumentParser, role: str, *, once: str, poll: tuple[float, str], json: str
) -> None:
    """The options of a command that loops (`worker`, `scheduler`): `--once`, `--id` (stored as
    `<role>_id`), `--poll-interval` (default and help in `poll`) and `--json`."""
    parser.add_argument("--once", action="store_true", help=once)
    parser.add_argument(
        "--id",
        dest=f"{role}_id",
        metavar="ID",
        help=f"{role.capitalize()} id (default: host, pid, random).",
    )
    default, help_text = poll
    parser.add_argument(
        "--poll-interval", type=positive, default=default, metavar="SECONDS", help=help_text
    )
    parser.add_argument("--json", action="store_true", help=json)


@contextmanager
def stop_on_sigterm() -> Iterator[threading.Event]:
    """An event set by SIGTERM while the block runs (main thread only)."""
    stop = threading.Event()
    if threading.current_thread() is not threading.main_thread():
        yield stop
        return
    previous = signal.signal(signal.SIGTERM, lambda signum, frame: stop.set())
    try:
        yield stop
    finally:
        signal.signal(signal.SIGTERM, previous)


def summary(result: WorkerSummary) -> str:
    lines = [f"worker {result.worker_id}: {len(result.runs)} harvests"]
    for run in result.runs:
        detail = f"run {run.run_id}" if run.run_id is not None else "no run"
        if run.error:
            detail += f": {run.error}"
        if run.lease_lost:
            detail += " (lease lost to another worker)"
        lines.append(f"  {run.source_key:<24} {run.status.value:<8} {detail}")
    return "\n".join(lines)


def run(args: argparse.Namespace, settings: Settings) -> int:
    with stop_on_sigterm() as stop:
        result = run_worker(
            settings,
            worker_id=args.worker_id,
            once=args.once,
            poll_interval=args.poll_interval,
            stop=stop,
        )
    if args.json:
        print_json(result.model_dump(mode="json"))
    else:
        print(summary(result))
    return 1 if any(r.status == RunStatus.FAILED for r in result.runs) else 0


__all__ = ["register"]
