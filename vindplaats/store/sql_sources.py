"""Store methods for sources, their harvest schedule and harvest runs (shared SQL).

A source's schedule: `harvest_interval` (seconds; NULL means the `VINDPLAATS_HARVEST_INTERVAL`
default the caller passes) and `next_due_at` (epoch seconds by the database clock; NULL means
due now, as for a newly registered source).
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from vindplaats.errors import NotFound
from vindplaats.sources import Source
from vindplaats.store.base import SourceSchedule
from vindplaats.store.models import HarvestRun, RunStatus
from vindplaats.store.run_errors import DEFAULT_LIMITS, ErrorLimits, bound_errors
from vindplaats.store.sql_core import SQLCore, epoch_to_datetime, iso, now

INTERRUPTED = "interrupted: the run did not finish"


class SourcesAndRuns(SQLCore):
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
        row = self._one("SELECT config FROM sources WHERE key=?", (key,))
        if row is None:
            raise NotFound(f"unknown source {key!r}")
        return Source.model_validate_json(row["config"])

    def list_sources(self) -> list[Source]:
        rows = self._all("SELECT config FROM sources ORDER BY key")
        return [Source.model_validate_json(r["config"]) for r in rows]

    # -- schedule ---------------------------------------------------------------------------
    def set_harvest_interval(self, key: str, seconds: float | None) -> None:
        """Harvest this source every `seconds` (None: the default interval)."""
        if seconds is not None and seconds <= 0:
            raise ValueError(f"a harvest interval must be positive, not {seconds}")
        self._update_source(key, "harvest_interval=?", (seconds,))

    def mark_due(self, key: str) -> None:
        """Make a source due now (a worker picks it up at its next poll); one that is due
        already keeps its place in the queue."""
        self._update_source(
            key, f"next_due_at={self.NOW_SQL}", (), only_if=f"next_due_at > {self.NOW_SQL}"
        )

    def schedule_next(self, key: str, default_interval: float) -> datetime:
        """After a harvest: due again one interval (its own, else the default) from now."""
        self._update_source(
            key, f"next_due_at={self.NOW_SQL} + COALESCE(harvest_interval, ?)", (default_interval,)
        )
        row = self._one("SELECT next_due_at FROM sources WHERE key=?", (key,))
        due = epoch_to_datetime(row["next_due_at"])
        assert due is not None
        return due

    def due_sources(self, limit: int | None = None) -> list[str]:
        """Keys of the sources due now, longest waiting first."""
        sql = (
            f"SELECT key FROM sources WHERE next_due_at IS NULL OR next_due_at <= {self.NOW_SQL} "
            "ORDER BY COALESCE(next_due_at, 0), key"
        )
        args: tuple[Any, ...] = ()
        if limit is not None:
            sql += " LIMIT ?"
            args = (limit,)
        return [r["key"] for r in self._all(sql, args)]

    def source_schedules(self) -> list[SourceSchedule]:
        rows = self._all(
            "SELECT key, added_at, harvest_interval, next_due_at FROM sources ORDER BY key"
        )
        return [
            SourceSchedule(
                key=r["key"],
                added_at=r["added_at"],
                harvest_interval=r["harvest_interval"],
                next_due_at=epoch_to_datetime(r["next_due_at"]),
            )
            for r in rows
        ]

    def _update_source(
        self, key: str, assignments: str, args: tuple[Any, ...], only_if: str = "TRUE"
    ) -> None:
        sql = f"UPDATE sources SET {assignments} WHERE key=? AND {only_if} RETURNING key"
        with self.transaction() as conn:
            if conn.execute(sql, (*args, key)).fetchone() is None:
                self.get_source(key)  # NotFound for an unknown key; else nothing to change

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
                    json.dumps([INTERRUPTED]),
                    source_key,
                    RunStatus.RUNNING.value,
                ),
            )
            row = conn.execute(
                "INSERT INTO harvest_runs(source_key, started_at, status, window_from, "
                "window_until) VALUES (?,?,?,?,?) RETURNING id",
                (
                    source_key,
                    now().isoformat(),
                    RunStatus.RUNNING.value,
                    iso(window_from),
                    iso(window_until),
                ),
            ).fetchone()
        return self.get_run(row["id"])

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
                    json.dumps(bound_errors(errors, self.error_limits)),
                    iso(watermark),
                    run_id,
                ),
            )
        return self.get_run(run_id)

    def get_run(self, run_id: int) -> HarvestRun:
        row = self._one("SELECT * FROM harvest_runs WHERE id=?", (run_id,))
        if row is None:
            raise NotFound(f"unknown harvest run {run_id}")
        return self._run(row, self.error_limits)

    def list_runs(self, source_key: str | None = None, limit: int = 20) -> list[HarvestRun]:
        if source_key is None:
            rows = self._all("SELECT * FROM harvest_runs ORDER BY id DESC LIMIT ?", (limit,))
        else:
            rows = self._all(
                "SELECT * FROM harvest_runs WHERE source_key=? ORDER BY id DESC LIMIT ?",
                (source_key, limit),
            )
        return [self._run(r, self.error_limits) for r in rows]

    def last_run(self, source_key: str, status: RunStatus | None = None) -> HarvestRun | None:
        sql = "SELECT * FROM harvest_runs WHERE source_key=?"
        args: list[Any] = [source_key]
        if status is not None:
            sql += " AND status=?"
            args.append(status.value)
        row = self._one(sql + " ORDER BY id DESC LIMIT 1", args)
        return self._run(row, self.error_limits) if row else None

    def last_completed_run(self, source_key: str) -> HarvestRun | None:
        """The newest run that completed (ok or partial)."""
        row = self._one(
            "SELECT * FROM harvest_runs WHERE source_key=? AND status IN (?, ?) "
            "ORDER BY id DESC LIMIT 1",
            (source_key, RunStatus.OK.value, RunStatus.PARTIAL.value),
        )
        return self._run(row, self.error_limits) if row else None

    @staticmethod
    def _run(row: Any, limits: ErrorLimits = DEFAULT_LIMITS) -> HarvestRun:
        data = dict(row)
        data["counts"] = json.loads(data["counts"])
        # bounded when read too: rows written before the bounds existed
        data["errors"] = bound_errors(json.loads(data["errors"]), limits)
        return HarvestRun.model_validate(data)
