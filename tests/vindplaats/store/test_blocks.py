"""Supplier blocks and shared request budgets, on both backends."""

from __future__ import annotations

import time
from datetime import timedelta
from itertools import pairwise

import pytest

from tests.vindplaats.store.backends import open_backend, run_together
from vindplaats.store import Store

DAY = 86400.0


def test_a_block_lasts_its_cooling_off_and_names_its_reason(store: Store) -> None:
    assert store.supplier_block("ibabs") is None
    block = store.block_supplier("ibabs", DAY, "the supplier answered HTTP 403 3 times")
    assert block.supplier == "ibabs"
    assert block.reason == "the supplier answered HTTP 403 3 times"
    assert block.blocked_until - block.blocked_at == timedelta(seconds=DAY)
    assert abs((block.blocked_at - store.clock()).total_seconds()) < 60
    assert store.supplier_block("ibabs") == block
    assert store.supplier_blocks() == [block]
    assert store.supplier_block("notubiz") is None


def test_blocking_again_never_shortens_a_block(store: Store) -> None:
    long = store.block_supplier("ibabs", 10 * DAY, "blocked")
    again = store.block_supplier("ibabs", DAY, "a burst of 403")
    assert again.blocked_until == long.blocked_until
    assert again.reason == "a burst of 403"


def test_unblock_lifts_an_active_block(store: Store) -> None:
    store.block_supplier("notubiz", DAY, "blocked")
    assert store.unblock_supplier("notubiz") is True
    assert store.supplier_block("notubiz") is None
    assert store.supplier_blocks() == []
    assert store.unblock_supplier("notubiz") is False


def test_an_ended_block_is_no_longer_active(store: Store) -> None:
    store.block_supplier("parlaeus", 0.05, "blocked")
    time.sleep(0.2)
    assert store.supplier_block("parlaeus") is None
    assert store.supplier_blocks() == []
    assert store.unblock_supplier("parlaeus") is False  # nothing active was lifted


@pytest.mark.parametrize("seconds", [0, -1])
def test_a_block_needs_a_positive_duration(store: Store, seconds: float) -> None:
    with pytest.raises(ValueError, match="positive"):
        store.block_supplier("ibabs", seconds, "blocked")


def test_reservations_of_a_budget_are_one_interval_apart(store: Store) -> None:
    waits = [store.reserve_request("default:ibabs.api", 10.0) for _ in range(3)]
    assert waits[0] == 0.0
    assert 9.0 < waits[1] <= 10.0
    assert 19.0 < waits[2] <= 20.0
    assert store.reserve_request("default:ibabs.download", 10.0) == 0.0  # its own budget


def test_a_hold_delays_the_next_reservation(store: Store) -> None:
    store.hold_requests("default:notubiz.api", 30.0)
    assert 29.0 < store.reserve_request("default:notubiz.api", 1.0) <= 30.0
    store.hold_requests("default:notubiz.api", 1.0)  # a shorter hold changes nothing
    assert 30.0 < store.reserve_request("default:notubiz.api", 1.0) <= 31.0


def test_budgets_are_shared_by_every_store_on_the_same_database(
    backend: str, store_url: str, empty_store: Store
) -> None:
    """Stores opened separately (as crawl processes do) hand out distinct, spaced slots."""
    slots: list[float] = []

    def reserve(_: int) -> None:
        opened = open_backend(backend, store_url)
        try:
            slots.extend(opened.reserve_request("default:ibabs.api", 5.0) for _ in range(3))
        finally:
            opened.close()

    assert run_together(reserve, 6) == []
    slots.sort()
    assert len(slots) == 18
    gaps = [later - earlier for earlier, later in pairwise(slots)]
    assert all(gap > 4.0 for gap in gaps), gaps
    assert slots[-1] <= 17 * 5.0 + 1.0
