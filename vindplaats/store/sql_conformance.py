"""Conformance checks of suppliers' feeds started over the API (shared SQL).

One row per check (`conformance_checks`): the feed URL, the standard, the request budget asked
for, its status (`queued` → `running` → `done` or `failed`), a short progress text, the reason
of a failure and, once done, the report in the checker's formats (JSON, JUnit XML, HTML) with its
error and warning counts. Times are epoch seconds by the database clock.

A check is owned by the server process that accepted it, which beats on it (`touch_checks`)
while it is queued or running. A process that dies (a restart, `kill -9`) stops beating, and
`fail_stale_checks` ends its checks as failed with a reason: no check stays "running" forever.
Every status change is one conditional UPDATE, so a check that was failed as stale is never
turned back into done by a late worker.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from vindplaats.store.sql_core import SQLCore, epoch_to_datetime

CheckStatus = Literal["queued", "running", "done", "failed"]
PENDING: tuple[CheckStatus, ...] = ("queued", "running")
REPORT_FORMATS = ("json", "junit", "html")
_SUMMARY = (
    "id, url, standard, max_requests, status, progress, reason, errors, warnings, "
    "created_at, started_at, finished_at"
)


@dataclass(frozen=True)
class ConformanceCheck:
    id: str
    url: str
    standard: str
    max_requests: int | None
    status: CheckStatus
    progress: str
    reason: str | None
    errors: int | None
    warnings: int | None
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None


def _check(row: Any) -> ConformanceCheck:
    created = epoch_to_datetime(float(row["created_at"]))
    assert created is not None
    return ConformanceCheck(
        id=str(row["id"]),
        url=str(row["url"]),
        standard=str(row["standard"]),
        max_requests=None if row["max_requests"] is None else int(row["max_requests"]),
        status=row["status"],
        progress=str(row["progress"] or ""),
        reason=row["reason"],
        errors=None if row["errors"] is None else int(row["errors"]),
        warnings=None if row["warnings"] is None else int(row["warnings"]),
        created_at=created,
        started_at=epoch_to_datetime(row["started_at"]),
        finished_at=epoch_to_datetime(row["finished_at"]),
    )


class ConformanceChecks(SQLCore):
    def create_check(
        self, check_id: str, url: str, standard: str, max_requests: int | None
    ) -> ConformanceCheck:
        """A new queued check (its id chosen by the caller: random and URL-safe)."""
        now = self.NOW_SQL
        with self.transaction() as conn:
            row = conn.execute(
                "INSERT INTO conformance_checks(id, url, standard, max_requests, status, "
                f"progress, created_at, heartbeat_at) VALUES (?, ?, ?, ?, 'queued', '', {now}, "
                f"{now}) RETURNING {_SUMMARY}",
                (check_id, url, standard, max_requests),
            ).fetchone()
        return _check(row)

    def get_check(self, check_id: str) -> ConformanceCheck | None:
        """The check's status and counts (without its reports), or None."""
        row = self._one(f"SELECT {_SUMMARY} FROM conformance_checks WHERE id=?", (check_id,))
        return None if row is None else _check(row)

    def check_report(self, check_id: str, fmt: str) -> str | None:
        """A done check's report in `fmt` (json, junit or html); None when there is none."""
        if fmt not in REPORT_FORMATS:
            raise ValueError(f"no report format {fmt!r}")
        row = self._one(
            f"SELECT report_{fmt} AS report FROM conformance_checks WHERE id=?", (check_id,)
        )
        return None if row is None or row["report"] is None else str(row["report"])

    def start_check(self, check_id: str) -> bool:
        """queued → running; False when the check is no longer queued (failed meanwhile)."""
        return self._move(check_id, "status='running', started_at={now}", "status='queued'", ())

    def check_progress(self, check_id: str, progress: str) -> None:
        """A running check's progress text (at most 200 characters kept); also a heartbeat."""
        self._move(check_id, "progress=?", "status='running'", (progress[:200],))

    def touch_checks(self, check_ids: list[str]) -> None:
        """Heartbeat: the owner of these pending checks is alive."""
        with self.transaction() as conn:
            for check_id in check_ids:
                conn.execute(
                    f"UPDATE conformance_checks SET heartbeat_at={self.NOW_SQL} "
                    "WHERE id=? AND status IN ('queued', 'running')",
                    (check_id,),
                )

    def finish_check(
        self, check_id: str, reports: dict[str, str], errors: int, warnings: int
    ) -> bool:
        """running → done with its reports (every one of `REPORT_FORMATS`) and counts."""
        values = tuple(reports[fmt] for fmt in REPORT_FORMATS)
        return self._move(
            check_id,
            "status='done', report_json=?, report_junit=?, report_html=?, errors=?, "
            "warnings=?, finished_at={now}",
            "status='running'",
            (*values, errors, warnings),
        )

    def fail_check(self, check_id: str, reason: str) -> bool:
        """A pending check ends as failed with `reason` (at most 2,000 characters kept)."""
        return self._move(
            check_id,
            "status='failed', reason=?, finished_at={now}",
            "status IN ('queued', 'running')",
            (reason[:2000],),
        )

    def fail_stale_checks(self, older_than: float, reason: str) -> int:
        """Every pending check whose owner has not beaten for `older_than` seconds ends as
        failed with `reason`; how many did."""
        now = self.NOW_SQL
        with self.transaction() as conn:
            rows = conn.execute(
                f"UPDATE conformance_checks SET status='failed', reason=?, finished_at={now} "
                f"WHERE status IN ('queued', 'running') AND heartbeat_at <= {now} - ? "
                "RETURNING id",
                (reason[:2000], float(older_than)),
            ).fetchall()
        return len(rows)

    def pending_checks(self) -> int:
        """Checks queued or running (in every process sharing the store)."""
        row = self._one(
            "SELECT COUNT(*) AS n FROM conformance_checks WHERE status IN ('queued', 'running')"
        )
        return int(row["n"])

    def _move(self, check_id: str, assign: str, where: str, args: tuple[Any, ...]) -> bool:
        now = self.NOW_SQL
        with self.transaction() as conn:
            row = conn.execute(
                f"UPDATE conformance_checks SET {assign.format(now=now)}, heartbeat_at={now} "
                f"WHERE id=? AND {where} RETURNING id",
                (*args, check_id),
            ).fetchone()
        return row is not None


__all__ = ["CheckStatus", "ConformanceCheck", "ConformanceChecks"]
