"""`vindplaats registrations list|show|approve|reject`: the sources organisations registered
themselves (`vindplaats.operations.registration`), for an admin at the command line.

`approve` adds the source to the registry, links it to its organisation and makes it due at
once; `reject` needs `--reason`. Both are written to the audit log with the actor `cli` (or
`--actor`). A step that does not fit the registration's state exits 2, as an unknown id does.
The source's token is never printed.
"""

from __future__ import annotations

import argparse
from typing import Any

from vindplaats.cli.output import clean, error, print_json, table
from vindplaats.operations.registration import (
    RegistrationConflict,
    approve,
    registration,
    reject,
)
from vindplaats.operations.registration_fields import shown_config
from vindplaats.settings import Settings
from vindplaats.store import open_store
from vindplaats.store.sql_registrations import STATUSES, Registration


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "registrations",
        help="sources organisations registered: list, show, approve, reject",
        description="The source systems organisations' editors registered on the web or over "
        "the API, with their verification dry-run; an admin approves (the source joins the "
        "registry and is harvested at the next worker pass) or rejects them.",
    )
    sub = parser.add_subparsers(
        dest="registrations_command", metavar="{list,show,approve,reject}", required=True
    )
    listing = sub.add_parser("list", help="registrations, newest change first")
    listing.add_argument("--status", choices=STATUSES, help="Only those in this state.")
    listing.add_argument("--organisation", help="Only those of this organisation (its key).")
    listing.add_argument("--json", action="store_true", help="Print JSON instead of a table.")
    listing.set_defaults(func=run_list)
    show = sub.add_parser("show", help="one registration with its verification")
    show.add_argument("id", help="The registration id (see `vindplaats registrations list`).")
    show.add_argument("--json", action="store_true", help="Print the registration as JSON.")
    show.set_defaults(func=run_show)
    for name, helptext in (("approve", "approve a submitted registration"),
                           ("reject", "reject a submitted registration")):  # fmt: skip
        step = sub.add_parser(name, help=helptext)
        step.add_argument("id", help="The registration id.")
        step.add_argument("--actor", default="cli", help="Who decides, for the audit log.")
        if name == "reject":
            step.add_argument("--reason", required=True, help="Why, as the editor will read it.")
        step.set_defaults(func=run_approve if name == "approve" else run_reject)


def as_json(found: Registration) -> dict[str, Any]:
    """A registration for people and programs: the token masked."""
    return {
        "id": found.id,
        "organisation": found.organisation_key,
        "source_key": found.source_key,
        "status": found.status,
        "source": shown_config(found),
        "verification": found.verification,
        "created_by": found.created_by,
        "created_at": found.created_at.isoformat(),
        "updated_at": found.updated_at.isoformat(),
        "verified_at": _iso(found.verified_at),
        "submitted_at": _iso(found.submitted_at),
        "decided_at": _iso(found.decided_at),
        "decided_by": found.decided_by,
        "decision_reason": found.decision_reason,
    }


def _iso(value: Any) -> str | None:
    return None if value is None else str(value.isoformat())


def _seen(found: Registration) -> str:
    verification = found.verification or {}
    if not verification:
        return ""
    records = verification.get("records") or {}
    text = f"{records.get('meeting', 0)} meetings, {records.get('document', 0)} documents"
    return text + (" (fatal)" if verification.get("fatal") else "")


def run_list(args: argparse.Namespace, settings: Settings) -> int:
    store = open_store(settings)
    try:
        found = store.list_registrations(args.organisation, (args.status,) if args.status else ())
    finally:
        store.close()
    if args.json:
        print_json([as_json(r) for r in found])
        return 0
    if not found:
        print("no registrations")
        return 0
    rows = [
        (
            r.id,
            r.organisation_key,
            r.source_key,
            r.status,
            f"{r.updated_at:%Y-%m-%d %H:%M}",
            _seen(r),
        )
        for r in found
    ]
    print(table(("id", "organisation", "source", "status", "changed", "verification"), rows))
    return 0


def run_show(args: argparse.Namespace, settings: Settings) -> int:
    store = open_store(settings)
    try:
        found = registration(store, args.id)
    finally:
        store.close()
    data = as_json(found)
    if args.json:
        print_json(data)
        return 0
    for name in ("id", "organisation", "source_key", "status", "created_by", "created_at",
                 "submitted_at", "decided_by", "decision_reason"):  # fmt: skip
        if data[name] is not None:
            print(f"{name}: {clean(data[name])}")
    for name, value in data["source"].items():
        if value is not None:
            print(f"source.{name}: {clean(value)}")
    _print_verification(found.verification)
    return 0


def _print_verification(verification: dict[str, Any] | None) -> None:
    if not verification:
        print("verification: none yet")
        return
    print(f"verification: {clean(verification.get('status'))}, {_seen_text(verification)}")
    if verification.get("fatal_error"):
        print(f"  fatal: {clean(verification['fatal_error'])}")
    if verification.get("note"):
        print(f"  note: {clean(verification['note'])}")
    for meeting in verification.get("meetings") or []:
        print(f"  {clean(meeting.get('date'))}  {clean(meeting.get('title'))}")
    for line in verification.get("errors") or []:
        print(f"  error: {clean(line)}")


def _seen_text(verification: dict[str, Any]) -> str:
    records = verification.get("records") or {}
    return ", ".join(f"{n} {name}" for name, n in records.items()) or "nothing seen"


def _decide(args: argparse.Namespace, settings: Settings, approved: bool) -> int:
    store = open_store(settings)
    try:
        found = registration(store, args.id)
        try:
            if approved:
                decided = approve(store, found, args.actor)
            else:
                decided = reject(store, found, args.actor, args.reason)
        except RegistrationConflict as exc:
            error(str(exc))
            return 2
    finally:
        store.close()
    if approved:
        print(f"approved {decided.id}: source {decided.source_key} added, due for harvesting")
    else:
        print(f"rejected {decided.id} ({decided.source_key})")
    return 0


def run_approve(args: argparse.Namespace, settings: Settings) -> int:
    return _decide(args, settings, True)


def run_reject(args: argparse.Namespace, settings: Settings) -> int:
    return _decide(args, settings, False)
