"""Organisations, which organisation a source belongs to, the audit log and the last
validation of each organisation's Woo-index export (shared SQL).

An organisation (`organisations`) is a municipality, province, water board or other publisher
that people sign in for. Its key is the key of its home source (`aalsmeer`); which sources
belong to it is decided in `vindplaats.accounts.organisations`, from the explicit links of
`source_organisations` (written when an admin approves a source an editor registered) and
the sources' own keys and TOOI URIs.

The audit log is append-only: who (`actor`: an account's email, `token:<id>`, `cli`, `public`),
what (`action`, dotted: `account.invite`, `source.approve`, `document.takedown`), on what
(`subject`) and when (epoch seconds by the database clock), with a small JSON `detail` that
never holds a secret.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from vindplaats.store.sql_core import SQLCore, epoch_to_datetime

AUDIT_DETAIL_MAX = 4_000  # characters of JSON kept per entry
AUDIT_LIMIT_MAX = 1_000
EXPORT_DETAIL_MAX = 4_000


@dataclass(frozen=True)
class Organisation:
    key: str
    name: str
    organisation_type: str
    tooi_uri: str | None
    created_at: datetime


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: datetime
    actor: str
    organisation_key: str | None
    action: str
    subject: str
    detail: dict[str, Any]


@dataclass(frozen=True)
class WooExportCheck:
    """The last validation of an organisation's Woo-index export."""

    organisation_key: str
    checked_at: datetime
    valid: bool
    errors: int
    documents: int
    detail: str


def _moment(value: Any) -> datetime:
    moment = epoch_to_datetime(float(value))
    assert moment is not None
    return moment


def _organisation(row: Any) -> Organisation:
    return Organisation(
        key=str(row["key"]),
        name=str(row["name"]),
        organisation_type=str(row["organisation_type"]),
        tooi_uri=row["tooi_uri"],
        created_at=_moment(row["created_at"]),
    )


def _detail(text: str) -> dict[str, Any]:
    try:
        value = json.loads(text)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _entry(row: Any) -> AuditEntry:
    return AuditEntry(
        id=int(row["id"]),
        at=_moment(row["at"]),
        actor=str(row["actor"]),
        organisation_key=row["organisation_key"],
        action=str(row["action"]),
        subject=str(row["subject"]),
        detail=_detail(str(row["detail"])),
    )


def _bounded_detail(detail: dict[str, Any] | None) -> str:
    text = json.dumps(detail or {}, ensure_ascii=False, sort_keys=True, default=str)
    if len(text) <= AUDIT_DETAIL_MAX:
        return text
    return json.dumps({"truncated": text[: AUDIT_DETAIL_MAX - 40]}, ensure_ascii=False)


