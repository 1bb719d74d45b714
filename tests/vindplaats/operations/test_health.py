"""Source health from the store: never harvested, ok, failing, stale and blocked, as the CLI and
the API show it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from search_api import create_app
from tests.vindplaats.cli.runner import run_cli
from vindplaats.operations.health import HealthState, SourceHealth, health_report, source_health
from vindplaats.settings import Settings, load_settings
from vindplaats.sources import build_source
from vindplaats.store import Store, open_store
from vindplaats.store.models import RunStatus

DAY = timedelta(days=1)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return load_settings(data_dir=tmp_path)


@pytest.fixture
def store(settings: Settings) -> Iterator[Store]:
    opened = open_store(settings)
    for key, supplier in (("alkmaar", "notubiz"), ("delft", "notubiz"), ("ede", "ibabs")):
        opened.upsert_source(
            build_source(
                key=key,
                name=key.title(),
                supplier=supplier,
                notubiz_organisation_id="1" if supplier == "notubiz" else None,
                ibabs_sitename=key if supplier == "ibabs" else None,
            )
        )
    yield opened
    opened.close()


def run(store: Store, key: str, status: RunStatus, *errors: str) -> None:
    started = store.start_run(key)
    store.finish_run(started.id, status, {}, list(errors))


def health(store: Store, settings: Settings, key: str, later: timedelta = timedelta()) -> Any:
    """The health of `key` as it will be `later` from now."""
    source = store.get_source(key)
    block = store.supplier_block(source.supplier.value)
    interval = {s.key: s.harvest_interval for s in store.source_schedules()}[key]
    now = store.clock() + later
    return source_health(store, source, settings, now=now, block=block, interval=interval)


def test_a_source_without_a_finished_run_was_never_harvested(
    store: Store, settings: Settings
) -> None:
    found = health(store, settings, "alkmaar")
    assert found.state == HealthState.NEVER_HARVESTED
    assert (found.last_success, found.last_error, found.runs) == (None, None, 0)
    store.start_run("alkmaar")  # the first harvest is running
    assert health(store, settings, "alkmaar").state == HealthState.NEVER_HARVESTED


@pytest.mark.parametrize("status", [RunStatus.OK, RunStatus.PARTIAL])
def test_a_completed_run_is_ok(store: Store, settings: Settings, status: RunStatus) -> None:
    run(store, "alkmaar", status)
    found = health(store, settings, "alkmaar")
    assert found.state == HealthState.OK
    assert found.last_success is not None
    assert found.last_run_status == status.value
    assert found.failed_in_a_row == 0


def test_a_failed_last_run_is_failing_with_its_error(store: Store, settings: Settings) -> None:
    run(store, "alkmaar", RunStatus.OK)
    run(store, "alkmaar", RunStatus.FAILED, "HTTP 500", "harvest failed: the API is down")
    found = health(store, settings, "alkmaar")
    assert found.state == HealthState.FAILING
    assert found.summary == "failing: 1 failed run in a row"
    assert found.last_error == "harvest failed: the API is down"
    assert found.last_success is not None
    assert found.failed_in_a_row == 1


def test_failing_after_counts_failed_runs_in_a_row(tmp_path: Path, store: Store) -> None:
    patient = load_settings(data_dir=tmp_path, failing_after=2)
    run(store, "alkmaar", RunStatus.OK)
    run(store, "alkmaar", RunStatus.FAILED, "timed out")
    assert health(store, patient, "alkmaar").state == HealthState.OK
    run(store, "alkmaar", RunStatus.FAILED, "timed out")
    assert health(store, patient, "alkmaar").state == HealthState.FAILING
    run(store, "delft", RunStatus.FAILED, "timed out")  # never succeeded: failing at once
    assert health(store, patient, "delft").state == HealthState.FAILING


def test_an_old_last_success_is_stale(store: Store, settings: Settings) -> None:
    run(store, "alkmaar", RunStatus.OK)
    assert health(store, settings, "alkmaar", 2 * DAY).state == HealthState.OK
    found = health(store, settings, "alkmaar", 4 * DAY)  # 3 × the default interval of a day
    assert found.state == HealthState.STALE
    assert found.summary.startswith("stale: no completed harvest since ")
    assert found.stale_after_seconds == 3 * 86400
    store.set_harvest_interval("alkmaar", 3600)  # its own interval: stale after 3 hours
    assert health(store, settings, "alkmaar", timedelta(hours=4)).state == HealthState.STALE


def test_stale_after_sets_the_threshold(tmp_path: Path, store: Store) -> None:
    lenient = load_settings(data_dir=tmp_path, stale_after=10 * 86400)
    run(store, "alkmaar", RunStatus.OK)
    assert health(store, lenient, "alkmaar", 4 * DAY).state == HealthState.OK
    assert health(store, lenient, "alkmaar", 11 * DAY).state == HealthState.STALE


def test_a_blocked_supplier_blocks_all_its_sources(store: Store, settings: Settings) -> None:
    run(store, "alkmaar", RunStatus.FAILED, "blocked")
    store.block_supplier("notubiz", 86400, 'the supplier answered "The request is blocked"')
    report = health_report(store, settings)
    assert report["alkmaar"].state == HealthState.BLOCKED  # blocked wins over failing
    assert report["delft"].state == HealthState.BLOCKED
    assert report["delft"].block_reason == 'the supplier answered "The request is blocked"'
    assert report["delft"].blocked_until is not None
    assert report["ede"].state == HealthState.NEVER_HARVESTED  # another supplier
    store.unblock_supplier("notubiz")
    assert health_report(store, settings)["alkmaar"].state == HealthState.FAILING


def test_the_cli_and_the_api_show_the_health(store: Store, settings: Settings) -> None:
    run(store, "alkmaar", RunStatus.OK)
    run(store, "delft", RunStatus.FAILED, "harvest failed: HTTP 503 for https://x/?token=s3cr3t")
    store.block_supplier("ibabs", 86400, "the supplier answered HTTP 403 to 3 API requests")
    expected = {"alkmaar": "ok", "delft": "failing", "ede": "blocked"}
    listed = run_cli("sources", "list", "--json", data_dir=settings.data_dir)
    assert {s["key"]: s["health"]["state"] for s in json.loads(listed.out)} == expected
    table = run_cli("sources", "list", data_dir=settings.data_dir).out.splitlines()
    assert "HEALTH" in table[0]
    assert [line.split()[3] for line in table[1:]] == ["ok", "failing", "blocked"]
    with TestClient(create_app(settings)) as client:
        sources = client.get("/api/sources").json()["sources"]
    shown = {s["key"]: s["health"] for s in sources}
    assert {key: h["state"] for key, h in shown.items()} == expected
    assert shown["delft"]["last_error"] == "harvest failed: HTTP 503 for https://x/?token=***"
    assert SourceHealth.model_validate(shown["alkmaar"]).last_success is not None
