"""Accounts, one-time links, sessions, organisation API tokens and sign-in attempts in the
store (`sql_accounts`), on both backends."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.vindplaats.store.backends import open_backend, run_together
from vindplaats.store import Store
from vindplaats.store.sql_accounts import Account

HOUR = 3600.0


@pytest.fixture
def org_store(store: Store) -> Store:
    store.upsert_organisation("alkmaar", "Alkmaar", "gemeente")
    store.upsert_organisation("bergen", "Bergen", "gemeente")
    return store


def _editor(store: Store, email: str = "Redactie@Alkmaar.nl") -> Account:
    return store.create_account("acc-1", email, "editor", "alkmaar")


def _reread(store: Store, account: Account) -> Account:
    found = store.get_account(account.id)
    assert found is not None
    return found


def test_an_account_is_created_and_found_by_id_and_email(org_store: Store) -> None:
    made = _editor(org_store)
    assert (made.id, made.email, made.role, made.organisation_key) == (
        "acc-1", "redactie@alkmaar.nl", "editor", "alkmaar",
    )  # fmt: skip
    assert made.password_hash is None and made.failed_logins == 0 and not made.disabled
    assert made.locked_until is None and made.last_login_at is None and made.name == ""
    assert abs(made.created_at - org_store.clock()) < timedelta(seconds=30)
    assert org_store.account_by_email("REDACTIE@alkmaar.nl") == made
    assert org_store.get_account("acc-1") == made
    assert org_store.account_by_email("iemand@alkmaar.nl") is None
    assert org_store.get_account("acc-2") is None
    admin = org_store.create_account("acc-0", "beheer@x.nl", "admin", None)
    assert [a.email for a in org_store.list_accounts()] == ["beheer@x.nl", "redactie@alkmaar.nl"]
    assert admin.organisation_key is None


def test_an_email_address_holds_one_account(org_store: Store) -> None:
    _editor(org_store)
    with pytest.raises(Exception, match=r"(?i)unique"):
        org_store.create_account("acc-2", "redactie@ALKMAAR.nl", "admin", None)
    assert len(org_store.list_accounts()) == 1


def test_wrong_passwords_count_up_and_lock_at_the_limit(org_store: Store) -> None:
    account = _editor(org_store)
    assert [org_store.record_failed_login(account.id, 3, 900.0) for _ in range(2)] == [1, 2]
    assert _reread(org_store, account).locked_until is None
    assert org_store.record_failed_login(account.id, 3, 900.0) == 3
    locked = _reread(org_store, account)
    assert locked.failed_logins == 3 and locked.locked_until is not None
    until = locked.locked_until - org_store.clock()
    assert timedelta(seconds=870) < until <= timedelta(seconds=900)
    assert org_store.record_failed_login("no-such-account", 3, 900.0) == 0


def test_a_sign_in_clears_the_count_and_the_lock(org_store: Store) -> None:
    account = _editor(org_store)
    for _ in range(3):
        org_store.record_failed_login(account.id, 3, 900.0)
    org_store.record_login(account.id)
    signed_in = _reread(org_store, account)
    assert signed_in.failed_logins == 0 and signed_in.locked_until is None
    assert signed_in.last_login_at is not None
    assert abs(signed_in.last_login_at - org_store.clock()) < timedelta(seconds=30)


def test_unlocking_and_a_new_password_clear_the_count_and_the_lock(org_store: Store) -> None:
    account = _editor(org_store)
    for _ in range(3):
        org_store.record_failed_login(account.id, 3, 900.0)
    org_store.unlock_account(account.id)
    unlocked = _reread(org_store, account)
    assert (unlocked.failed_logins, unlocked.locked_until) == (0, None)
    for _ in range(3):
        org_store.record_failed_login(account.id, 3, 900.0)
    org_store.set_password_hash(account.id, "$argon2id$v=19$m=65536,t=3,p=4$x$y")
    changed = _reread(org_store, account)
    assert changed.password_hash == "$argon2id$v=19$m=65536,t=3,p=4$x$y"
    assert (changed.failed_logins, changed.locked_until) == (0, None)
    assert changed.last_login_at is None  # a new password is not a sign-in


def test_a_link_is_used_once_and_expires(org_store: Store) -> None:
    account = _editor(org_store)
    org_store.create_link("h" * 64, account.id, "invite", 7 * 86400.0)
    assert org_store.link_valid("h" * 64) == account.id
    assert org_store.link_valid("h" * 64) == account.id  # looking does not use it
    assert org_store.use_link("h" * 64) == account.id
    assert org_store.use_link("h" * 64) is None and org_store.link_valid("h" * 64) is None
    org_store.create_link("e" * 64, account.id, "signin", -1.0)  # expired a second ago
    assert org_store.link_valid("e" * 64) is None and org_store.use_link("e" * 64) is None
    assert org_store.link_valid("u" * 64) is None and org_store.use_link("u" * 64) is None


def test_a_link_used_by_two_at_once_works_for_one(
    backend: str, store_url: str, org_store: Store
) -> None:
    account = _editor(org_store)
    org_store.create_link("r" * 64, account.id, "invite", HOUR)
    won: list[str | None] = []

    def use(_: int) -> None:
        opened = open_backend(backend, store_url)
        try:
            won.append(opened.use_link("r" * 64))
        finally:
            opened.close()

    assert run_together(use, 4) == []
    assert len(won) == 4 and won.count(account.id) == 1 and won.count(None) == 3


def test_a_session_lives_until_idle_or_expired(org_store: Store) -> None:
    account = _editor(org_store)
    org_store.create_session("s" * 64, account.id, "csrf-1", HOUR)
    found = org_store.session("s" * 64, HOUR)
    assert found is not None and found == (_reread(org_store, account), "csrf-1")
    assert org_store.session("s" * 64, -1.0) is None  # not seen within the idle time
    assert org_store.session("x" * 64, HOUR) is None
    org_store.create_session("o" * 64, account.id, "csrf-2", -1.0)  # its time is up
    assert org_store.session("o" * 64, HOUR) is None
    org_store.delete_session("s" * 64)
    assert org_store.session("s" * 64, HOUR) is None


def test_disabling_an_account_ends_its_sessions(org_store: Store) -> None:
    account = _editor(org_store)
    org_store.create_session("s" * 64, account.id, "csrf", HOUR)
    org_store.set_account_disabled(account.id, True)
    assert _reread(org_store, account).disabled
    assert org_store.session("s" * 64, HOUR) is None
    org_store.set_account_disabled(account.id, False)
    assert not _reread(org_store, account).disabled
    assert org_store.session("s" * 64, HOUR) is None  # ended, not paused
    org_store.create_session("n" * 64, account.id, "csrf", HOUR)
    assert org_store.session("n" * 64, HOUR) is not None


def test_api_tokens_are_found_by_hash_listed_per_organisation_and_revoked(
    org_store: Store,
) -> None:
    made = org_store.create_api_token("t1", "alkmaar", "a" * 64, "koppeling", "r@x.nl")
    assert (made.id, made.organisation_key, made.label, made.created_by) == (
        "t1", "alkmaar", "koppeling", "r@x.nl",
    )  # fmt: skip
    assert made.last_used_at is None and not made.revoked
    org_store.create_api_token("t2", "alkmaar", "b" * 64, "", "cli")
    org_store.create_api_token("t3", "bergen", "c" * 64, "", "cli")
    used = org_store.api_token_by_hash("a" * 64)
    assert used is not None and used.id == "t1" and used.last_used_at is not None
    assert org_store.api_token_by_hash("d" * 64) is None
    assert [t.id for t in org_store.api_tokens("alkmaar")] == ["t1", "t2"]
    assert org_store.api_tokens("alkmaar")[0].last_used_at is not None
    assert not org_store.revoke_api_token("bergen", "t1")  # only by its own organisation
    assert org_store.revoke_api_token("alkmaar", "t1")
    assert not org_store.revoke_api_token("alkmaar", "t1")  # once
    assert org_store.api_token_by_hash("a" * 64) is None
    assert [(t.id, t.revoked) for t in org_store.api_tokens("alkmaar")] == [
        ("t1", True), ("t2", False),
    ]  # fmt: skip
    assert org_store.api_token_by_hash("c" * 64) is not None


def test_sign_in_attempts_are_counted_per_client_within_the_window(org_store: Store) -> None:
    for ok in (False, False, True):
        org_store.add_login_attempt("Redactie@Alkmaar.nl", "client-a", ok)
    org_store.add_login_attempt("x" * 400, "client-b", False)  # a huge address is cut
    assert org_store.recent_login_attempts("client-a", 60.0) == 3
    assert org_store.recent_login_attempts("client-b", 60.0) == 1
    assert org_store.recent_login_attempts("client-c", 60.0) == 0
    assert org_store.recent_login_attempts("client-a", -1.0) == 0  # all older than the window
