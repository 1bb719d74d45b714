"""What the national monitor reads from the store in one pass, on every backend: each source's
newest runs (newest first, at most the number asked) and its newest completed run, however many
failed runs came after it."""

from __future__ import annotations

from vindplaats.sources import build_source
from vindplaats.store import Store
from vindplaats.store.models import RunStatus


def _run(store: Store, key: str, status: RunStatus) -> int:
    run = store.start_run(key)
    store.finish_run(run.id, status, {}, ["boom"] if status == RunStatus.FAILED else [])
    return run.id


def test_recent_and_last_completed_runs_per_source(store: Store) -> None:
    store.upsert_source(
        build_source(key="aalsmeer", name="Aalsmeer", supplier="ibabs", ibabs_sitename="Aalsmeer")
    )
    first = _run(store, "alkmaar", RunStatus.OK)
    partial = _run(store, "alkmaar", RunStatus.PARTIAL)
    failed = [_run(store, "alkmaar", RunStatus.FAILED) for _ in range(3)]
    only = _run(store, "aalsmeer", RunStatus.FAILED)
    recent = store.recent_runs(2)
    assert [run.id for run in recent["alkmaar"]] == [failed[2], failed[1]]
    assert [run.id for run in recent["aalsmeer"]] == [only]
    assert recent["aalsmeer"][0].errors == ["boom"]
    completed = store.last_completed_runs()
    assert completed["alkmaar"].id == partial != first
    assert "aalsmeer" not in completed


def test_nothing_harvested(empty_store: Store) -> None:
    assert empty_store.recent_runs(20) == {}
    assert empty_store.last_completed_runs() == {}
