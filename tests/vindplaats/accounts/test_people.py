"""The rules of accounts: who may be invited, one-time links that expire, passwords that lock
an account after 10 wrong ones for 15 minutes, disabling, unlocking, API tokens; all audited."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest
from argon2 import PasswordHasher

from vindplaats.accounts import credentials, people
from vindplaats.accounts.credentials import WeakPassword
from vindplaats.accounts.people import AccountError
from vindplaats.errors import NotFound
from vindplaats.sources import build_source
from vindplaats.store import Store
from vindplaats.store.sql_accounts import Account
from vindplaats.store.sqlite import SQLiteStore

GOOD = "een lange zin als wachtwoord"


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "store.sqlite3"


@pytest.fixture
def store(path: Path) -> Store:
    opened = SQLiteStore(path)
    opened.upsert_source(
        build_source(key="alkmaar", name="Alkmaar", supplier="notubiz", notubiz_organisation_id="1")
    )
    return opened


def editor(store: Store, password: str | None = GOOD) -> Account:
    made = people.invite(store, "redactie@alkmaar.nl", "editor", "alkmaar", "cli")
    if password is not None:
        people.set_password(store, made.account, password)
    found = store.account_by_email("redactie@alkmaar.nl")
    assert found is not None
    return found


def fresh(store: Store, account: Account) -> Account:
    found = store.get_account(account.id)
    assert found is not None
    return found


def actions(store: Store) -> list[tuple[str, str, str]]:
    return [(e.actor, e.action, e.subject) for e in reversed(store.audit_entries())]


def test_an_invitation_is_an_account_and_a_one_time_link(store: Store) -> None:
    made = people.invite(store, " Redactie@Alkmaar.NL ", "editor", "alkmaar", "beheer@x.nl")
    account = made.account
    assert (account.email, account.role, account.organisation_key) == (
        "redactie@alkmaar.nl", "editor", "alkmaar",
    )  # fmt: skip
    assert account.password_hash is None and not account.disabled
    assert made.path() == f"/uitnodiging/{made.token}"
    link = credentials.token_hash(made.token)
    assert store.link_valid(link) == account.id
    assert store.link_valid(link) == account.id  # looking does not use it
    assert store.use_link(link) == account.id
    assert store.use_link(link) is None and store.link_valid(link) is None  # once
    assert store.get_organisation("alkmaar") is not None  # made from its home source
    [entry] = store.audit_entries()
    assert (entry.actor, entry.action, entry.subject) == (
        "beheer@x.nl", "account.invite", "redactie@alkmaar.nl",
    )  # fmt: skip
    assert entry.organisation_key == "alkmaar" and entry.detail == {"role": "editor"}
    assert made.token not in str(entry.detail)


def test_a_link_is_valid_seven_days(store: Store, path: Path) -> None:
    made = people.invite(store, "a@x.nl", "admin", None, "cli")
    with sqlite3.connect(path) as db:
        created, expires = db.execute(
            "SELECT created_at, expires_at FROM account_links WHERE token_hash = ?",
            (credentials.token_hash(made.token),),
        ).fetchone()
    assert expires - created == pytest.approx(7 * 86400)


def test_an_expired_link_no_longer_works(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(people, "LINK_TTL", -1.0)  # expired the moment it is made
    made = people.invite(store, "a@x.nl", "admin", None, "cli")
    link = credentials.token_hash(made.token)
    assert store.link_valid(link) is None and store.use_link(link) is None
    again = people.new_link(store, made.account, "cli")
    assert store.use_link(credentials.token_hash(again.token)) is None


def test_invite_rules(store: Store) -> None:
    with pytest.raises(AccountError, match="not an email address"):
        people.invite(store, "geen adres@x.nl", "editor", "alkmaar", "cli")
    for bad in ("", "a@", "@x.nl", "a@localhost", "a" * 321 + "@x.nl"):
        with pytest.raises(AccountError, match="not an email address"):
            people.invite(store, bad, "admin", None, "cli")
    with pytest.raises(AccountError, match="unknown role 'owner'"):
        people.invite(store, "a@x.nl", "owner", None, "cli")
    with pytest.raises(AccountError, match="an editor needs an organisation"):
        people.invite(store, "a@x.nl", "editor", None, "cli")
    with pytest.raises(NotFound, match="no organisation 'nergens'"):
        people.invite(store, "a@x.nl", "editor", "nergens", "cli")
    assert store.list_accounts() == [] and store.audit_entries() == []
    admin = people.invite(store, "a@x.nl", "admin", "alkmaar", "cli").account
    assert admin.organisation_key is None  # an admin belongs to no organisation
    second = people.invite(store, "A@x.nl", "admin", None, "cli")
    assert second.account.id == admin.id  # a fresh link for the same account
    with pytest.raises(AccountError, match="another role or organisation"):
        people.invite(store, "a@x.nl", "editor", "alkmaar", "cli")
    people.invite(store, "r@x.nl", "editor", "alkmaar", "cli")
    with pytest.raises(AccountError, match="another role or organisation"):
        people.invite(store, "r@x.nl", "editor", "aalsmeer", "cli")


def test_the_right_password_signs_in_and_clears_the_count(store: Store) -> None:
    account = editor(store)
    assert account.password_hash is not None and account.password_hash.startswith("$argon2id$")
    for _ in range(3):
        assert not people.check_password(store, account, "een verkeerde zin erbij")
    assert fresh(store, account).failed_logins == 3
    assert people.check_password(store, account, GOOD)
    signed_in = fresh(store, account)
    assert signed_in.failed_logins == 0 and signed_in.locked_until is None
    assert signed_in.last_login_at is not None
    assert abs(signed_in.last_login_at - store.clock()) < timedelta(seconds=30)


def test_ten_wrong_passwords_in_a_row_lock_for_fifteen_minutes(store: Store) -> None:
    account = editor(store)
    for _ in range(people.LOCK_AFTER - 1):
        assert not people.check_password(store, account, "een verkeerde zin erbij")
    assert not people.is_locked(store, fresh(store, account))
    assert "account.locked" not in [a for _, a, _ in actions(store)]
    assert not people.check_password(store, account, "een verkeerde zin erbij")
    locked = fresh(store, account)
    assert people.LOCK_AFTER == 10 and locked.failed_logins == 10
    assert people.is_locked(store, locked) and locked.locked_until is not None
    until = locked.locked_until - store.clock()
    assert timedelta(minutes=15) - timedelta(seconds=30) < until <= timedelta(minutes=15)
    assert actions(store)[-1] == ("public", "account.locked", "redactie@alkmaar.nl")
    assert not people.check_password(store, locked, "nog een verkeerde zin")
    assert [a for _, a, _ in actions(store)].count("account.locked") == 1  # audited once


def test_a_lock_is_over_after_its_time(store: Store) -> None:
    account = editor(store)
    store.record_failed_login(account.id, 1, -1.0)  # a lock that ended a second ago
    ended = fresh(store, account)
    assert ended.locked_until is not None and not people.is_locked(store, ended)


def test_unlock_lifts_a_lock_and_is_audited(store: Store) -> None:
    account = editor(store)
    assert not people.unlock(store, account, "cli")  # nothing to lift
    for _ in range(people.LOCK_AFTER):
        store.record_failed_login(account.id, people.LOCK_AFTER, people.LOCK_SECONDS)
    assert people.unlock(store, fresh(store, account), "cli")
    unlocked = fresh(store, account)
    assert not people.is_locked(store, unlocked) and unlocked.failed_logins == 0
    assert actions(store)[-1] == ("cli", "account.unlock", "redactie@alkmaar.nl")


def test_a_hash_of_older_parameters_is_replaced_at_sign_in(store: Store) -> None:
    account = editor(store, password=None)
    old = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1).hash(GOOD)
    store.set_password_hash(account.id, old)
    assert people.check_password(store, fresh(store, account), GOOD)
    renewed = fresh(store, account).password_hash
    assert renewed is not None and renewed != old and not credentials.needs_rehash(renewed)
    assert credentials.verify_password(renewed, GOOD)


def test_set_password_checks_strength_and_is_audited(store: Store) -> None:
    account = editor(store, password=None)
    with pytest.raises(WeakPassword, match="minstens 12"):
        people.set_password(store, account, "te kort")
    assert fresh(store, account).password_hash is None
    store.record_failed_login(account.id, 1, people.LOCK_SECONDS)
    people.set_password(store, account, GOOD)
    changed = fresh(store, account)
    assert credentials.verify_password(changed.password_hash, GOOD)
    assert not people.is_locked(store, changed)  # a new password lifts a lock
    assert actions(store)[-1] == ("redactie@alkmaar.nl", "account.password", changed.email)


def test_a_new_link_for_an_existing_account(store: Store) -> None:
    account = editor(store)
    link = people.new_link(store, account, "cli")
    assert store.link_valid(credentials.token_hash(link.token)) == account.id
    assert actions(store)[-1] == ("cli", "account.link", "redactie@alkmaar.nl")
    assert people.account_of(store, " REDACTIE@alkmaar.nl") == fresh(store, account)
    with pytest.raises(AccountError, match=r"no account for niemand@x\.nl"):
        people.account_of(store, "Niemand@x.nl")


def test_a_disabled_account_loses_its_sessions_and_gets_no_link(store: Store) -> None:
    account = editor(store)
    store.create_session("s" * 64, account.id, "csrf", 3600)
    assert store.session("s" * 64, 3600) is not None
    assert people.set_disabled(store, account, True, "cli")
    disabled = fresh(store, account)
    assert disabled.disabled and store.session("s" * 64, 3600) is None
    assert not people.set_disabled(store, disabled, True, "cli")  # already
    with pytest.raises(AccountError, match="is disabled: enable it first"):
        people.new_link(store, disabled, "cli")
    assert people.set_disabled(store, disabled, False, "cli")
    assert not fresh(store, account).disabled
    assert [a for _, a, _ in actions(store)][-2:] == ["account.disable", "account.enable"]


def test_an_api_token_is_shown_once_and_kept_hashed(store: Store, path: Path) -> None:
    people.invite(store, "r@x.nl", "editor", "alkmaar", "cli")
    token = people.new_api_token(store, "alkmaar", "koppeling " + "x" * 200, "r@x.nl")
    assert token.startswith("vpt_")
    found = store.api_token_by_hash(credentials.token_hash(token))
    assert found is not None and found.organisation_key == "alkmaar"
    assert len(found.label) == 100 and found.created_by == "r@x.nl"
    for held in path.parent.glob(f"{path.name}*"):  # the database and its journal
        assert token.encode() not in held.read_bytes()
    assert actions(store)[-1] == ("r@x.nl", "token.create", found.id)
    assert store.revoke_api_token("alkmaar", found.id)
    assert store.api_token_by_hash(credentials.token_hash(token)) is None
