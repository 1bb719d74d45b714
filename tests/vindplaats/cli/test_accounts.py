"""`vindplaats accounts ...` as an admin runs it: the printed one-time link works in the store,
every change is in the audit log with the actor `cli`, and mistakes exit 2 with one sentence."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.vindplaats.cli.runner import Result, run_cli
from vindplaats.accounts import credentials, people
from vindplaats.settings import load_settings
from vindplaats.store import Store, open_store

LINK = re.compile(r"^(?P<base>\S*)/uitnodiging/(?P<token>[A-Za-z0-9_-]{40,})$", re.MULTILINE)


@contextmanager
def opened(data_dir: Path) -> Iterator[Store]:
    store = open_store(load_settings(data_dir=data_dir))
    try:
        yield store
    finally:
        store.close()


def link_in(result: Result) -> tuple[str, str]:
    """The base the link was printed on ("" for a bare path) and its token."""
    assert result.code == 0, result.out + result.err
    found = LINK.findall(result.out)
    assert len(found) == 1, result.out
    return found[0]


def audit(data_dir: Path) -> list[tuple[str, str, str, str | None]]:
    with opened(data_dir) as store:
        return [(e.actor, e.action, e.subject, e.organisation_key) for e in store.audit_entries()]


def account_rows(data_dir: Path) -> dict[str, dict[str, object]]:
    listed = run_cli("accounts", "list", "--json", data_dir=data_dir)
    assert listed.code == 0, listed.err
    return {row["email"]: row for row in json.loads(listed.out)}


def refused(result: Result, sentence: str) -> None:
    assert result.code == 2, result.out + result.err
    assert result.err == f"vindplaats: error: {sentence}\n"
    assert "/uitnodiging/" not in result.out


def test_create_admin_prints_a_working_one_time_link(tmp_path: Path) -> None:
    assert "no accounts" in run_cli("accounts", "list", data_dir=tmp_path).out
    made = run_cli("accounts", "create-admin", "Beheer@Example.NL", data_dir=tmp_path)
    base, token = link_in(made)
    assert base == ""  # no public address known: the path, and where to open it
    assert "admin account beheer@example.nl created" in made.out
    assert "Open it on this server's address" in made.out and "valid 7 days" in made.out
    assert token not in made.err
    with opened(tmp_path) as store:
        account = store.account_by_email("beheer@example.nl")
        assert account is not None and account.role == "admin"
        assert account.organisation_key is None and account.password_hash is None
        assert store.link_valid(credentials.token_hash(token)) == account.id
    assert audit(tmp_path) == [("cli", "account.invite", "beheer@example.nl", None)]
    row = account_rows(tmp_path)["beheer@example.nl"]
    assert (row["role"], row["organisation"], row["state"]) == ("admin", None, "invited")
    assert row["last_login_at"] is None and row["password_set"] is False
    table = run_cli("accounts", "list", data_dir=tmp_path).out.splitlines()
    assert table[0].split() == ["EMAIL", "ROLE", "ORGANISATION", "STATE", "LAST", "SIGN-IN"]
    assert table[1].split() == ["beheer@example.nl", "admin", "invited", "never"]


def test_the_link_is_a_full_url_on_the_public_address_or_base_url(tmp_path: Path) -> None:
    public = {"VINDPLAATS_PUBLIC_BASE_URL": "https://ori.example.nl/"}
    first = run_cli("accounts", "create-admin", "a@example.nl", data_dir=tmp_path, env=public)
    assert link_in(first)[0] == "https://ori.example.nl"
    again = run_cli(
        "accounts", "create-admin", "a@example.nl", "--base-url", "http://127.0.0.1:8000",
        data_dir=tmp_path, env=public,
    )  # fmt: skip
    base, token = link_in(again)
    assert base == "http://127.0.0.1:8000"
    assert "exists already: a fresh link" in again.out
    assert token != link_in(first)[1]
    with opened(tmp_path) as store:  # both links work, once each
        for printed in (link_in(first)[1], token):
            assert store.link_valid(credentials.token_hash(printed)) is not None
        assert len(store.list_accounts()) == 1
    bad = run_cli("accounts", "link", "a@example.nl", "--base-url", "ftp://x", data_dir=tmp_path)
    refused(bad, "--base-url 'ftp://x' is not an http(s) address such as https://ori.example.nl")


def test_invite_makes_an_editor_of_one_organisation(tmp_path: Path) -> None:
    made = run_cli(
        "accounts", "invite", "redactie@aalsmeer.example", "--organisation", "aalsmeer",
        data_dir=tmp_path,
    )  # fmt: skip
    _, token = link_in(made)
    assert "editor redactie@aalsmeer.example of aalsmeer invited" in made.out
    with opened(tmp_path) as store:
        account = store.account_by_email("redactie@aalsmeer.example")
        assert account is not None
        assert (account.role, account.organisation_key) == ("editor", "aalsmeer")
        assert store.link_valid(credentials.token_hash(token)) == account.id
        org = store.get_organisation("aalsmeer")  # made from the national catalogue
        assert org is not None and org.name == "Aalsmeer"
    assert audit(tmp_path) == [("cli", "account.invite", "redactie@aalsmeer.example", "aalsmeer")]
    row = account_rows(tmp_path)["redactie@aalsmeer.example"]
    assert (row["role"], row["organisation"]) == ("editor", "aalsmeer")


def test_mistakes_exit_2_with_one_sentence(tmp_path: Path) -> None:
    refused(
        run_cli("accounts", "invite", "r@x.nl", data_dir=tmp_path),
        "an editor needs an organisation: give --organisation KEY (its home source's key)",
    )
    refused(
        run_cli("accounts", "invite", "r@x.nl", "--organisation", "nergens", data_dir=tmp_path),
        "no organisation 'nergens': give the key of a registered source or of a source of the "
        "national catalogue",
    )
    refused(
        run_cli("accounts", "invite", "geen-adres", "--organisation", "aalsmeer",
                data_dir=tmp_path),
        "not an email address: 'geen-adres'",
    )  # fmt: skip
    refused(run_cli("accounts", "create-admin", "a@", data_dir=tmp_path),
            "not an email address: 'a@'")  # fmt: skip
    for command in ("link", "disable", "enable", "unlock"):
        refused(
            run_cli("accounts", command, "niemand@x.nl", data_dir=tmp_path),
            "no account for niemand@x.nl",
        )
    assert run_cli("accounts", "invite", "r@x.nl", "--organisation", "aalsmeer",
                   data_dir=tmp_path).code == 0  # fmt: skip
    refused(
        run_cli("accounts", "create-admin", "R@x.nl", data_dir=tmp_path),
        "r@x.nl already has an account with another role or organisation",
    )
    with opened(tmp_path) as store:
        assert [a.email for a in store.list_accounts()] == ["r@x.nl"]
    assert [a for _, a, _, _ in audit(tmp_path)] == ["account.invite"]  # refusals write nothing


def test_link_gives_an_existing_account_a_fresh_link(tmp_path: Path) -> None:
    _, first = link_in(run_cli("accounts", "create-admin", "a@example.nl", data_dir=tmp_path))
    with opened(tmp_path) as store:
        account = store.account_by_email("a@example.nl")
        assert account is not None
        assert store.use_link(credentials.token_hash(first)) == account.id  # the invite used
        people.set_password(store, account, "een lange zin als wachtwoord")
    fresh = run_cli("accounts", "link", "A@example.nl", data_dir=tmp_path)
    _, token = link_in(fresh)
    assert "a fresh link for a@example.nl" in fresh.out
    with opened(tmp_path) as store:
        assert store.link_valid(credentials.token_hash(first)) is None
        assert store.link_valid(credentials.token_hash(token)) == account.id
        assert store.use_link(credentials.token_hash(token)) == account.id
        assert store.use_link(credentials.token_hash(token)) is None  # one time
    assert audit(tmp_path)[0] == ("cli", "account.link", "a@example.nl", None)
    assert account_rows(tmp_path)["a@example.nl"]["state"] == "active"


def test_disable_and_enable(tmp_path: Path) -> None:
    run_cli("accounts", "invite", "r@x.nl", "--organisation", "aalsmeer", data_dir=tmp_path)
    with opened(tmp_path) as store:
        account = store.account_by_email("r@x.nl")
        assert account is not None
        store.create_session("s" * 64, account.id, "csrf", 3600)
    done = run_cli("accounts", "disable", "r@x.nl", data_dir=tmp_path)
    assert (done.code, done.out) == (0, "r@x.nl disabled\n")
    with opened(tmp_path) as store:
        assert store.session("s" * 64, 3600) is None  # signed out at once
    row = account_rows(tmp_path)["r@x.nl"]
    assert (row["state"], row["disabled"]) == ("disabled", True)
    assert "disabled" in run_cli("accounts", "list", data_dir=tmp_path).out
    again = run_cli("accounts", "disable", "r@x.nl", data_dir=tmp_path)
    assert (again.code, again.out) == (0, "r@x.nl was disabled already\n")
    refused(run_cli("accounts", "link", "r@x.nl", data_dir=tmp_path),
            "r@x.nl is disabled: enable it first")  # fmt: skip
    refused(
        run_cli("accounts", "invite", "r@x.nl", "--organisation", "aalsmeer", data_dir=tmp_path),
        "r@x.nl is disabled: enable it first",
    )
    back = run_cli("accounts", "enable", "r@x.nl", data_dir=tmp_path)
    assert (back.code, back.out) == (0, "r@x.nl enabled\n")
    assert account_rows(tmp_path)["r@x.nl"]["disabled"] is False
    link_in(run_cli("accounts", "link", "r@x.nl", data_dir=tmp_path))
    actions = [(actor, action, org) for actor, action, _, org in audit(tmp_path)]
    assert actions == [
        ("cli", "account.link", "aalsmeer"),
        ("cli", "account.enable", "aalsmeer"),
        ("cli", "account.disable", "aalsmeer"),
        ("cli", "account.invite", "aalsmeer"),
    ]


def test_unlock_lifts_the_lock_after_wrong_passwords(tmp_path: Path) -> None:
    run_cli("accounts", "create-admin", "a@example.nl", data_dir=tmp_path)
    with opened(tmp_path) as store:
        account = store.account_by_email("a@example.nl")
        assert account is not None
        people.set_password(store, account, "een lange zin als wachtwoord")
        for _ in range(people.LOCK_AFTER):
            store.record_failed_login(account.id, people.LOCK_AFTER, people.LOCK_SECONDS)
    row = account_rows(tmp_path)["a@example.nl"]
    assert (row["state"], row["locked"], row["failed_logins"]) == ("locked", True, 10)
    assert "locked until " in run_cli("accounts", "list", data_dir=tmp_path).out
    done = run_cli("accounts", "unlock", "a@example.nl", data_dir=tmp_path)
    assert (done.code, done.out) == (0, "a@example.nl unlocked\n")
    row = account_rows(tmp_path)["a@example.nl"]
    assert (row["state"], row["locked"], row["failed_logins"]) == ("active", False, 0)
    with opened(tmp_path) as store:
        account = store.account_by_email("a@example.nl")
        assert account is not None and not people.is_locked(store, account)
        assert people.check_password(store, account, "een lange zin als wachtwoord")
    assert audit(tmp_path)[0] == ("cli", "account.unlock", "a@example.nl", None)
    again = run_cli("accounts", "unlock", "a@example.nl", data_dir=tmp_path)
    assert (again.code, again.out) == (0, "a@example.nl was not locked\n")
    assert account_rows(tmp_path)["a@example.nl"]["last_login_at"] is not None


def test_the_link_is_never_logged_nor_stored_in_clear(tmp_path: Path) -> None:
    debug = {"VINDPLAATS_LOG_LEVEL": "DEBUG"}
    made = run_cli("accounts", "create-admin", "a@example.nl", data_dir=tmp_path, env=debug)
    _, token = link_in(made)
    fresh = run_cli("accounts", "link", "a@example.nl", data_dir=tmp_path, env=debug)
    _, second = link_in(fresh)
    assert token not in made.err and second not in fresh.err
    files = [path for path in tmp_path.rglob("*") if path.is_file()]
    assert any(path.suffix == ".sqlite3" for path in files)
    for path in files:  # the store (and its journal) keeps only the hash
        held = path.read_bytes()
        assert token.encode() not in held and second.encode() not in held
