"""An organisation's dashboard from a real store: counts per year and month, the month without
a meeting, the supplier's own totals beside ours (or none reported), the failed documents with
their reasons and the withdrawn ones, the last runs with their errors, and the Woo-index export
validated and recorded."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from normalize.ids import make_id
from normalize.records import Meeting, Supplier
from tests.vindplaats.woo.generated import KEY, generate
from vindplaats.errors import NotFound
from vindplaats.operations.dashboard import organisation_dashboard
from vindplaats.operations.woo_export_check import check_woo_export
from vindplaats.settings import Settings, load_settings
from vindplaats.sources import build_source
from vindplaats.store import Store, open_blobs, open_store
from vindplaats.store.models import RunStatus

BASE = "https://ori.alkmaar.nl"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    settings = load_settings(data_dir=tmp_path / "data", public_base_url=BASE)
    generate(settings, 40)
    return settings


@pytest.fixture
def store(settings: Settings) -> Iterator[Store]:
    opened = open_store(settings)
    for native, month in ((1, 1), (2, 1), (3, 3), (4, 4)):
        meeting = Meeting.build(
            Supplier.NOTUBIZ, KEY, native, name=f"Raad {native}",
            start=datetime(2026, month, 12, 19, tzinfo=UTC),
            organization_id=make_id("organization", "notubiz", KEY, "1"),
        )  # fmt: skip
        opened.upsert_record(meeting)
    yield opened
    opened.close()


def test_counts_gaps_and_supplier_totals(store: Store, settings: Settings) -> None:
    run = store.start_run(KEY)
    store.finish_run(run.id, RunStatus.PARTIAL, {"meetings": 4, "reported_meetings": 6},
                     ["HTTP 500 from api.notubiz.nl for meeting 7"])  # fmt: skip
    board = organisation_dashboard(store, settings, KEY)
    [source] = board.sources
    years = {p.period: (p.meeting, p.document) for p in source.years}
    assert years["2026"][0] == 4
    assert (
        sum(document for _, document in years.values()) + source.undated["document"] == 38
    )  # 40, 2 withdrawn
    assert source.months_without_meetings == ["2026-02"]
    totals = {t.record_type: (t.held, t.reported, t.difference) for t in source.supplier_totals}
    assert totals["meeting"] == (4, 6, -2)
    assert totals["document"][1:] == (None, None)  # not reported by the supplier
    assert source.runs[0].status == "partial"
    assert source.runs[0].errors == ["HTTP 500 from api.notubiz.nl for meeting 7"]
    assert source.health.state == "ok"


def test_failed_and_withdrawn_documents(store: Store, settings: Settings) -> None:
    board = organisation_dashboard(store, settings, KEY)
    assert board.failed_total == 0
    assert board.withdrawn_total == 2  # the generator withdraws one of every 20
    first = next(iter(store.iter_document_states()))
    store.record_download_failure(first.id, "too large: over 300 MB")
    board = organisation_dashboard(store, settings, KEY)
    assert [(d.id, d.problem, d.reason) for d in board.failed_documents] == [
        (first.id, "download_failed", "too large: over 300 MB")
    ]
    assert board.failed_documents[0].source_name == "Alkmaar"


def test_export_validated_and_recorded(store: Store, settings: Settings) -> None:
    board = organisation_dashboard(store, settings, KEY)
    assert board.woo_export.url == f"{BASE}/woo/{KEY}/robots.txt"
    assert board.woo_export.last_check is None
    check = check_woo_export(store, open_blobs(settings), settings, KEY)
    assert check.valid, check.detail
    assert check.errors == 0
    assert check.documents > 0
    last = organisation_dashboard(store, settings, KEY).woo_export.last_check
    assert last is not None and last.documents == check.documents


def test_unknown_organisation_is_not_found(store: Store, settings: Settings) -> None:
    with pytest.raises(NotFound):
        organisation_dashboard(store, settings, "nergens")


def test_an_export_that_cannot_be_built_is_recorded_with_the_reason(
    store: Store, settings: Settings
) -> None:
    store.upsert_source(
        build_source(key="nergensdorp", name="Nergensdorp", supplier="notubiz",
                     notubiz_organisation_id="5")
    )  # fmt: skip
    check = check_woo_export(store, open_blobs(settings), settings, "nergensdorp")
    assert (check.valid, check.errors, check.documents) == (False, 1, 0)
    assert "no TOOI URI" in check.detail
