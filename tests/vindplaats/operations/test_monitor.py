"""The national monitor from a real store (SQLite and PostgreSQL): all 330 catalogue entries,
not connected until registered; a catalogue source (Aalsmeer, base URL at a loopback sandbox
address) registered and harvested is connected and fresh, an old completed run is stale, a
failed last run after it fails, a registered source never harvested is "aangemeld", and a
registered source outside the catalogue gets its own row."""

from __future__ import annotations

import time

from tests.vindplaats.store.conftest import backend, empty_store, store_url  # noqa: F401
from vindplaats.operations.monitor import Connection, Freshness, WooExport, monitor_rows
from vindplaats.settings import load_settings
from vindplaats.sources import build_source
from vindplaats.store import Store
from vindplaats.store.models import RunStatus

AALSMEER = dict(
    key="aalsmeer", name="Aalsmeer", supplier="ibabs", ibabs_sitename="Aalsmeer",
    cbs_code="GM0358", base_url="http://127.0.0.1:8765/ibabs",
    tooi_uri="https://identifier.overheid.nl/tooi/id/gemeente/gm0358",
)  # fmt: skip


def _finish(store: Store, key: str, status: RunStatus) -> None:
    run = store.start_run(key)
    store.finish_run(run.id, status, {}, ["HTTP 500"] if status == RunStatus.FAILED else [])


def test_catalogue_rows_and_states(empty_store: Store) -> None:  # noqa: F811
    settings = load_settings(stale_after=0.3, failing_after=1)
    rows = {row.key: row for row in monitor_rows(empty_store, settings)}
    assert len(rows) == 330
    assert rows["aalsmeer"].connection == Connection.NOT_CONNECTED
    assert rows["aalsmeer"].freshness == Freshness.NEVER
    assert rows["aalsmeer"].woo_export == WooExport.NOT_CHECKED

    empty_store.upsert_source(build_source(**AALSMEER))
    rows = {row.key: row for row in monitor_rows(empty_store, settings)}
    assert rows["aalsmeer"].connection == Connection.REGISTERED
    assert rows["aalsmeer"].freshness == Freshness.NEVER

    _finish(empty_store, "aalsmeer", RunStatus.OK)
    row = next(r for r in monitor_rows(empty_store, settings) if r.key == "aalsmeer")
    assert (row.connection, row.freshness) == (Connection.CONNECTED, Freshness.FRESH)
    assert row.last_harvest is not None and row.source_key == "aalsmeer"
    assert list(row.documents_per_year) == [
        str(y) for y in range(row.last_harvest.year - 4, row.last_harvest.year + 1)
    ]

    time.sleep(0.5)
    row = next(r for r in monitor_rows(empty_store, settings) if r.key == "aalsmeer")
    assert (row.connection, row.freshness) == (Connection.CONNECTED, Freshness.STALE)

    _finish(empty_store, "aalsmeer", RunStatus.FAILED)
    row = next(r for r in monitor_rows(empty_store, settings) if r.key == "aalsmeer")
    assert (row.connection, row.freshness) == (Connection.CONNECTED, Freshness.FAILING)


def test_matched_by_cbs_code_and_outside_catalogue(empty_store: Store) -> None:  # noqa: F811
    settings = load_settings()
    empty_store.upsert_source(build_source(**{**AALSMEER, "key": "aalsmeer-ibabs"}))
    empty_store.upsert_source(
        build_source(key="voorbeeldstad", name="Voorbeeldstad", supplier="notubiz",
                     notubiz_organisation_id="1")
    )  # fmt: skip
    _finish(empty_store, "aalsmeer-ibabs", RunStatus.PARTIAL)
    rows = {row.key: row for row in monitor_rows(empty_store, settings)}
    assert len(rows) == 331
    assert rows["aalsmeer"].source_key == "aalsmeer-ibabs"
    assert rows["aalsmeer"].connection == Connection.CONNECTED
    assert "aalsmeer-ibabs" not in rows
    assert not rows["voorbeeldstad"].in_catalogue
    assert rows["voorbeeldstad"].connection == Connection.REGISTERED
    assert rows["voorbeeldstad"].woo_export == WooExport.NO_TOOI_URI
