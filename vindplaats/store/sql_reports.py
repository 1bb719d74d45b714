""" "Mist u een stuk?" reports of missing documents (shared SQL).

A visitor of a document, meeting or organisation page reports that something is missing; the
report (`missing_reports`) goes to the organisation the subject belongs to, whose editors answer
and close it. The reporter's contact (optional) is returned only to callers that show it to the
organisation's editors and admins. The client is kept only as a keyed hash (never the address),
for the per-client limit; it is not part of `MissingReport`.

A report is added only while neither limit is spent: the count of the client's and of the
organisation's reports in their windows is part of the INSERT itself, so a refused report
writes nothing. Times are epoch seconds by the database clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from vindplaats.store.sql_core import SQLCore, epoch_to_datetime

ReportStatus = Literal["open", "closed"]
REPORTS_LIMIT_MAX = 500
_COLUMNS = (
    "id, organisation_key, subject_kind, subject_id, message, contact, status, answer, "
    "answered_by, created_at, closed_at"
)


@dataclass(frozen=True)
class MissingReport:
    id: str
    organisation_key: str
    subject_kind: str  # document, meeting, organisation
    subject_id: str
    message: str
    contact: str | None  # for the organisation's editors and admins only
    status: ReportStatus
    answer: str | None
    answered_by: str | None
    created_at: datetime
    closed_at: datetime | None


@dataclass(frozen=True)
class ReportLimit:
    """At most `limit` reports per `window` seconds (of one client, or of one organisation)."""

    limit: int
    window: float


@dataclass(frozen=True)
class ReportWindow:
    """How many reports fall in a window, and when the oldest of them leaves it (seconds)."""

    count: int
    frees_in: float


def _report(row: Any) -> MissingReport:
    created = epoch_to_datetime(float(row["created_at"]))
    assert created is not None
    return MissingReport(
        id=str(row["id"]),
        organisation_key=str(row["organisation_key"]),
        subject_kind=str(row["subject_kind"]),
        subject_id=str(row["subject_id"]),
        message=str(row["message"]),
        contact=row["contact"],
        status=row["status"],
        answer=row["answer"],
        answered_by=row["answered_by"],
        created_at=created,
        closed_at=epoch_to_datetime(row["closed_at"]),
    )


class MissingReports(SQLCore):
    def add_missing_report(
        self,
        report_id: str,
        organisation_key: str,
        subject: tuple[str, str],
        message: str,
        contact: str | None,
        client: str,
        limits: tuple[ReportLimit, ReportLimit],
    ) -> MissingReport | None:
        """A new open report of `subject` (kind, id) for the organisation; None (nothing
        written) when the client's or the organisation's limit (`limits`, in that order) is
        spent."""
        per_client, per_organisation = limits
        now = self.NOW_SQL
        with self.transaction() as conn:
            row = conn.execute(
                "INSERT INTO missing_reports(id, organisation_key, subject_kind, subject_id, "
                "message, contact, client, status, created_at) "
                f"SELECT ?, ?, ?, ?, ?, ?, ?, 'open', {now} "
                "WHERE (SELECT COUNT(*) FROM missing_reports WHERE client = ? "
                f"AND created_at > {now} - ?) < ? "
                "AND (SELECT COUNT(*) FROM missing_reports WHERE organisation_key = ? "
                f"AND created_at > {now} - ?) < ? RETURNING {_COLUMNS}",
                (
                    report_id,
                    organisation_key,
                    *subject,
                    message,
                    contact,
                    client,
                    client,
                    float(per_client.window),
                    per_client.limit,
                    organisation_key,
                    float(per_organisation.window),
                    per_organisation.limit,
                ),
            ).fetchone()
        return None if row is None else _report(row)

    def missing_report_window(
        self, window: float, *, client: str | None = None, organisation_key: str | None = None
    ) -> ReportWindow:
        """The reports of the client (or else of the organisation) in the last `window`
        seconds, and in how many seconds the oldest of them leaves the window."""
        column = "client" if client is not None else "organisation_key"
        value = client if client is not None else organisation_key
        row = self._one(
            f"SELECT COUNT(*) AS n, MIN(created_at) AS oldest, {self.NOW_SQL} AS t "
            f"FROM missing_reports WHERE {column} = ? AND created_at > {self.NOW_SQL} - ?",
            (value, float(window)),
        )
        count = int(row["n"])
        if not count:
            return ReportWindow(0, 0.0)
        return ReportWindow(count, max(0.0, float(row["oldest"]) + window - float(row["t"])))

    def get_missing_report(self, report_id: str) -> MissingReport | None:
        row = self._one(f"SELECT {_COLUMNS} FROM missing_reports WHERE id = ?", (report_id,))
        return None if row is None else _report(row)

    def missing_reports(
        self, organisation_key: str, *, status: ReportStatus | None = None, limit: int = 100
    ) -> list[MissingReport]:
        """The organisation's reports: open ones first, then the newest first."""
        args: list[Any] = [organisation_key]
        clause = ""
        if status is not None:
            clause = " AND status = ?"
            args.append(status)
        args.append(max(1, min(limit, REPORTS_LIMIT_MAX)))
        rows = self._all(
            f"SELECT {_COLUMNS} FROM missing_reports WHERE organisation_key = ?{clause} "
            "ORDER BY CASE WHEN status = 'open' THEN 0 ELSE 1 END, created_at DESC, id DESC "
            "LIMIT ?",
            args,
        )
        return [_report(row) for row in rows]

    def missing_report_counts(self, organisation_key: str) -> dict[str, int]:
        """{"open": n, "closed": m} for the organisation."""
        rows = self._all(
            "SELECT status, COUNT(*) AS n FROM missing_reports WHERE organisation_key = ? "
            "GROUP BY status",
            (organisation_key,),
        )
        counts = {"open": 0, "closed": 0}
        counts.update({str(row["status"]): int(row["n"]) for row in rows})
        return counts

    def answer_missing_report(
        self, report_id: str, answer: str, answered_by: str, *, close: bool
    ) -> MissingReport | None:
        """The report with its answer (and closed, when `close`); None for an unknown id. A
        closed report stays closed; its answer can still be corrected."""
        closing = (
            f", status = 'closed', closed_at = COALESCE(closed_at, {self.NOW_SQL})" if close else ""
        )
        with self.transaction() as conn:
            row = conn.execute(
                f"UPDATE missing_reports SET answer = ?, answered_by = ?{closing} "
                f"WHERE id = ? RETURNING {_COLUMNS}",
                (answer, answered_by[:320], report_id),
            ).fetchone()
        return None if row is None else _report(row)


__all__ = ["MissingReport", "MissingReports", "ReportLimit", "ReportStatus", "ReportWindow"]
