"""Metric values shared between API worker processes: one memory-mapped file per process.

`vindplaats serve` may run several uvicorn worker processes on one socket; a scrape of
`/metrics` lands on one of them but must count the requests of all. Each process writes its own
values into `<dir>/<pid>.metrics` (a memory-mapped file: an update is a store into memory, no
system call, no lock between processes); the process answering a scrape reads every file in the
directory and adds them up (`read_all`).

Layout of a file: 8 bytes `used` (little-endian u64: bytes of the file in use), then entries of
`u32 key length, key (UTF-8), padding to 8 bytes, f64 value`. A new entry is written whole
before `used` grows past it, so a reader in another process never sees half an entry; a value is
an aligned 8-byte store. Files of processes that died stay (their counters still count: totals
never go backwards when a worker is replaced); `read_all` tells which files belong to live
processes, for gauges such as requests in progress.
"""

from __future__ import annotations

import mmap
import os
import struct
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

SUFFIX = ".metrics"
HEADER = 8
INITIAL_SIZE = 64 * 1024
_USED = struct.Struct("<Q")
_LENGTH = struct.Struct("<I")
_VALUE = struct.Struct("<d")
MAX_KEY_BYTES = 4096


def _entry_size(key_length: int) -> tuple[int, int]:
    """(offset of the value from the entry's start, size of the entry)."""
    value_at = (_LENGTH.size + key_length + 7) // 8 * 8
    return value_at, value_at + _VALUE.size


class ValueFile:
    """The values of this process: `add` to a key, `set` a key; keys are added on first use."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            size = max(os.fstat(fd).st_size, INITIAL_SIZE)
            _reserve(fd, size)
            self._map = mmap.mmap(fd, size)
        finally:
            os.close(fd)
        self._used = _USED.unpack_from(self._map, 0)[0] or HEADER
        if not HEADER <= self._used <= size:
            raise ValueError(f"{path} is not a metrics file")
        self._offsets = {key: at for key, at, _ in _entries(self._map, self._used)}

    def add(self, key: str, amount: float = 1.0) -> None:
        with self._lock:
            at = self._offset(key)
            _VALUE.pack_into(self._map, at, _VALUE.unpack_from(self._map, at)[0] + amount)

    def set(self, key: str, value: float) -> None:
        with self._lock:
            _VALUE.pack_into(self._map, self._offset(key), value)

    def get(self, key: str) -> float:
        with self._lock:
            at = self._offsets.get(key)
            return 0.0 if at is None else float(_VALUE.unpack_from(self._map, at)[0])

    def close(self) -> None:
        with self._lock:
            self._map.close()

    def _offset(self, key: str) -> int:
        at = self._offsets.get(key)
        if at is not None:
            return at
        raw = key.encode("utf-8")
        if len(raw) > MAX_KEY_BYTES:
            raise ValueError(f"metric key of {len(raw)} bytes (at most {MAX_KEY_BYTES})")
        value_at, size = _entry_size(len(raw))
        start = self._used
        if start + size > len(self._map):
            self._grow(start + size)
        _LENGTH.pack_into(self._map, start, len(raw))
        self._map[start + _LENGTH.size : start + _LENGTH.size + len(raw)] = raw
        _VALUE.pack_into(self._map, start + value_at, 0.0)
        self._used = start + size
        _USED.pack_into(self._map, 0, self._used)  # last: the entry is complete before this
        self._offsets[key] = start + value_at
        return start + value_at

    def _grow(self, needed: int) -> None:
        size = len(self._map)
        while size < needed:
            size *= 2
        self._map.flush()
        self._map.close()
        fd = os.open(self.path, os.O_RDWR)
        try:
            _reserve(fd, size)
            self._map = mmap.mmap(fd, size)
        finally:
            os.close(fd)


def _reserve(fd: int, size: int) -> None:
    """Give the file `size` bytes of real space now: a full disk is an OSError here, not a
    SIGBUS later when a write into the mapping finds no space."""
    if os.fstat(fd).st_size < size:
        os.ftruncate(fd, size)
    if hasattr(os, "posix_fallocate"):
        os.posix_fallocate(fd, 0, size)


def _entries(data: bytes | mmap.mmap, used: int) -> Iterator[tuple[str, int, float]]:
    """(key, offset of the value, value) of every entry below `used`."""
    at = HEADER
    while at + _LENGTH.size <= used:
        (length,) = _LENGTH.unpack_from(data, at)
        value_at, size = _entry_size(length)
        if length == 0 or length > MAX_KEY_BYTES or at + size > used:
            return  # a damaged file: what came before still counts
        key = bytes(data[at + _LENGTH.size : at + _LENGTH.size + length]).decode("utf-8", "replace")
        yield key, at + value_at, float(_VALUE.unpack_from(data, at + value_at)[0])
        at += size


@dataclass(frozen=True)
class ProcessValues:
    pid: int
    alive: bool
    values: dict[str, float]


def read_all(directory: Path) -> list[ProcessValues]:
    """The values of every process that wrote into `directory`, live or not."""
    found = []
    try:
        paths = sorted(directory.glob("*" + SUFFIX))
    except OSError:
        return []
    for path in paths:
        try:
            pid = int(path.name.removesuffix(SUFFIX))
            data = path.read_bytes()
        except (ValueError, OSError):
            continue
        if len(data) < HEADER:
            continue
        used = min(_USED.unpack_from(data, 0)[0], len(data))
        values: dict[str, float] = {}
        for key, _, value in _entries(data, used):
            values[key] = values.get(key, 0.0) + value
        found.append(ProcessValues(pid=pid, alive=_alive(pid), values=values))
    return found


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


_open_files: dict[tuple[Path, int], ValueFile] = {}
_open_lock = threading.Lock()


def process_file(directory: Path) -> ValueFile:
    """This process's file in `directory`, opened once per process (several apps of one
    process share it; a forked child opens its own)."""
    key = (directory.resolve(), os.getpid())
    with _open_lock:
        found = _open_files.get(key)
        if found is None:
            directory.mkdir(parents=True, exist_ok=True)
            found = ValueFile(key[0] / f"{key[1]}{SUFFIX}")
            _open_files[key] = found
        return found


def forget(directory: Path) -> None:
    """Close this process's file in `directory` (before the directory is removed)."""
    with _open_lock:
        found = _open_files.pop((directory.resolve(), os.getpid()), None)
    if found is not None:
        found.close()


def clear(directory: Path) -> None:
    """Remove the files of earlier servers from `directory` (before workers start)."""
    for path in directory.glob("*" + SUFFIX):
        path.unlink(missing_ok=True)
