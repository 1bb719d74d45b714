"""The SQLite store (WAL mode). One connection per thread; writes are short transactions.

The methods are the shared SQL of the `sql_*` modules (`sql_sources`, `sql_records`,
`sql_incremental`, `sql_leases`, `sql_blocks`, `sql_maintenance`, `sql_stats`); this module owns
the connections, the transactions (`BEGIN IMMEDIATE`, so writers of several processes on one
machine queue instead of failing) and SQLite's clock.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from vindplaats.store.schema import migrate
from vindplaats.store.sql_accounts import Accounts
from vindplaats.store.sql_blocks import BlocksAndBudgets
from vindplaats.store.sql_conformance import ConformanceChecks
from vindplaats.store.sql_dashboard import Dashboard
from vindplaats.store.sql_dossiers import Dossiers
from vindplaats.store.sql_holdings import Holdings
from vindplaats.store.sql_incremental import Incremental
from vindplaats.store.sql_leases import Leases
from vindplaats.store.sql_maintenance import Maintenance
from vindplaats.store.sql_monitor import Monitor
from vindplaats.store.sql_organisations import Organisations
from vindplaats.store.sql_privacy import Privacy
from vindplaats.store.sql_records import RecordsAndDocuments
from vindplaats.store.sql_registrations import Registrations
from vindplaats.store.sql_reports import MissingReports
from vindplaats.store.sql_sources import SourcesAndRuns
from vindplaats.store.sql_stats import Stats

WAL_SWITCH_TIMEOUT = 30.0


def _enable_wal(conn: sqlite3.Connection) -> None:
    """Switch to WAL mode. Switching needs an exclusive lock and SQLite reports "database is
    locked" at once (without its busy handler) when several processes open a new store
    together, so retry for a while."""
    deadline = time.monotonic() + WAL_SWITCH_TIMEOUT
    delay = 0.01
    while True:
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() >= deadline:
                raise
            time.sleep(delay)
            delay = min(delay * 2, 0.5)


class SQLiteStore(
    SourcesAndRuns,
    Dossiers,
    RecordsAndDocuments,
    Leases,
    BlocksAndBudgets,
    Incremental,
    Stats,
    Maintenance,
    Holdings,
    ConformanceChecks,
    Organisations,
    Accounts,
    Registrations,
    MissingReports,
    Privacy,
    Dashboard,
    Monitor,
):
    NOW_SQL = "((julianday('now') - 2440587.5) * 86400.0)"
    JSON_TEXT = "json_extract({column}, '$.{field}')"

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()
        migrate(self._conn)

    def __repr__(self) -> str:
        return f"SQLiteStore({str(self.path)!r})"

    # -- connection -------------------------------------------------------------------------
    @property
    def _conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            conn.row_factory = sqlite3.Row
            _enable_wal(conn)
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

    @contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection]:
        yield self._conn

    def close(self) -> None:
        """Close this thread's connection (each thread has its own)."""
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None


__all__ = ["SQLiteStore"]
