"""Store methods for supplier blocks and the shared request budgets (shared SQL).

A supplier block is one row per supplier with the time it ends, in epoch seconds by the database
clock; an expired row is simply no longer active. A request budget is one row per name
(`scope:supplier.kind`) holding the earliest moment the next request may go out. Reserving a
request is one atomic upsert that hands out that moment and moves it one interval on, so every
process using the store (crawls of several sources at once, several workers) shares one budget
and the requests of a budget are never closer together than its interval.
"""

from __future__ import annotations

from typing import Any

from vindplaats.store.models import SupplierBlock
from vindplaats.store.sql_core import SQLCore, epoch_to_datetime

_ACTIVE = "blocked_until > {now}"


class BlocksAndBudgets(SQLCore):
    # -- supplier blocks ------------------------------------------------------------------------
    def block_supplier(self, supplier: str, seconds: float, reason: str) -> SupplierBlock:
        """Block `supplier` for `seconds` from now (an active block that ends later is kept)."""
        if not supplier:
            raise ValueError("a block needs a supplier")
        if not seconds > 0:
            raise ValueError(f"a block must last a positive number of seconds, not {seconds}")
        now = self.NOW_SQL
        with self.transaction() as conn:
            row = conn.execute(
                "INSERT INTO supplier_blocks(supplier, blocked_at, blocked_until, reason) "
                f"VALUES (?, {now}, {now} + ?, ?) ON CONFLICT(supplier) DO UPDATE SET "
                "blocked_at=excluded.blocked_at, reason=excluded.reason, "
                "blocked_until=CASE WHEN supplier_blocks.blocked_until > excluded.blocked_until "
                "THEN supplier_blocks.blocked_until ELSE excluded.blocked_until END "
                "RETURNING supplier, blocked_at, blocked_until, reason",
                (supplier, float(seconds), reason),
            ).fetchone()
        return _block(row)

    def unblock_supplier(self, supplier: str) -> bool:
        """Lift a supplier's block; True when it was active."""
        with self.transaction() as conn:
            row = conn.execute(
                "DELETE FROM supplier_blocks WHERE supplier=? RETURNING blocked_until, "
                f"{self.NOW_SQL} AS now",
                (supplier,),
            ).fetchone()
        return row is not None and float(row["blocked_until"]) > float(row["now"])

    def supplier_block(self, supplier: str) -> SupplierBlock | None:
        """The supplier's active block, or None."""
        row = self._one(
            "SELECT * FROM supplier_blocks WHERE supplier=? AND "
            + _ACTIVE.format(now=self.NOW_SQL),
            (supplier,),
        )
        return _block(row) if row is not None else None

    def supplier_blocks(self) -> list[SupplierBlock]:
        """Every active supplier block, by supplier."""
        rows = self._all(
            f"SELECT * FROM supplier_blocks WHERE {_ACTIVE.format(now=self.NOW_SQL)} "
            "ORDER BY supplier"
        )
        return [_block(r) for r in rows]

    # -- request budgets ------------------------------------------------------------------------
    def reserve_request(self, name: str, interval: float) -> float:
        """Reserve the next request of budget `name` (one request per `interval` seconds);
        return the seconds to wait before sending it (0 when it may go now)."""
        if not name or not interval > 0:
            raise ValueError("a request budget needs a name and a positive interval")
        now = self.NOW_SQL
        with self.transaction() as conn:
            row = conn.execute(
                f"INSERT INTO request_budgets(name, next_at) VALUES (?, {now} + ?) "
                "ON CONFLICT(name) DO UPDATE SET next_at=CASE WHEN "
                f"request_budgets.next_at > {now} THEN request_budgets.next_at ELSE {now} END + ? "
                f"RETURNING next_at - ? - {now} AS wait",
                (name, float(interval), float(interval), float(interval)),
            ).fetchone()
        return max(0.0, float(row["wait"]))

    def hold_requests(self, name: str, seconds: float) -> None:
        """No request of budget `name` goes out within `seconds` from now (Retry-After)."""
        if not name or seconds < 0:
            raise ValueError("holding a request budget needs a name and seconds >= 0")
        now = self.NOW_SQL
        with self.transaction() as conn:
            conn.execute(
                f"INSERT INTO request_budgets(name, next_at) VALUES (?, {now} + ?) "
                "ON CONFLICT(name) DO UPDATE SET next_at=CASE WHEN "
                "request_budgets.next_at > excluded.next_at THEN request_budgets.next_at "
                "ELSE excluded.next_at END",
                (name, float(seconds)),
            )


def _block(row: Any) -> SupplierBlock:
    blocked_at = epoch_to_datetime(float(row["blocked_at"]))
    blocked_until = epoch_to_datetime(float(row["blocked_until"]))
    assert blocked_at is not None and blocked_until is not None
    return SupplierBlock(
        supplier=row["supplier"],
        blocked_at=blocked_at,
        blocked_until=blocked_until,
        reason=row["reason"],
    )
