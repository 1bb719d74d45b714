"""Workers against the sandbox, as separate processes sharing one store (PostgreSQL, and SQLite
on one machine): every source harvested exactly once, nothing lost, nothing duplicated, and a
harvest killed with `kill -9` completed by the next one (reliability item 13)."""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from crawlers.run import settings_env
from normalize.ids import parse_id
from normalize.records import DownloadStatus, ExtractionStatus
from tests.vindplaats.store.backends import backend_settings
from vindplaats.cli import worker as worker_cli
from vindplaats.engine import open_engine
from vindplaats.harvest.run import harvest
from vindplaats.leasing import source_lease
from vindplaats.operations.workers import claim, run_worker
from vindplaats.sandbox import Sandbox
from vindplaats.settings import PREFIX, Settings
from vindplaats.sources import build_source
from vindplaats.store import RunStatus, Store, open_store
from vindplaats.store.sql_sources import INTERRUPTED

ROOT = Path(__file__).resolve().parents[3]
WORKER = (
    "import sys\n"
    "from vindplaats.settings import load_settings\n"
    "from vindplaats.operations.workers import run_worker\n"
    "summary = run_worker(load_settings(), worker_id=sys.argv[1], once=True, poll_interval=0.1)\n"
    "print(summary.model_dump_json())\n"
)
PROCESS_TIMEOUT = 240


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sandbox]:
    with Sandbox(files_dir=tmp_path_factory.mktemp("sandbox-files")) as running:
        yield running


@pytest.fixture(params=["postgres", "sqlite"])
def settings(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Settings]:
    with backend_settings(request.param, tmp_path / "data") as chosen:
        yield chosen


@pytest.fixture
def store(settings: Settings) -> Iterator[Store]:
    opened = open_store(settings)
    yield opened
    opened.close()


def child_env(settings: Settings) -> dict[str, str]:
    inherited = {k: v for k, v in os.environ.items() if not k.startswith(PREFIX)}
    return {**inherited, **settings_env(settings), "PYTHONUNBUFFERED": "1"}


def native_ids(store: Store, record_type: str, key: str) -> list[int]:
    return sorted(int(parse_id(r.id)[3]) for r in store.iter_records(record_type, key))


def assert_complete(store: Store, sandbox: Sandbox, key: str) -> None:
    """Every record the sandbox publishes for `key` is stored once, every file handled."""
    expected = sandbox.world.expected(key)
    assert native_ids(store, "meeting", key) == sorted(expected.public_meeting_ids)
    assert native_ids(store, "agenda_item", key) == sorted(expected.agenda_item_ids)
    assert native_ids(store, "committee", key) == sorted(expected.committee_ids)
    assert native_ids(store, "register_entry", key) == sorted(expected.register_item_ids)
    assert native_ids(store, "document", key) == sorted(expected.document_ids)
    for state in store.iter_document_states(key):
        missing = int(parse_id(state.id)[3]) in expected.missing_document_ids
        wanted = DownloadStatus.FAILED if missing else DownloadStatus.OK
        assert state.download_status == wanted, state.id
        assert missing or state.extraction_status != ExtractionStatus.PENDING, state.id
        assert state.indexed, state.id


def test_two_workers_share_the_sources(sandbox: Sandbox, settings: Settings, store: Store) -> None:
    keys = [source.key for source in sandbox.sources(supplier="notubiz")]
    for source in sandbox.sources(supplier="notubiz"):
        store.upsert_source(source)
    env = child_env(settings)
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, name],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("worker-a", "worker-b")
    ]
    outputs = [worker.communicate(timeout=PROCESS_TIMEOUT) for worker in workers]
    for worker, (_, stderr) in zip(workers, outputs, strict=True):
        assert worker.returncode == 0, stderr[-3000:]
    summaries = [json.loads(stdout.strip().splitlines()[-1]) for stdout, _ in outputs]
    harvested = [run["source_key"] for summary in summaries for run in summary["runs"]]
    assert sorted(harvested) == sorted(keys)  # each source by exactly one worker

    for key in keys:
        runs = store.list_runs(key)
        assert len(runs) == 1, runs  # one run per source
        assert runs[0].status in (RunStatus.OK, RunStatus.PARTIAL), runs[0].errors
        assert runs[0].counts.get("index_failed", 0) == 0
        assert_complete(store, sandbox, key)
        assert store.lease_holder(f"source:{key}") is None  # released
    assert store.due_sources() == []  # each scheduled one interval ahead

    document_ids = [d.id for d in store.iter_records("document")]
    assert len(document_ids) == len(set(document_ids))
    motion_ids = [m.id for m in store.iter_records("motion")]  # motions are indexed too
    engine = open_engine(settings)
    try:
        # indexed once each, by two writers in turn
        assert engine.count() == len(document_ids) + len(motion_ids)
    finally:
        engine.close()


