"""Leases on embedded index versions, visible across processes.

Every process that has a version directory open (a server worker, a harvest, a CLI search)
holds a shared `flock` on `<version>/.vindplaats-lease` for as long as it uses that version.
A rebuild removes a retired version only when it gets the exclusive lock without waiting
(`remove_unleased`): then no process is using it, and while it holds that lock it renames the
directory away, so a process that read the version's name a moment earlier finds nothing and
reads the pointer again instead of opening a directory that is being deleted. A version still
leased is kept; a later rebuild removes it once its last reader has moved on. The kernel drops
the locks of a process that dies, so a crash never pins a version.

`take(directory)` checks, after locking, that the lease file it locked is still the one in
`directory`: a process that opened the file just before a rebuild renamed the directory
away gets `None`, like one that came after.
"""

from __future__ import annotations

import errno
import fcntl
import os
import shutil
from pathlib import Path

LEASE_FILE = ".vindplaats-lease"

_GONE = (errno.ENOENT, errno.ENOTDIR)


class Lease:
    """A shared lock on one version directory; `release()` (or process exit) ends it."""

    def __init__(self, fd: int, directory: str) -> None:
        self._fd: int | None = fd
        self.directory = directory

    @property
    def held(self) -> bool:
        return self._fd is not None

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is not None:
            os.close(fd)  # closing the last descriptor drops the lock


def _open(path: str) -> int:
    try:
        return os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    except PermissionError:
        return os.open(path, os.O_RDONLY | os.O_CLOEXEC)  # a lock needs no write access


def take(directory: str) -> Lease | None:
    """A shared lease on `directory`, or None when it is gone or being removed.

    Blocks only for as long as a rebuild holds the exclusive lock: the time of one rename.
    """
    path = os.path.join(directory, LEASE_FILE)
    try:
        fd = _open(path)
    except OSError as exc:
        if exc.errno in _GONE:
            return None
        raise
    try:
        fcntl.flock(fd, fcntl.LOCK_SH)
        held = os.fstat(fd)
        try:
            named = os.stat(path)
        except FileNotFoundError:
            named = None
    except BaseException:
        os.close(fd)
        raise
    if named is None or (named.st_dev, named.st_ino) != (held.st_dev, held.st_ino):
        os.close(fd)  # the directory was renamed away (to be deleted) while we waited
        return None
    return Lease(fd, directory)


def remove_unleased(directory: Path) -> bool:
    """Delete `directory` unless a process leases it; True when it is gone.

    Under the exclusive lock the directory is renamed to a hidden name beside it, then deleted
    after the lock is released (a crash in between leaves a hidden `.…-removing` directory for
    `sweep_removing` to finish).
    """
    path = os.path.join(directory, LEASE_FILE)
    try:
        fd = _open(str(path))
    except OSError as exc:
        if exc.errno in _GONE:
            return not directory.exists()
        raise
    doomed = directory.with_name(f".{directory.name}-removing")
    shutil.rmtree(doomed, ignore_errors=True)  # a leftover of the same name would block rename
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False  # a reader still uses it
        os.rename(directory, doomed)
    finally:
        os.close(fd)
    shutil.rmtree(doomed, ignore_errors=True)
    return True


def sweep_removing(parent: Path, name: str) -> None:
    """Finish deleting what an interrupted `remove_unleased` left behind for versions of `name`."""
    for leftover in parent.glob(f".{name}-*-removing"):
        shutil.rmtree(leftover, ignore_errors=True)


__all__ = ["LEASE_FILE", "Lease", "remove_unleased", "sweep_removing", "take"]
