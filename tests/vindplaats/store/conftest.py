from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.vindplaats.store.backends import fresh_schema, open_backend
from vindplaats.sources import build_source
from vindplaats.store import Store

BACKENDS = ["sqlite", "postgres"]


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def store_url(backend: str, tmp_path: Path) -> Iterator[str]:
    """Where a store of the backend lives: a SQLite path, or a PostgreSQL URL (fresh schema)."""
    if backend == "sqlite":
        yield str(tmp_path / "store.sqlite3")
        return
    with fresh_schema() as url:
        yield url


@pytest.fixture
def empty_store(backend: str, store_url: str) -> Iterator[Store]:
    opened = open_backend(backend, store_url)
    yield opened
    opened.close()


@pytest.fixture
def store(empty_store: Store) -> Store:
    empty_store.upsert_source(
        build_source(
            key="alkmaar", name="Alkmaar", supplier="notubiz", notubiz_organisation_id="987"
        )
    )
    return empty_store
