"""Leases on index versions: a leased directory is never removed; a removed one is never leased."""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
import threading
from pathlib import Path

from vindplaats.engine.embedded.index_lease import (
    LEASE_FILE,
    Lease,
    remove_unleased,
    sweep_removing,
    take,
)


def version(tmp_path: Path, name: str = "index-v1-20260101000000") -> Path:
    directory = tmp_path / name
    directory.mkdir()
    (directory / "meta.json").write_text("{}")
    return directory


def test_a_leased_directory_is_kept_and_removed_once_released(tmp_path: Path) -> None:
    directory = version(tmp_path)
    lease = take(str(directory))
    assert lease is not None and lease.held
    assert remove_unleased(directory) is False
    assert (directory / "meta.json").exists()
    lease.release()
    assert not lease.held
    assert remove_unleased(directory) is True
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_several_readers_share_a_version(tmp_path: Path) -> None:
    directory = version(tmp_path)
    first, second = take(str(directory)), take(str(directory))
    assert first is not None and second is not None
    first.release()
    assert remove_unleased(directory) is False  # the second reader still uses it
    second.release()
    assert remove_unleased(directory) is True


def test_a_lease_in_another_process_keeps_the_directory_until_that_process_dies(
    tmp_path: Path,
) -> None:
    directory = version(tmp_path)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from vindplaats.engine.embedded.index_lease import take; "
            "lease = take(sys.argv[1]); print(lease is not None, flush=True); sys.stdin.read()",
            str(directory),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "True"
        assert remove_unleased(directory) is False
        holder.kill()  # killed without releasing: the kernel drops its lock
        holder.wait()
        assert remove_unleased(directory) is True
    finally:
        if holder.poll() is None:
            holder.kill()
            holder.wait()
        for stream in (holder.stdin, holder.stdout):
            if stream is not None:
                stream.close()


def test_a_removed_directory_cannot_be_leased(tmp_path: Path) -> None:
    directory = version(tmp_path)
    assert remove_unleased(directory) is True
    assert take(str(directory)) is None
    assert not directory.exists()  # taking a lease did not bring it back


def test_a_reader_that_opened_the_lease_just_before_removal_gets_nothing(tmp_path: Path) -> None:
    """The reader opened the lease file, then the remover locked and renamed the directory away
    before the reader's lock was granted: the reader must see that it locked a stale file."""
    directory = version(tmp_path)
    fd = os.open(directory / LEASE_FILE, os.O_RDWR | os.O_CREAT)
    fcntl.flock(fd, fcntl.LOCK_EX)  # the remover's lock, held while the reader comes in
    got: list[Lease | None] = []
    reader = threading.Thread(target=lambda: got.append(take(str(directory))))
    reader.start()
    reader.join(0.3)
    assert reader.is_alive()  # waiting for the shared lock
    os.rename(directory, tmp_path / ".gone")
    os.close(fd)
    reader.join(10)
    assert got == [None]


def test_an_interrupted_removal_is_finished_later(tmp_path: Path) -> None:
    leftover = tmp_path / ".index-v3-20260101000000-removing"
    leftover.mkdir()
    (leftover / "segment").write_text("x")
    other = tmp_path / ".elsewhere-removing"
    other.mkdir()
    sweep_removing(tmp_path, "index")
    assert not leftover.exists() and other.exists()
