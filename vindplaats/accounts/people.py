"""Inviting people and signing them in: the rules of accounts over the store, audited.

- An admin (created on the command line; there are no default credentials) invites an editor
  for one organisation; the invite is a one-time link valid `LINK_TTL` seconds.
- The same one-time link kind signs a person in who has no password yet or forgot it
  (`vindplaats accounts link`).
- `LOCK_AFTER` wrong passwords in a row lock an account for `LOCK_SECONDS`; `unlock` lifts
  the lock, `set_disabled` disables (ending its sessions) or enables an account.

Every change is written to the audit log with its actor (an email, or `cli`); a link's token
is returned in clear once and never logged.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from vindplaats.accounts import credentials
from vindplaats.accounts.organisations import ensure_organisation
from vindplaats.store import Store
from vindplaats.store.sql_accounts import Account

LINK_TTL = 7 * 86400.0
LOCK_AFTER = 10
LOCK_SECONDS = 15 * 60.0
ROLES = ("admin", "editor")


class AccountError(ValueError):
    """A request about accounts that cannot be done; the message says why."""


@dataclass(frozen=True)
class Invitation:
    account: Account
    token: str  # in clear: shown once, as a link

    def path(self) -> str:
        return f"/uitnodiging/{self.token}"


def _valid_email(email: str) -> str:
    email = email.strip().lower()
    local, _, domain = email.partition("@")
    if not local or "." not in domain or len(email) > 320 or any(c.isspace() for c in email):
        raise AccountError(f"not an email address: {email!r}")
    return email


def invite(
    store: Store, email: str, role: str, organisation_key: str | None, actor: str
) -> Invitation:
    """A new account (or a fresh link for an existing one of the same role and organisation)."""
    email = _valid_email(email)
    if role not in ROLES:
        raise AccountError(f"unknown role {role!r}: use admin or editor")
    if role == "editor":
        if not organisation_key:
            raise AccountError("an editor needs an organisation")
        organisation_key = ensure_organisation(store, organisation_key).key
    else:
        organisation_key = None
    account = store.account_by_email(email)
    if account is None:
        account = store.create_account(uuid.uuid4().hex, email, role, organisation_key)
    elif (account.role, account.organisation_key) != (role, organisation_key):
        raise AccountError(f"{email} already has an account with another role or organisation")
    token = credentials.new_token()
    store.create_link(credentials.token_hash(token), account.id, "invite", LINK_TTL)
    store.add_audit(
        actor, "account.invite", organisation_key=organisation_key, subject=email,
        detail={"role": role},
    )  # fmt: skip
    return Invitation(account=account, token=token)


def check_password(store: Store, account: Account, password: str) -> bool:
    """Whether the password is right; a wrong one counts towards the lock, a right one clears
    the count (and rehashes when argon2's parameters changed)."""
    if not credentials.verify_password(account.password_hash, password):
        count = store.record_failed_login(account.id, LOCK_AFTER, LOCK_SECONDS)
        if count == LOCK_AFTER:
            store.add_audit(
                "public", "account.locked", organisation_key=account.organisation_key,
                subject=account.email,
            )  # fmt: skip
        return False
    assert account.password_hash is not None
    if credentials.needs_rehash(account.password_hash):
        store.set_password_hash(account.id, credentials.hash_password(password))
    store.record_login(account.id)
    return True


def is_locked(store: Store, account: Account) -> bool:
    return account.locked_until is not None and account.locked_until > store.clock()


def set_password(store: Store, account: Account, password: str) -> None:
    credentials.check_strength(password, account.email)
    store.set_password_hash(account.id, credentials.hash_password(password))
    store.add_audit(
        account.email, "account.password", organisation_key=account.organisation_key,
        subject=account.email,
    )  # fmt: skip


def new_api_token(store: Store, organisation_key: str, label: str, actor: str) -> str:
    """A new token for the organisation, in clear (shown once; only its hash is kept)."""
    token = credentials.new_token("vpt_")
    made = store.create_api_token(
        uuid.uuid4().hex[:12], organisation_key, credentials.token_hash(token), label[:100], actor
    )
    store.add_audit(
        actor, "token.create", organisation_key=organisation_key, subject=made.id,
        detail={"label": made.label},
    )  # fmt: skip
    return token


def account_of(store: Store, email: str) -> Account:
    """The account with that email address; AccountError when there is none."""
    found = store.account_by_email(_valid_email(email))
    if found is None:
        raise AccountError(f"no account for {email.strip().lower()}")
    return found


def new_link(store: Store, account: Account, actor: str) -> Invitation:
    """A fresh one-time link for an existing account (a forgotten password): it sets a new
    password and signs in. Refused for a disabled account, which no link signs in."""
    if account.disabled:
        raise AccountError(f"{account.email} is disabled: enable it first")
    token = credentials.new_token()
    store.create_link(credentials.token_hash(token), account.id, "signin", LINK_TTL)
    store.add_audit(
        actor, "account.link", organisation_key=account.organisation_key, subject=account.email
    )
    return Invitation(account=account, token=token)


def set_disabled(store: Store, account: Account, disabled: bool, actor: str) -> bool:
    """Disable (its sessions end at once) or enable the account; False when it already was."""
    if account.disabled == disabled:
        return False
    store.set_account_disabled(account.id, disabled)
    store.add_audit(
        actor, "account.disable" if disabled else "account.enable",
        organisation_key=account.organisation_key, subject=account.email,
    )  # fmt: skip
    return True


def unlock(store: Store, account: Account, actor: str) -> bool:
    """Lift a lock and clear the count of wrong passwords; False when there was neither."""
    if account.failed_logins == 0 and not is_locked(store, account):
        return False
    store.unlock_account(account.id)
    store.add_audit(
        actor, "account.unlock", organisation_key=account.organisation_key, subject=account.email
    )
    return True
