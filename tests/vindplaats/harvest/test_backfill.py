"""Full backfill (`vindplaats harvest KEY --full`) against the sandbox: the history in chunks,
oldest first, with a cursor in the store, so a backfill stopped anywhere — a failed chunk, or
`kill -9` of the harvest in the middle of a chunk — resumes at its first unfinished chunk and
loses and duplicates nothing (reliability item 13; test_workers.py kills an ordinary harvest).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import date, timedelta
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest

from crawlers.run import settings_env
from tests.vindplaats.cli.runner import ROOT, run_cli
from tests.vindplaats.harvest.sandboxed import sandbox_settings
from tests.vindplaats.operations.test_workers import assert_complete
from vindplaats.engine import open_engine
from vindplaats.harvest.backfill import Chunk, plan_chunks
from vindplaats.harvest.run import harvest
from vindplaats.sandbox import Sandbox, SandboxWorld
from vindplaats.settings import PREFIX, Settings
from vindplaats.sources import build_source
from vindplaats.store import RunStatus, Store, open_store
from vindplaats.store.sql_sources import INTERRUPTED

KEY = "zandaam"
TODAY = SandboxWorld().now.date()
TIMEOUT = 180


def backfill_settings(data_dir: Path, months: int, **more: Any) -> Settings:
    return sandbox_settings(data_dir, SandboxWorld.date_from, backfill_chunk_months=months, **more)


def windows(runs: list[Any]) -> list[tuple[date | None, date | None]]:
    return [(run.window_from, run.window_until) for run in runs]


def spans(chunks: list[Chunk]) -> list[tuple[date | None, date | None]]:
    return [(chunk.start, chunk.end) for chunk in chunks]


def test_chunks_cover_the_range_oldest_first_without_gaps() -> None:
    chunks = plan_chunks(date(2010, 1, 1), date(2027, 1, 27), 3)
    assert len(chunks) == 69
    assert (chunks[0].start, chunks[0].end) == (date(2010, 1, 1), date(2010, 3, 31))
    assert (chunks[-1].start, chunks[-1].end) == (date(2027, 1, 1), date(2027, 1, 27))
    for before, after in pairwise(chunks):
        assert after.start == before.end + timedelta(days=1)
    assert [c.number for c in chunks] == list(range(1, 70))
    assert {c.total for c in chunks} == {69}
    assert spans(plan_chunks(date(2010, 1, 31), date(2010, 3, 1), 1)) == [
        (date(2010, 1, 31), date(2010, 2, 27)),
        (date(2010, 2, 28), date(2010, 3, 1)),
    ]


# -- a failed chunk stops the backfill; it resumes there; --restart starts over ------------------
def test_a_failed_chunk_stops_the_backfill_which_resumes_there(tmp_path: Path) -> None:
    settings = backfill_settings(tmp_path / "data", months=6)
    chunks = plan_chunks(settings.backfill_from, TODAY + timedelta(days=60), 6)
    assert len(chunks) == 3
    store = open_store(settings)
    events: list[tuple[int, int]] = []
    with Sandbox(files_dir=tmp_path / "files") as sandbox:
        store.upsert_source(next(s for s in sandbox.sources() if s.key == KEY))

        def collect(phase: str, data: dict[str, Any]) -> None:
            if phase == "backfill":
                events.append((data["chunk"], data["chunks"]))

        def break_after_first(phase: str, data: dict[str, Any]) -> None:
            collect(phase, data)
            if phase == "backfill_chunk_done" and data["chunk"] == 1:
                sandbox.faults.set("/notubiz", "malformed")  # the supplier breaks down

        stopped = harvest(settings, KEY, full=True, today=TODAY, on_progress=break_after_first)
        assert events == [(1, 3), (2, 3)]
        assert stopped.status == RunStatus.FAILED
        assert windows(store.list_runs(KEY)[::-1]) == spans(chunks[:2])
        cursor = store.get_backfill(KEY)
        assert cursor is not None and not cursor.finished and cursor.next_from == chunks[1].start

        again = harvest(settings, KEY, full=True, today=TODAY)  # still broken
        assert windows([again]) == spans(chunks[1:2])  # resumed at the failed chunk

        restarted = harvest(settings, KEY, full=True, restart=True, today=TODAY)
        assert windows([restarted]) == spans(chunks[:1])  # started over
        fresh = store.get_backfill(KEY)
        assert fresh is not None and fresh.next_from == chunks[0].start
        assert fresh.started_at > cursor.started_at

        sandbox.faults.clear()
        events.clear()
        done = harvest(settings, KEY, full=True, today=TODAY, on_progress=collect)
        assert events == [(1, 3), (2, 3), (3, 3)]
        assert done.status == RunStatus.OK, done.errors
        finished = store.get_backfill(KEY)
        assert finished is not None and finished.finished
        ok_runs = [r for r in store.list_runs(KEY, limit=50)[::-1] if r.status == RunStatus.OK]
        assert windows(ok_runs) == spans([chunks[0], chunks[0], chunks[1], chunks[2]])
        assert_complete(store, sandbox, KEY)
        # the watermark is at most the moment this backfill began
        watermark = store.get_watermark(KEY)
        assert watermark is not None and watermark <= finished.started_at
    store.close()


# -- kill -9 in the middle of a chunk ------------------------------------------------------------
def crawl_children(data_dir: Path) -> list[int]:
    """Crawl processes (`python -m crawlers.run`) working on the store in `data_dir`."""
    marker = f"{PREFIX}DATA_DIR={data_dir}".encode()
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if b"crawlers.run" not in (entry / "cmdline").read_bytes():
                continue
            if marker in (entry / "environ").read_bytes().split(b"\0"):
                found.append(int(entry.name))
        except OSError:  # gone meanwhile, or not ours
            continue
    return found


def wait_for(condition: Any, what: str, process: subprocess.Popen[bytes] | None = None) -> None:
    deadline = time.monotonic() + TIMEOUT
    while not condition():
        if process is not None:
            assert process.poll() is None, f"the harvest ended before {what}"
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.02)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc and PR_SET_PDEATHSIG")
def kill_in_a_later_chunk(
    store: Store, env: dict[str, str], data_dir: Path, chunks: list[Chunk]
) -> None:
    """`vindplaats harvest KEY --full` in a process of its own, killed (`kill -9`) while it
    crawls a chunk after the first; returns when its orphaned crawl has died too."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(PREFIX)}
    cli = subprocess.Popen(
        [sys.executable, "-m", "vindplaats.cli.main", "harvest", KEY, "--full"],
        cwd=ROOT,
        env={**clean, **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:

        def crawling_after_the_first_chunk() -> bool:
            run = store.last_run(KEY)
            return (
                run is not None
                and run.status == RunStatus.RUNNING
                and run.window_from != chunks[0].start
                and bool(crawl_children(data_dir))
            )

        wait_for(crawling_after_the_first_chunk, "a later chunk's crawl", cli)
    finally:
        os.kill(cli.pid, signal.SIGKILL)  # the harvest only; its crawl dies with it
        cli.wait()
    wait_for(lambda: not crawl_children(data_dir), "the orphaned crawl to die")


def test_a_backfill_killed_in_a_chunk_resumes_there_and_loses_nothing(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    settings = backfill_settings(data_dir, months=6, lease_ttl=3)  # a dead holder's lease ends
    chunks = plan_chunks(settings.backfill_from, date.today() + timedelta(days=60), 6)
    assert len(chunks) >= 3
    store = open_store(settings)
    env = settings_env(settings)
    with Sandbox(files_dir=tmp_path / "files") as sandbox:
        store.upsert_source(next(s for s in sandbox.sources() if s.key == KEY))
        kill_in_a_later_chunk(store, env, data_dir, chunks)
        killed = store.last_run(KEY)
        assert killed is not None and killed.status == RunStatus.RUNNING  # never finished
        assert killed.window_from is not None
        k = [c.start for c in chunks].index(killed.window_from)  # chunk k + 1 was interrupted
        cursor = store.get_backfill(KEY)
        assert cursor is not None and cursor.next_from == chunks[k].start
        assert windows(store.list_runs(KEY)[::-1]) == spans(chunks[: k + 1])
        wait_for(lambda: store.lease_holder(f"source:{KEY}") is None, "the lease to expire")

        resumed = run_cli("harvest", KEY, "--full", data_dir=data_dir, env=env, timeout=TIMEOUT)

        assert resumed.code == 0, resumed.out + resumed.err
        total = len(chunks)
        assert f"chunk {k + 1}/{total}" in resumed.out
        assert f"chunk {total}/{total}" in resumed.out
        assert f"chunk {k}/{total}" not in resumed.out  # done chunks are not run again
        assert f"chunk {k + 1}/{total}" in resumed.err  # the live progress names the chunk
        interrupted = store.get_run(killed.id)
        assert interrupted.status == RunStatus.FAILED and interrupted.errors == [INTERRUPTED]
        runs = store.list_runs(KEY, limit=50)[::-1]
        assert windows(runs) == spans(chunks[: k + 1] + chunks[k:])  # that chunk again, on
        assert all(r.status == RunStatus.OK for r in runs if r.id != killed.id)
        finished = store.get_backfill(KEY)
        assert finished is not None and finished.finished
        assert_complete(store, sandbox, KEY)  # nothing lost, each record once
        documents = store.count_records(KEY)["document"]
        engine = open_engine(settings)
        try:
            assert engine.count() == documents  # indexed once each
        finally:
            engine.close()
    store.close()


# -- the cursor in the store, on both backends (`store`: conftest.py) ------------------------------
def test_the_backfill_cursor_survives_and_restarts(store: Store) -> None:
    store.upsert_source(
        build_source(key="alkmaar", name="Alkmaar", supplier="notubiz", notubiz_organisation_id="9")
    )
    assert store.get_backfill("alkmaar") is None
    started = store.start_backfill("alkmaar", date(2010, 1, 1), date(2027, 1, 27), 3)
    assert (started.range_from, started.range_until, started.chunk_months) == (
        date(2010, 1, 1),
        date(2027, 1, 27),
        3,
    )
    assert started.next_from == date(2010, 1, 1) and not started.finished
    store.advance_backfill("alkmaar", date(2010, 4, 1))
    cursor = store.get_backfill("alkmaar")
    assert cursor is not None and cursor.next_from == date(2010, 4, 1)
    assert store.finish_backfill("alkmaar").finished
    again = store.start_backfill("alkmaar", date(2015, 1, 1), date(2027, 1, 27), 6)
    assert again.next_from == date(2015, 1, 1) and not again.finished
    assert again.chunk_months == 6
    with pytest.raises(ValueError):
        store.start_backfill("alkmaar", date(2027, 1, 1), date(2026, 1, 1), 3)