def test_a_killed_harvest_is_completed_by_the_next(
    sandbox: Sandbox, settings: Settings, store: Store
) -> None:
    key = next(
        k for k in sandbox.world.source_keys if not sandbox.world.expected(k).missing_document_ids
    )
    store.upsert_source(next(s for s in sandbox.sources() if s.key == key))
    harvest_cli = subprocess.Popen(
        [sys.executable, "-m", "vindplaats.cli.main", "harvest", key],
        cwd=ROOT,
        env=child_env(settings),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # the crawl and extraction children die with it, as in a crash
    )
    try:
        deadline = time.monotonic() + PROCESS_TIMEOUT
        while store.document_counts(key).get("download_ok", 0) < 2:
            assert harvest_cli.poll() is None, "the harvest ended before it could be killed"
            assert time.monotonic() < deadline, "no document was downloaded"
            time.sleep(0.02)
    finally:
        os.killpg(harvest_cli.pid, signal.SIGKILL)
        harvest_cli.wait()
    [killed] = store.list_runs(key)
    assert killed.status == RunStatus.RUNNING  # killed in the middle: never finished

    run = harvest(settings, key)

    assert run.status == RunStatus.OK, run.errors
    assert [r.id for r in store.list_runs(key)] == [run.id, killed.id]
    interrupted = store.get_run(killed.id)
    assert interrupted.status == RunStatus.FAILED and interrupted.errors == [INTERRUPTED]
    assert_complete(store, sandbox, key)
    documents = store.count_records(key)["document"]
    assert documents == len(sandbox.world.expected(key).document_ids)
    engine = open_engine(settings)
    try:
        assert engine.count() == documents
    finally:
        engine.close()


def test_claim_skips_sources_leased_or_no_longer_due(store: Store) -> None:
    for key in ("alkmaar", "bergen"):
        store.upsert_source(
            build_source(key=key, name=key.title(), supplier="notubiz", notubiz_organisation_id="1")
        )
    assert store.acquire_lease(source_lease("alkmaar"), "other", 60)
    assert claim(store, "me", 60) == "bergen"  # alkmaar is another worker's
    store.schedule_next("bergen", 3600)  # harvested meanwhile
    store.release_lease(source_lease("bergen"), "me")
    assert claim(store, "me", 60) is None
    assert store.lease_holder(source_lease("bergen")) is None  # not kept when not due


def test_a_refused_harvest_is_reported_and_scheduled(settings: Settings, store: Store) -> None:
    refused = settings.model_copy(update={"allow_private_networks": False})
    store.upsert_source(
        build_source(
            key="alkmaar",
            name="Alkmaar",
            supplier="notubiz",
            notubiz_organisation_id="1",
            base_url="http://127.0.0.1:9/notubiz",
        )
    )
    summary = run_worker(refused, worker_id="w1", once=True, poll_interval=0.1)
    [run] = summary.runs
    assert (run.source_key, run.status, run.run_id) == ("alkmaar", RunStatus.FAILED, None)
    assert run.error is not None and "UnsafeURLError" in run.error
    assert store.due_sources() == []  # not retried before its interval has passed
    assert store.lease_holder(source_lease("alkmaar")) is None


def test_the_worker_command(settings: Settings, capsys: pytest.CaptureFixture[str]) -> None:
    parser = argparse.ArgumentParser(prog="vindplaats")
    worker_cli.register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["worker", "--once", "--id", "w7", "--poll-interval", "0.5", "--json"])
    assert (args.once, args.worker_id, args.poll_interval) == (True, "w7", 0.5)
    assert args.func(args, settings) == 0  # nothing registered: nothing due
    assert json.loads(capsys.readouterr().out) == {"worker_id": "w7", "runs": []}
    with pytest.raises(SystemExit):
        parser.parse_args(["worker", "--poll-interval", "0"])
