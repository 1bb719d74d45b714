"""The store: sources registry, harvest runs, records and per-document state, plus originals.

`open_store(settings)` returns the configured store (SQLite today). Every implementation offers
the methods of `vindplaats.store.sqlite.SQLiteStore`; callers use nothing else.
"""

from __future__ import annotations

from vindplaats.settings import Settings
from vindplaats.store.blobs import BlobStore
from vindplaats.store.models import DocumentState, HarvestRun, RunStatus
from vindplaats.store.sqlite import SQLiteStore


def open_store(settings: Settings) -> SQLiteStore:
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    return SQLiteStore(settings.store_path)


def open_blobs(settings: Settings) -> BlobStore:
    return BlobStore(settings.originals_dir)


__all__ = ["BlobStore", "DocumentState", "HarvestRun", "RunStatus", "SQLiteStore", "open_store"]
