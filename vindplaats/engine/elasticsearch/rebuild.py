"""A versioned rebuild in Elasticsearch: a new index version, then both aliases move to it.

The new version is created from the template, set up for bulk loading and filled while the
current one keeps serving (`ElasticsearchEngine.create_version`, `index_into`, `delete_from`,
not refreshed). `publish` refreshes it and moves both aliases in one `_aliases` request
(atomic). `retire_old` deletes the versions the aliases left, `DROP_GRACE` after the swap, so
searches already running there finish (one that still meets a deleted version is sent again:
`search`). `abandon` deletes the unpublished version.
"""

from __future__ import annotations

import time

from vindplaats.engine.base import IndexDoc, IndexReport
from vindplaats.engine.elasticsearch.engine import ElasticsearchEngine

DROP_GRACE = 1.0  # seconds between the alias swap and deleting the old versions


class ElasticsearchRebuild:
    """`Rebuild` through `engine` (owned: closed when the rebuild ends)."""

    def __init__(self, engine: ElasticsearchEngine) -> None:
        self._engine = engine
        try:
            self.version = engine.create_version()
        except BaseException:
            engine.close()
            raise
        self._old: list[str] = []

    def index(self, docs: list[IndexDoc]) -> IndexReport:
        return self._engine.index_into(self.version, docs, refresh=False)

    def delete(self, ids: list[str]) -> None:
        self._engine.delete_from(self.version, ids, refresh=False)

    def publish(self) -> None:
        self._old = self._engine.publish(self.version)

    def abandon(self) -> None:
        try:
            self._engine.drop([self.version])
        finally:
            self._engine.close()

    def retire_old(self) -> str:
        try:
            time.sleep(DROP_GRACE)  # searches already sent to the old versions finish there
            self._engine.drop(self._old)
        finally:
            self._engine.close()
        return f"removed {', '.join(self._old) or 'nothing'}"


__all__ = ["DROP_GRACE", "ElasticsearchRebuild"]
