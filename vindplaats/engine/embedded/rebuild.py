"""A versioned rebuild of the embedded index: a new directory, then the link moves to it.

The new version is a tantivy index in `<index_dir>-v<N>-<timestamp>` beside the index
directory, filled by its own engine while the current version keeps serving. `publish` makes
`index_dir` (a symlink) point at it atomically (`swap.point_link`); engines open in other
processes follow the link at their next search or write. `abandon` removes the new directory
unless it is already served. `retire_old` removes the versions the link left, each only when no
process has it open any more (`index_lease`): one a server still searches is kept and removed by
a later rebuild.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

from vindplaats.engine.base import IndexDoc, IndexReport
from vindplaats.engine.embedded.engine import EmbeddedEngine
from vindplaats.engine.embedded.swap import next_version, point_link, remove_retired


class EmbeddedRebuild:
    """`Rebuild` of the embedded index named by the link `index_dir`."""

    def __init__(self, index_dir: Path) -> None:
        self._link = index_dir
        self._link.parent.mkdir(parents=True, exist_ok=True)
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%d%H%M%S")
        self._target = next_version(self._link, stamp)
        self.version = str(self._target)
        try:
            self._engine = EmbeddedEngine(self._target)
        except BaseException:
            shutil.rmtree(self._target, ignore_errors=True)
            raise

    def index(self, docs: list[IndexDoc]) -> IndexReport:
        return self._engine.index(docs)

    def delete(self, ids: list[str]) -> None:
        self._engine.delete(ids)

    def publish(self) -> None:
        point_link(self._link, self._target)
        self._engine.close()

    def abandon(self) -> None:
        self._engine.close()
        if os.path.realpath(self._link) != os.path.realpath(self._target):  # never what is served
            shutil.rmtree(self._target, ignore_errors=True)

    def retire_old(self) -> str:
        removed, kept = remove_retired(self._link)
        still_open = (
            f"; kept {', '.join(p.name for p in kept)} (still open in another process, removed "
            "by a later rebuild)"
            if kept
            else ""
        )
        return f"removed {len(removed)} old version(s){still_open}"


__all__ = ["EmbeddedRebuild"]
