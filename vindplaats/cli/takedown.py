"""`vindplaats takedown ID --reason TEXT`, `vindplaats restore ID` and `vindplaats takedowns
list`: taking a record offline at the command line (`vindplaats.operations.takedown`).

The record leaves every output of a running server at once (the server reads the takedowns on
each request); this command also removes it from the search index right away, or, when a
harvest holds the index writer, leaves that to the next index pass (it says so). Both are
written to the audit log with the actor `cli` (or `--actor`). A missing or unusable reason and an
unknown id exit 2.
"""

from __future__ import annotations

import argparse
from typing import Any

from vindplaats.cli.output import clean, error, note, print_json, table
from vindplaats.engine import open_engine
from vindplaats.errors import EngineError
from vindplaats.operations.takedown import TakedownRefused, reindex, restore, take_down
from vindplaats.settings import Settings
from vindplaats.store import open_store
from vindplaats.store.sql_privacy import Takedown


def register(commands: Any) -> None:
    down = commands.add_parser(
        "takedown",
        help="take a document (or any record) offline",
        description="Take a record offline: it leaves search, the API (410 Gone), feeds, "
        "exports and the ORI and Woo-index outputs at once and stays in the store; a later "
        "harvest does not bring it back. `vindplaats restore ID` brings it back.",
    )
    down.add_argument("id", help="The record id, e.g. document:notubiz:alkmaar:6183601.")
    down.add_argument("--reason", required=True, help="Why (required; kept and audited).")
    down.add_argument("--actor", default="cli", help="Who does it, for the audit log.")
    down.set_defaults(func=run_takedown)
    back = commands.add_parser("restore", help="bring a taken-down record back")
    back.add_argument("id", help="The record id.")
    back.add_argument("--actor", default="cli", help="Who does it, for the audit log.")
    back.set_defaults(func=run_restore)
    listing = commands.add_parser("takedowns", help="records taken down: list")
    sub = listing.add_subparsers(dest="takedowns_command", metavar="{list}", required=True)
    shown = sub.add_parser("list", help="the records taken down now, newest first")
    shown.add_argument("--all", action="store_true", help="Also the restored ones.")
    shown.add_argument("--json", action="store_true", help="Print JSON instead of a table.")
    shown.set_defaults(func=run_list)


def as_json(found: Takedown) -> dict[str, Any]:
    return {
        "id": found.record_id,
        "source_key": found.source_key,
        "reason": found.reason,
        "taken_by": found.taken_by,
        "taken_at": found.taken_at.isoformat(),
        "restored_at": None if found.restored_at is None else found.restored_at.isoformat(),
        "restored_by": found.restored_by,
    }


def _index_now(settings: Settings, store: Any, record_id: str) -> bool:
    try:
        engine = open_engine(settings)
    except EngineError:
        return False
    try:
        return reindex(store, engine, record_id)
    finally:
        engine.close()


def run_takedown(args: argparse.Namespace, settings: Settings) -> int:
    store = open_store(settings)
    try:
        try:
            found = take_down(store, args.id, reason=args.reason, actor=args.actor)
        except TakedownRefused as exc:
            error(str(exc))
            return 2
        print(f"taken down: {clean(found.record_id)} ({clean(found.reason)})")
        if not _index_now(settings, store, found.record_id):
            note("the search index is busy: the next index pass removes it from the index")
        return 0
    finally:
        store.close()


def run_restore(args: argparse.Namespace, settings: Settings) -> int:
    store = open_store(settings)
    try:
        found = restore(store, args.id, actor=args.actor)
        print(f"restored: {clean(found.takedown.record_id)}")
        if not _index_now(settings, store, found.takedown.record_id):
            note("the search index is busy: the next index pass puts it back in the index")
        return 0
    finally:
        store.close()


def run_list(args: argparse.Namespace, settings: Settings) -> int:
    store = open_store(settings)
    try:
        found = store.takedowns(active=None if args.all else True, limit=1_000)
    finally:
        store.close()
    if args.json:
        print_json([as_json(t) for t in found])
        return 0
    if not found:
        print("no records taken down")
        return 0
    rows = [
        [
            t.record_id,
            t.taken_at.strftime("%Y-%m-%d %H:%M"),
            t.taken_by,
            "restored" if t.restored_at else "down",
            t.reason[:60],
        ]
        for t in found
    ]
    print(table(["id", "taken", "by", "state", "reason"], rows))
    return 0


__all__ = ["register"]
