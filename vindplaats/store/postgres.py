"""The PostgreSQL store, for several harvester workers on one database.

Same methods and meaning as `SQLiteStore` (the shared SQL of the `sql_*` modules: sources and
runs, records, incremental state, leases, blocks, upkeep, figures); this module owns the
connections: a small pool of autocommit connections, one borrowed per write transaction (nested
calls in the same thread join it) or per read. Leases, schedules, blocks and budgets use the
server's clock. The database URL's password never leaves this module: the store's `url`, its
repr and its errors show the URL with the password replaced by `***` (`vindplaats.net.shown`).
"""

from __future__ import annotations

import re
import threading
import time
import weakref
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

import psycopg
from psycopg.abc import Buffer
from psycopg.pq import TransactionStatus
from psycopg.rows import DictRow, dict_row
from psycopg.types.string import StrDumperUnknown
from pydantic import SecretStr

from vindplaats.errors import ConfigError
from vindplaats.net.shown import shown_url
from vindplaats.store.pg_schema import migrate
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

Connection = psycopg.Connection[DictRow]
MAX_IDLE = 4
CONNECT_TIMEOUT = 10
CHECK_AFTER_IDLE = 30.0  # seconds; a connection idle longer is checked before it is reused


def redact(url: str) -> str:
    """The URL (or key=value conninfo) with its password replaced by `***`."""
    return shown_url(url)


def _secrets(url: str) -> list[str]:
    found = []
    if "://" in url:
        parts = urlsplit(url)
        if parts.password:
            found.append(parts.password)
    found += re.findall(r"password=([^&\s]+)", url)
    return [s for s in found if s]


@lru_cache(maxsize=512)
def _translate(sql: str) -> str:
    """Shared SQL (`?` placeholders) in psycopg's style (`%s`)."""
    return sql.replace("%", "%%").replace("?", "%s")


class _NulFreeStr(StrDumperUnknown):
    """PostgreSQL text cannot hold NUL characters; extracted text sometimes has them."""

    def dump(self, obj: str) -> Buffer | None:
        return super().dump(obj.replace("\x00", ""))


class PgConnection:
    """A psycopg connection that speaks the shared SQL (`?` placeholders)."""

    def __init__(self, raw: Connection) -> None:
        self.raw = raw

    def execute(self, sql: str, parameters: Sequence[Any] = (), /) -> psycopg.Cursor[DictRow]:
        return self.raw.execute(_translate(sql), parameters)

    def executemany(self, sql: str, parameters: Iterable[Sequence[Any]], /) -> None:
        with self.raw.cursor() as cursor:
            cursor.executemany(_translate(sql), parameters)


class ConnectionPool:
    """Autocommit connections handed out one at a time; a few idle ones are kept.

    `close()` closes the idle connections and retires those in use (closed when given back);
    the pool stays usable and connects again when asked.
    """

    def __init__(
        self,
        conninfo: str,
        label: str,
        max_idle: int = MAX_IDLE,
        check_after_idle: float = CHECK_AFTER_IDLE,
    ) -> None:
        self._conninfo = conninfo
        self._label = label
        self._max_idle = max_idle
        self._check_after_idle = check_after_idle
        self._lock = threading.Lock()
        self._idle: list[tuple[Connection, float]] = []  # with the time it was given back
        self._generation = 0  # close() starts a new one; older connections are not kept

    def _connect(self) -> Connection:
        try:
            conn = psycopg.connect(
                self._conninfo,
                autocommit=True,
                row_factory=dict_row,
                connect_timeout=CONNECT_TIMEOUT,
                application_name="vindplaats",
            )
        except psycopg.Error as exc:
            message = str(exc).strip()
            for secret in _secrets(self._conninfo):
                message = message.replace(secret, "***")
            raise ConfigError(
                f"cannot connect to the PostgreSQL store {self._label} "
                f"(VINDPLAATS_DATABASE_URL): {message}"
            ) from None
        conn.adapters.register_dumper(str, _NulFreeStr)
        return conn

    @contextmanager
    def connection(self) -> Iterator[Connection]:
        with self._lock:
            conn, since = self._idle.pop() if self._idle else (None, 0.0)
            generation = self._generation
        idle = time.monotonic() - since
        if conn is not None and idle >= self._check_after_idle and not _alive(conn):
            conn.close()  # the server closed it meanwhile (restart, idle timeout)
            conn = None
        if conn is None:
            conn = self._connect()
        try:
            yield conn
        finally:
            self._give_back(conn, generation)

    def _give_back(self, conn: Connection, generation: int) -> None:
        with self._lock:
            keep = (
                generation == self._generation
                and not conn.closed
                and not conn.broken
                and conn.info.transaction_status == TransactionStatus.IDLE
                and len(self._idle) < self._max_idle
            )
            if keep:
                self._idle.append((conn, time.monotonic()))
        if not keep:
            conn.close()

    def close(self) -> None:
        with self._lock:
            idle, self._idle = self._idle, []
            self._generation += 1
        for conn, _ in idle:
            conn.close()


def _alive(conn: Connection) -> bool:
    try:
        conn.execute("SELECT 1")
    except psycopg.Error:
        return False
    return True


class PostgresStore(
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
    NOW_SQL = "extract(epoch from statement_timestamp())::float8"
    FOR_UPDATE = " FOR UPDATE"
    JSON_TEXT = "({column}::json ->> '{field}')"

    def __init__(self, url: str | SecretStr, *, max_idle: int = MAX_IDLE) -> None:
        secret = url.get_secret_value() if isinstance(url, SecretStr) else url
        self.url = redact(secret)
        scheme = secret.split("://", 1)[0].lower() if "://" in secret else "postgresql"
        if scheme not in ("postgresql", "postgres"):
            raise ConfigError(
                f"VINDPLAATS_DATABASE_URL must be a postgresql:// URL, not {scheme}://..."
            )
        self._pool = ConnectionPool(secret, self.url, max_idle)
        self._local = threading.local()
        weakref.finalize(self, self._pool.close)  # a store never closed leaks no connection
        with self._pool.connection() as conn:
            migrate(conn, self.url)

    def __repr__(self) -> str:
        return f"PostgresStore({self.url!r})"

    @contextmanager
    def transaction(self) -> Iterator[PgConnection]:
        current: PgConnection | None = getattr(self._local, "tx", None)
        if current is not None:
            yield current
            return
        with self._pool.connection() as raw:
            conn = PgConnection(raw)
            self._local.tx = conn
            try:
                with raw.transaction():
                    yield conn
            finally:
                self._local.tx = None

    @contextmanager
    def _reading(self) -> Iterator[PgConnection]:
        current: PgConnection | None = getattr(self._local, "tx", None)
        if current is not None:
            yield current
            return
        with self._pool.connection() as raw:
            yield PgConnection(raw)

    def close(self) -> None:
        """Close the pooled connections (the store connects again when used)."""
        self._pool.close()


__all__ = ["ConnectionPool", "PgConnection", "PostgresStore", "redact"]
