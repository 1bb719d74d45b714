"""SQLite schema, versioned with `PRAGMA user_version`: migration N brings the schema to N.

Migrations are only ever appended; a released one is never edited.
"""

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
    # 2: harvest scheduling per source, and leases (both in epoch seconds by the store's clock)
    """
    ALTER TABLE sources ADD COLUMN harvest_interval REAL;  -- seconds; NULL: the default
    ALTER TABLE sources ADD COLUMN next_due_at REAL;       -- NULL: due now
    CREATE INDEX sources_due ON sources(next_due_at);
    CREATE TABLE leases (
        name TEXT PRIMARY KEY,
        holder TEXT NOT NULL,
        acquired_at REAL NOT NULL,
        expires_at REAL NOT NULL
    );
    """,
    # 3: supplier blocks (a supplier refused us: no requests until `blocked_until`) and the shared
    # request budgets per supplier and kind (the earliest time the next request may go out);
    # both in epoch seconds by the store's clock
    """
    CREATE TABLE supplier_blocks (
        supplier TEXT PRIMARY KEY,
        blocked_at REAL NOT NULL,
        blocked_until REAL NOT NULL,
        reason TEXT NOT NULL
    );
    CREATE TABLE request_budgets (
        name TEXT PRIMARY KEY,             -- scope:supplier.kind, e.g. default:ibabs.api
        next_at REAL NOT NULL
    );
    """,
    # 4: incremental harvesting: a source's watermark (the supplier's last-modified time up to
    # which every change is harvested) and the cursor of its full backfill
    """
    ALTER TABLE sources ADD COLUMN watermark TEXT;
    CREATE TABLE backfills (
        source_key TEXT PRIMARY KEY REFERENCES sources(key),
        range_from TEXT NOT NULL,
        range_until TEXT NOT NULL,
        chunk_months INTEGER NOT NULL,
        next_from TEXT NOT NULL,           -- first day of the first unfinished chunk
        started_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        finished_at TEXT                   -- NULL while chunks remain
    );
    """,
    # 5: bounded extraction: the extractor's warnings (a JSON list of at most 20 short texts)
    # and, for a document cut at a page or text cap (status 'truncated'), what was kept (JSON)
    """
    ALTER TABLE documents ADD COLUMN extraction_warnings TEXT NOT NULL DEFAULT '[]';
    ALTER TABLE documents ADD COLUMN extraction_truncation TEXT;  -- NULL: the text is whole
    """,
    # 6: when a record was marked withdrawn (NULL: not withdrawn)
    """
    ALTER TABLE records ADD COLUMN withdrawn_at TEXT;
    """,
    # 7: the documents of each Woo-besluit dossier (a dossier is a record of type 'dossier'), so
    # a document finds its dossiers without reading every dossier
    """
    CREATE TABLE dossier_documents (
        dossier_id TEXT NOT NULL,
        document_id TEXT NOT NULL,
        source_key TEXT NOT NULL,
        PRIMARY KEY (dossier_id, document_id)
    );
    CREATE INDEX dossier_documents_document ON dossier_documents(document_id);
    CREATE INDEX dossier_documents_source ON dossier_documents(source_key);
    """,
    # 8: the change log of the search index (`sql_changes`): one row per record that entered
    # the index, with its latest change numbered `seq`; numbers come from the one counter row.
    # Started with an upsert of every record the index holds by the store's account.
    """
    CREATE TABLE index_changes (
        record_id TEXT PRIMARY KEY,
        seq INTEGER NOT NULL,
        op TEXT NOT NULL,                  -- 'upsert' or 'delete'
        fingerprint TEXT                   -- of the content logged; NULL: not known
    );
    CREATE UNIQUE INDEX index_changes_seq ON index_changes(seq);
    CREATE TABLE index_change_counter (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        seq INTEGER NOT NULL
    );
    INSERT INTO index_changes(record_id, seq, op, fingerprint)
    SELECT id, ROW_NUMBER() OVER (ORDER BY id), 'upsert', fingerprint FROM (
        SELECT d.id AS id, NULL AS fingerprint FROM documents d
        WHERE d.indexed = TRUE AND d.withdrawn = FALSE
        UNION ALL
        SELECT r.id, r.payload_hash FROM records r WHERE r.type = 'motion' AND r.withdrawn = FALSE
    ) AS indexed_now;
    INSERT INTO index_change_counter(id, seq) SELECT 1, COUNT(*) FROM index_changes;
    """,
    # 9: the way back from a record's ORI UUID (`vindplaats.ori.ids`) to its id, with when its
    # content last changed (`sql_ori`); rows are written by the store (SQL cannot make a UUID)
    """
    CREATE TABLE IF NOT EXISTS ori_ids (
        uuid TEXT PRIMARY KEY,
        record_id TEXT NOT NULL,
        changed_at TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS ori_ids_record ON ori_ids(record_id);
    """,
    # 10: conformance checks of suppliers' feeds started over the API (`sql_conformance`): the
    # check, its status and, once done, its report in each format; times in epoch seconds by
    # the store's clock (`heartbeat_at`: the owning server process was last alive)
    """
    CREATE TABLE conformance_checks (
        id TEXT PRIMARY KEY,
        url TEXT NOT NULL,
        standard TEXT NOT NULL,
        max_requests INTEGER,
        status TEXT NOT NULL,              -- queued, running, done, failed
        progress TEXT NOT NULL DEFAULT '',
        reason TEXT,                       -- why it failed
        errors INTEGER,
        warnings INTEGER,
        report_json TEXT,
        report_junit TEXT,
        report_html TEXT,
        created_at REAL NOT NULL,
        started_at REAL,
        finished_at REAL,
        heartbeat_at REAL NOT NULL
    );
    CREATE INDEX conformance_checks_pending ON conformance_checks(status, heartbeat_at);
    """,
    # 11: organisations and their people (issue of self-service): organisations, which
    # organisation a source belongs to (when not by its own key or TOOI URI), accounts, one-time
    # links (invite, sign-in), sessions, API tokens, sign-in attempts, the audit log, source
    # registrations awaiting approval, missing-document reports, privacy flags of documents,
    # takedowns and the last validation of an organisation's Woo-index export. Secrets (session
    # ids, link and API tokens) are stored as SHA-256 hashes only; times in epoch seconds by the
    # store's clock.
    """
    CREATE TABLE organisations (
        key TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        organisation_type TEXT NOT NULL,
        tooi_uri TEXT,
        created_at REAL NOT NULL
    );
    CREATE TABLE source_organisations (
        source_key TEXT PRIMARY KEY,
        organisation_key TEXT NOT NULL REFERENCES organisations(key)
    );
    CREATE INDEX source_organisations_org ON source_organisations(organisation_key);
    CREATE TABLE accounts (
        id TEXT PRIMARY KEY,
        email TEXT NOT NULL UNIQUE,        -- lowercased
        name TEXT NOT NULL DEFAULT '',
        role TEXT NOT NULL,                -- admin, editor
        organisation_key TEXT REFERENCES organisations(key),  -- NULL for an admin
        password_hash TEXT,                -- argon2id; NULL until the invite is used
        created_at REAL NOT NULL,
        failed_logins INTEGER NOT NULL DEFAULT 0,
        locked_until REAL,
        last_login_at REAL,
        disabled_at REAL
    );
    CREATE TABLE account_links (
        token_hash TEXT PRIMARY KEY,
        account_id TEXT NOT NULL REFERENCES accounts(id),
        purpose TEXT NOT NULL,             -- invite, signin
        created_at REAL NOT NULL,
        expires_at REAL NOT NULL,
        used_at REAL
    );
    CREATE TABLE sessions (
        id_hash TEXT PRIMARY KEY,
        account_id TEXT NOT NULL REFERENCES accounts(id),
        csrf_token TEXT NOT NULL,
        created_at REAL NOT NULL,
        last_seen_at REAL NOT NULL,
        expires_at REAL NOT NULL
    );
    CREATE INDEX sessions_account ON sessions(account_id);
    CREATE TABLE api_tokens (
        id TEXT PRIMARY KEY,
        organisation_key TEXT NOT NULL REFERENCES organisations(key),
        token_hash TEXT NOT NULL UNIQUE,
        label TEXT NOT NULL DEFAULT '',
        created_by TEXT NOT NULL,
        created_at REAL NOT NULL,
        last_used_at REAL,
        revoked_at REAL
    );
    CREATE TABLE login_attempts (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        email TEXT NOT NULL,
        client TEXT NOT NULL,
        at REAL NOT NULL,
        ok INTEGER NOT NULL
    );
    CREATE INDEX login_attempts_client ON login_attempts(client, at);
    CREATE INDEX login_attempts_email ON login_attempts(email, at);
    CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at REAL NOT NULL,
        actor TEXT NOT NULL,               -- account email, 'token:<id>', 'cli', 'public'
        organisation_key TEXT,
        action TEXT NOT NULL,              -- e.g. account.invite, source.submit, document.takedown
        subject TEXT NOT NULL DEFAULT '',
        detail TEXT NOT NULL DEFAULT '{}'  -- JSON, never a secret
    );
    CREATE INDEX audit_log_org ON audit_log(organisation_key, id);
    CREATE TABLE source_registrations (
        id TEXT PRIMARY KEY,
        organisation_key TEXT NOT NULL REFERENCES organisations(key),
        source_key TEXT NOT NULL,
        config TEXT NOT NULL,              -- the Source as JSON (its token in clear, as sources)
        status TEXT NOT NULL,              -- draft, verifying, verified, submitted, approved,
                                           -- rejected
        verification TEXT,                 -- JSON: what the dry-run saw
        verified_at REAL,
        submitted_at REAL,
        decided_at REAL,
        decided_by TEXT,
        decision_reason TEXT,
        created_by TEXT NOT NULL,
        created_at REAL NOT NULL,
        updated_at REAL NOT NULL
    );
    CREATE INDEX source_registrations_org ON source_registrations(organisation_key, status);
    CREATE TABLE missing_reports (
        id TEXT PRIMARY KEY,
        organisation_key TEXT NOT NULL,
        subject_kind TEXT NOT NULL,        -- document, meeting, organisation
        subject_id TEXT NOT NULL,
        message TEXT NOT NULL,
        contact TEXT,
        client TEXT NOT NULL,              -- hashed client address, for the rate limit
        status TEXT NOT NULL,              -- open, closed
        answer TEXT,
        answered_by TEXT,
        created_at REAL NOT NULL,
        closed_at REAL
    );
    CREATE INDEX missing_reports_org ON missing_reports(organisation_key, status);
    CREATE TABLE document_flags (
        document_id TEXT PRIMARY KEY,
        source_key TEXT NOT NULL,
        reason TEXT NOT NULL,              -- bsn
        detail TEXT NOT NULL DEFAULT '{}', -- JSON: pages and counts, never the numbers
        flagged_at REAL NOT NULL,
        reviewed_at REAL,
        reviewed_by TEXT
    );
    CREATE INDEX document_flags_source ON document_flags(source_key);
    CREATE TABLE takedowns (
        record_id TEXT PRIMARY KEY,
        source_key TEXT NOT NULL,
        reason TEXT NOT NULL,
        taken_by TEXT NOT NULL,
        taken_at REAL NOT NULL,
        restored_at REAL,
        restored_by TEXT
    );
    CREATE INDEX takedowns_source ON takedowns(source_key);
    CREATE TABLE woo_export_checks (
        organisation_key TEXT PRIMARY KEY,
        checked_at REAL NOT NULL,
        valid INTEGER NOT NULL,
        errors INTEGER NOT NULL,
        documents INTEGER NOT NULL,
        detail TEXT NOT NULL DEFAULT ''    -- the first errors, as text
    );
    """,
]


def statements(script: str) -> list[str]:
    """Split a migration script into complete SQL statements."""
    found: list[str] = []
    pending = ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            found.append(pending.strip())
            pending = ""
    if pending.strip():
        raise ValueError(f"incomplete SQL statement in a migration: {pending.strip()[:80]}")
    return found


def _version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection) -> int:
    """Apply pending migrations; return the schema version.

    Each migration runs in its own `BEGIN IMMEDIATE` transaction and re-reads the version inside
    it, so processes opening the same store at once migrate it exactly once.
    """
    while True:
        current = _version(conn)
        if current > len(MIGRATIONS):
            raise RuntimeError(
                f"store schema version {current} is newer than this Vindplaats ({len(MIGRATIONS)})"
            )
        if current == len(MIGRATIONS):
            return current
        conn.execute("BEGIN IMMEDIATE")
        try:
            if _version(conn) == current:  # nobody migrated meanwhile
                for statement in statements(MIGRATIONS[current]):
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version={current + 1}")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
