"""Stores for tests: a fresh PostgreSQL schema per test (the URL of the test database with
`search_path` set to a new, empty schema, dropped with everything in it afterwards), stores and
settings for either backend, and a way to start several threads at the same moment."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import psycopg

from tests.services import POSTGRES, service_url
from vindplaats.settings import Settings, load_settings
from vindplaats.store import SQLiteStore, Store
from vindplaats.store.postgres import PostgresStore


def with_search_path(url: str, schema: str) -> str:
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query) if k != "options"]
    query.append(("options", f"-csearch_path={schema}"))
    return urlunsplit(parts._replace(query=urlencode(query)))


@contextmanager
def fresh_schema(url: str | None = None) -> Iterator[str]:
    """The URL of a new empty schema (skips outside CI when PostgreSQL is not available)."""
    base = url or service_url(POSTGRES)
    schema = f"test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    try:
        yield with_search_path(base, schema)
    finally:
        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


@contextmanager
def backend_settings(backend: str, data_dir: Path, **overrides: Any) -> Iterator[Settings]:
    """Settings for a store of `backend` ("sqlite", or "postgres" in a fresh schema), with
    the sandbox-friendly fetch settings of the harvest tests."""
    values: dict[str, Any] = {
        "data_dir": data_dir,
        "allow_private_networks": True,
        "download_delay": 0,
        "autothrottle": False,
        "ocr": False,
        **overrides,
    }
    if backend == "sqlite":
        yield load_settings(**values)
        return
    with fresh_schema() as url:
        yield load_settings(database_url=url, **values)


def open_backend(backend: str, where: str) -> Store:
    """A store of `backend` at `where` (a SQLite path or a PostgreSQL URL)."""
    return SQLiteStore(Path(where)) if backend == "sqlite" else PostgresStore(where)


def run_together(task: Callable[[int], None], count: int) -> list[BaseException]:
    """Run `task(0..count-1)` in threads released at the same moment; return what they raised."""
    start = threading.Barrier(count)
    failures: list[BaseException] = []

    def run(number: int) -> None:
        start.wait()
        try:
            task(number)
        except BaseException as exc:
            failures.append(exc)

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return failures
