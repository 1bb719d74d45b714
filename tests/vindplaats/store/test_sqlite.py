"""What only the SQLite store has: WAL mode and `PRAGMA user_version` migrations."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from vindplaats.settings import load_settings
from vindplaats.store import SQLiteStore, open_store
from vindplaats.store.schema import MIGRATIONS, statements


def user_version(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute("PRAGMA user_version").fetchone()[0])
    finally:
        conn.close()


def test_wal_mode_and_schema_version(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "store.sqlite3")
    conn = sqlite3.connect(store.path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()
    store.close()
    assert user_version(tmp_path / "store.sqlite3") == len(MIGRATIONS)


def test_a_version_1_store_is_migrated_with_its_data(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    for statement in statements(MIGRATIONS[0]):
        conn.execute(statement)
    conn.execute("PRAGMA user_version=1")
    conn.execute(
        "INSERT INTO sources(key, supplier, config, added_at, updated_at) VALUES (?,?,?,?,?)",
        (
            "alkmaar",
            "notubiz",
            '{"key": "alkmaar", "name": "Alkmaar", "supplier": "notubiz", '
            '"notubiz_organisation_id": "987"}',
            "2025-01-01T00:00:00+00:00",
            "2025-01-01T00:00:00+00:00",
        ),
    )
    conn.close()
    store = SQLiteStore(path)
    try:
        assert user_version(path) == len(MIGRATIONS)
        assert store.get_source("alkmaar").name == "Alkmaar"
        assert store.due_sources() == ["alkmaar"]
    finally:
        store.close()


def test_a_store_newer_than_the_code_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite3"
    SQLiteStore(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version={len(MIGRATIONS) + 1}")
    conn.close()
    with pytest.raises(RuntimeError, match="newer than this Vindplaats"):
        SQLiteStore(path)


@pytest.mark.parametrize("database_url", [None, "", " "])
def test_open_store_uses_sqlite_without_a_database_url(
    tmp_path: Path, database_url: str | None
) -> None:
    store = open_store(load_settings(data_dir=tmp_path / "data", database_url=database_url))
    try:
        assert isinstance(store, SQLiteStore)
        assert store.path == tmp_path / "data" / "vindplaats.sqlite3"
    finally:
        store.close()
