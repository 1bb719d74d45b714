"""The harvest schedule of sources, on every backend."""

from __future__ import annotations

from datetime import timedelta

import pytest

from vindplaats.errors import NotFound
from vindplaats.sources import build_source
from vindplaats.store import Store


def add(store: Store, key: str) -> None:
    store.upsert_source(
        build_source(key=key, name=key.title(), supplier="notubiz", notubiz_organisation_id="1")
    )


def test_a_new_source_is_due(store: Store) -> None:
    assert store.due_sources() == ["alkmaar"]
    [schedule] = store.source_schedules()
    assert (schedule.key, schedule.harvest_interval, schedule.next_due_at) == (
        "alkmaar",
        None,
        None,
    )


def test_after_a_harvest_a_source_is_due_one_interval_later(store: Store) -> None:
    before = store.clock()
    due = store.schedule_next("alkmaar", 3600)
    assert before + timedelta(seconds=3600) <= due <= store.clock() + timedelta(seconds=3600)
    assert store.due_sources() == []
    assert store.source_schedules()[0].next_due_at == due
    store.upsert_source(store.get_source("alkmaar"))  # re-registering keeps the schedule
    assert store.due_sources() == []


def test_a_source_interval_overrides_the_default(store: Store) -> None:
    store.set_harvest_interval("alkmaar", 60)
    due = store.schedule_next("alkmaar", 86400)
    assert due <= store.clock() + timedelta(seconds=60)
    assert store.source_schedules()[0].harvest_interval == 60
    store.set_harvest_interval("alkmaar", None)
    assert store.source_schedules()[0].harvest_interval is None
    with pytest.raises(ValueError):
        store.set_harvest_interval("alkmaar", 0)


def test_mark_due_and_the_order_of_due_sources(store: Store) -> None:
    add(store, "zandaam")
    for key in ("alkmaar", "zandaam"):
        store.schedule_next(key, 3600)
    assert store.due_sources() == []
    store.mark_due("zandaam")
    assert store.due_sources() == ["zandaam"]
    add(store, "bergen")  # never harvested: waiting longest
    assert store.due_sources() == ["bergen", "zandaam"]
    store.mark_due("bergen")  # due already: keeps its place
    assert store.due_sources(limit=1) == ["bergen"]


def test_unknown_sources_are_refused(store: Store) -> None:
    with pytest.raises(NotFound):
        store.mark_due("nope")
    with pytest.raises(NotFound):
        store.schedule_next("nope", 60)
    with pytest.raises(NotFound):
        store.set_harvest_interval("nope", 60)
