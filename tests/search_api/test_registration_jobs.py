"""The verification pool of the server: dry-runs off the request, a bounded queue, and a dry-run
that breaks ends as a fatal verification instead of a registration stuck in `verifying`."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from search_api.registration_jobs import PoolFull, VerificationPool
from vindplaats.operations.registration import RegistrationConflict, finish_verification, register
from vindplaats.settings import Settings, load_settings
from vindplaats.store import Store, open_store
from vindplaats.store.sql_registrations import Registration


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return load_settings(data_dir=tmp_path, verification_workers=1)


@pytest.fixture
def store(settings: Settings) -> Iterator[Store]:
    opened = open_store(settings)
    opened.upsert_organisation("voorbeeldstad", "Voorbeeldstad", "gemeente")
    yield opened
    opened.close()


def _draft(store: Store, settings: Settings) -> Registration:
    fields = {"supplier": "notubiz", "notubiz_organisation_id": "9001"}
    return register(store, settings, "voorbeeldstad", fields, "e@voorbeeldstad.nl")


def _wait_for(store: Store, registration_id: str, status: str) -> Registration:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        found = store.get_registration(registration_id)
        if found is not None and found.status == status:
            return found
        time.sleep(0.05)
    raise AssertionError(f"registration {registration_id} never became {status}")


def test_a_dry_run_runs_off_the_request_and_its_result_is_kept(
    store: Store, settings: Settings
) -> None:
    release = threading.Event()

    def runner(settings: Settings, store: Store, registration_id: str) -> object:
        release.wait(5)
        return finish_verification(store, registration_id, {"fatal": False, "records": {}})

    pool = VerificationPool(settings, store, runner)
    try:
        started = pool.start(_draft(store, settings), "e@voorbeeldstad.nl")
        assert started.status == "verifying" and pool.pending() == 1
        with pytest.raises(RegistrationConflict):
            pool.start(started, "e@voorbeeldstad.nl")  # being verified already
        release.set()
        done = _wait_for(store, started.id, "verified")
        assert done.verification == {"fatal": False, "records": {}}
    finally:
        pool.close()


def test_a_full_queue_is_refused_before_the_registration_is_touched(
    store: Store, settings: Settings
) -> None:
    release = threading.Event()
    pool = VerificationPool(settings, store, lambda *_: release.wait(5))
    try:
        for _ in range(pool.capacity):
            pool.start(_draft(store, settings), "e@voorbeeldstad.nl")
        extra = _draft(store, settings)
        with pytest.raises(PoolFull):
            pool.start(extra, "e@voorbeeldstad.nl")
        assert store.get_registration(extra.id).status == "draft"  # type: ignore[union-attr]
    finally:
        release.set()
        pool.close()


def test_a_broken_dry_run_ends_as_a_fatal_verification(store: Store, settings: Settings) -> None:
    def runner(settings: Settings, store: Store, registration_id: str) -> object:
        raise RuntimeError("boom")

    pool = VerificationPool(settings, store, runner)
    try:
        started = pool.start(_draft(store, settings), "e@voorbeeldstad.nl")
        done = _wait_for(store, started.id, "verified")
        assert done.verification is not None and done.verification["fatal"] is True
        assert "RuntimeError" in done.verification["fatal_error"]
    finally:
        pool.close()
