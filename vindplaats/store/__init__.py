"""The store: sources registry and schedule, harvest runs, records, per-document state, leases,
plus originals on disk.

`open_store(settings)` returns the configured store: PostgreSQL when `VINDPLAATS_DATABASE_URL`
is set, else SQLite in the data dir. Both implement `vindplaats.store.base.Store`; callers use
nothing else.
"""

from __future__ import annotations

from vindplaats.settings import Settings
from vindplaats.store.base import SourceSchedule, Store
from vindplaats.store.blobs import BlobStore
from vindplaats.store.models import DocumentState, HarvestRun, RunStatus, SupplierBlock
from vindplaats.store.run_errors import ErrorLimits
from vindplaats.store.sqlite import SQLiteStore


def open_store(settings: Settings) -> Store:
    """PostgreSQL when `database_url` is set (and not empty), else SQLite in the data dir."""
    limits = ErrorLimits.from_settings(settings)  # bounds on recorded error text
    if settings.database_url is not None and settings.database_url.get_secret_value().strip():
        from vindplaats.store.postgres import PostgresStore

        postgres = PostgresStore(settings.database_url)
        postgres.error_limits = limits
        return postgres
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    sqlite = SQLiteStore(settings.store_path)
    sqlite.error_limits = limits
    return sqlite


def open_blobs(settings: Settings) -> BlobStore:
    return BlobStore(settings.originals_dir)


__all__ = [
    "BlobStore",
    "DocumentState",
    "HarvestRun",
    "RunStatus",
    "SQLiteStore",
    "SourceSchedule",
    "Store",
    "SupplierBlock",
    "open_blobs",
    "open_store",
]
