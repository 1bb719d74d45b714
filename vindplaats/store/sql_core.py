"""What the SQL stores share below their methods: the connection contract and dialect hooks.

The store methods (the `sql_*` modules) are written once, in SQL that
SQLite and PostgreSQL both understand: `?` placeholders (the PostgreSQL connection translates
them), `TRUE`/`FALSE`, `INSERT ... ON CONFLICT ... DO UPDATE`, `RETURNING`, JSON kept as text.
What differs is isolated here as hooks a backend sets: how a transaction and a read get a
connection, the SQL for "now" (the database clock, in epoch seconds) and the row-lock suffix.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager
from datetime import UTC, date, datetime
from typing import Any, ClassVar, Protocol

from vindplaats.store.run_errors import DEFAULT_LIMITS, ErrorLimits


class DBCursor(Protocol):
    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...


class DBConnection(Protocol):
    """The part of a DB-API connection the stores use; rows are read by column name."""

    def execute(self, sql: str, parameters: Sequence[Any] = ..., /) -> DBCursor: ...

    def executemany(self, sql: str, parameters: Iterable[Sequence[Any]], /) -> Any: ...


def now() -> datetime:
    return datetime.now(UTC)


def iso(value: datetime | date | None) -> str | None:
    return value.isoformat() if value is not None else None


def epoch_to_datetime(value: float | None) -> datetime | None:
    return None if value is None else datetime.fromtimestamp(value, UTC)


class SQLCore(ABC):
    """The hooks every SQL store provides; the method mixins build on these only."""

    # SQL expression for the database clock in epoch seconds (stable within one statement)
    NOW_SQL: ClassVar[str]
    # appended to a SELECT inside a write transaction to lock the rows it reads
    FOR_UPDATE: ClassVar[str] = ""
    # bounds on the error text recorded (`open_store` sets them from the settings)
    error_limits: ErrorLimits = DEFAULT_LIMITS

    @abstractmethod
    def transaction(self) -> AbstractContextManager[Any]:
        """One write transaction; nested calls join the outer one."""

    @abstractmethod
    def _reading(self) -> AbstractContextManager[DBConnection]:
        """A connection for reads (the current transaction's, when one is open)."""

    @abstractmethod
    def close(self) -> None:
        """Release the connections of this store."""

    def _one(self, sql: str, args: Sequence[Any] = ()) -> Any:
        with self._reading() as conn:
            return conn.execute(sql, args).fetchone()

    def _all(self, sql: str, args: Sequence[Any] = ()) -> list[Any]:
        with self._reading() as conn:
            return conn.execute(sql, args).fetchall()

    def clock(self) -> datetime:
        """The database's current time (the clock leases and schedules are measured by)."""
        row = self._one(f"SELECT {self.NOW_SQL} AS t")
        value = epoch_to_datetime(float(row["t"]))
        assert value is not None
        return value
