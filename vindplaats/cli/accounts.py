"""`vindplaats accounts create-admin|invite|link|list|disable|enable|unlock`: the accounts of
the signed-in pages, at the command line (`vindplaats.accounts.people`).

There are no default credentials: the first admin is made here. `create-admin`, `invite` and
`link` print a one-time link (valid 7 days) that sets the account's password and signs it in:
a full URL on `VINDPLAATS_PUBLIC_BASE_URL` (or `--base-url`), else the path to open on the
server's address. The link goes to stdout only and is never logged. Every change is written to
the audit log with the actor `cli`. An unknown or bad email address, an unknown organisation and
an editor without one exit 2.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from vindplaats.accounts import people
from vindplaats.accounts.people import AccountError, Invitation
from vindplaats.cli.output import clean, error, print_json, table
from vindplaats.settings import Settings
from vindplaats.store import Store, open_store
from vindplaats.store.sql_accounts import Account

ACTOR = "cli"
DAYS = round(people.LINK_TTL / 86400)
COMMANDS = ("create-admin", "invite", "link", "list", "disable", "enable", "unlock")


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "accounts",
        help="accounts: create-admin, invite, link, list, disable, enable, unlock",
        description="The people who sign in: admins (all organisations, approving sources) and "
        "editors of one organisation. There are no default credentials: create the first admin "
        "here. New accounts and forgotten passwords get a one-time link, printed once.",
    )
    sub = parser.add_subparsers(
        dest="accounts_command", metavar="{" + ",".join(COMMANDS) + "}", required=True
    )
    admin = sub.add_parser("create-admin", help="an admin account and its one-time link")
    admin.add_argument("email", help="The admin's email address (it signs in with it).")
    _base_url_option(admin)
    admin.set_defaults(func=run_create_admin)
    invite = sub.add_parser("invite", help="an editor of one organisation and its one-time link")
    invite.add_argument("email", help="The editor's email address.")
    invite.add_argument(
        "--organisation",
        metavar="KEY",
        help="The organisation (the key of its home source, e.g. voorbeeldstad); required.",
    )
    _base_url_option(invite)
    invite.set_defaults(func=run_invite)
    link = sub.add_parser("link", help="a fresh one-time link for an account (lost password)")
    link.add_argument("email", help="The account's email address.")
    _base_url_option(link)
    link.set_defaults(func=run_link)
    listing = sub.add_parser("list", help="every account: role, organisation, state, sign-in")
    listing.add_argument("--json", action="store_true", help="Print JSON instead of a table.")
    listing.set_defaults(func=run_list)
    for name, helptext, func in (
        ("disable", "disable an account (its sessions end at once)", run_disable),
        ("enable", "enable a disabled account again", run_enable),
        ("unlock", "lift the lock after too many wrong passwords", run_unlock),
    ):
        step = sub.add_parser(name, help=helptext)
        step.add_argument("email", help="The account's email address.")
        step.set_defaults(func=func)


def _base_url_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--base-url",
        metavar="URL",
        help="The server's address the link is printed on (default: VINDPLAATS_PUBLIC_BASE_URL).",
    )


def _base_url(args: argparse.Namespace, settings: Settings) -> str | None:
    given: str | None = args.base_url
    if given is None:
        return settings.public_base_url
    parts = urlsplit(given.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query:
        raise AccountError(f"--base-url {given!r} is not an http(s) address such as "
                           "https://ori.example.nl")  # fmt: skip
    return given.strip().rstrip("/")


def _print_link(invitation: Invitation, base_url: str | None, what: str) -> None:
    """The link on stdout only: a full URL, or the path and where to open it."""
    if base_url is not None:
        print(f"One-time link to {what} (valid {DAYS} days, works once):")
        print(f"{base_url}{invitation.path()}")
        return
    print(
        f"One-time link to {what} (valid {DAYS} days, works once). Open it on this server's "
        "address (set VINDPLAATS_PUBLIC_BASE_URL or pass --base-url to print the full URL):"
    )
    print(invitation.path())


Step = Callable[[Store, "str | None"], None]


def _with_store(args: argparse.Namespace, settings: Settings, step: Step) -> int:
    """Run `step(store)`; an AccountError (a user's mistake) is one sentence and exit 2."""
    try:
        base_url = _base_url(args, settings) if hasattr(args, "base_url") else None
        store = open_store(settings)
        try:
            step(store, base_url)
        finally:
            store.close()
    except AccountError as exc:
        error(str(exc))
        return 2
    return 0


def _existing(store: Store, email: str) -> bool:
    """Whether the account exists (then the command makes a fresh link); a disabled one is
    refused, since no link signs it in."""
    found = store.account_by_email(email.strip())
    if found is not None and found.disabled:
        raise AccountError(f"{found.email} is disabled: enable it first")
    return found is not None


def run_create_admin(args: argparse.Namespace, settings: Settings) -> int:
    def step(store: Store, base_url: str | None) -> None:
        existed = _existing(store, args.email)
        made = people.invite(store, args.email, "admin", None, ACTOR)
        state = "exists already: a fresh link" if existed else "created"
        print(f"admin account {clean(made.account.email)} {state}")
        _print_link(made, base_url, "choose its password and sign in")

    return _with_store(args, settings, step)


def run_invite(args: argparse.Namespace, settings: Settings) -> int:
    if not args.organisation:
        error("an editor needs an organisation: give --organisation KEY (its home source's key)")
        return 2

    def step(store: Store, base_url: str | None) -> None:
        existed = _existing(store, args.email)
        made = people.invite(store, args.email, "editor", args.organisation, ACTOR)
        state = "exists already: a fresh link" if existed else "invited"
        org = made.account.organisation_key
        print(f"editor {clean(made.account.email)} of {clean(org)} {state}")
        _print_link(made, base_url, "choose a password and sign in")

    return _with_store(args, settings, step)


def run_link(args: argparse.Namespace, settings: Settings) -> int:
    def step(store: Store, base_url: str | None) -> None:
        made = people.new_link(store, people.account_of(store, args.email), ACTOR)
        print(f"a fresh link for {clean(made.account.email)} (earlier links still work once)")
        _print_link(made, base_url, "set a new password and sign in")

    return _with_store(args, settings, step)


def state_of(store: Store, account: Account) -> str:
    if account.disabled:
        return "disabled"
    if people.is_locked(store, account):
        assert account.locked_until is not None
        return f"locked until {account.locked_until:%Y-%m-%d %H:%M}"
    if account.password_hash is None:
        return "invited"
    return "active"


def as_json(store: Store, account: Account) -> dict[str, Any]:
    return {
        "email": account.email,
        "role": account.role,
        "organisation": account.organisation_key,
        "state": state_of(store, account).split(" ")[0],
        "disabled": account.disabled,
        "locked": people.is_locked(store, account),
        "locked_until": _iso(account.locked_until) if people.is_locked(store, account) else None,
        "failed_logins": account.failed_logins,
        "password_set": account.password_hash is not None,
        "created_at": _iso(account.created_at),
        "last_login_at": _iso(account.last_login_at),
    }


def _iso(value: Any) -> str | None:
    return None if value is None else str(value.isoformat())


def run_list(args: argparse.Namespace, settings: Settings) -> int:
    store = open_store(settings)
    try:
        found = store.list_accounts()
        if args.json:
            print_json([as_json(store, a) for a in found])
            return 0
        rows = [
            (
                a.email,
                a.role,
                a.organisation_key or "",
                state_of(store, a),
                "never" if a.last_login_at is None else f"{a.last_login_at:%Y-%m-%d %H:%M}",
            )
            for a in found
        ]
    finally:
        store.close()
    if not rows:
        print("no accounts: create the first admin with `vindplaats accounts create-admin EMAIL`")
        return 0
    print(table(("email", "role", "organisation", "state", "last sign-in"), rows))
    return 0


def _change(args: argparse.Namespace, settings: Settings, what: str) -> int:
    def step(store: Store, _: str | None) -> None:
        account = people.account_of(store, args.email)
        if what == "unlock":
            changed = people.unlock(store, account, ACTOR)
        else:
            changed = people.set_disabled(store, account, what == "disable", ACTOR)
        done = {"disable": "disabled", "enable": "enabled", "unlock": "unlocked"}[what]
        if changed:
            print(f"{clean(account.email)} {done}")
        elif what == "unlock":
            print(f"{clean(account.email)} was not locked")
        else:
            print(f"{clean(account.email)} was {done} already")

    return _with_store(args, settings, step)


def run_disable(args: argparse.Namespace, settings: Settings) -> int:
    return _change(args, settings, "disable")


def run_enable(args: argparse.Namespace, settings: Settings) -> int:
    return _change(args, settings, "enable")


def run_unlock(args: argparse.Namespace, settings: Settings) -> int:
    return _change(args, settings, "unlock")


__all__ = ["register"]
