"""`vindplaats heartbeats`: which workers and schedulers are alive, by their heartbeat in the
store (see `vindplaats.heartbeat`). `--check ROLE` is the container health check: exit status 1
when the freshest heartbeat of ROLE on this host is older than VINDPLAATS_HEARTBEAT_MAX_AGE.
"""

from __future__ import annotations

import argparse

from vindplaats.cli.output import error, print_json, table
from vindplaats.heartbeat import ROLES, beat_host, check, heartbeats
from vindplaats.settings import Settings
from vindplaats.store import open_store


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "heartbeats",
        help="list the workers and schedulers by their last heartbeat (hung ones stand out)",
        description="List every worker and scheduler heartbeat in the store: role, host, id, "
        "seconds since its last beat, and 'hung' once that is over "
        "VINDPLAATS_HEARTBEAT_MAX_AGE. A process that stopped cleanly is not listed; a dead "
        "one is listed as hung for a day. With --check ROLE: exit status 1 unless a ROLE "
        "process on this host beat recently (the container health check).",
    )
    parser.add_argument(
        "--check", choices=ROLES, metavar="ROLE", help="Check this host's worker or scheduler."
    )
    parser.add_argument("--json", action="store_true", help="Print JSON instead of a table.")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    limit = settings.heartbeat_max_age
    store = open_store(settings)
    try:
        if args.check:
            problem = check(store, args.check, limit)
            if problem:
                error(f"unhealthy: {problem}")
                return 1
            print(f"healthy: {args.check} heartbeat within {limit:g} s")
            return 0
        beats = heartbeats(store)
    finally:
        store.close()
    rows = [
        {
            "role": beat.name.split(":")[1],
            "host": beat_host(beat),
            "id": beat.holder,
            "age": round(beat.age, 1),
            "state": "hung" if beat.age > limit else "alive",
        }
        for beat in beats
    ]
    if args.json:
        print_json(rows)
    elif not rows:
        print("no heartbeats: no worker or scheduler is running")
    else:
        print(table(["role", "host", "id", "age", "state"], [list(r.values()) for r in rows]))
    return 0
