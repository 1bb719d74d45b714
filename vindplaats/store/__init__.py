"""The store: sources registry and schedule, harvest runs, records, per-document state, leases,
plus originals on disk.

`open_store(settings)` returns the configured store: PostgreSQL when `VINDPLAATS_DATABASE_URL`
is set, else SQLite in the data dir. Both implement `vindplaats.store.base.Store`; callers use
nothing else.
"""

from __future__ import annotations

import sqlite3

from vindplaats.errors import ConfigError
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
    usable_data_dir(settings)
    try:
        sqlite = SQLiteStore(settings.store_path)
    except sqlite3.OperationalError as exc:  # e.g. a directory that is not writable
        raise ConfigError(
            f"VINDPLAATS_DATA_DIR {settings.data_dir}: cannot open {settings.store_path}: {exc}"
        ) from None
    sqlite.error_limits = limits
    return sqlite


def usable_data_dir(settings: Settings) -> None:
    """Create the data directory; ConfigError naming VINDPLAATS_DATA_DIR when that is impossible
    (a file in the way, a dangling link, no permission)."""
    try:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        path = settings.data_dir
        if path.is_symlink() and not path.exists():
            reason = f"a link to {path.readlink()}, which does not exist"
        elif path.exists():
            reason = "it is a file, not a directory"
        else:
            reason = exc.strerror or str(exc)
        raise ConfigError(
            f"VINDPLAATS_DATA_DIR {settings.data_dir} is not a usable directory: {reason}"
        ) from None


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
