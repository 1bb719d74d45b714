"""Leases on every backend: atomic, exclusive, renewable, and taken over once expired."""

from __future__ import annotations

import time

import pytest

from tests.vindplaats.store.backends import open_backend, run_together
from vindplaats.store import Store


def wait_until_taken(store: Store, name: str, holder: str, ttl: float) -> None:
    deadline = time.monotonic() + 30
    while not store.acquire_lease(name, holder, ttl):
        assert time.monotonic() < deadline, f"{holder} never got {name}"
        time.sleep(0.02)


def test_two_holders_compete(store: Store) -> None:
    assert store.acquire_lease("source:alkmaar", "w1", 60) is True
    assert store.acquire_lease("source:alkmaar", "w2", 60) is False
    assert store.lease_holder("source:alkmaar") == "w1"
    assert store.acquire_lease("source:alkmaar", "w1", 60) is True  # held: renews
    assert store.renew_lease("source:alkmaar", "w2", 60) is False
    store.release_lease("source:alkmaar", "w2")  # not the holder: nothing happens
    assert store.lease_holder("source:alkmaar") == "w1"
    store.release_lease("source:alkmaar", "w1")
    assert store.lease_holder("source:alkmaar") is None
    assert store.acquire_lease("source:alkmaar", "w2", 60) is True
    assert store.renew_lease("source:alkmaar", "w1", 60) is False
    assert store.renew_lease("source:alkmaar", "w2", 60) is True


def test_leases_are_independent(store: Store) -> None:
    assert store.acquire_lease("source:a", "w1", 60)
    assert store.acquire_lease("source:b", "w2", 60)
    assert store.acquire_lease("index-writer", "w2", 60)
    assert (store.lease_holder("source:a"), store.lease_holder("source:b")) == ("w1", "w2")


def test_an_expired_lease_is_taken_over(store: Store) -> None:
    assert store.acquire_lease("index-writer", "crashed", 0.05)
    wait_until_taken(store, "index-writer", "w2", 60)
    assert store.lease_holder("index-writer") == "w2"
    # the old holder lost it: it can neither renew nor release it
    assert store.renew_lease("index-writer", "crashed", 60) is False
    store.release_lease("index-writer", "crashed")
    assert store.lease_holder("index-writer") == "w2"


def test_renewing_keeps_a_lease(store: Store) -> None:
    assert store.acquire_lease("source:alkmaar", "w1", 60)
    assert store.renew_lease("source:alkmaar", "w1", 120)
    assert store.acquire_lease("source:alkmaar", "w2", 60) is False


def test_invalid_leases_are_refused(store: Store) -> None:
    with pytest.raises(ValueError):
        store.acquire_lease("source:alkmaar", "w1", 0)
    with pytest.raises(ValueError):
        store.acquire_lease("", "w1", 10)
    with pytest.raises(ValueError):
        store.renew_lease("source:alkmaar", "", 10)


def test_only_one_of_many_concurrent_holders_wins(
    backend: str, store_url: str, empty_store: Store
) -> None:
    results: dict[int, bool] = {}

    def contend(number: int) -> None:
        own = open_backend(backend, store_url)  # each contender has its own connections
        try:
            results[number] = own.acquire_lease("source:alkmaar", f"w{number}", 60)
        finally:
            own.close()

    assert run_together(contend, 8) == []
    winners = [f"w{n}" for n, won in results.items() if won]
    assert len(results) == 8 and len(winners) == 1
    assert empty_store.lease_holder("source:alkmaar") == winners[0]


def age_rows(store: Store, prefix: str, seconds: float) -> None:
    """Move the heartbeats under `prefix` `seconds` into the past (as if nobody beat since)."""
    with store.transaction() as conn:
        conn.execute(
            "UPDATE leases SET acquired_at = acquired_at - ?, expires_at = expires_at - ? "
            "WHERE substr(name, 1, ?) = ?",
            (seconds, seconds, len(prefix), prefix),
        )


def test_heartbeats_are_listed_by_prefix_with_their_age(store: Store) -> None:
    store.beat("heartbeat:worker:h1:w1", "w1", 3600)
    store.beat("heartbeat:worker:h2:w2", "w2", 3600)
    store.beat("heartbeat:scheduler:h1:s1", "s1", 3600)
    store.acquire_lease("source:alkmaar", "w1", 60)
    age_rows(store, "heartbeat:worker:h2:", 120)
    beats = store.beats("heartbeat:worker:")
    assert [(b.name, b.holder) for b in beats] == [
        ("heartbeat:worker:h1:w1", "w1"),  # freshest first
        ("heartbeat:worker:h2:w2", "w2"),
    ]
    assert beats[0].age < 60 <= 120 <= beats[1].age < 180
    assert sorted(b.holder for b in store.beats("heartbeat:")) == ["s1", "w1", "w2"]
    narrowed = store.beats("heartbeat:worker:h1:w")  # '_' or '%' mean nothing here
    assert [(b.name, b.holder) for b in narrowed] == [("heartbeat:worker:h1:w1", "w1")]
    assert store.beats("heartbeat_") == []
    with pytest.raises(ValueError):
        store.beats("")


def test_a_beat_renews_and_old_heartbeats_are_pruned(store: Store) -> None:
    store.beat("heartbeat:worker:h1:w1", "w1", 3600)
    age_rows(store, "heartbeat:worker:h1:w1", 300)
    store.beat("heartbeat:worker:h1:w1", "w1", 3600)  # beats again: young again
    [beat] = store.beats("heartbeat:worker:h1:")
    assert beat.age < 300
    store.beat("heartbeat:worker:h1:dead", "dead", 3600)
    age_rows(store, "heartbeat:worker:h1:dead", 7200)  # past its retention
    store.acquire_lease("source:alkmaar", "w1", 60)
    assert store.prune_beats("heartbeat:") == 1
    assert [b.holder for b in store.beats("heartbeat:")] == ["w1"]
    assert store.lease_holder("source:alkmaar") == "w1"  # other leases are left alone
    store.release_lease("heartbeat:worker:h1:w1", "w1")
    assert store.beats("heartbeat:") == []
