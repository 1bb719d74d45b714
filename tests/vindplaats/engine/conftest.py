"""Fixtures for the embedded engine: a fresh on-disk index per test and a document factory."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from vindplaats.engine.base import IndexDoc, SearchQuery, SearchResult
from vindplaats.engine.embedded import EmbeddedEngine


def make_doc(native: str | int, *pages: str, **fields: Any) -> IndexDoc:
    """A document `document:ibabs:delft:<native>`; `fields` override the defaults."""
    values: dict[str, Any] = {
        "id": f"document:ibabs:delft:{native}",
        "title": f"Document {native}",
        "organization": "Delft",
        "source_key": "delft",
        "supplier": "ibabs",
        "document_type": "raadsvoorstel",
        "committee": None,
        "date": date(2024, 3, 1),
        "pages": list(pages) or ["Een pagina zonder bijzonderheden."],
    }
    values.update(fields)
    return IndexDoc(**values)


@pytest.fixture
def index_dir(tmp_path: Path) -> Path:
    return tmp_path / "index"


@pytest.fixture
def engine(index_dir: Path) -> Iterator[EmbeddedEngine]:
    with EmbeddedEngine(index_dir) as opened:
        yield opened


def search(engine: EmbeddedEngine, q: str = "", **options: Any) -> SearchResult:
    return engine.search(SearchQuery(q=q, **options))


def ids(result: SearchResult) -> list[str]:
    return [hit.id for hit in result.hits]


def natives(result: SearchResult) -> set[str]:
    """The last id part of every hit, as a set (for order-free assertions)."""
    return {hit.id.rsplit(":", 1)[1] for hit in result.hits}


def all_pages(engine: EmbeddedEngine, query: SearchQuery) -> list[str]:
    """Every hit id of `query` (from its cursor on), following cursors to the end."""
    out: list[str] = []
    cursor = query.cursor
    while True:
        result = engine.search(query.model_copy(update={"cursor": cursor}))
        out += ids(result)
        cursor = result.next_cursor
        if cursor is None:
            return out
