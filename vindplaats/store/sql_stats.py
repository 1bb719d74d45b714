"""Store figures for monitoring (`/metrics`), in a few grouped queries (shared SQL).

`stats()` counts documents by download and extraction state (and indexed, withdrawn), records by
type and harvest runs by status: one `GROUP BY` per table, whatever the number of sources.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from vindplaats.store.sql_core import SQLCore


class DocumentGroup(BaseModel):
    download_status: str
    extraction_status: str
    indexed: bool
    withdrawn: bool
    count: int


class StoreStats(BaseModel):
    documents: list[DocumentGroup] = Field(default_factory=list)
    records: dict[str, int] = Field(default_factory=dict, description="Records by type.")
    runs: dict[str, int] = Field(default_factory=dict, description="Harvest runs by status.")


class Stats(SQLCore):
    def stats(self) -> StoreStats:
        """Documents by state, records by type, harvest runs by status."""
        with self._reading() as conn:
            documents = conn.execute(
                "SELECT download_status, extraction_status, indexed, withdrawn, COUNT(*) AS n "
                "FROM documents GROUP BY download_status, extraction_status, indexed, withdrawn"
            ).fetchall()
            records = conn.execute(
                "SELECT type, COUNT(*) AS n FROM records GROUP BY type"
            ).fetchall()
            runs = conn.execute(
                "SELECT status, COUNT(*) AS n FROM harvest_runs GROUP BY status"
            ).fetchall()
        return StoreStats(
            documents=[
                DocumentGroup(
                    download_status=row["download_status"],
                    extraction_status=row["extraction_status"],
                    indexed=bool(row["indexed"]),
                    withdrawn=bool(row["withdrawn"]),
                    count=int(row["n"]),
                )
                for row in documents
            ],
            records={row["type"]: int(row["n"]) for row in records},
            runs={row["status"]: int(row["n"]) for row in runs},
        )
