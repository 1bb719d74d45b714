"""Store methods for incremental harvesting (shared SQL): a source's watermark, the cursor of its
full backfill, the run an ordinary harvest widens back to, and the records a complete crawl no
longer saw in its window (candidates for withdrawal).

The watermark (`sources.watermark`) is the supplier's own last-modified time up to which every
change of the source is harvested; spiders with a modified-since feed ask for changes after it.
A backfill cursor (`backfills`, one row per source) survives crashes, so an interrupted backfill
resumes at its first unfinished chunk.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, ClassVar

from vindplaats.errors import NotFound
from vindplaats.store.models import Backfill, HarvestRun, RunStatus
from vindplaats.store.sql_core import SQLCore, iso, now
from vindplaats.store.sql_sources import SourcesAndRuns

RUN_PAGE = 100
# Record types a harvest window covers: meetings by their date, the rest by their meeting's,
# register entry's or (votes) motion's.
WINDOWED = ("meeting", "agenda_item", "document", "register_entry", "motion", "vote")


def _datetime(value: Any) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value))


class Incremental(SQLCore):
    # SQL of a JSON payload's top-level text field; `{column}` and `{field}` are filled in
    JSON_TEXT: ClassVar[str]

    # -- watermark --------------------------------------------------------------------------
    def get_watermark(self, source_key: str) -> datetime | None:
        """The source's watermark (None: none yet); NotFound for an unknown source."""
        row = self._one("SELECT watermark FROM sources WHERE key=?", (source_key,))
        if row is None:
            raise NotFound(f"unknown source {source_key!r}")
        return _datetime(row["watermark"])

    def set_watermark(self, source_key: str, value: datetime | None) -> None:
        with self.transaction() as conn:
            row = conn.execute(
                "UPDATE sources SET watermark=? WHERE key=? RETURNING key", (iso(value), source_key)
            ).fetchone()
        if row is None:
            raise NotFound(f"unknown source {source_key!r}")

    # -- backfill cursor --------------------------------------------------------------------
    def get_backfill(self, source_key: str) -> Backfill | None:
        row = self._one("SELECT * FROM backfills WHERE source_key=?", (source_key,))
        return Backfill.model_validate(dict(row)) if row is not None else None

    def start_backfill(
        self, source_key: str, range_from: date, range_until: date, chunk_months: int
    ) -> Backfill:
        """Start a backfill of `source_key` over the range (replacing any earlier cursor)."""
        if range_from > range_until:
            raise ValueError(f"a backfill from {range_from} cannot end before it, {range_until}")
        if chunk_months < 1:
            raise ValueError(f"a backfill chunk must be at least one month, not {chunk_months}")
        stamp = now().isoformat()
        with self.transaction() as conn:
            if conn.execute("SELECT 1 FROM sources WHERE key=?", (source_key,)).fetchone() is None:
                raise NotFound(f"unknown source {source_key!r}")
            conn.execute(
                "INSERT INTO backfills(source_key, range_from, range_until, chunk_months, "
                "next_from, started_at, updated_at, finished_at) VALUES (?,?,?,?,?,?,?,NULL) "
                "ON CONFLICT(source_key) DO UPDATE SET range_from=excluded.range_from, "
                "range_until=excluded.range_until, chunk_months=excluded.chunk_months, "
                "next_from=excluded.next_from, started_at=excluded.started_at, "
                "updated_at=excluded.updated_at, finished_at=NULL",
                (
                    source_key,
                    iso(range_from),
                    iso(range_until),
                    chunk_months,
                    iso(range_from),
                    stamp,
                    stamp,
                ),
            )
        return self._backfill(source_key)

    def advance_backfill(self, source_key: str, next_from: date) -> Backfill:
        """Every chunk before `next_from` is done."""
        stamp = now().isoformat()
        with self.transaction() as conn:
            conn.execute(
                "UPDATE backfills SET next_from=?, updated_at=? WHERE source_key=?",
                (iso(next_from), stamp, source_key),
            )
        return self._backfill(source_key)

    def finish_backfill(self, source_key: str) -> Backfill:
        stamp = now().isoformat()
        with self.transaction() as conn:
            conn.execute(
                "UPDATE backfills SET updated_at=?, finished_at=? WHERE source_key=?",
                (stamp, stamp, source_key),
            )
        return self._backfill(source_key)

    def _backfill(self, source_key: str) -> Backfill:
        found = self.get_backfill(source_key)
        if found is None:
            raise NotFound(f"no backfill of source {source_key!r}")
        return found

    # -- runs -------------------------------------------------------------------------------
    def last_covering_run(self, source_key: str) -> HarvestRun | None:
        """The newest completed (ok or partial) run whose window held the day it started: the
        last run that re-checked the present, as ordinary runs do (a backfill chunk of 2015
        or an explicit window in the past did not)."""
        sql = "SELECT * FROM harvest_runs WHERE source_key=? AND status IN (?, ?)"
        args: list[Any] = [source_key, RunStatus.OK.value, RunStatus.PARTIAL.value]
        before: int | None = None
        while True:
            page_sql, page_args = sql, list(args)
            if before is not None:
                page_sql += " AND id < ?"
                page_args.append(before)
            rows = self._all(page_sql + " ORDER BY id DESC LIMIT ?", [*page_args, RUN_PAGE])
            for row in rows:
                run = SourcesAndRuns._run(row, self.error_limits)
                started = run.started_at.date()
                if (run.window_from or started) <= started <= (run.window_until or started):
                    return run
            if len(rows) < RUN_PAGE:
                return None
            before = rows[-1]["id"]

    # -- withdrawal -------------------------------------------------------------------------
    def unseen_records(
        self, source_key: str, *, seen_since: datetime, window_from: date, window_until: date
    ) -> list[tuple[str, str]]:
        """(id, record type) of the records not seen since `seen_since` that belong to what the
        run read in full: meetings dated in the window; agenda items, documents, register
        entries and motions of a meeting dated in the window or seen since `seen_since`;
        documents and motions of a register entry seen since then; motions of a register entry
        withdrawn now or before (a motion is the entry of a motion register); votes of a motion
        seen since then (its votes were read with it) or withdrawn now or before. Records
        already withdrawn, and records with none of those parents, are never returned."""
        start = self.JSON_TEXT.format(column="m.payload", field="start")
        entry = self.JSON_TEXT.format(column="r.payload", field="register_entry_id")
        motion_entry = self.JSON_TEXT.format(column="o.payload", field="register_entry_id")
        voted = self.JSON_TEXT.format(column="r.payload", field="motion_id")
        types = ",".join("?" for _ in WINDOWED)
        since = iso(seen_since)
        rows = self._all(
            "WITH meetings AS (SELECT m.id FROM records m WHERE m.source_key=? "
            f"AND m.type='meeting' AND (substr({start}, 1, 10) BETWEEN ? AND ? "
            "OR m.last_seen >= ?)), "
            "entries AS (SELECT e.id FROM records e WHERE e.source_key=? "
            "AND e.type='register_entry' AND e.last_seen >= ?), "
            "gone_entries AS (SELECT e.id FROM records e WHERE e.source_key=? "
            "AND e.type='register_entry' AND e.last_seen < ? AND (e.withdrawn=TRUE "
            "OR e.meeting_id IN (SELECT id FROM meetings))), "
            "motions AS (SELECT o.id FROM records o WHERE o.source_key=? AND o.type='motion' "
            "AND (o.last_seen >= ? OR o.withdrawn=TRUE OR o.meeting_id IN (SELECT id FROM "
            f"meetings) OR {motion_entry} IN (SELECT id FROM entries) "
            f"OR {motion_entry} IN (SELECT id FROM gone_entries))) "
            "SELECT r.id AS id, r.type AS type FROM records r "
            f"WHERE r.source_key=? AND r.type IN ({types}) AND r.withdrawn=FALSE "
            "AND r.last_seen < ? AND (r.id IN (SELECT id FROM meetings) "
            "OR (r.type<>'vote' AND r.meeting_id IN (SELECT id FROM meetings)) "
            f"OR (r.type IN ('document', 'motion') AND {entry} IN (SELECT id FROM entries)) "
            f"OR (r.type='motion' AND {entry} IN (SELECT id FROM gone_entries)) "
            f"OR (r.type='vote' AND {voted} IN (SELECT id FROM motions))) "
            "ORDER BY r.id",
            (
                source_key,
                iso(window_from),
                iso(window_until),
                since,
                source_key,
                since,
                source_key,
                since,
                source_key,
                since,
                source_key,
                *WINDOWED,
                since,
            ),
        )
        return [(r["id"], r["type"]) for r in rows]

    def unseen_listed(self, source_key: str, *, seen_since: datetime) -> list[tuple[str, str]]:
        """(id, record type) of the documents of a source whose listing is read in full on
        every run (DiWoo sitemaps) that were not seen since `seen_since`; already withdrawn
        ones are not returned."""
        rows = self._all(
            "SELECT id, type FROM records WHERE source_key=? AND type='document' "
            "AND withdrawn=FALSE AND last_seen < ? ORDER BY id",
            (source_key, iso(seen_since)),
        )
        return [(r["id"], r["type"]) for r in rows]

    def withdrawn_since(self, record_id: str) -> datetime | None:
        """When the record was marked withdrawn; None when it is current (NotFound: unknown)."""
        row = self._one("SELECT withdrawn, withdrawn_at FROM records WHERE id=?", (record_id,))
        if row is None:
            raise NotFound(f"unknown id {record_id!r}")
        return _datetime(row["withdrawn_at"]) if row["withdrawn"] else None

    def seen_meetings(
        self, source_key: str, *, seen_since: datetime, window_from: date, window_until: date
    ) -> int:
        """How many stored meetings dated in the window were seen since `seen_since`."""
        start = self.JSON_TEXT.format(column="payload", field="start")
        row = self._one(
            "SELECT COUNT(*) AS n FROM records WHERE source_key=? AND type='meeting' "
            f"AND substr({start}, 1, 10) BETWEEN ? AND ? AND last_seen >= ?",
            (source_key, iso(window_from), iso(window_until), iso(seen_since)),
        )
        return int(row["n"])
