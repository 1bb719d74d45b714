"""Source registrations: a source system an organisation's editor registers, until an admin
approves it into the registry (shared SQL).

A registration keeps the `Source` as JSON (`config`, its token in clear as `sources` keeps it;
shown only through `Source.redacted()`), the key the source will get, and where it stands:

    draft → verifying → verified → submitted → approved | rejected

Every change of status is a compare-and-set on the status it leaves (`expect`), so two people
(or a verification finishing while the config is edited) never overwrite each other: the method
answers None when the registration was not in one of the expected states. The rules of which
step may follow which are `vindplaats.operations.registration`'s; this module only stores them.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from vindplaats.store.sql_core import SQLCore, epoch_to_datetime

STATUSES = ("draft", "verifying", "verified", "submitted", "approved", "rejected")
COLUMNS = (
    "id, organisation_key, source_key, config, status, verification, verified_at, submitted_at, "
    "decided_at, decided_by, decision_reason, created_by, created_at, updated_at"
)
VERIFICATION_MAX = 200_000  # characters of verification JSON kept
REASON_MAX = 2_000


@dataclass(frozen=True)
class Registration:
    id: str
    organisation_key: str
    source_key: str
    config: dict[str, Any]  # the Source as JSON: its token in clear, never shown as it is
    status: str
    verification: dict[str, Any] | None  # what the dry-run saw
    verified_at: datetime | None
    submitted_at: datetime | None
    decided_at: datetime | None
    decided_by: str | None
    decision_reason: str | None
    created_by: str
    created_at: datetime
    updated_at: datetime


def _json(text: Any) -> dict[str, Any] | None:
    if text is None:
        return None
    try:
        value = json.loads(str(text))
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def _moment(value: Any) -> datetime | None:
    return None if value is None else epoch_to_datetime(float(value))


def _registration(row: Any) -> Registration:
    created = _moment(row["created_at"])
    updated = _moment(row["updated_at"])
    assert created is not None and updated is not None
    return Registration(
        id=str(row["id"]),
        organisation_key=str(row["organisation_key"]),
        source_key=str(row["source_key"]),
        config=_json(row["config"]) or {},
        status=str(row["status"]),
        verification=_json(row["verification"]),
        verified_at=_moment(row["verified_at"]),
        submitted_at=_moment(row["submitted_at"]),
        decided_at=_moment(row["decided_at"]),
        decided_by=row["decided_by"],
        decision_reason=row["decision_reason"],
        created_by=str(row["created_by"]),
        created_at=created,
        updated_at=updated,
    )


def _verification_text(verification: dict[str, Any]) -> str:
    text = json.dumps(verification, ensure_ascii=False, sort_keys=True, default=str)
    if len(text) <= VERIFICATION_MAX:
        return text
    cut = {k: v for k, v in verification.items() if k not in ("meetings", "errors")}
    cut["truncated"] = True
    return json.dumps(cut, ensure_ascii=False, sort_keys=True, default=str)[:VERIFICATION_MAX]


class Registrations(SQLCore):
    def create_registration(
        self, organisation_key: str, source_key: str, config: str, created_by: str
    ) -> Registration:
        """A new draft with an unguessable id; `config` is the Source's JSON."""
        with self.transaction() as conn:
            row = conn.execute(
                f"INSERT INTO source_registrations({COLUMNS}) VALUES (?, ?, ?, ?, 'draft', NULL, "
                f"NULL, NULL, NULL, NULL, NULL, ?, {self.NOW_SQL}, {self.NOW_SQL}) "
                f"RETURNING {COLUMNS}",
                (secrets.token_hex(8), organisation_key, source_key, config, created_by[:320]),
            ).fetchone()
        return _registration(row)

    def get_registration(self, registration_id: str) -> Registration | None:
        row = self._one(
            f"SELECT {COLUMNS} FROM source_registrations WHERE id = ?", (registration_id,)
        )
        return None if row is None else _registration(row)

    def list_registrations(
        self, organisation_key: str | None = None, statuses: Sequence[str] = ()
    ) -> list[Registration]:
        """The registrations (of one organisation, in the given states), newest change first."""
        where: list[str] = []
        args: list[Any] = []
        if organisation_key is not None:
            where.append("organisation_key = ?")
            args.append(organisation_key)
        if statuses:
            where.append(f"status IN ({', '.join('?' for _ in statuses)})")
            args.extend(statuses)
        clause = f" WHERE {' AND '.join(where)}" if where else ""
        rows = self._all(
            f"SELECT {COLUMNS} FROM source_registrations{clause} ORDER BY updated_at DESC, id",
            args,
        )
        return [_registration(row) for row in rows]

    def registration_source_keys(self) -> set[str]:
        """The source keys every registration not rejected holds (taken for a new one)."""
        rows = self._all("SELECT source_key FROM source_registrations WHERE status <> 'rejected'")
        return {str(row["source_key"]) for row in rows}

    def save_registration_config(
        self, registration_id: str, source_key: str, config: str, expect: Sequence[str]
    ) -> Registration | None:
        """New settings: back to draft, the earlier verification and submission dropped."""
        return self._transition(
            registration_id,
            expect,
            "status = 'draft', source_key = ?, config = ?, verification = NULL, "
            "verified_at = NULL, submitted_at = NULL, decided_at = NULL, decided_by = NULL, "
            "decision_reason = NULL",
            [source_key, config],
        )

    def start_registration_verification(
        self, registration_id: str, expect: Sequence[str], stale_after: float
    ) -> Registration | None:
        """verifying, from one of `expect` or from a verification silent for `stale_after` s
        (its server stopped)."""
        states = ", ".join("?" for _ in expect) or "NULL"
        with self.transaction() as conn:
            row = conn.execute(
                f"UPDATE source_registrations SET status = 'verifying', updated_at = "
                f"{self.NOW_SQL} WHERE id = ? AND (status IN ({states}) OR (status = "
                f"'verifying' AND updated_at < {self.NOW_SQL} - ?)) RETURNING {COLUMNS}",
                (registration_id, *expect, stale_after),
            ).fetchone()
        return None if row is None else _registration(row)

    def finish_registration_verification(
        self, registration_id: str, verification: dict[str, Any]
    ) -> Registration | None:
        """verified, with what the dry-run saw (only while it is still verifying: an edit
        meanwhile wins)."""
        return self._transition(
            registration_id,
            ("verifying",),
            f"status = 'verified', verification = ?, verified_at = {self.NOW_SQL}",
            [_verification_text(verification)],
        )

    def submit_registration(
        self, registration_id: str, verification: dict[str, Any]
    ) -> Registration | None:
        """submitted (from verified), its verification kept with the submitter's note."""
        return self._transition(
            registration_id,
            ("verified",),
            f"status = 'submitted', verification = ?, submitted_at = {self.NOW_SQL}",
            [_verification_text(verification)],
        )

    def decide_registration(
        self, registration_id: str, approved: bool, decided_by: str, reason: str
    ) -> Registration | None:
        """approved or rejected (from submitted), by whom and why."""
        return self._transition(
            registration_id,
            ("submitted",),
            f"status = ?, decided_at = {self.NOW_SQL}, decided_by = ?, decision_reason = ?",
            ["approved" if approved else "rejected", decided_by[:320], reason[:REASON_MAX]],
        )

    def _transition(
        self, registration_id: str, expect: Sequence[str], assignments: str, args: list[Any]
    ) -> Registration | None:
        if not expect:
            return None
        states = ", ".join("?" for _ in expect)
        with self.transaction() as conn:
            row = conn.execute(
                f"UPDATE source_registrations SET {assignments}, updated_at = {self.NOW_SQL} "
                f"WHERE id = ? AND status IN ({states}) RETURNING {COLUMNS}",
                (*args, registration_id, *expect),
            ).fetchone()
        return None if row is None else _registration(row)
