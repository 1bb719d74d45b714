"""The scheduler on every backend: marks sources due when their interval has passed, reports
stale, failing and interrupted sources, and acts alone."""

from __future__ import annotations

import argparse
import json
import threading
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from tests.vindplaats.store.backends import backend_settings
from vindplaats.cli import scheduler as scheduler_cli
from vindplaats.leasing import SCHEDULER, source_lease
from vindplaats.operations.health import HealthState, source_health
from vindplaats.operations.scheduler import run_scheduler
from vindplaats.settings import Settings
from vindplaats.sources import build_source
from vindplaats.store import RunStatus, Store, open_store

DAY = 86400.0
HOUR = 3600.0


@pytest.fixture(params=["postgres", "sqlite"])
def settings(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Settings]:
    with backend_settings(request.param, tmp_path / "data", harvest_interval=DAY) as chosen:
        yield chosen


@pytest.fixture
def store(settings: Settings) -> Iterator[Store]:
    opened = open_store(settings)
    for key in ("alkmaar", "bergen"):
        opened.upsert_source(
            build_source(key=key, name=key.title(), supplier="notubiz", notubiz_organisation_id="1")
        )
    yield opened
    opened.close()


def harvested(store: Store, key: str, status: RunStatus = RunStatus.OK) -> None:
    """As a worker leaves a source: a finished run, next due one default interval ahead."""
    run = store.start_run(key)
    store.finish_run(run.id, status, {}, ["boom"] if status == RunStatus.FAILED else [])
    store.schedule_next(key, DAY)


def test_nothing_to_do_for_fresh_sources(settings: Settings, store: Store) -> None:
    report = run_scheduler(settings, once=True)
    assert (report.ticks, report.skipped, report.marked_due) == (1, 0, [])
    assert (report.stale, report.failing, report.interrupted) == ([], {}, [])
    assert store.due_sources() == ["alkmaar", "bergen"]  # new sources are due anyway


def ahead(store: Store, seconds: float) -> Callable[[], datetime]:
    """A scheduler clock `seconds` ahead of the store's: time passes without waiting."""
    return lambda: store.clock() + timedelta(seconds=seconds)


def test_a_shortened_interval_makes_a_source_due(settings: Settings, store: Store) -> None:
    harvested(store, "alkmaar")
    harvested(store, "bergen")
    assert store.due_sources() == []
    store.set_harvest_interval("alkmaar", HOUR)  # from a day to an hour
    assert run_scheduler(settings, once=True, clock=ahead(store, HOUR / 2)).marked_due == []
    report = run_scheduler(settings, once=True, clock=ahead(store, 2 * HOUR))
    assert report.marked_due == ["alkmaar"]  # an hour has passed since its run; bergen: a day
    assert store.due_sources() == ["alkmaar"]
    again = run_scheduler(settings, once=True, clock=ahead(store, 2 * HOUR))
    assert again.marked_due == []  # due already


def test_stale_failing_and_interrupted_sources_are_reported(
    settings: Settings, store: Store
) -> None:
    harvested(store, "alkmaar")
    store.set_harvest_interval("alkmaar", HOUR)  # no harvest within twice that: stale
    harvested(store, "bergen", RunStatus.FAILED)
    harvested(store, "bergen", RunStatus.FAILED)
    store.start_run("bergen")  # left running, and no worker holds the source
    report = run_scheduler(settings, once=True, clock=ahead(store, 5 * HOUR))
    assert report.stale == ["alkmaar"]
    assert report.failing == {"bergen": 2}
    assert report.interrupted == ["bergen"]
    store.acquire_lease(source_lease("bergen"), "worker-1", 60)  # a worker is on it
    assert run_scheduler(settings, once=True).interrupted == []


def stale_by_health(store: Store, settings: Settings, now: datetime) -> list[str]:
    """The sources `sources list` and `GET /api/sources` would show stale at `now`."""
    intervals = {s.key: s.harvest_interval for s in store.source_schedules()}
    return [
        source.key
        for source in store.list_sources()
        if source_health(
            store, source, settings, now=now, block=None, interval=intervals[source.key]
        ).state
        is HealthState.STALE
    ]


@pytest.mark.parametrize(
    ("stale_after", "days", "stale"),
    [
        (None, 0.5, ["bergen"]),  # three hours (three intervals) have passed for bergen only
        (None, 2.5, ["bergen"]),  # alkmaar: two and a half of its daily intervals, not three
        (None, 3.5, ["alkmaar", "bergen"]),
        (DAY, 0.5, []),  # VINDPLAATS_STALE_AFTER overrides every interval
        (DAY, 1.5, ["alkmaar", "bergen"]),
    ],
)
def test_the_scheduler_and_the_source_listing_call_the_same_sources_stale(
    settings: Settings, store: Store, stale_after: float | None, days: float, stale: list[str]
) -> None:
    chosen = settings.model_copy(update={"stale_after": stale_after})
    harvested(store, "alkmaar")
    harvested(store, "bergen")
    store.set_harvest_interval("bergen", HOUR)
    now = store.clock() + timedelta(days=days)
    assert stale_by_health(store, chosen, now) == stale
    assert run_scheduler(chosen, once=True, clock=lambda: now).stale == stale


def test_one_scheduler_acts_at_a_time(settings: Settings, store: Store) -> None:
    assert store.acquire_lease(SCHEDULER, "the-other", 60)
    report = run_scheduler(settings, once=True, scheduler_id="me")
    assert (report.ticks, report.skipped) == (0, 1)
    store.release_lease(SCHEDULER, "the-other")
    assert run_scheduler(settings, once=True, scheduler_id="me").ticks == 1
    assert store.lease_holder(SCHEDULER) is None  # released when it stops


def test_a_stopped_scheduler_ends_after_its_pass(settings: Settings, store: Store) -> None:
    stop = threading.Event()
    stop.set()
    report = run_scheduler(settings, poll_interval=3600, stop=stop)
    assert report.ticks == 1


def test_the_scheduler_command(
    settings: Settings, store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    parser = argparse.ArgumentParser(prog="vindplaats")
    scheduler_cli.register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["scheduler", "--once", "--id", "s1", "--json"])
    assert (args.once, args.scheduler_id, args.poll_interval) == (True, "s1", 60.0)
    assert args.func(args, settings) == 0
    assert json.loads(capsys.readouterr().out)["ticks"] == 1
    args = parser.parse_args(["scheduler", "--once"])
    assert args.func(args, settings) == 0
    assert "marked due" in capsys.readouterr().out
