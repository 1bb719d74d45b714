"""PostgreSQL schema, versioned in `schema_migrations` (version, applied_at).

Migration N brings the schema to version N; migrations are only ever appended. `migrate` holds
a session advisory lock while it reads the version and applies what is pending, each migration
in its own transaction, so processes starting together migrate exactly once. A store newer than
this code is refused with a `ConfigError`.

The tables mirror the SQLite schema (same names, columns and meaning) with PostgreSQL types:
timestamps as `timestamptz`, flags as `boolean`, ids and keys in the "C" collation (byte order,
as SQLite sorts). JSON stays `text`: the payload hash is computed over those exact bytes.
"""

from __future__ import annotations

from typing import Any

import psycopg

from vindplaats.errors import ConfigError

# pg_advisory_lock key: "Vindplaats schema" (any constant our code alone uses)
LOCK_KEY = 0x56_50_4C_53_43_48_45_4D

MIGRATIONS: list[str] = [
    # 1: the initial schema
    """
    CREATE TABLE sources (
        key TEXT COLLATE "C" PRIMARY KEY,
        supplier TEXT NOT NULL,
        config TEXT NOT NULL,
        added_at TIMESTAMPTZ NOT NULL,
        updated_at TIMESTAMPTZ NOT NULL
    );
    CREATE TABLE harvest_runs (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        source_key TEXT COLLATE "C" NOT NULL REFERENCES sources(key),
        started_at TIMESTAMPTZ NOT NULL,
        ended_at TIMESTAMPTZ,
        status TEXT NOT NULL,
        window_from DATE,
        window_until DATE,
        watermark TIMESTAMPTZ,
        counts TEXT NOT NULL DEFAULT '{}',
        errors TEXT NOT NULL DEFAULT '[]'
    );
    CREATE INDEX harvest_runs_source ON harvest_runs(source_key, id);
    CREATE TABLE records (
        id TEXT COLLATE "C" PRIMARY KEY,
        type TEXT NOT NULL,
        source_key TEXT COLLATE "C" NOT NULL,
        meeting_id TEXT COLLATE "C",
        payload TEXT NOT NULL,
        payload_hash TEXT NOT NULL,
        first_seen TIMESTAMPTZ NOT NULL,
        last_seen TIMESTAMPTZ NOT NULL,
        withdrawn BOOLEAN NOT NULL DEFAULT FALSE
    );
    CREATE INDEX records_type_source ON records(type, source_key);
    CREATE INDEX records_meeting ON records(meeting_id);
    CREATE TABLE documents (
        id TEXT COLLATE "C" PRIMARY KEY REFERENCES records(id),
        source_key TEXT COLLATE "C" NOT NULL,
        original_url TEXT NOT NULL,
        version_key TEXT NOT NULL,
        sha256 TEXT,
        size BIGINT,
        content_type TEXT,
        download_status TEXT NOT NULL DEFAULT 'pending',
        download_error TEXT,
        downloaded_at TIMESTAMPTZ,
        extraction_status TEXT NOT NULL DEFAULT 'pending',
        extraction_error TEXT,
        extraction_agent TEXT,
        extraction_route TEXT,
        extracted_at TIMESTAMPTZ,
        page_count INTEGER NOT NULL DEFAULT 0,
        ocr_pages TEXT NOT NULL DEFAULT '[]',
        first_seen TIMESTAMPTZ NOT NULL,
        last_seen TIMESTAMPTZ NOT NULL,
        withdrawn BOOLEAN NOT NULL DEFAULT FALSE,
        indexed BOOLEAN NOT NULL DEFAULT FALSE
    );
    CREATE INDEX documents_source ON documents(source_key);
    CREATE INDEX documents_sha ON documents(sha256);
    CREATE TABLE pages (
        document_id TEXT COLLATE "C" NOT NULL REFERENCES documents(id),
        number INTEGER NOT NULL,
        text TEXT NOT NULL,
        ocr BOOLEAN NOT NULL DEFAULT FALSE,
        PRIMARY KEY (document_id, number)
    );
    """,
    # 2: harvest scheduling per source, and leases (both in epoch seconds by the server clock)
    """
    ALTER TABLE sources ADD COLUMN harvest_interval DOUBLE PRECISION;
    ALTER TABLE sources ADD COLUMN next_due_at DOUBLE PRECISION;
    CREATE INDEX sources_due ON sources(next_due_at);
    CREATE TABLE leases (
        name TEXT COLLATE "C" PRIMARY KEY,
        holder TEXT NOT NULL,
        acquired_at DOUBLE PRECISION NOT NULL,
        expires_at DOUBLE PRECISION NOT NULL
    );
    """,
    # 3: supplier blocks and the shared request budgets (epoch seconds by the server clock)
    """
    CREATE TABLE supplier_blocks (
        supplier TEXT COLLATE "C" PRIMARY KEY,
        blocked_at DOUBLE PRECISION NOT NULL,
        blocked_until DOUBLE PRECISION NOT NULL,
        reason TEXT NOT NULL
    );
    CREATE TABLE request_budgets (
        name TEXT COLLATE "C" PRIMARY KEY,
        next_at DOUBLE PRECISION NOT NULL
    );
    """,
    # 4: incremental harvesting: a source's watermark and the cursor of its full backfill
    """
    ALTER TABLE sources ADD COLUMN watermark TIMESTAMPTZ;
    CREATE TABLE backfills (
        source_key TEXT COLLATE "C" PRIMARY KEY REFERENCES sources(key),
        range_from DATE NOT NULL,
        range_until DATE NOT NULL,
        chunk_months INTEGER NOT NULL,
        next_from DATE NOT NULL,
        started_at TIMESTAMPTZ NOT NULL,
        updated_at TIMESTAMPTZ NOT NULL,
        finished_at TIMESTAMPTZ
    );
    """,
    # 5: bounded extraction: the extractor's warnings (JSON list) and what a truncated
    # document kept (JSON; NULL: the text is whole)
    """
    ALTER TABLE documents ADD COLUMN extraction_warnings TEXT NOT NULL DEFAULT '[]';
    ALTER TABLE documents ADD COLUMN extraction_truncation TEXT;
    """,
    # 6: when a record was marked withdrawn (NULL: not withdrawn)
    """
    ALTER TABLE records ADD COLUMN withdrawn_at TIMESTAMPTZ;
    """,
    # 7: the documents of each Woo-besluit dossier (a record of type 'dossier')
    """
    CREATE TABLE dossier_documents (
        dossier_id TEXT COLLATE "C" NOT NULL,
        document_id TEXT COLLATE "C" NOT NULL,
        source_key TEXT COLLATE "C" NOT NULL,
        PRIMARY KEY (dossier_id, document_id)
    );
    CREATE INDEX dossier_documents_document ON dossier_documents(document_id);
    CREATE INDEX dossier_documents_source ON dossier_documents(source_key);
    """,
    # 8: the change log of the search index (`sql_changes`), started with an upsert of every
    # record the index holds by the store's account; numbers come from the one counter row
    """
    CREATE TABLE index_changes (
        record_id TEXT COLLATE "C" PRIMARY KEY,
        seq BIGINT NOT NULL,
        op TEXT NOT NULL,
        fingerprint TEXT
    );
    CREATE UNIQUE INDEX index_changes_seq ON index_changes(seq);
    CREATE TABLE index_change_counter (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        seq BIGINT NOT NULL
    );
    INSERT INTO index_changes(record_id, seq, op, fingerprint)
    SELECT id, ROW_NUMBER() OVER (ORDER BY id), 'upsert', fingerprint FROM (
        SELECT d.id AS id, NULL::text AS fingerprint FROM documents d
        WHERE d.indexed = TRUE AND d.withdrawn = FALSE
        UNION ALL
        SELECT r.id, r.payload_hash FROM records r WHERE r.type = 'motion' AND r.withdrawn = FALSE
    ) AS indexed_now;
    INSERT INTO index_change_counter(id, seq) SELECT 1, COUNT(*) FROM index_changes;
    """,
    # 9: the way back from a record's ORI UUID to its id, with when its content last changed
    # (`sql_ori`); rows are written by the store (SQL cannot make a UUID)
    """
    CREATE TABLE IF NOT EXISTS ori_ids (
        uuid TEXT COLLATE "C" PRIMARY KEY,
        record_id TEXT COLLATE "C" NOT NULL,
        changed_at timestamptz NOT NULL
    );
    CREATE INDEX IF NOT EXISTS ori_ids_record ON ori_ids(record_id);
    """,
    # 10: conformance checks of suppliers' feeds started over the API (`sql_conformance`);
    # times in epoch seconds by the server clock
    """
    CREATE TABLE conformance_checks (
        id TEXT COLLATE "C" PRIMARY KEY,
        url TEXT NOT NULL,
        standard TEXT NOT NULL,
        max_requests INTEGER,
        status TEXT NOT NULL,
        progress TEXT NOT NULL DEFAULT '',
        reason TEXT,
        errors INTEGER,
        warnings INTEGER,
        report_json TEXT,
        report_junit TEXT,
        report_html TEXT,
        created_at DOUBLE PRECISION NOT NULL,
        started_at DOUBLE PRECISION,
        finished_at DOUBLE PRECISION,
        heartbeat_at DOUBLE PRECISION NOT NULL
    );
    CREATE INDEX conformance_checks_pending ON conformance_checks(status, heartbeat_at);
    """,
]

