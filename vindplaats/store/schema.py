"""SQLite schema, versioned with `PRAGMA user_version`: migration N brings the schema to N."""

from __future__ import annotations

import sqlite3

MIGRATIONS: list[str] = [
    # 1: the initial schema
    """
    CREATE TABLE sources (
        key TEXT PRIMARY KEY,
        supplier TEXT NOT NULL,
        config TEXT NOT NULL,              -- the Source as JSON
        added_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE TABLE harvest_runs (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        source_key TEXT NOT NULL REFERENCES sources(key),
        started_at TEXT NOT NULL,
        ended_at TEXT,
        status TEXT NOT NULL,
        window_from TEXT,
        window_until TEXT,
        watermark TEXT,
        counts TEXT NOT NULL DEFAULT '{}',
        errors TEXT NOT NULL DEFAULT '[]'
    );
    CREATE INDEX harvest_runs_source ON harvest_runs(source_key, id);
    CREATE TABLE records (
        id TEXT PRIMARY KEY,
        type TEXT NOT NULL,
        source_key TEXT NOT NULL,
        meeting_id TEXT,
        payload TEXT NOT NULL,
        payload_hash TEXT NOT NULL,
        first_seen TEXT NOT NULL,
        last_seen TEXT NOT NULL,
        withdrawn INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX records_type_source ON records(type, source_key);
    CREATE INDEX records_meeting ON records(meeting_id);
    CREATE TABLE documents (
        id TEXT PRIMARY KEY REFERENCES records(id),
        source_key TEXT NOT NULL,
        original_url TEXT NOT NULL,
        version_key TEXT NOT NULL,
        sha256 TEXT,
        size INTEGER,
        content_type TEXT,
        download_status TEXT NOT NULL DEFAULT 'pending',
        download_error TEXT,
        downloaded_at TEXT,
        extraction_status TEXT NOT NULL DEFAULT 'pending',
        extraction_error TEXT,
        extraction_agent TEXT,
        extraction_route TEXT,
        extracted_at TEXT,
        page_count INTEGER NOT NULL DEFAULT 0,
        ocr_pages TEXT NOT NULL DEFAULT '[]',
        first_seen TEXT NOT NULL,
        last_seen TEXT NOT NULL,
        withdrawn INTEGER NOT NULL DEFAULT 0,
        indexed INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX documents_source ON documents(source_key);
    CREATE INDEX documents_sha ON documents(sha256);
    CREATE TABLE pages (
        document_id TEXT NOT NULL REFERENCES documents(id),
        number INTEGER NOT NULL,
        text TEXT NOT NULL,
        ocr INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (document_id, number)
    );
    """,
]


def migrate(conn: sqlite3.Connection) -> int:
    """Apply pending migrations; return the schema version."""
    current = conn.execute("PRAGMA user_version").fetchone()[0]
    if current > len(MIGRATIONS):
        raise RuntimeError(
            f"store schema version {current} is newer than this Vindplaats ({len(MIGRATIONS)})"
        )
    for version in range(current + 1, len(MIGRATIONS) + 1):
        with conn:
            conn.executescript(
                "BEGIN;" + MIGRATIONS[version - 1] + f"PRAGMA user_version={version};COMMIT;"
            )
    return len(MIGRATIONS)
