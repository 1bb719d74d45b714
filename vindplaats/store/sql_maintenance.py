"""Store methods for operators' upkeep (shared SQL): removing a source with everything
harvested from it, and sending documents back to extraction without recrawling.

`remove_source` deletes in one transaction, so a failure leaves the source whole. What it
removed is returned, so the caller can remove the same documents from the search index and the
originals no other document uses from disk.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from pydantic import BaseModel, Field

from normalize.records import ExtractionStatus
from vindplaats.errors import NotFound, SourceError
from vindplaats.store.sql_changes import IndexChanges

OCR_UNAVAILABLE = "ocr unavailable"  # how the extractor's warning starts (normalize.extract.ocr)
_CHUNK = 500  # ids per IN (...) list


class SourceHoldings(BaseModel):
    """What the store holds for one source."""

    records: int = 0
    documents: int = 0
    pages: int = 0
    runs: int = 0

    @property
    def empty(self) -> bool:
        return not (self.records or self.documents or self.pages or self.runs)


class SourceRemoval(BaseModel):
    """What `remove_source` removed: the counts, the ids of the records that can be in the
    search index (documents and motions), and the sha256 of originals no document uses now."""

    key: str
    removed: SourceHoldings
    indexed_ids: list[str] = Field(default_factory=list)
    unused_sha256: list[str] = Field(default_factory=list)


def _chunks(items: Sequence[str]) -> Iterable[Sequence[str]]:
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]


def _marks(items: Sequence[Any]) -> str:
    return ",".join("?" for _ in items)


class Maintenance(IndexChanges):
    def source_holdings(self, key: str) -> SourceHoldings:
        """Counts of the records, documents, pages and harvest runs of a source."""
        row = self._one(
            "SELECT (SELECT COUNT(*) FROM records WHERE source_key=?) AS records, "
            "(SELECT COUNT(*) FROM documents WHERE source_key=?) AS documents, "
            "(SELECT COUNT(*) FROM pages WHERE document_id IN "
            "(SELECT id FROM documents WHERE source_key=?)) AS pages, "
            "(SELECT COUNT(*) FROM harvest_runs WHERE source_key=?) AS runs",
            (key, key, key, key),
        )
        return SourceHoldings.model_validate(dict(row))

    def remove_source(self, key: str, *, purge: bool = False) -> SourceRemoval:
        """Remove a source. Without `purge` only a source with nothing harvested (no records,
        no runs) is removed, else SourceError says what it holds; with `purge` its records,
        documents, pages, runs and backfill cursor go too. NotFound for an unknown key."""
        with self.transaction() as conn:
            if conn.execute("SELECT 1 FROM sources WHERE key=?", (key,)).fetchone() is None:
                raise NotFound(f"unknown source {key!r}")
            held = self.source_holdings(key)
            if not purge and not held.empty:
                raise SourceError(
                    f"source {key!r} holds {held.records} records, {held.documents} documents "
                    f"and {held.runs} harvest runs; `vindplaats sources remove {key} --purge` "
                    "removes them too (and its documents from the search index)"
                )
            indexed = [
                r["id"]
                for r in conn.execute(
                    "SELECT id FROM records WHERE source_key=? AND type IN ('document', 'motion') "
                    "ORDER BY id",
                    (key,),
                ).fetchall()
            ]
            hashes = sorted(
                r["sha256"]
                for r in conn.execute(
                    "SELECT DISTINCT sha256 FROM documents WHERE source_key=? "
                    "AND sha256 IS NOT NULL",
                    (key,),
                ).fetchall()
            )
            conn.execute(
                "DELETE FROM pages WHERE document_id IN "
                "(SELECT id FROM documents WHERE source_key=?)",
                (key,),
            )
            conn.execute("DELETE FROM documents WHERE source_key=?", (key,))
            conn.execute("DELETE FROM dossier_documents WHERE source_key=?", (key,))
            conn.execute("DELETE FROM records WHERE source_key=?", (key,))
            conn.execute("DELETE FROM harvest_runs WHERE source_key=?", (key,))
            conn.execute("DELETE FROM backfills WHERE source_key=?", (key,))
            conn.execute("DELETE FROM sources WHERE key=?", (key,))
            self._log_changes(conn, deletes=indexed)
            still_used: set[str] = set()
            for chunk in _chunks(hashes):
                rows = conn.execute(
                    f"SELECT DISTINCT sha256 FROM documents WHERE sha256 IN ({_marks(chunk)})",
                    tuple(chunk),
                ).fetchall()
                still_used.update(r["sha256"] for r in rows)
        return SourceRemoval(
            key=key,
            removed=held,
            indexed_ids=indexed,
            unused_sha256=[h for h in hashes if h not in still_used],
        )

    def reextraction_candidates(
        self,
        source_key: str | None = None,
        *,
        statuses: Sequence[ExtractionStatus] = (),
        ocr_unavailable: bool = False,
    ) -> dict[str, list[str]]:
        """Ids of the documents with a stored original whose extraction ended in one of
        `statuses`, or (with `ocr_unavailable`) that carry an "ocr unavailable" warning; by
        source key. Withdrawn documents are left out."""
        conditions: list[str] = []
        args: list[Any] = []
        if statuses:
            conditions.append(f"extraction_status IN ({_marks(statuses)})")
            args += [s.value for s in statuses]
        if ocr_unavailable:
            conditions.append("extraction_warnings LIKE ?")
            args.append(f'%"{OCR_UNAVAILABLE}%')
        if not conditions:
            return {}
        sql = (
            "SELECT id, source_key FROM documents WHERE download_status='ok' "
            "AND sha256 IS NOT NULL AND withdrawn=FALSE AND extraction_status <> 'pending' "
            f"AND ({' OR '.join(conditions)})"
        )
        if source_key is not None:
            sql += " AND source_key=?"
            args.append(source_key)
        found: dict[str, list[str]] = {}
        for row in self._all(sql + " ORDER BY source_key, id", args):
            found.setdefault(row["source_key"], []).append(row["id"])
        return found

    def reset_extraction(self, doc_ids: Sequence[str]) -> int:
        """Make these documents' extraction pending again (their stored text stays until the
        next extraction replaces it); how many were reset. Only documents with a stored
        original are reset."""
        reset = 0
        with self.transaction() as conn:
            for chunk in _chunks(list(doc_ids)):
                rows = conn.execute(
                    "UPDATE documents SET extraction_status='pending' WHERE id IN "
                    f"({_marks(chunk)}) AND download_status='ok' AND sha256 IS NOT NULL "
                    "RETURNING id",
                    tuple(chunk),
                ).fetchall()
                reset += len(rows)
        return reset


__all__ = ["OCR_UNAVAILABLE", "Maintenance", "SourceHoldings", "SourceRemoval"]
