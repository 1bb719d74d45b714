"""What an organisation's dashboard reads of its sources, aggregated in SQL (shared SQL).

- `monthly_counts(keys)`: current (not withdrawn) meetings, documents and motions of these
  sources per (source, type, month), in one `GROUP BY`. The month is that of the date as the
  supplier wrote it (meetings `start`, motions `date`, documents their best date, the fields of
  `Document.sort_date`); undated records count under month None.
- `problem_documents(keys, limit)`: the documents whose download or extraction failed, or whose
  extraction warned "ocr unavailable", with the reason, and the withdrawn ones; newest first,
  at most `limit` of each kind, and the totals of each kind.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

from vindplaats.store.sql_core import SQLCore
from vindplaats.store.sql_holdings import DATE_FIELDS
from vindplaats.store.sql_maintenance import OCR_UNAVAILABLE

COUNTED_TYPES = ("meeting", "document", "motion")
PROBLEM_MAX = 500  # problem documents listed of each kind at most


@dataclass(frozen=True)
class MonthCount:
    source_key: str
    record_type: str  # meeting, document, motion
    month: str | None  # "2025-03"; None: undated
    count: int


@dataclass(frozen=True)
class ProblemDocument:
    id: str
    source_key: str
    title: str
    original_url: str
    problem: str  # download_failed, extraction_failed, ocr_unavailable, withdrawn
    reason: str  # the stored error or warning ("" for withdrawn)
    last_seen: str


@dataclass
class ProblemDocuments:
    failed: list[ProblemDocument] = field(default_factory=list)
    withdrawn: list[ProblemDocument] = field(default_factory=list)
    failed_total: int = 0
    withdrawn_total: int = 0


def _in(keys: Sequence[str]) -> str:
    return ", ".join("?" * len(keys))


class Dashboard(SQLCore):
    JSON_TEXT: ClassVar[str]

    def monthly_counts(self, source_keys: Sequence[str]) -> list[MonthCount]:
        """Current meetings, documents and motions of these sources per month (see above)."""
        if not source_keys:
            return []
        text = self.JSON_TEXT.format
        best = ", ".join(text(column="payload", field=f) for f in DATE_FIELDS)
        when = (
            f"CASE type WHEN 'meeting' THEN {text(column='payload', field='start')} "
            f"WHEN 'motion' THEN {text(column='payload', field='date')} "
            f"ELSE COALESCE({best}) END"
        )
        rows = self._all(
            "SELECT source_key, type, month, COUNT(*) AS n FROM "
            f"(SELECT source_key, type, substr({when}, 1, 7) AS month FROM records "
            f"WHERE source_key IN ({_in(source_keys)}) AND type IN ({_in(COUNTED_TYPES)}) "
            "AND withdrawn=FALSE) held GROUP BY source_key, type, month",
            [*source_keys, *COUNTED_TYPES],
        )
        return [
            MonthCount(
                source_key=str(row["source_key"]),
                record_type=str(row["type"]),
                month=_month(row["month"]),
                count=int(row["n"]),
            )
            for row in rows
        ]

    def problem_documents(self, source_keys: Sequence[str], limit: int = 50) -> ProblemDocuments:
        """Failed and withdrawn documents of these sources (see the module docstring)."""
        found = ProblemDocuments()
        if not source_keys:
            return found
        limit = max(1, min(limit, PROBLEM_MAX))
        ocr = f'%"{OCR_UNAVAILABLE}%'
        failed = (
            f"d.source_key IN ({_in(source_keys)}) AND d.withdrawn=FALSE AND "
            "(d.download_status='failed' OR d.extraction_status='failed' "
            "OR d.extraction_warnings LIKE ?)"
        )
        withdrawn = f"d.source_key IN ({_in(source_keys)}) AND d.withdrawn=TRUE"
        failed_args = [*source_keys, ocr]
        found.failed = self._problems(failed, failed_args, limit)
        found.withdrawn = self._problems(withdrawn, list(source_keys), limit)
        found.failed_total = self._count(failed, failed_args)
        found.withdrawn_total = self._count(withdrawn, list(source_keys))
        return found

    def _count(self, where: str, args: list[Any]) -> int:
        row = self._one(f"SELECT COUNT(*) AS n FROM documents d WHERE {where}", args)
        return int(row["n"]) if row else 0

    def _problems(self, where: str, args: list[Any], limit: int) -> list[ProblemDocument]:
        title = self.JSON_TEXT.format(column="r.payload", field="title")
        rows = self._all(
            "SELECT d.id, d.source_key, d.original_url, d.download_status, d.download_error, "
            "d.extraction_status, d.extraction_error, d.extraction_warnings, d.withdrawn, "
            f"d.last_seen, {title} AS title FROM documents d JOIN records r ON r.id = d.id "
            f"WHERE {where} ORDER BY d.last_seen DESC, d.id LIMIT ?",
            [*args, limit],
        )
        return [_problem(row) for row in rows]


def _month(value: Any) -> str | None:
    text = str(value) if value else ""
    return text if len(text) == 7 and text[4] == "-" and text[:4].isdigit() else None


def _problem(row: Any) -> ProblemDocument:
    problem, reason = "withdrawn", ""
    if not row["withdrawn"]:
        if row["download_status"] == "failed":
            problem, reason = "download_failed", row["download_error"] or ""
        elif row["extraction_status"] == "failed":
            problem, reason = "extraction_failed", row["extraction_error"] or ""
        else:
            problem, reason = "ocr_unavailable", _ocr_warning(row["extraction_warnings"])
    return ProblemDocument(
        id=str(row["id"]),
        source_key=str(row["source_key"]),
        title=str(row["title"] or row["id"]),
        original_url=str(row["original_url"]),
        problem=problem,
        reason=str(reason),
        last_seen=str(row["last_seen"]),
    )


def _ocr_warning(raw: Any) -> str:
    try:
        warnings = json.loads(raw or "[]")
    except ValueError:
        return OCR_UNAVAILABLE
    found = [w for w in warnings if isinstance(w, str) and w.startswith(OCR_UNAVAILABLE)]
    return found[0] if found else OCR_UNAVAILABLE


__all__ = ["COUNTED_TYPES", "Dashboard", "MonthCount", "ProblemDocument", "ProblemDocuments"]
