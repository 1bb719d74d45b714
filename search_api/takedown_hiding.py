"""The engine every route searches through: each search leaves out the records taken down now.

The ids come from the store at each search (one SELECT on the small `takedowns` table), so a
takedown is out of every answer (search, feeds, exports, meeting pages) from the moment its
request commits, in every worker process, also while a harvest holds the index writer; the
next index pass removes it from the index itself. A restore is back at once the same way.
"""

from __future__ import annotations

from typing import Any

from vindplaats.engine.base import Engine, IndexDoc, IndexReport, SearchQuery, SearchResult
from vindplaats.store.base import Store


class HidingEngine:
    """`Engine` that wraps another and hides taken-down records from its searches; every other
    attribute is the wrapped engine's."""

    def __init__(self, engine: Engine, store: Store) -> None:
        self.inner = engine
        self.store = store
        self.name = engine.name

    def search(self, query: SearchQuery) -> SearchResult:
        hidden = self.store.taken_down_ids()
        if hidden:
            wanted = sorted(hidden.union(query.exclude_ids))
            query = query.model_copy(update={"exclude_ids": wanted})
        return self.inner.search(query)

    def index(self, docs: list[IndexDoc]) -> IndexReport:
        return self.inner.index(docs)

    def delete(self, ids: list[str]) -> None:
        self.inner.delete(ids)

    def count(self) -> int:
        return self.inner.count()

    def close(self) -> None:
        self.inner.close()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


__all__ = ["HidingEngine"]
