"""The change log of the search index (shared SQL): what a mirror replays to hold the same
searchable records as the index (`GET /api/changes`).

One row per record id that ever entered the index, holding its latest change: `upsert` (it is
searchable, with this content) or `delete` (it left the index), numbered by `seq`. A new change
of a record gives its row the next number, so reading the rows in `seq` order after a cursor
yields every record that changed since, once, in its latest state: repeated upserts collapse
(latest wins). Replaying from the start therefore yields exactly the records searchable now
(the upserts) and tombstones of those that left.

Where the log is written, in the same transaction as the change itself:

- `mark_indexed` (a document entered or re-entered the index, or a withdrawn one left it);
- `mark_withdrawn` (a document or motion is withdrawn: it leaves the index);
- `upsert_record` of a motion (motions are indexed every run, so a new or changed motion is
  searchable after its harvest's index stage) and of a vote (its motion's answer changed);
- `remove_source(purge=True)` (the source's documents and motions leave the index).

An upsert is logged only when something a mirror sees changed: a record's `fingerprint` (its
payload hash, and for a document its file and extraction outcome) is kept, so re-indexing the
same content (an index rebuild, the motions sent again every run) logs nothing. A delete is
logged only for a record the log announced. Numbers are allocated under a lock on the one row of
`index_change_counter`, held until commit, so rows become visible in `seq` order (PostgreSQL
writers queue on it; SQLite's `BEGIN IMMEDIATE` serializes writers anyway); it is taken only
when there is something to log.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, Literal

from vindplaats.store.sql_core import DBConnection, SQLCore

ChangeOp = Literal["upsert", "delete"]
_CHUNK = 500  # ids per IN (...) list


@dataclass(frozen=True)
class IndexChange:
    """One entry of the change log: the latest change of a record, numbered `seq`."""

    seq: int
    record_id: str
    op: ChangeOp


def document_fingerprint(row: Mapping[str, Any]) -> str:
    """What a mirror of a document sees change: its record, its file and its extraction."""
    parts = (
        row["payload_hash"],
        row["sha256"] or "",
        row["extraction_status"],
        str(row["page_count"]),
        row["ocr_pages"],
        row["extraction_warnings"] or "",
    )
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def _chunks(items: Sequence[str]) -> Iterable[Sequence[str]]:
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]


def _marks(items: Sequence[Any]) -> str:
    return ",".join("?" for _ in items)


class IndexChanges(SQLCore):
    # SQL reading a text field of a JSON column (set by each backend)
    JSON_TEXT: ClassVar[str]

    def changes_since(self, after: int, limit: int) -> list[IndexChange]:
        """The next `limit` entries of the change log after number `after` (0: from the
        start), in the order they happened."""
        rows = self._all(
            "SELECT seq, record_id, op FROM index_changes WHERE seq > ? ORDER BY seq LIMIT ?",
            (after, limit),
        )
        return [IndexChange(int(r["seq"]), r["record_id"], r["op"]) for r in rows]

    def _log_changes(
        self,
        conn: DBConnection,
        *,
        upserts: Mapping[str, str | None] | None = None,
        deletes: Sequence[str] = (),
        touched: Sequence[str] = (),
    ) -> None:
        """Log, inside the caller's transaction: `upserts` (id → fingerprint; logged when
        new, deleted before or of another fingerprint), `deletes` (logged for ids the log
        announced), `touched` (ids whose answer changed: logged again when announced)."""
        upserts = upserts or {}
        ids = sorted({*upserts, *deletes, *touched})
        if not ids or not self._wanted(conn, ids, upserts, deletes):
            return  # nothing new: no lock taken, so unchanged records never wait
        top = int(
            conn.execute(
                "SELECT seq FROM index_change_counter WHERE id=1" + self.FOR_UPDATE
            ).fetchone()["seq"]
        )
        wanted = self._wanted(conn, ids, upserts, deletes)  # again, as committed under the lock
        if not wanted:
            return
        conn.executemany(
            "INSERT INTO index_changes(record_id, seq, op, fingerprint) VALUES (?,?,?,?) "
            "ON CONFLICT(record_id) DO UPDATE SET seq=excluded.seq, op=excluded.op, "
            "fingerprint=excluded.fingerprint",
            [(rid, top + n, op, fp) for n, (rid, op, fp) in enumerate(wanted, start=1)],
        )
        conn.execute("UPDATE index_change_counter SET seq=? WHERE id=1", (top + len(wanted),))

    def _wanted(
        self,
        conn: DBConnection,
        ids: Sequence[str],
        upserts: Mapping[str, str | None],
        deletes: Sequence[str],
    ) -> list[tuple[str, ChangeOp, str | None]]:
        """The entries to write for `ids` (the rest are touched), given what the log holds."""
        known: dict[str, tuple[str, str | None]] = {}
        for chunk in _chunks(ids):
            for row in conn.execute(
                "SELECT record_id, op, fingerprint FROM index_changes "
                f"WHERE record_id IN ({_marks(chunk)})",
                tuple(chunk),
            ).fetchall():
                known[row["record_id"]] = (row["op"], row["fingerprint"])
        wanted: list[tuple[str, ChangeOp, str | None]] = []
        deleted = set(deletes)
        for record_id in ids:
            op, fingerprint = known.get(record_id, (None, None))
            if record_id in upserts:
                new = upserts[record_id]
                if op != "upsert" or new is None or fingerprint != new:
                    wanted.append((record_id, "upsert", new))
            elif record_id in deleted:
                if op == "upsert":
                    wanted.append((record_id, "delete", None))
            elif op == "upsert":  # touched: the same record, a changed answer
                wanted.append((record_id, "upsert", fingerprint))
        return wanted

    def _log_indexed_documents(self, conn: DBConnection, doc_ids: Sequence[str]) -> None:
        """Log documents just marked indexed: an upsert for each current one, a delete for
        each withdrawn or taken-down one (the index stage removes those)."""
        upserts: dict[str, str | None] = {}
        deletes: list[str] = []
        for chunk in _chunks(sorted(set(doc_ids))):
            rows = conn.execute(
                "SELECT d.id, d.withdrawn, d.sha256, d.extraction_status, d.page_count, "
                "d.ocr_pages, d.extraction_warnings, r.payload_hash, r.withdrawn AS gone, "
                "EXISTS (SELECT 1 FROM takedowns t WHERE t.record_id = d.id "
                "AND t.restored_at IS NULL) AS down "
                f"FROM documents d JOIN records r ON r.id = d.id WHERE d.id IN ({_marks(chunk)})",
                tuple(chunk),
            ).fetchall()
            for row in rows:
                if row["withdrawn"] or row["gone"] or row["down"]:
                    deletes.append(row["id"])
                else:
                    upserts[row["id"]] = document_fingerprint(row)
        self._log_changes(conn, upserts=upserts, deletes=deletes)

    def _log_withdrawn(self, conn: DBConnection, record_ids: Sequence[str]) -> None:
        """Log records just withdrawn: documents and motions leave the index; a withdrawn
        vote changes its motion's answer."""
        deletes: list[str] = []
        touched: list[str] = []
        motion_of = self._json_text("payload", "motion_id")
        for chunk in _chunks(sorted(set(record_ids))):
            rows = conn.execute(
                f"SELECT id, type, {motion_of} AS motion_id FROM records "
                f"WHERE id IN ({_marks(chunk)})",
                tuple(chunk),
            ).fetchall()
            for row in rows:
                if row["type"] in ("document", "motion"):
                    deletes.append(row["id"])
                elif row["type"] == "vote" and row["motion_id"]:
                    touched.append(row["motion_id"])
        self._log_changes(conn, deletes=deletes, touched=touched)

    def _json_text(self, column: str, field: str) -> str:
        return self.JSON_TEXT.format(column=column, field=field)


__all__ = ["ChangeOp", "IndexChange", "IndexChanges", "document_fingerprint"]
