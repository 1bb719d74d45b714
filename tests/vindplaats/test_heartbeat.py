"""Heartbeats on every backend: workers and schedulers beat while they run (a worker also
during a harvest), remove their heartbeat when they stop, and a heartbeat that stopped
beating fails the check."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.vindplaats.store.backends import backend_settings
from tests.vindplaats.store.test_leases import age_rows
from vindplaats import heartbeat
from vindplaats.heartbeat import Pulse, beat_host, check, heartbeats
from vindplaats.leasing import source_lease
from vindplaats.operations.scheduler import run_scheduler
from vindplaats.operations.workers import run_worker
from vindplaats.sandbox import Sandbox
from vindplaats.settings import Settings
from vindplaats.store import Store, open_store

HOST = socket.gethostname()


@pytest.fixture(params=["postgres", "sqlite"])
def settings(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Settings]:
    with backend_settings(request.param, tmp_path / "data") as chosen:
        yield chosen


@pytest.fixture
def store(settings: Settings) -> Iterator[Store]:
    opened = open_store(settings)
    yield opened
    opened.close()


def wait_for(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + 60
    while not condition():
        assert time.monotonic() < deadline, f"never happened: {what}"
        time.sleep(0.02)


def test_a_fresh_heartbeat_passes_and_a_stale_one_fails(store: Store) -> None:
    assert check(store, "worker", 60) == f"no worker heartbeat from {HOST} in the store (not " + (
        "started, or stopped)"
    )
    with Pulse(store, "worker", "w1") as pulse:
        assert check(store, "worker", 60) is None
        assert check(store, "scheduler", 60) is not None  # another role
        assert check(store, "worker", 60, host="elsewhere") is not None  # another host
        [beat] = heartbeats(store, "worker")
        assert (beat.holder, beat_host(beat)) == ("w1", HOST)
        age_rows(store, "heartbeat:worker:", 3600)  # a worker that hung an hour ago
        problem = check(store, "worker", 900)
        assert problem is not None and "w1: last heartbeat" in problem and "hung" in problem
        pulse.beat()  # under BEAT_EVERY since the last beat: not written
        assert check(store, "worker", 900) is not None
        pulse.beat(force=True)
        assert check(store, "worker", 900) is None
    assert heartbeats(store) == []  # a clean stop removes it


def test_the_freshest_heartbeat_of_the_host_counts(store: Store) -> None:
    store.beat(f"heartbeat:worker:{HOST}:crashed", "crashed", 86400)
    age_rows(store, "heartbeat:worker:", 7200)  # the container's previous worker, dead
    assert check(store, "worker", 900) is not None
    with Pulse(store, "worker", "restarted"):
        assert check(store, "worker", 900) is None
        assert [b.holder for b in heartbeats(store, "worker")] == ["restarted", "crashed"]


def test_a_worker_beats_while_it_polls_and_stops_cleanly(settings: Settings, store: Store) -> None:
    stop = threading.Event()
    worker = threading.Thread(
        target=run_worker, args=(settings,), kwargs={"poll_interval": 0.05, "stop": stop}
    )
    worker.start()
    try:
        wait_for(lambda: check(store, "worker", 60) is None, "a worker heartbeat")
        [beat] = heartbeats(store, "worker")
        assert beat.holder.startswith(f"worker-{HOST}-")
    finally:
        stop.set()
        worker.join()
    assert heartbeats(store) == []


def test_a_scheduler_beats_every_tick(settings: Settings, store: Store) -> None:
    stop = threading.Event()
    scheduler = threading.Thread(
        target=run_scheduler,
        args=(settings,),
        kwargs={"poll_interval": 0.05, "stop": stop, "scheduler_id": "s1"},
    )
    scheduler.start()
    try:
        wait_for(lambda: check(store, "scheduler", 60) is None, "a scheduler heartbeat")
        age_rows(store, "heartbeat:scheduler:", 3600)
        assert check(store, "scheduler", 900) is not None
        # the next tick beats again (BEAT_EVERY after the first beat)
        wait_for(lambda: check(store, "scheduler", 900) is None, "a beat on a later tick")
    finally:
        stop.set()
        scheduler.join()
    assert heartbeats(store) == []


def test_a_worker_beats_during_a_harvest(
    settings: Settings, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(heartbeat, "BEAT_EVERY", 0.0)
    holding: list[str | None] = []
    original = type(store).beat

    def recording(self: Any, name: str, holder: str, ttl: float) -> None:
        original(self, name, holder, ttl)
        holding.append(self.lease_holder(source_lease(key)))

    monkeypatch.setattr(type(store), "beat", recording)
    with Sandbox(files_dir=tmp_path / "sandbox-files") as sandbox:
        source = next(iter(sandbox.sources(supplier="notubiz")))
        key = source.key
        store.upsert_source(source)
        summary = run_worker(settings, worker_id="w1", once=True, poll_interval=0.05)
    assert [run.source_key for run in summary.runs] == [key], summary
    during = holding.count("w1")  # beats while the worker held the source: mid-harvest
    assert during >= 3, holding  # crawl, extraction and indexing progress each beat
    assert holding[0] is None and holding[-1] is None  # before and after the harvest
    assert heartbeats(store) == []


def test_a_worker_stuck_in_a_harvest_goes_stale(
    settings: Settings, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A supplier that does not answer for a while: the worker keeps its source lease (its
    lease thread renews it) but its heartbeat stops, so the health check fails until the crawl
    moves again."""
    monkeypatch.setattr(heartbeat, "BEAT_EVERY", 0.0)  # every progress event beats
    limit = 1.0  # VINDPLAATS_HEARTBEAT_MAX_AGE for this check
    seen: list[tuple[bool, bool]] = []  # (holding the source, heartbeat fresh)
    with Sandbox(files_dir=tmp_path / "sandbox-files") as sandbox:
        source = next(iter(sandbox.sources(supplier="notubiz")))
        store.upsert_source(source)
        sandbox.faults.set("/notubiz", "slow", seconds=6, count=1)  # the first answer hangs
        worker = threading.Thread(
            target=run_worker, args=(settings,), kwargs={"once": True, "poll_interval": 0.05}
        )
        worker.start()
        try:
            while worker.is_alive():
                holding = store.lease_holder(source_lease(source.key)) is not None
                seen.append((holding, check(store, "worker", limit) is None))
                time.sleep(0.1)
        finally:
            worker.join()
    assert (True, False) in seen  # mid-harvest, no beat for over `limit` seconds: unhealthy
    assert (True, True) in seen  # mid-harvest while answers come: healthy
    assert store.last_run(source.key) is not None  # the harvest did run to its end
    assert heartbeats(store) == []
