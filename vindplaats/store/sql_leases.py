"""Leases (shared SQL): named, expiring locks that coordinate workers through the store.

A lease is one row per name with its holder and an expiry in epoch seconds by the database
clock, so workers on several machines agree on time. Taking a lease is one atomic upsert: it
succeeds when the name is free, expired, or already held by the same holder (which renews it).
A holder that dies simply stops renewing; once the lease expires, another holder takes over.

Heartbeats share the table (no schema of their own): a heartbeat row is written by `beat`,
which sets `acquired_at` to the time of the beat, so its age is "now - acquired_at".
"""

from __future__ import annotations

from vindplaats.store.models import Beat
from vindplaats.store.sql_core import SQLCore


def _check(name: str, holder: str, ttl: float | None = None) -> None:
    if not name or not holder:
        raise ValueError("a lease needs a name and a holder")
    if ttl is not None and not ttl > 0:
        raise ValueError(f"a lease's ttl must be positive, not {ttl}")


class Leases(SQLCore):
    def acquire_lease(self, name: str, holder: str, ttl: float) -> bool:
        """Take `name` for `ttl` seconds; True when `holder` holds it now."""
        _check(name, holder, ttl)
        now = self.NOW_SQL
        with self.transaction() as conn:
            row = conn.execute(
                "INSERT INTO leases(name, holder, acquired_at, expires_at) "
                f"VALUES (?, ?, {now}, {now} + ?) "
                "ON CONFLICT(name) DO UPDATE SET expires_at=excluded.expires_at, "
                "acquired_at=CASE WHEN leases.holder=excluded.holder THEN leases.acquired_at "
                "ELSE excluded.acquired_at END, holder=excluded.holder "
                f"WHERE leases.holder=excluded.holder OR leases.expires_at <= {now} "
                "RETURNING name",
                (name, holder, float(ttl)),
            ).fetchone()
        return row is not None

    def renew_lease(self, name: str, holder: str, ttl: float) -> bool:
        """Extend a lease `holder` still holds to `ttl` seconds from now; False when another
        holder has taken it (or it was released)."""
        _check(name, holder, ttl)
        with self.transaction() as conn:
            row = conn.execute(
                f"UPDATE leases SET expires_at={self.NOW_SQL} + ? WHERE name=? AND holder=? "
                "RETURNING name",
                (float(ttl), name, holder),
            ).fetchone()
        return row is not None

    def release_lease(self, name: str, holder: str) -> None:
        """Give a lease up (nothing happens when `holder` does not hold it)."""
        _check(name, holder)
        with self.transaction() as conn:
            conn.execute("DELETE FROM leases WHERE name=? AND holder=?", (name, holder))

    def lease_holder(self, name: str) -> str | None:
        """Who holds `name` now (None when it is free or expired)."""
        row = self._one(
            f"SELECT holder FROM leases WHERE name=? AND expires_at > {self.NOW_SQL}", (name,)
        )
        return None if row is None else str(row["holder"])

    def beat(self, name: str, holder: str, ttl: float) -> None:
        """Record a heartbeat: row `name` says `holder` was alive now; it expires (may be
        pruned) `ttl` seconds from now."""
        _check(name, holder, ttl)
        now = self.NOW_SQL
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO leases(name, holder, acquired_at, expires_at) "
                f"VALUES (?, ?, {now}, {now} + ?) "
                "ON CONFLICT(name) DO UPDATE SET holder=excluded.holder, "
                "acquired_at=excluded.acquired_at, expires_at=excluded.expires_at",
                (name, holder, float(ttl)),
            )

    def beats(self, prefix: str) -> list[Beat]:
        """The heartbeat rows whose name starts with `prefix`, with their age in seconds by
        the database clock, freshest first."""
        if not prefix:
            raise ValueError("heartbeats are listed by a name prefix")
        rows = self._all(
            f"SELECT name, holder, {self.NOW_SQL} - acquired_at AS age FROM leases "
            "WHERE substr(name, 1, ?) = ? ORDER BY acquired_at DESC, name",
            (len(prefix), prefix),
        )
        return [
            Beat(name=r["name"], holder=r["holder"], age=max(float(r["age"]), 0.0)) for r in rows
        ]

    def prune_beats(self, prefix: str) -> int:
        """Delete the expired rows whose name starts with `prefix`; how many were deleted."""
        if not prefix:
            raise ValueError("heartbeats are pruned by a name prefix")
        with self.transaction() as conn:
            rows = conn.execute(
                f"DELETE FROM leases WHERE substr(name, 1, ?) = ? AND expires_at <= {self.NOW_SQL} "
                "RETURNING name",
                (len(prefix), prefix),
            ).fetchall()
        return len(rows)