BOOKKEEPING = """
    CREATE TABLE schema_migrations (
        version INTEGER PRIMARY KEY,
        applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
    )
"""


def schema_version(conn: psycopg.Connection[Any]) -> int:
    """The version a store is at (0: empty)."""
    row = conn.execute("SELECT to_regclass('schema_migrations') IS NOT NULL").fetchone()
    if row is None or not _first(row):
        return 0
    row = conn.execute("SELECT COALESCE(MAX(version), 0) FROM schema_migrations").fetchone()
    return int(_first(row)) if row is not None else 0


def migrate(conn: psycopg.Connection[Any], label: str) -> int:
    """Apply pending migrations on an autocommit connection; return the schema version.

    `label` names the store in errors (a URL without its password).
    """
    target = len(MIGRATIONS)
    conn.execute("SELECT pg_advisory_lock(%s)", (LOCK_KEY,))
    try:
        current = schema_version(conn)
        if current > target:
            raise ConfigError(
                f"the PostgreSQL store {label} has schema version {current}, newer than this "
                f"Vindplaats knows ({target}): upgrade Vindplaats (VINDPLAATS_DATABASE_URL)"
            )
        if current == 0:
            with conn.transaction():
                conn.execute(BOOKKEEPING)
        for version in range(current + 1, target + 1):
            with conn.transaction():
                conn.execute(MIGRATIONS[version - 1])
                conn.execute("INSERT INTO schema_migrations(version) VALUES (%s)", (version,))
    finally:
        conn.execute("SELECT pg_advisory_unlock(%s)", (LOCK_KEY,))
    return target


def _first(row: Any) -> Any:
    return next(iter(row.values())) if isinstance(row, dict) else row[0]
