"""Store methods for records, per-document state and pages (shared SQL).

Records are upserts keyed by their deterministic id with a hash of the payload; a Document also
has a row of state (download, extraction, index) whose `version_key` (URL, version, size) decides
when the file must be fetched again.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from typing import Any

from normalize.records import (
    Document,
    DownloadStatus,
    ExtractionStatus,
    Motion,
    Page,
    Record,
    Truncation,
    Vote,
    record_from_dict,
)
from vindplaats.errors import NotFound
from vindplaats.store.models import DocumentState
from vindplaats.store.run_errors import cap_message
from vindplaats.store.sql_changes import IndexChanges
from vindplaats.store.sql_core import DBConnection, now
from vindplaats.store.sql_ori import OriIds


class RecordsAndDocuments(IndexChanges, OriIds):
    # -- records ----------------------------------------------------------------------------
    def upsert_record(self, record: Record) -> bool:
        """Insert or update a record; True when it is new or its content changed.

        A Document also gets a row of document state; a changed `version_key` (URL, version,
        size) resets its download so the file is fetched again. A motion (indexed every run)
        and a vote (part of its motion's answer) are logged in the change log (`sql_changes`).
        """
        payload = record.model_dump_json()
        digest = hashlib.sha256(payload.encode()).hexdigest()
        stamp = now().isoformat()
        meeting_id = getattr(record, "meeting_id", None)
        with self.transaction() as conn:
            row = conn.execute(
                "SELECT payload_hash FROM records WHERE id=?" + self.FOR_UPDATE, (record.id,)
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
                    "withdrawn=FALSE, withdrawn_at=NULL WHERE id=?",
                    (payload, digest, meeting_id, stamp, record.id),
                )
            changed = row is None or row["payload_hash"] != digest
            if changed:  # the ORI API's way back to the record, and its "gewijzigd"
                self.remember_ori_id(conn, record.id, stamp)
            if isinstance(record, Document):
                self._upsert_document_state(conn, record, stamp, changed=changed)
            elif isinstance(record, Motion):
                self._log_changes(conn, upserts={record.id: digest})
            elif isinstance(record, Vote) and changed:
                self._log_changes(conn, touched=[record.motion_id])
        return changed

    @staticmethod
    def version_key(document: Document) -> str:
        return "|".join(
            str(v) for v in (document.original_url, document.version or "", document.size or "")
        )

    def _upsert_document_state(
        self, conn: DBConnection, doc: Document, stamp: str, changed: bool
    ) -> None:
        key = self.version_key(doc)
        row = conn.execute(
            "SELECT version_key FROM documents WHERE id=?" + self.FOR_UPDATE, (doc.id,)
        ).fetchone()
        if row is None:
            conn.execute(
                "INSERT INTO documents(id, source_key, original_url, version_key, first_seen, "
                "last_seen) VALUES (?,?,?,?,?,?)",
                (doc.id, doc.source_key, doc.original_url, key, stamp, stamp),
            )
        elif row["version_key"] != key:
            conn.execute(
                "UPDATE documents SET original_url=?, version_key=?, download_status='pending', "
                "download_error=NULL, last_seen=?, withdrawn=FALSE, indexed=FALSE WHERE id=?",
                (doc.original_url, key, stamp, doc.id),
            )
        else:  # a withdrawn document seen again goes back into the index
            conn.execute(
                "UPDATE documents SET last_seen=?, withdrawn=FALSE, indexed="
                + ("FALSE" if changed else "CASE WHEN withdrawn THEN FALSE ELSE indexed END")
                + " WHERE id=?",
                (stamp, doc.id),
            )

    def get_record(self, record_id: str) -> Record:
        row = self._one("SELECT payload FROM records WHERE id=?", (record_id,))
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
        for row in self._all(sql + " ORDER BY id", args):
            yield record_from_dict(json.loads(row["payload"]))

    def iter_documents_with_states(
        self, source_key: str, page_size: int = 500
    ) -> Iterator[tuple[Document, DocumentState | None]]:
        """Every document of a source with its state (None: none recorded), in id order, read
        `page_size` rows at a time so memory stays flat however many documents there are."""
        # Each page follows the primary key from the last id (ids of documents all begin with
        # `document:`, and `;` follows `:`), so a page costs its own rows: the `|| ''` keeps
        # the planner from the (type, source_key) index, which would sort all of a source's
        # documents again for every page.
        after = "document:"
        while True:
            rows = self._all(
                "SELECT r.payload AS record_payload, d.* FROM records r "
                "LEFT JOIN documents d ON d.id = r.id "
                "WHERE r.id > ? AND r.id < 'document;' "
                "AND r.type || '' = 'document' AND r.source_key || '' = ? "
                "ORDER BY r.id LIMIT ?",
                [after, source_key, page_size],
            )
            for row in rows:
                data = dict(row)
                record = record_from_dict(json.loads(data.pop("record_payload")))
                assert isinstance(record, Document)
                yield record, (self._state(data) if data.get("id") else None)
                after = record.id
            if len(rows) < page_size:
                return

    def withdrawn_record_ids(self, record_type: str, source_key: str | None = None) -> set[str]:
        """Ids of the records of this type marked withdrawn (gone from the source)."""
        sql = "SELECT id FROM records WHERE type=? AND withdrawn=TRUE"
        args: list[Any] = [record_type]
        if source_key is not None:
            sql += " AND source_key=?"
            args.append(source_key)
        return {r["id"] for r in self._all(sql, args)}

    def count_records(self, source_key: str | None = None) -> dict[str, int]:
        sql = "SELECT type, COUNT(*) AS n FROM records"
        args: list[Any] = []
        if source_key is not None:
            sql += " WHERE source_key=?"
            args.append(source_key)
        return {r["type"]: r["n"] for r in self._all(sql + " GROUP BY type", args)}

    # -- document state ---------------------------------------------------------------------
    def get_document_state(self, doc_id: str) -> DocumentState:
        row = self._one("SELECT * FROM documents WHERE id=?", (doc_id,))
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
            ("indexed", indexed),
        ):
            if value is not None:
                sql += f" AND {column}=?"
                args.append(value)
        for row in self._all(sql + " ORDER BY id", args):
            yield self._state(row)

    def record_download(
        self, doc_id: str, *, sha256: str, size: int, content_type: str | None
    ) -> None:
        """A file was downloaded and stored; extraction is due unless the content is unchanged."""
        with self.transaction() as conn:
            row = conn.execute(
                "SELECT sha256, extraction_status FROM documents WHERE id=?" + self.FOR_UPDATE,
                (doc_id,),
            ).fetchone()
            if row is None:
                raise NotFound(f"unknown document {doc_id!r}")
            same = row["sha256"] == sha256 and row["extraction_status"] != "pending"
            conn.execute(
                "UPDATE documents SET sha256=?, size=?, content_type=?, download_status='ok', "
                "download_error=NULL, downloaded_at=?"
                + ("" if same else ", extraction_status='pending', indexed=FALSE")
                + " WHERE id=?",
                (sha256, size, content_type, now().isoformat(), doc_id),
            )

    def record_download_failure(self, doc_id: str, error: str) -> None:
        with self.transaction() as conn:
            conn.execute(
                "UPDATE documents SET download_status='failed', download_error=?, "
                "downloaded_at=?, indexed=FALSE WHERE id=?",
                (cap_message(error, self.error_limits.max_chars), now().isoformat(), doc_id),
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
        warnings: list[str] | None = None,
        truncation: Truncation | None = None,
    ) -> None:
        ocr_pages = [p.number for p in pages if p.ocr]
        kept = truncation.model_dump_json() if truncation is not None else None
        with self.transaction() as conn:
            conn.execute("DELETE FROM pages WHERE document_id=?", (doc_id,))
            conn.executemany(
                "INSERT INTO pages(document_id, number, text, ocr) VALUES (?,?,?,?)",
                [(doc_id, p.number, p.text, p.ocr) for p in pages],
            )
            conn.execute(
                "UPDATE documents SET extraction_status=?, extraction_error=?, "
                "extraction_agent=?, extraction_route=?, extracted_at=?, page_count=?, "
                "ocr_pages=?, extraction_warnings=?, extraction_truncation=?, indexed=FALSE "
                "WHERE id=?",
                (
                    status.value,
                    error,
                    agent,
                    route,
                    now().isoformat(),
                    len(pages),
                    json.dumps(ocr_pages),
                    json.dumps(warnings or [], ensure_ascii=False),
                    kept,
                    doc_id,
                ),
            )

    def get_pages(self, doc_id: str) -> list[Page]:
        rows = self._all(
            "SELECT number, text, ocr FROM pages WHERE document_id=? ORDER BY number", (doc_id,)
        )
        return [Page(number=r["number"], text=r["text"], ocr=bool(r["ocr"])) for r in rows]

    def mark_indexed(self, doc_ids: list[str]) -> None:
        """The index holds these documents as stored now (withdrawn ones: it removed them);
        logged in the change log."""
        with self.transaction() as conn:
            conn.executemany(
                "UPDATE documents SET indexed=TRUE WHERE id=?", [(i,) for i in doc_ids]
            )
            self._log_indexed_documents(conn, doc_ids)

    def mark_withdrawn(self, record_ids: list[str]) -> None:
        """Flag the records withdrawn, stamped with the store's time (`withdrawn_at`);
        withdrawn documents and motions are logged as deletes in the change log."""
        stamp = now().isoformat()
        with self.transaction() as conn:
            for rid in record_ids:
                conn.execute(
                    "UPDATE records SET withdrawn=TRUE, withdrawn_at=? WHERE id=? "
                    "AND withdrawn=FALSE",
                    (stamp, rid),
                )
                conn.execute(
                    "UPDATE documents SET withdrawn=TRUE, indexed=FALSE WHERE id=?", (rid,)
                )
                conn.execute(  # a withdrawn dossier's judgements leave its documents' index
                    "UPDATE documents SET indexed=FALSE WHERE withdrawn=FALSE AND id IN "
                    "(SELECT document_id FROM dossier_documents WHERE dossier_id=?)",
                    (rid,),
                )
            self._log_withdrawn(conn, record_ids)

    def document_counts(self, source_key: str | None = None) -> dict[str, int]:
        """Counts of documents by download and extraction status ('download_ok', ...)."""
        where, args = ("WHERE source_key=?", [source_key]) if source_key else ("", [])
        counts: dict[str, int] = {}
        for column in ("download_status", "extraction_status"):
            rows = self._all(
                f"SELECT {column} AS s, COUNT(*) AS n FROM documents {where} GROUP BY {column}",
                args,
            )
            prefix = column.split("_")[0]
            counts.update({f"{prefix}_{r['s']}": r["n"] for r in rows})
        return counts

    @staticmethod
    def _state(row: Any) -> DocumentState:
        data = dict(row)
        data["ocr_pages"] = json.loads(data["ocr_pages"])
        data["extraction_warnings"] = json.loads(data.get("extraction_warnings") or "[]")
        kept = data.get("extraction_truncation")
        data["extraction_truncation"] = json.loads(kept) if kept else None
        data["withdrawn"] = bool(data["withdrawn"])
        data["indexed"] = bool(data["indexed"])
        return DocumentState.model_validate(data)
