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
    # 11: organisations and their people (issue of self-service): organisations, which
    # organisation a source belongs to (when not by its own key or TOOI URI), accounts, one-time
    # links (invite, sign-in), sessions, API tokens, sign-in attempts, the audit log, source
    # registrations awaiting approval, missing-document reports, privacy flags of documents,
    # takedowns and the last validation of an organisation's Woo-index export. Secrets (session
    # ids, link and API tokens) are stored as SHA-256 hashes only; times in epoch seconds by the
    # server clock.
    """
    CREATE TABLE organisations (
        key TEXT COLLATE "C" PRIMARY KEY,
        name TEXT NOT NULL,
        organisation_type TEXT NOT NULL,
        tooi_uri TEXT,
        created_at DOUBLE PRECISION NOT NULL
    );
    CREATE TABLE source_organisations (
        source_key TEXT COLLATE "C" PRIMARY KEY,
        organisation_key TEXT NOT NULL REFERENCES organisations(key)
    );
    CREATE INDEX source_organisations_org ON source_organisations(organisation_key);
    CREATE TABLE accounts (
        id TEXT COLLATE "C" PRIMARY KEY,
        email TEXT NOT NULL UNIQUE,        -- lowercased
        name TEXT NOT NULL DEFAULT '',
        role TEXT NOT NULL,                -- admin, editor
        organisation_key TEXT REFERENCES organisations(key),  -- NULL for an admin
        password_hash TEXT,                -- argon2id; NULL until the invite is used
        created_at DOUBLE PRECISION NOT NULL,
        failed_logins INTEGER NOT NULL DEFAULT 0,
        locked_until DOUBLE PRECISION,
        last_login_at DOUBLE PRECISION,
        disabled_at DOUBLE PRECISION
    );
    CREATE TABLE account_links (
        token_hash TEXT COLLATE "C" PRIMARY KEY,
        account_id TEXT NOT NULL REFERENCES accounts(id),
        purpose TEXT NOT NULL,             -- invite, signin
        created_at DOUBLE PRECISION NOT NULL,
        expires_at DOUBLE PRECISION NOT NULL,
        used_at DOUBLE PRECISION
    );
    CREATE TABLE sessions (
        id_hash TEXT COLLATE "C" PRIMARY KEY,
        account_id TEXT NOT NULL REFERENCES accounts(id),
        csrf_token TEXT NOT NULL,
        created_at DOUBLE PRECISION NOT NULL,
        last_seen_at DOUBLE PRECISION NOT NULL,
        expires_at DOUBLE PRECISION NOT NULL
    );
    CREATE INDEX sessions_account ON sessions(account_id);
    CREATE TABLE api_tokens (
        id TEXT COLLATE "C" PRIMARY KEY,
        organisation_key TEXT NOT NULL REFERENCES organisations(key),
        token_hash TEXT NOT NULL UNIQUE,
        label TEXT NOT NULL DEFAULT '',
        created_by TEXT NOT NULL,
        created_at DOUBLE PRECISION NOT NULL,
        last_used_at DOUBLE PRECISION,
        revoked_at DOUBLE PRECISION
    );
    CREATE TABLE login_attempts (
        id BIGSERIAL PRIMARY KEY,
        email TEXT NOT NULL,
        client TEXT NOT NULL,
        at DOUBLE PRECISION NOT NULL,
        ok BOOLEAN NOT NULL
    );
    CREATE INDEX login_attempts_client ON login_attempts(client, at);
    CREATE INDEX login_attempts_email ON login_attempts(email, at);
    CREATE TABLE audit_log (
        id BIGSERIAL PRIMARY KEY,
        at DOUBLE PRECISION NOT NULL,
        actor TEXT NOT NULL,               -- account email, 'token:<id>', 'cli', 'public'
        organisation_key TEXT,
        action TEXT NOT NULL,              -- e.g. account.invite, source.submit, document.takedown
        subject TEXT NOT NULL DEFAULT '',
        detail TEXT NOT NULL DEFAULT '{}'  -- JSON, never a secret
    );
    CREATE INDEX audit_log_org ON audit_log(organisation_key, id);
    CREATE TABLE source_registrations (
        id TEXT COLLATE "C" PRIMARY KEY,
        organisation_key TEXT NOT NULL REFERENCES organisations(key),
        source_key TEXT NOT NULL,
        config TEXT NOT NULL,              -- the Source as JSON (its token in clear, as sources)
        status TEXT NOT NULL,              -- draft, verifying, verified, submitted, approved,
                                           -- rejected
        verification TEXT,                 -- JSON: what the dry-run saw
        verified_at DOUBLE PRECISION,
        submitted_at DOUBLE PRECISION,
        decided_at DOUBLE PRECISION,
        decided_by TEXT,
        decision_reason TEXT,
        created_by TEXT NOT NULL,
        created_at DOUBLE PRECISION NOT NULL,
        updated_at DOUBLE PRECISION NOT NULL
    );
    CREATE INDEX source_registrations_org ON source_registrations(organisation_key, status);
    CREATE TABLE missing_reports (
        id TEXT COLLATE "C" PRIMARY KEY,
        organisation_key TEXT NOT NULL,
        subject_kind TEXT NOT NULL,        -- document, meeting, organisation
        subject_id TEXT NOT NULL,
        message TEXT NOT NULL,
        contact TEXT,
        client TEXT NOT NULL,              -- hashed client address, for the rate limit
        status TEXT NOT NULL,              -- open, closed
        answer TEXT,
        answered_by TEXT,
        created_at DOUBLE PRECISION NOT NULL,
        closed_at DOUBLE PRECISION
    );
    CREATE INDEX missing_reports_org ON missing_reports(organisation_key, status);
    CREATE TABLE document_flags (
        document_id TEXT COLLATE "C" PRIMARY KEY,
        source_key TEXT NOT NULL,
        reason TEXT NOT NULL,              -- bsn
        detail TEXT NOT NULL DEFAULT '{}', -- JSON: pages and counts, never the numbers
        flagged_at DOUBLE PRECISION NOT NULL,
        reviewed_at DOUBLE PRECISION,
        reviewed_by TEXT
    );
    CREATE INDEX document_flags_source ON document_flags(source_key);
    CREATE TABLE takedowns (
        record_id TEXT COLLATE "C" PRIMARY KEY,
        source_key TEXT NOT NULL,
        reason TEXT NOT NULL,
        taken_by TEXT NOT NULL,
        taken_at DOUBLE PRECISION NOT NULL,
        restored_at DOUBLE PRECISION,
        restored_by TEXT
    );
    CREATE INDEX takedowns_source ON takedowns(source_key);
    CREATE TABLE woo_export_checks (
        organisation_key TEXT COLLATE "C" PRIMARY KEY,
        checked_at DOUBLE PRECISION NOT NULL,
        valid BOOLEAN NOT NULL,
        errors INTEGER NOT NULL,
        documents INTEGER NOT NULL,
        detail TEXT NOT NULL DEFAULT ''    -- the first errors, as text
    );
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
