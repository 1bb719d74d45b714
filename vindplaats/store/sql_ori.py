"""Store methods for the ORI API's ids (shared SQL): the way back from an ORI UUID to a record.

Every record served in the ORI shape is known by `vindplaats.ori.ids.ori_uuid(record_id)`, a
version-5 UUID that cannot be reversed. The table `ori_ids` (uuid → record_id) keeps the way
back, with when the record's content last changed (`changed_at`, the ORI API's "gewijzigd"):
`upsert_record` writes the row of every record it inserts or changes (`remember_ori_id`), and
records stored before the table existed are filled in (changed at their `last_seen`), in batches,
the first time a store object looks a UUID up (`fill_ori_ids`; SQL cannot compute a version-5
UUID, so a migration cannot). Rows of purged records may stay behind; every lookup joins
`records`, so they are never answered.

The ORI API also reads the live (not withdrawn) records of one type a page at a time, in record
id order (`ori_records_page`), each with when it last changed, and asks whether anything it
serves may have changed (`ori_fingerprint`) before it reads them all again.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from normalize.records import Record, record_from_dict
from vindplaats.ori.ids import ori_uuid
from vindplaats.store.sql_core import DBConnection, SQLCore

FILL_BATCH = 1000
LOOKUP_BATCH = 500  # UUIDs per query: well below SQLite's limit of bound parameters


class OriIds(SQLCore):
    _ori_ids_filled: bool = False

    @staticmethod
    def remember_ori_id(conn: DBConnection, record_id: str, changed_at: Any) -> None:
        """Inside a write transaction: remember the ORI UUID of `record_id`, changed at
        `changed_at` (an ISO 8601 UTC text or a datetime)."""
        conn.execute(
            "INSERT INTO ori_ids(uuid, record_id, changed_at) VALUES (?, ?, ?) "
            "ON CONFLICT (uuid) DO UPDATE SET changed_at = excluded.changed_at",
            (ori_uuid(record_id), record_id, changed_at),
        )

    def fill_ori_ids(self) -> int:
        """Give every stored record without one its `ori_ids` row; the number added."""
        added = 0
        while True:
            rows = self._all(
                "SELECT r.id, r.last_seen FROM records r LEFT JOIN ori_ids o ON o.record_id = r.id "
                "WHERE o.record_id IS NULL ORDER BY r.id LIMIT ?",
                (FILL_BATCH,),
            )
            if not rows:
                break
            with self.transaction() as conn:
                for row in rows:
                    self.remember_ori_id(conn, row["id"], row["last_seen"])
            added += len(rows)
        self._ori_ids_filled = True
        return added

    def record_ids_for_ori_uuids(self, uuids: Sequence[str]) -> dict[str, str]:
        """The record id of each ORI UUID that names a stored record: `{uuid: record_id}`.

        `uuids` are `vindplaats.ori.ids.ori_uuid` values (lower-case, with hyphens; other
        spellings, non-UUID text and UUIDs of no stored record are simply absent from the
        answer, never an error). Withdrawn records ARE answered (they are still stored): a
        caller that serves only live records checks `withdrawn` itself (e.g. via
        `ori_records_page` or `withdrawn_record_ids`); an event feed needs them for its DELETE
        events. Any number of UUIDs may be asked at once (queried in batches of 500). The
        first call on a store object fills in the ids of records stored before the table
        existed (`fill_ori_ids`), so that call may take a while on a large store.
        """
        if not self._ori_ids_filled:
            self.fill_ori_ids()
        wanted = sorted({u for u in uuids if isinstance(u, str)})
        found: dict[str, str] = {}
        for start in range(0, len(wanted), LOOKUP_BATCH):
            batch = wanted[start : start + LOOKUP_BATCH]
            marks = ",".join("?" for _ in batch)
            rows = self._all(
                "SELECT o.uuid, o.record_id FROM ori_ids o JOIN records r ON r.id = o.record_id "
                f"WHERE o.uuid IN ({marks})",
                batch,
            )
            found.update({row["uuid"]: row["record_id"] for row in rows})
        return found

    def ori_fingerprint(self) -> str:
        """A text that changes whenever what the ORI API serves may have changed: a record
        stored, changed, withdrawn or purged, a document downloaded or failing to, a record
        taken down or restored (a record stored again unchanged leaves it as it was)."""
        row = self._one(
            "SELECT (SELECT COUNT(*) FROM records) AS n, "
            "(SELECT MAX(changed_at) FROM ori_ids) AS seen, "
            "(SELECT MAX(withdrawn_at) FROM records) AS gone, "
            "(SELECT COUNT(*) FROM records WHERE withdrawn=TRUE) AS withdrawn, "
            "(SELECT COUNT(*) FROM documents WHERE download_status='ok') AS ok, "
            "(SELECT COUNT(*) FROM documents WHERE download_status='failed') AS failed, "
            "(SELECT COUNT(*) FROM takedowns WHERE restored_at IS NULL) AS down, "
            "(SELECT MAX(taken_at) FROM takedowns) AS taken, "
            "(SELECT MAX(restored_at) FROM takedowns) AS restored"
        )
        keys = ("n", "seen", "gone", "withdrawn", "ok", "failed", "down", "taken", "restored")
        return "|".join(str(row[key]) for key in keys)

    def ori_records_page(
        self, record_type: str, *, after: str = "", limit: int = 1000
    ) -> list[tuple[Record, datetime]]:
        """Up to `limit` live (not withdrawn, not taken down) records of `record_type` with ids
        after `after`, in id order, each with when its content last changed (UTC)."""
        if not self._ori_ids_filled:
            self.fill_ori_ids()
        rows = self._all(
            "SELECT r.payload, COALESCE(o.changed_at, r.last_seen) AS changed_at FROM records r "
            "LEFT JOIN ori_ids o ON o.record_id = r.id "
            "WHERE r.type=? AND r.withdrawn=FALSE AND r.id>? AND NOT EXISTS (SELECT 1 FROM "
            "takedowns t WHERE t.record_id = r.id AND t.restored_at IS NULL) "
            "ORDER BY r.id LIMIT ?",
            (record_type, after, limit),
        )
        return [
            (record_from_dict(json.loads(row["payload"])), _stamp(row["changed_at"]))
            for row in rows
        ]


def _stamp(value: Any) -> datetime:
    stamp = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return stamp if stamp.tzinfo else stamp.replace(tzinfo=UTC)
