"""The SQLite store (WAL mode). One connection per thread; writes are short transactions."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from normalize.records import (
    Document,
    DownloadStatus,
    ExtractionStatus,
    Page,
    Record,
    record_from_dict,
)
from vindplaats.errors import NotFound
from vindplaats.sources import Source
from vindplaats.store.models import DocumentState, HarvestRun, RunStatus
from vindplaats.store.schema import migrate


def now() -> datetime:
    return datetime.now(UTC)


def _iso(value: datetime | date | None) -> str | None:
    return value.isoformat() if value is not None else None


class SQLiteStore:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()
        migrate(self._conn)

    # -- connection -------------------------------------------------------------------------
    @property
    def _conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA foreign_keys=ON")
            self._local.conn = conn
        return conn

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        conn = self._conn
        if conn.in_transaction:
            yield conn
            return
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    def close(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None

    # -- sources ----------------------------------------------------------------------------
    def upsert_source(self, source: Source) -> bool:
        """Add or update a source; True when it was new."""
        stamp = now().isoformat()
        with self.transaction() as conn:
            exists = conn.execute("SELECT 1 FROM sources WHERE key=?", (source.key,)).fetchone()
            conn.execute(
                "INSERT INTO sources(key, supplier, config, added_at, updated_at) "
                "VALUES (?,?,?,?,?) ON CONFLICT(key) DO UPDATE SET supplier=excluded.supplier, "
                "config=excluded.config, updated_at=excluded.updated_at",
                (source.key, source.supplier.value, source.model_dump_json(), stamp, stamp),
            )
        return exists is None

    def get_source(self, key: str) -> Source:
        row = self._conn.execute("SELECT config FROM sources WHERE key=?", (key,)).fetchone()
        if row is None:
            raise NotFound(f"unknown source {key!r}")
        return Source.model_validate_json(row["config"])

    def list_sources(self) -> list[Source]:
        rows = self._conn.execute("SELECT config FROM sources ORDER BY key").fetchall()
        return [Source.model_validate_json(r["config"]) for r in rows]

    # -- harvest runs -----------------------------------------------------------------------
    def start_run(
        self, source_key: str, window_from: date | None = None, window_until: date | None = None
    ) -> HarvestRun:
        self.get_source(source_key)
        with self.transaction() as conn:
            # a run still "running" was interrupted (crash, kill -9): record it as failed
            conn.execute(
                "UPDATE harvest_runs SET status=?, ended_at=?, errors=? "
                "WHERE source_key=? AND status=?",
                (
                    RunStatus.FAILED.value,
                    now().isoformat(),
                    json.dumps(["interrupted: the run did not finish"]),
                    source_key,
                    RunStatus.RUNNING.value,
                ),
            )
            cur = conn.execute(
                "INSERT INTO harvest_runs(source_key, started_at, status, window_from, "
                "window_until) VALUES (?,?,?,?,?)",
                (
                    source_key,
                    now().isoformat(),
                    RunStatus.RUNNING.value,
                    _iso(window_from),
                    _iso(window_until),
                ),
            )
            run_id = cur.lastrowid
        assert run_id is not None
        return self.get_run(run_id)

    def finish_run(
        self,
        run_id: int,
        status: RunStatus,
        counts: dict[str, int],
        errors: list[str],
        watermark: datetime | None = None,
    ) -> HarvestRun:
        with self.transaction() as conn:
            conn.execute(
                "UPDATE harvest_runs SET ended_at=?, status=?, counts=?, errors=?, watermark=? "
                "WHERE id=?",
                (
                    now().isoformat(),
                    status.value,
                    json.dumps(counts, sort_keys=True),
                    json.dumps(errors),
                    _iso(watermark),
                    run_id,
                ),
            )
        return self.get_run(run_id)

    def get_run(self, run_id: int) -> HarvestRun:
        row = self._conn.execute("SELECT * FROM harvest_runs WHERE id=?", (run_id,)).fetchone()
        if row is None:
            raise NotFound(f"unknown harvest run {run_id}")
        return self._run(row)

    def list_runs(self, source_key: str | None = None, limit: int = 20) -> list[HarvestRun]:
        if source_key is None:
            rows = self._conn.execute(
                "SELECT * FROM harvest_runs ORDER BY id DESC LIMIT ?", (limit,)
            ).fetchall()
        else:
            rows = self._conn.execute(
                "SELECT * FROM harvest_runs WHERE source_key=? ORDER BY id DESC LIMIT ?",
                (source_key, limit),
            ).fetchall()
        return [self._run(r) for r in rows]

    def last_run(self, source_key: str, status: RunStatus | None = None) -> HarvestRun | None:
        sql = "SELECT * FROM harvest_runs WHERE source_key=?"
        args: list[Any] = [source_key]
        if status is not None:
            sql += " AND status=?"
            args.append(status.value)
        row = self._conn.execute(sql + " ORDER BY id DESC LIMIT 1", args).fetchone()
        return self._run(row) if row else None

    def last_completed_run(self, source_key: str) -> HarvestRun | None:
        """The newest run that completed (ok or partial)."""
        row = self._conn.execute(
            "SELECT * FROM harvest_runs WHERE source_key=? AND status IN (?, ?) "
            "ORDER BY id DESC LIMIT 1",
            (source_key, RunStatus.OK.value, RunStatus.PARTIAL.value),
        ).fetchone()
        return self._run(row) if row else None

    @staticmethod
    def _run(row: sqlite3.Row) -> HarvestRun:
        data = dict(row)
        data["counts"] = json.loads(data["counts"])
        data["errors"] = json.loads(data["errors"])
        return HarvestRun.model_validate(data)

    # -- records ----------------------------------------------------------------------------
    def upsert_record(self, record: Record) -> bool:
        """Insert or update a record; True when it is new or its content changed.

        A Document also gets a row of document state; a changed `version_key` (URL, version,
        size) resets its download so the file is fetched again.
        """
        payload = record.model_dump_json()
        digest = hashlib.sha256(payload.encode()).hexdigest()
        stamp = now().isoformat()
        meeting_id = getattr(record, "meeting_id", None)
        with self.transaction() as conn:
            row = conn.execute(
                "SELECT payload_hash FROM records WHERE id=?", (record.id,)
            ).fetchone()
            if row is None:
                conn.execute(
                    "INSERT INTO records(id, type, source_key, meeting_id, payload, payload_hash, "
                    "first_seen, last_seen) VALUES (?,?,?,?,?,?,?,?)",
                    (
                        record.id,
                        record.record_type,
                        record.source_key,
                        meeting_id,
                        payload,
                        digest,
                        stamp,
                        stamp,
                    ),
                )
            else:
                conn.execute(
                    "UPDATE records SET payload=?, payload_hash=?, meeting_id=?, last_seen=?, "
                    "withdrawn=0 WHERE id=?",
                    (payload, digest, meeting_id, stamp, record.id),
                )
            if isinstance(record, Document):
                self._upsert_document_state(
                    conn, record, stamp, changed=row is None or row["payload_hash"] != digest
                )
        return row is None or row["payload_hash"] != digest

    @staticmethod
    def version_key(document: Document) -> str:
        return "|".join(
            str(v) for v in (document.original_url, document.version or "", document.size or "")
        )

    def _upsert_document_state(
        self, conn: sqlite3.Connection, doc: Document, stamp: str, changed: bool
    ) -> None:
        key = self.version_key(doc)
        row = conn.execute("SELECT version_key FROM documents WHERE id=?", (doc.id,)).fetchone()
        if row is None:
            conn.execute(
                "INSERT INTO documents(id, source_key, original_url, version_key, first_seen, "
                "last_seen) VALUES (?,?,?,?,?,?)",
                (doc.id, doc.source_key, doc.original_url, key, stamp, stamp),
            )
        elif row["version_key"] != key:
            conn.execute(
                "UPDATE documents SET original_url=?, version_key=?, download_status='pending', "
                "download_error=NULL, last_seen=?, withdrawn=0, indexed=0 WHERE id=?",
                (doc.original_url, key, stamp, doc.id),
            )
        else:
            conn.execute(
                "UPDATE documents SET last_seen=?, withdrawn=0"
                + (", indexed=0" if changed else "")
                + " WHERE id=?",
                (stamp, doc.id),
            )

    def get_record(self, record_id: str) -> Record:
        row = self._conn.execute("SELECT payload FROM records WHERE id=?", (record_id,)).fetchone()
        if row is None:
            raise NotFound(f"unknown id {record_id!r}")
        return record_from_dict(json.loads(row["payload"]))

    def iter_records(
        self, record_type: str, source_key: str | None = None, meeting_id: str | None = None
    ) -> Iterator[Record]:
        sql = "SELECT payload FROM records WHERE type=?"
        args: list[Any] = [record_type]
        if source_key is not None:
            sql += " AND source_key=?"
            args.append(source_key)
        if meeting_id is not None:
            sql += " AND meeting_id=?"
            args.append(meeting_id)
        for row in self._conn.execute(sql + " ORDER BY id", args).fetchall():
            yield record_from_dict(json.loads(row["payload"]))

    def count_records(self, source_key: str | None = None) -> dict[str, int]:
        sql = "SELECT type, COUNT(*) AS n FROM records"
        args: list[Any] = []
        if source_key is not None:
            sql += " WHERE source_key=?"
            args.append(source_key)
        rows = self._conn.execute(sql + " GROUP BY type", args).fetchall()
        return {r["type"]: r["n"] for r in rows}

    # -- document state ---------------------------------------------------------------------
    def get_document_state(self, doc_id: str) -> DocumentState:
        row = self._conn.execute("SELECT * FROM documents WHERE id=?", (doc_id,)).fetchone()
        if row is None:
            raise NotFound(f"unknown document {doc_id!r}")
        return self._state(row)

    def iter_document_states(
        self,
        source_key: str | None = None,
        *,
        download_status: DownloadStatus | None = None,
        extraction_status: ExtractionStatus | None = None,
        indexed: bool | None = None,
    ) -> Iterator[DocumentState]:
        sql = "SELECT * FROM documents WHERE 1=1"
        args: list[Any] = []
        for column, value in (
            ("source_key", source_key),
            ("download_status", download_status and download_status.value),
            ("extraction_status", extraction_status and extraction_status.value),
            ("indexed", None if indexed is None else int(indexed)),
        ):
            if value is not None:
                sql += f" AND {column}=?"
                args.append(value)
        for row in self._conn.execute(sql + " ORDER BY id", args).fetchall():
            yield self._state(row)

    def record_download(
        self, doc_id: str, *, sha256: str, size: int, content_type: str | None
    ) -> None:
        """A file was downloaded and stored; extraction is due unless the content is unchanged."""
        with self.transaction() as conn:
            row = conn.execute(
                "SELECT sha256, extraction_status FROM documents WHERE id=?", (doc_id,)
            ).fetchone()
            if row is None:
                raise NotFound(f"unknown document {doc_id!r}")
            same = row["sha256"] == sha256 and row["extraction_status"] != "pending"
            conn.execute(
                "UPDATE documents SET sha256=?, size=?, content_type=?, download_status='ok', "
                "download_error=NULL, downloaded_at=?"
                + ("" if same else ", extraction_status='pending', indexed=0")
                + " WHERE id=?",
                (sha256, size, content_type, now().isoformat(), doc_id),
            )

    def record_download_failure(self, doc_id: str, error: str) -> None:
        with self.transaction() as conn:
            conn.execute(
                "UPDATE documents SET download_status='failed', download_error=?, "
                "downloaded_at=?, indexed=0 WHERE id=?",
                (error, now().isoformat(), doc_id),
            )

    def record_extraction(
        self,
        doc_id: str,
        *,
        status: ExtractionStatus,
        pages: list[Page],
        agent: str | None,
        route: str | None = None,
        error: str | None = None,
    ) -> None:
        ocr_pages = [p.number for p in pages if p.ocr]
        with self.transaction() as conn:
            conn.execute("DELETE FROM pages WHERE document_id=?", (doc_id,))
            conn.executemany(
                "INSERT INTO pages(document_id, number, text, ocr) VALUES (?,?,?,?)",
                [(doc_id, p.number, p.text, int(p.ocr)) for p in pages],
            )
            conn.execute(
                "UPDATE documents SET extraction_status=?, extraction_error=?, "
                "extraction_agent=?, extraction_route=?, extracted_at=?, page_count=?, "
                "ocr_pages=?, indexed=0 WHERE id=?",
                (
                    status.value,
                    error,
                    agent,
                    route,
                    now().isoformat(),
                    len(pages),
                    json.dumps(ocr_pages),
                    doc_id,
                ),
            )

    def get_pages(self, doc_id: str) -> list[Page]:
        rows = self._conn.execute(
            "SELECT number, text, ocr FROM pages WHERE document_id=? ORDER BY number", (doc_id,)
        ).fetchall()
        return [Page(number=r["number"], text=r["text"], ocr=bool(r["ocr"])) for r in rows]

    def mark_indexed(self, doc_ids: list[str]) -> None:
        with self.transaction() as conn:
            conn.executemany("UPDATE documents SET indexed=1 WHERE id=?", [(i,) for i in doc_ids])

    def mark_withdrawn(self, record_ids: list[str]) -> None:
        with self.transaction() as conn:
            for rid in record_ids:
                conn.execute("UPDATE records SET withdrawn=1 WHERE id=?", (rid,))
                conn.execute("UPDATE documents SET withdrawn=1, indexed=0 WHERE id=?", (rid,))

    def document_counts(self, source_key: str | None = None) -> dict[str, int]:
        """Counts of documents by download and extraction status ('download_ok', ...)."""
        where, args = ("WHERE source_key=?", [source_key]) if source_key else ("", [])
        counts: dict[str, int] = {}
        for column in ("download_status", "extraction_status"):
            rows = self._conn.execute(
                f"SELECT {column} AS s, COUNT(*) AS n FROM documents {where} GROUP BY {column}",
                args,
            ).fetchall()
            prefix = column.split("_")[0]
            counts.update({f"{prefix}_{r['s']}": r["n"] for r in rows})
        return counts

    @staticmethod
    def _state(row: sqlite3.Row) -> DocumentState:
        data = dict(row)
        data["ocr_pages"] = json.loads(data["ocr_pages"])
        data["withdrawn"] = bool(data["withdrawn"])
        data["indexed"] = bool(data["indexed"])
        return DocumentState.model_validate(data)