class Organisations(SQLCore):
    def upsert_organisation(
        self, key: str, name: str, organisation_type: str, tooi_uri: str | None = None
    ) -> Organisation:
        """The organisation, created or with its name, type and TOOI URI brought up to date."""
        with self.transaction() as conn:
            row = conn.execute(
                "INSERT INTO organisations(key, name, organisation_type, tooi_uri, created_at) "
                f"VALUES (?, ?, ?, ?, {self.NOW_SQL}) ON CONFLICT (key) DO UPDATE SET "
                "name = excluded.name, organisation_type = excluded.organisation_type, "
                "tooi_uri = excluded.tooi_uri "
                "RETURNING key, name, organisation_type, tooi_uri, created_at",
                (key, name, organisation_type, tooi_uri),
            ).fetchone()
        return _organisation(row)

    def get_organisation(self, key: str) -> Organisation | None:
        row = self._one(
            "SELECT key, name, organisation_type, tooi_uri, created_at FROM organisations "
            "WHERE key = ?",
            (key,),
        )
        return None if row is None else _organisation(row)

    def list_organisations(self) -> list[Organisation]:
        rows = self._all(
            "SELECT key, name, organisation_type, tooi_uri, created_at FROM organisations "
            "ORDER BY key"
        )
        return [_organisation(row) for row in rows]

    def link_source(self, source_key: str, organisation_key: str) -> None:
        """Source `source_key` belongs to organisation `organisation_key` (which must exist)."""
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO source_organisations(source_key, organisation_key) VALUES (?, ?) "
                "ON CONFLICT (source_key) DO UPDATE SET organisation_key = "
                "excluded.organisation_key",
                (source_key, organisation_key),
            )

    def source_links(self) -> dict[str, str]:
        """Every explicit link: source key → organisation key."""
        rows = self._all("SELECT source_key, organisation_key FROM source_organisations")
        return {str(row["source_key"]): str(row["organisation_key"]) for row in rows}

    # -- audit log ------------------------------------------------------------------------------
    def add_audit(
        self,
        actor: str,
        action: str,
        *,
        organisation_key: str | None = None,
        subject: str = "",
        detail: dict[str, Any] | None = None,
    ) -> None:
        """Append one entry to the audit log (joins an open transaction: the change and its
        entry are written together)."""
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO audit_log(at, actor, organisation_key, action, subject, detail) "
                f"VALUES ({self.NOW_SQL}, ?, ?, ?, ?, ?)",
                (
                    actor[:320],
                    organisation_key,
                    action[:100],
                    subject[:500],
                    _bounded_detail(detail),
                ),
            )

    def audit_entries(
        self,
        organisation_key: str | None = None,
        limit: int = 100,
        *,
        before_id: int | None = None,
    ) -> list[AuditEntry]:
        """The newest entries first (of one organisation, when given); `before_id` pages on."""
        where: list[str] = []
        args: list[Any] = []
        if organisation_key is not None:
            where.append("organisation_key = ?")
            args.append(organisation_key)
        if before_id is not None:
            where.append("id < ?")
            args.append(before_id)
        clause = f"WHERE {' AND '.join(where)} " if where else ""
        args.append(max(1, min(limit, AUDIT_LIMIT_MAX)))
        rows = self._all(
            "SELECT id, at, actor, organisation_key, action, subject, detail FROM audit_log "
            f"{clause}ORDER BY id DESC LIMIT ?",
            args,
        )
        return [_entry(row) for row in rows]

    # -- Woo-index export validations -----------------------------------------------------------
    def save_woo_export_check(
        self, organisation_key: str, *, valid: bool, errors: int, documents: int, detail: str = ""
    ) -> WooExportCheck:
        """Record the result of validating the organisation's export (replaces the last one)."""
        with self.transaction() as conn:
            row = conn.execute(
                "INSERT INTO woo_export_checks(organisation_key, checked_at, valid, errors, "
                f"documents, detail) VALUES (?, {self.NOW_SQL}, ?, ?, ?, ?) "
                "ON CONFLICT (organisation_key) DO UPDATE SET checked_at = excluded.checked_at, "
                "valid = excluded.valid, errors = excluded.errors, "
                "documents = excluded.documents, detail = excluded.detail "
                "RETURNING organisation_key, checked_at, valid, errors, documents, detail",
                (organisation_key, valid, errors, documents, detail[:EXPORT_DETAIL_MAX]),
            ).fetchone()
        return _export_check(row)

    def woo_export_checks(self) -> dict[str, WooExportCheck]:
        rows = self._all(
            "SELECT organisation_key, checked_at, valid, errors, documents, detail "
            "FROM woo_export_checks"
        )
        return {str(row["organisation_key"]): _export_check(row) for row in rows}


def _export_check(row: Any) -> WooExportCheck:
    return WooExportCheck(
        organisation_key=str(row["organisation_key"]),
        checked_at=_moment(row["checked_at"]),
        valid=bool(row["valid"]),
        errors=int(row["errors"]),
        documents=int(row["documents"]),
        detail=str(row["detail"]),
    )
