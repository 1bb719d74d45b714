"""What the harvest tests share: a store of either backend for the store's part of a stage
(PostgreSQL runs in CI; elsewhere it is skipped when absent)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.vindplaats.store.backends import fresh_schema, open_backend
from vindplaats.store import Store


@pytest.fixture(params=["sqlite", "postgres"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """An empty store, once on SQLite and once on PostgreSQL (a fresh schema)."""
    if request.param == "sqlite":
        opened = open_backend("sqlite", str(tmp_path / "store.sqlite3"))
        yield opened
        opened.close()
        return
    with fresh_schema() as url:
        opened = open_backend("postgres", url)
        yield opened
        opened.close()
