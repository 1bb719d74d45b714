"""Accounts, their one-time links, sessions, organisation API tokens and sign-in attempts
(shared SQL).

Secrets never reach the store in clear: link tokens, session ids and API tokens are kept as
their SHA-256 (hex), and passwords as argon2id hashes, both made by the caller
(`vindplaats.accounts.credentials`). Times are epoch seconds by the database clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from vindplaats.store.sql_core import SQLCore, epoch_to_datetime

_ACCOUNT = (
    "id, email, name, role, organisation_key, password_hash, created_at, failed_logins, "
    "locked_until, last_login_at, disabled_at"
)


@dataclass(frozen=True)
class Account:
    id: str
    email: str
    name: str
    role: str  # admin, editor
    organisation_key: str | None
    password_hash: str | None
    created_at: datetime
    failed_logins: int
    locked_until: datetime | None
    disabled: bool
    last_login_at: datetime | None = None


@dataclass(frozen=True)
class ApiToken:
    id: str
    organisation_key: str
    label: str
    created_by: str
    created_at: datetime
    last_used_at: datetime | None
    revoked: bool


def _account(row: Any) -> Account:
    created = epoch_to_datetime(float(row["created_at"]))
    assert created is not None
    return Account(
        id=str(row["id"]),
        email=str(row["email"]),
        name=str(row["name"]),
        role=str(row["role"]),
        organisation_key=row["organisation_key"],
        password_hash=row["password_hash"],
        created_at=created,
        failed_logins=int(row["failed_logins"]),
        locked_until=epoch_to_datetime(row["locked_until"]),
        disabled=row["disabled_at"] is not None,
        last_login_at=epoch_to_datetime(row["last_login_at"]),
    )


def _token(row: Any) -> ApiToken:
    created = epoch_to_datetime(float(row["created_at"]))
    assert created is not None
    return ApiToken(
        id=str(row["id"]),
        organisation_key=str(row["organisation_key"]),
        label=str(row["label"]),
        created_by=str(row["created_by"]),
        created_at=created,
        last_used_at=epoch_to_datetime(row["last_used_at"]),
        revoked=row["revoked_at"] is not None,
    )


class Accounts(SQLCore):
    # -- accounts -------------------------------------------------------------------------------
    def create_account(
        self, account_id: str, email: str, role: str, organisation_key: str | None
    ) -> Account:
        with self.transaction() as conn:
            row = conn.execute(
                "INSERT INTO accounts(id, email, role, organisation_key, created_at) "
                f"VALUES (?, ?, ?, ?, {self.NOW_SQL}) RETURNING {_ACCOUNT}",
                (account_id, email.lower(), role, organisation_key),
            ).fetchone()
        return _account(row)

    def account_by_email(self, email: str) -> Account | None:
        row = self._one(f"SELECT {_ACCOUNT} FROM accounts WHERE email = ?", (email.lower(),))
        return None if row is None else _account(row)

    def get_account(self, account_id: str) -> Account | None:
        row = self._one(f"SELECT {_ACCOUNT} FROM accounts WHERE id = ?", (account_id,))
        return None if row is None else _account(row)

    def list_accounts(self) -> list[Account]:
        return [_account(r) for r in self._all(f"SELECT {_ACCOUNT} FROM accounts ORDER BY email")]

    def set_password_hash(self, account_id: str, password_hash: str) -> None:
        with self.transaction() as conn:
            conn.execute(
                "UPDATE accounts SET password_hash = ?, failed_logins = 0, locked_until = NULL "
                "WHERE id = ?",
                (password_hash, account_id),
            )

    def record_failed_login(self, account_id: str, lock_after: int, lock_seconds: float) -> int:
        """One more wrong password in a row; the account is locked for `lock_seconds` once
        `lock_after` are reached. The count after this one."""
        now = self.NOW_SQL
        with self.transaction() as conn:
            row = conn.execute(
                "UPDATE accounts SET failed_logins = failed_logins + 1, locked_until = CASE WHEN "
                f"failed_logins + 1 >= ? THEN {now} + ? ELSE locked_until END WHERE id = ? "
                "RETURNING failed_logins",
                (lock_after, lock_seconds, account_id),
            ).fetchone()
        return 0 if row is None else int(row["failed_logins"])

    def record_login(self, account_id: str) -> None:
        with self.transaction() as conn:
            conn.execute(
                "UPDATE accounts SET failed_logins = 0, locked_until = NULL, "
                f"last_login_at = {self.NOW_SQL} WHERE id = ?",
                (account_id,),
            )

    def set_account_disabled(self, account_id: str, disabled: bool) -> None:
        value = self.NOW_SQL if disabled else "NULL"
        with self.transaction() as conn:
            conn.execute(f"UPDATE accounts SET disabled_at = {value} WHERE id = ?", (account_id,))
            if disabled:
                conn.execute("DELETE FROM sessions WHERE account_id = ?", (account_id,))

    def unlock_account(self, account_id: str) -> None:
        with self.transaction() as conn:
            conn.execute(
                "UPDATE accounts SET failed_logins = 0, locked_until = NULL WHERE id = ?",
                (account_id,),
            )

    # -- one-time links -------------------------------------------------------------------------
    def create_link(self, token_hash: str, account_id: str, purpose: str, ttl: float) -> None:
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO account_links(token_hash, account_id, purpose, created_at, "
                f"expires_at) VALUES (?, ?, ?, {self.NOW_SQL}, {self.NOW_SQL} + ?)",
                (token_hash, account_id, purpose, ttl),
            )

    def use_link(self, token_hash: str) -> str | None:
        """The account of an unused, unexpired link, which is used up by this call."""
        now = self.NOW_SQL
        with self.transaction() as conn:
            row = conn.execute(
                f"UPDATE account_links SET used_at = {now} WHERE token_hash = ? AND used_at IS "
                f"NULL AND expires_at > {now} RETURNING account_id",
                (token_hash,),
            ).fetchone()
        return None if row is None else str(row["account_id"])

    def link_valid(self, token_hash: str) -> str | None:
        """The account of an unused, unexpired link (not using it)."""
        row = self._one(
            "SELECT account_id FROM account_links WHERE token_hash = ? AND used_at IS NULL "
            f"AND expires_at > {self.NOW_SQL}",
            (token_hash,),
        )
        return None if row is None else str(row["account_id"])

    # -- sessions -------------------------------------------------------------------------------
    def create_session(self, id_hash: str, account_id: str, csrf_token: str, ttl: float) -> None:
        now = self.NOW_SQL
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO sessions(id_hash, account_id, csrf_token, created_at, last_seen_at, "
                f"expires_at) VALUES (?, ?, ?, {now}, {now}, {now} + ?)",
                (id_hash, account_id, csrf_token, ttl),
            )

    def session(self, id_hash: str, idle: float) -> tuple[Account, str] | None:
        """The account and CSRF token of a live session (not expired, seen within `idle`
        seconds); a live one is seen now."""
        now = self.NOW_SQL
        with self.transaction() as conn:
            row = conn.execute(
                f"UPDATE sessions SET last_seen_at = {now} WHERE id_hash = ? AND expires_at > "
                f"{now} AND last_seen_at > {now} - ? RETURNING account_id, csrf_token",
                (id_hash, idle),
            ).fetchone()
        if row is None:
            return None
        account = self.get_account(str(row["account_id"]))
        if account is None or account.disabled:
            return None
        return account, str(row["csrf_token"])

    def delete_session(self, id_hash: str) -> None:
        with self.transaction() as conn:
            conn.execute("DELETE FROM sessions WHERE id_hash = ?", (id_hash,))

    # -- API tokens -----------------------------------------------------------------------------
    def create_api_token(
        self, token_id: str, organisation_key: str, token_hash: str, label: str, created_by: str
    ) -> ApiToken:
        with self.transaction() as conn:
            row = conn.execute(
                "INSERT INTO api_tokens(id, organisation_key, token_hash, label, created_by, "
                f"created_at) VALUES (?, ?, ?, ?, ?, {self.NOW_SQL}) RETURNING id, "
                "organisation_key, label, created_by, created_at, last_used_at, revoked_at",
                (token_id, organisation_key, token_hash, label, created_by),
            ).fetchone()
        return _token(row)

    def api_token_by_hash(self, token_hash: str) -> ApiToken | None:
        """A live (unrevoked) token, marked used now."""
        with self.transaction() as conn:
            row = conn.execute(
                f"UPDATE api_tokens SET last_used_at = {self.NOW_SQL} WHERE token_hash = ? AND "
                "revoked_at IS NULL RETURNING id, organisation_key, label, created_by, "
                "created_at, last_used_at, revoked_at",
                (token_hash,),
            ).fetchone()
        return None if row is None else _token(row)

    def api_tokens(self, organisation_key: str) -> list[ApiToken]:
        rows = self._all(
            "SELECT id, organisation_key, label, created_by, created_at, last_used_at, "
            "revoked_at FROM api_tokens WHERE organisation_key = ? ORDER BY created_at",
            (organisation_key,),
        )
        return [_token(r) for r in rows]

    def revoke_api_token(self, organisation_key: str, token_id: str) -> bool:
        with self.transaction() as conn:
            row = conn.execute(
                f"UPDATE api_tokens SET revoked_at = {self.NOW_SQL} WHERE id = ? AND "
                "organisation_key = ? AND revoked_at IS NULL RETURNING id",
                (token_id, organisation_key),
            ).fetchone()
        return row is not None

    # -- sign-in attempts -----------------------------------------------------------------------
    def add_login_attempt(self, email: str, client: str, ok: bool) -> None:
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO login_attempts(email, client, at, ok) "
                f"VALUES (?, ?, {self.NOW_SQL}, ?)",
                (email.lower()[:320], client, ok),
            )

    def recent_login_attempts(self, client: str, seconds: float) -> int:
        row = self._one(
            "SELECT COUNT(*) AS n FROM login_attempts WHERE client = ? AND at > "
            f"{self.NOW_SQL} - ?",
            (client, seconds),
        )
        return int(row["n"])
