"""What only the PostgreSQL store has: versioned migrations under an advisory lock, a pool of
connections, and a database URL whose password never shows."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from normalize.records import Document, ExtractionStatus, Page, Supplier
from tests.vindplaats.store.backends import fresh_schema, run_together
from vindplaats.errors import ConfigError
from vindplaats.settings import load_settings
from vindplaats.sources import build_source
from vindplaats.store import open_store
from vindplaats.store.pg_schema import MIGRATIONS
from vindplaats.store.postgres import ConnectionPool, PostgresStore, redact


@pytest.fixture
def url() -> Iterator[str]:
    with fresh_schema() as fresh:
        yield fresh


def versions(url: str) -> list[int]:
    with psycopg.connect(url) as conn:
        rows = conn.execute("SELECT version FROM schema_migrations ORDER BY version").fetchall()
    return [r[0] for r in rows]


def test_migrations_are_recorded(url: str) -> None:
    PostgresStore(url).close()
    assert versions(url) == list(range(1, len(MIGRATIONS) + 1))
    PostgresStore(url).close()  # opening again applies nothing
    assert versions(url) == list(range(1, len(MIGRATIONS) + 1))


def test_a_store_newer_than_the_code_is_refused(url: str) -> None:
    PostgresStore(url).close()
    with psycopg.connect(url) as conn:
        conn.execute("INSERT INTO schema_migrations(version) VALUES (%s)", (len(MIGRATIONS) + 5,))
    with pytest.raises(ConfigError, match="newer than this Vindplaats"):
        PostgresStore(url)


def test_the_password_never_shows(url: str) -> None:
    secret = "s3cret-Wachtwoord"
    with_password = url.replace("postgresql://postgres@", f"postgresql://postgres:{secret}@")
    assert secret in with_password
    store = PostgresStore(with_password)  # trust auth: the password is not asked for
    try:
        assert secret not in repr(store) and secret not in store.url
        assert "postgres:***@" in store.url
    finally:
        store.close()
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    for unreachable in (
        f"postgresql://vindplaats:{secret}@127.0.0.1:{port}/vindplaats",
        f"host=127.0.0.1 port={port} user=vindplaats password={secret} dbname=vindplaats",
    ):
        with pytest.raises(ConfigError) as caught:
            PostgresStore(unreachable)
        assert secret not in str(caught.value)
        assert "***" in str(caught.value)


def test_redact() -> None:
    assert redact("postgresql://u:p%40ss@db:5432/x") == "postgresql://u:***@db:5432/x"
    assert redact("postgresql://u@db/x") == "postgresql://u@db/x"
    assert redact("postgresql://db/x?password=geheim&sslmode=require") == (
        "postgresql://db/x?password=***&sslmode=require"
    )
    assert redact("host=db password='a b' user=u") == "host=db password=*** user=u"


def test_only_postgresql_urls_are_accepted() -> None:
    with pytest.raises(ConfigError, match="postgresql://"):
        PostgresStore("mysql://u:geheim@db/x")


def test_nul_characters_in_text_are_dropped(url: str) -> None:
    store = PostgresStore(url)
    try:
        store.upsert_source(
            build_source(
                key="alkmaar", name="Alkmaar", supplier="notubiz", notubiz_organisation_id="9"
            )
        )
        document = Document.build(
            Supplier.NOTUBIZ,
            "alkmaar",
            1,
            title="Notulen",
            original_url="https://x.nl/1",
            organization_id="organization:notubiz:alkmaar:9",
        )
        store.upsert_record(document)
        store.record_extraction(
            document.id,
            status=ExtractionStatus.OK,
            pages=[Page(number=1, text="een\x00twee")],
            agent="test",
        )
        assert store.get_pages(document.id) == [Page(number=1, text="eentwee")]
    finally:
        store.close()


def test_open_store_uses_postgres_when_a_database_url_is_set(url: str, tmp_path: Path) -> None:
    store = open_store(load_settings(data_dir=tmp_path, database_url=url))
    try:
        assert isinstance(store, PostgresStore)
        assert not (tmp_path / "vindplaats.sqlite3").exists()
    finally:
        store.close()


def test_connections_are_reused_and_closed(url: str) -> None:
    store = PostgresStore(url, max_idle=2)

    def work(number: int) -> None:
        for _ in range(20):
            store.due_sources()

    assert run_together(work, 5) == []
    store.close()
    assert store.due_sources() == []  # usable again after close: it reconnects
    store.close()


def test_a_connection_the_server_closed_is_replaced(url: str) -> None:
    PostgresStore(url).close()
    pool = ConnectionPool(url, "test", check_after_idle=0)
    try:
        with pool.connection() as conn:
            first = conn.info.backend_pid
        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute("SELECT pg_terminate_backend(%s)", (first,))
        with pool.connection() as conn:
            assert conn.execute("SELECT 1 AS one").fetchone() == {"one": 1}
            assert conn.info.backend_pid != first
    finally:
        pool.close()
