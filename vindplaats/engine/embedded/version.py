"""One open version of the embedded index: its tantivy `Index`, its lease and its readers.

The embedded engine names its index by a path that may be a symlink a rebuild moves to a new
version directory (`swap`). A `Version` is one resolved directory, opened while holding
its lease (`index_lease`), so no rebuild deletes it while it is open. Searches count themselves
in and out (`enter`/`leave`); a version the engine has moved away from (`retire`) releases its
lease when its last search has finished, so a search that started on the old version ends on it
with complete results.
"""

from __future__ import annotations

import os
import threading

from tantivy import Index, Schema, Searcher

from vindplaats.engine.embedded import index_lease
from vindplaats.engine.embedded.analysis import register_analyzers

META = "meta.json"
Signature = tuple[int, int, int]


def meta_signature(directory: str) -> Signature | None:
    """Changes whenever a commit replaces `meta.json` (tantivy writes a new file and renames)."""
    try:
        st = os.stat(os.path.join(directory, META))
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size, st.st_ino


class Version:
    def __init__(self, real: str, index: Index, lease: index_lease.Lease) -> None:
        self.real = real
        self.index = index
        self._lease = lease
        self._lock = threading.Lock()
        self._users = 0
        self._retired = False
        self._meta_seen = meta_signature(real)

    @classmethod
    def open(cls, schema: Schema, real: str, *, create: bool) -> Version | None:
        """Lease and open the index in `real`; None when that directory is gone or being
        removed, or (unless `create`) holds no index. tantivy's errors are raised."""
        lease = index_lease.take(real)
        if lease is None:
            return None
        try:
            if not create and not os.path.isfile(os.path.join(real, META)):
                lease.release()
                return None
            index = Index(schema, path=real, reuse=True)
            register_analyzers(index)
            index.config_reader(reload_policy="manual")
        except BaseException:
            lease.release()
            raise
        return cls(real, index, lease)

    # -- readers -----------------------------------------------------------------------------

    def enter(self) -> None:
        """Count a search in (under the engine's lock, so no switch retires this version
        between choosing it and counting in); pair with `leave()`."""
        with self._lock:
            self._users += 1

    def searcher(self) -> Searcher:
        """A searcher on the latest commit, reloading when any process committed since."""
        with self._lock:
            seen = meta_signature(self.real)
            if seen != self._meta_seen:
                self.index.reload()
                self._meta_seen = seen
            return self.index.searcher()

    def leave(self) -> None:
        with self._lock:
            self._users -= 1
            if self._retired and self._users == 0:
                self._lease.release()

    def committed(self) -> None:
        """This process committed: make the commit visible to the next searcher."""
        with self._lock:
            self.index.reload()
            self._meta_seen = meta_signature(self.real)

    def retire(self) -> None:
        """No new searches start here; the lease goes with the last running one."""
        with self._lock:
            self._retired = True
            if self._users == 0:
                self._lease.release()

    @property
    def leased(self) -> bool:
        return self._lease.held


__all__ = ["META", "Version", "meta_signature"]
