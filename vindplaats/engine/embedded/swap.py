"""Pointing the embedded index directory at a new version, atomically.

`index_dir` becomes a symlink to the version directory beside it. Replacing one symlink by
another is a `rename` over it (atomic on POSIX). The first rebuild finds a real directory there
(the layout before versioned indices): it is exchanged with the new link in one
`renameat2(RENAME_EXCHANGE)` (Linux 3.15+, glibc 2.28+); where that call is missing or refused
(another OS, a file system without it), two renames leave `index_dir` missing for an instant.

After the switch the versions the link no longer names are removed by `remove_retired`, each
only when no process still has it open (`index_lease`); one still in use stays until a later
rebuild finds it unused.
"""

from __future__ import annotations

import ctypes
import os
import re
from pathlib import Path

from vindplaats.engine.embedded.index_lease import remove_unleased, sweep_removing

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def _exchange(a: Path, b: Path) -> bool:
    """Swap the names `a` and `b` atomically; False where the platform cannot."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p]
    renameat2.argtypes += [ctypes.c_uint]
    renameat2.restype = ctypes.c_int
    done = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return bool(done == 0)


def point_link(link: Path, target: Path) -> Path | None:
    """Make `link` a relative symlink to `target` (a sibling) without it ever being missing.

    Returns the directory that was at `link` before versioned indices (renamed beside it, for
    the caller to delete), or None.
    """
    temporary = link.with_name(f".{link.name}.swap-{os.getpid()}")
    temporary.unlink(missing_ok=True)
    os.symlink(target.name, temporary, target_is_directory=True)
    if link.is_symlink() or not link.exists():
        os.replace(temporary, link)
        return None
    legacy = link.with_name(f"{link.name}-legacy-{os.getpid()}")
    if _exchange(temporary, link):
        os.rename(temporary, legacy)
    else:
        os.rename(link, legacy)
        os.replace(temporary, link)
    return legacy


_VERSION = re.compile(r"-v(\d+)-\d{14}$")


def version_dirs(link: Path) -> list[Path]:
    """The version directories beside `link` (`<name>-v<N>-<UTC timestamp>`), by name."""
    pattern = re.compile(re.escape(link.name) + _VERSION.pattern)
    return sorted(p for p in link.parent.glob(f"{link.name}-v*") if pattern.fullmatch(p.name))


def next_version(link: Path, stamp: str) -> Path:
    """The directory for the next version: one number above every existing one."""
    numbers = [int(m.group(1)) for p in version_dirs(link) if (m := _VERSION.search(p.name))]
    return link.with_name(f"{link.name}-v{max(numbers, default=0) + 1}-{stamp}")


def _legacy_dirs(link: Path) -> list[Path]:
    return sorted(p for p in link.parent.glob(f"{link.name}-legacy-*") if p.is_dir())


def remove_retired(link: Path) -> tuple[list[Path], list[Path]]:
    """Remove every version (and pre-versioning directory) except the one `link` names, unless
    a process still has it open; returns (removed, kept)."""
    current = os.path.realpath(link)
    sweep_removing(link.parent, link.name)
    removed: list[Path] = []
    kept: list[Path] = []
    for old in [*version_dirs(link), *_legacy_dirs(link)]:
        if os.path.realpath(old) == current:
            continue
        (removed if remove_unleased(old) else kept).append(old)
    return removed, kept


__all__ = ["next_version", "point_link", "remove_retired", "version_dirs"]
