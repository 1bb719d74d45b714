"""Documents flagged for review (personal data found at extraction) and takedowns (shared SQL).

A flag (`document_flags`, one per document) says why a document needs a person's look
(`reason`: `bsn`) with a small JSON `detail` of pages and counts, never the personal data
itself; an editor marks it reviewed (`reviewed_at`, `reviewed_by`). A later extraction that
finds the same keeps the review; one that finds something else asks for a new one.

A takedown (`takedowns`, one row per record) hides a record from every output while it stays in
the store; restoring it stamps `restored_at` and keeps the row as history. Taking a record down
again reuses its row. Both are written in one transaction with what they change elsewhere: the
document is marked for the index pass (`documents.indexed = FALSE`: the next pass removes it
from the index, or puts it back), and a takedown logs a delete in the index change log
(`sql_changes`), so mirrors drop it too. Times are epoch seconds by the database clock.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from vindplaats.store.sql_changes import IndexChanges
from vindplaats.store.sql_core import epoch_to_datetime

LIST_MAX = 1_000
REASON_MAX = 2_000  # characters of a takedown's reason kept
_FLAG = "document_id, source_key, reason, detail, flagged_at, reviewed_at, reviewed_by"
_TAKEDOWN = "record_id, source_key, reason, taken_by, taken_at, restored_at, restored_by"


@dataclass(frozen=True)
class DocumentFlag:
    document_id: str
    source_key: str
    reason: str
    detail: dict[str, Any]
    flagged_at: datetime
    reviewed_at: datetime | None
    reviewed_by: str | None


@dataclass(frozen=True)
class Takedown:
    record_id: str
    source_key: str
    reason: str
    taken_by: str
    taken_at: datetime
    restored_at: datetime | None
    restored_by: str | None

    @property
    def active(self) -> bool:
        return self.restored_at is None


def _moment(value: Any) -> datetime:
    moment = epoch_to_datetime(float(value))
    assert moment is not None
    return moment


def _flag(row: Any) -> DocumentFlag:
    try:
        detail = json.loads(str(row["detail"]))
    except ValueError:
        detail = {}
    return DocumentFlag(
        document_id=str(row["document_id"]),
        source_key=str(row["source_key"]),
        reason=str(row["reason"]),
        detail=detail if isinstance(detail, dict) else {},
        flagged_at=_moment(row["flagged_at"]),
        reviewed_at=epoch_to_datetime(row["reviewed_at"]),
        reviewed_by=row["reviewed_by"],
    )


def _takedown(row: Any) -> Takedown:
    return Takedown(
        record_id=str(row["record_id"]),
        source_key=str(row["source_key"]),
        reason=str(row["reason"]),
        taken_by=str(row["taken_by"]),
        taken_at=_moment(row["taken_at"]),
        restored_at=epoch_to_datetime(row["restored_at"]),
        restored_by=row["restored_by"],
    )


def _in(column: str, values: Sequence[str] | None) -> tuple[str, list[Any]]:
    if values is None:
        return "", []
    if not values:
        return " AND FALSE", []
    return f" AND {column} IN ({', '.join('?' * len(values))})", list(values)


class Privacy(IndexChanges):
    # -- flags ------------------------------------------------------------------------------
    def flag_document(
        self, document_id: str, source_key: str, reason: str, detail: dict[str, Any]
    ) -> DocumentFlag:
        """Flag the document (again); a review stands while the detail stays the same."""
        text = json.dumps(detail, sort_keys=True)
        with self.transaction() as conn:
            row = conn.execute(
                "INSERT INTO document_flags(document_id, source_key, reason, detail, flagged_at) "
                f"VALUES (?, ?, ?, ?, {self.NOW_SQL}) ON CONFLICT (document_id) DO UPDATE SET "
                "reviewed_at = CASE WHEN document_flags.detail = excluded.detail AND "
                "document_flags.reason = excluded.reason THEN document_flags.reviewed_at END, "
                "reviewed_by = CASE WHEN document_flags.detail = excluded.detail AND "
                "document_flags.reason = excluded.reason THEN document_flags.reviewed_by END, "
                "flagged_at = CASE WHEN document_flags.detail = excluded.detail AND "
                "document_flags.reason = excluded.reason THEN document_flags.flagged_at "
                "ELSE excluded.flagged_at END, "
                "source_key = excluded.source_key, reason = excluded.reason, "
                f"detail = excluded.detail RETURNING {_FLAG}",
                (document_id, source_key, reason, text),
            ).fetchone()
        return _flag(row)

    def unflag_document(self, document_id: str) -> bool:
        """Remove the document's flag (its text no longer holds what was found)."""
        with self.transaction() as conn:
            row = conn.execute(
                "DELETE FROM document_flags WHERE document_id = ? RETURNING document_id",
                (document_id,),
            ).fetchone()
        return row is not None

    def review_flag(self, document_id: str, reviewed_by: str) -> DocumentFlag | None:
        """Mark the flag reviewed (None: the document has no flag)."""
        with self.transaction() as conn:
            row = conn.execute(
                f"UPDATE document_flags SET reviewed_at = {self.NOW_SQL}, reviewed_by = ? "
                f"WHERE document_id = ? RETURNING {_FLAG}",
                (reviewed_by[:320], document_id),
            ).fetchone()
        return None if row is None else _flag(row)

    def get_flag(self, document_id: str) -> DocumentFlag | None:
        row = self._one(f"SELECT {_FLAG} FROM document_flags WHERE document_id = ?", (document_id,))
        return None if row is None else _flag(row)

    def document_flags(
        self,
        source_keys: Sequence[str] | None = None,
        *,
        reviewed: bool | None = None,
        limit: int = 200,
    ) -> list[DocumentFlag]:
        """Flags of these sources (all: None), the newest first; `reviewed` filters."""
        clause, args = _in("source_key", source_keys)
        if reviewed is not None:
            clause += f" AND reviewed_at IS {'NOT ' if reviewed else ''}NULL"
        rows = self._all(
            f"SELECT {_FLAG} FROM document_flags WHERE TRUE{clause} "
            "ORDER BY flagged_at DESC, document_id LIMIT ?",
            [*args, max(1, min(limit, LIST_MAX))],
        )
        return [_flag(row) for row in rows]

    # -- takedowns --------------------------------------------------------------------------
    def take_down(self, record_id: str, source_key: str, reason: str, taken_by: str) -> Takedown:
        """Hide the record (again, if restored before); the reason and actor are kept. Taking
        down a record that is down already changes nothing and returns its takedown."""
        with self.transaction() as conn:
            row = conn.execute(
                "INSERT INTO takedowns(record_id, source_key, reason, taken_by, taken_at) "
                f"VALUES (?, ?, ?, ?, {self.NOW_SQL}) ON CONFLICT (record_id) DO UPDATE SET "
                "reason = excluded.reason, taken_by = excluded.taken_by, "
                "taken_at = excluded.taken_at, restored_at = NULL, restored_by = NULL, "
                "source_key = excluded.source_key WHERE takedowns.restored_at IS NOT NULL "
                f"RETURNING {_TAKEDOWN}",
                (record_id, source_key, reason[:REASON_MAX], taken_by[:320]),
            ).fetchone()
            if row is None:  # down already
                row = conn.execute(
                    f"SELECT {_TAKEDOWN} FROM takedowns WHERE record_id = ?", (record_id,)
                ).fetchone()
                return _takedown(row)
            conn.execute("UPDATE documents SET indexed = FALSE WHERE id = ?", (record_id,))
            self._log_changes(conn, deletes=[record_id])
        return _takedown(row)

    def restore_record(self, record_id: str, restored_by: str) -> Takedown | None:
        """Bring a taken-down record back (None: it is not down); the next index pass indexes
        it again (the restore itself does that at once where it can)."""
        with self.transaction() as conn:
            row = conn.execute(
                f"UPDATE takedowns SET restored_at = {self.NOW_SQL}, restored_by = ? "
                f"WHERE record_id = ? AND restored_at IS NULL RETURNING {_TAKEDOWN}",
                (restored_by[:320], record_id),
            ).fetchone()
            if row is not None:
                conn.execute("UPDATE documents SET indexed = FALSE WHERE id = ?", (record_id,))
        return None if row is None else _takedown(row)

    def get_takedown(self, record_id: str) -> Takedown | None:
        """The record's takedown, active or restored (None: never taken down)."""
        row = self._one(f"SELECT {_TAKEDOWN} FROM takedowns WHERE record_id = ?", (record_id,))
        return None if row is None else _takedown(row)

    def taken_down_ids(self) -> frozenset[str]:
        """The ids of every record that is down now."""
        rows = self._all("SELECT record_id FROM takedowns WHERE restored_at IS NULL")
        return frozenset(str(row["record_id"]) for row in rows)

    def takedowns(
        self,
        source_keys: Sequence[str] | None = None,
        *,
        active: bool | None = True,
        limit: int = 200,
    ) -> list[Takedown]:
        """Takedowns of these sources (all: None), the newest first; `active` filters."""
        clause, args = _in("source_key", source_keys)
        if active is not None:
            clause += f" AND restored_at IS {'' if active else 'NOT '}NULL"
        rows = self._all(
            f"SELECT {_TAKEDOWN} FROM takedowns WHERE TRUE{clause} "
            "ORDER BY taken_at DESC, record_id LIMIT ?",
            [*args, max(1, min(limit, LIST_MAX))],
        )
        return [_takedown(row) for row in rows]


__all__ = ["DocumentFlag", "Privacy", "Takedown"]
