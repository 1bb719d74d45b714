"""NotuBiz beyond its golden records (tests/crawlers/test_golden.py): what the crawl of the
fixtures in tests/fixtures/notubiz/ read, fetched, stored and reported, and a second harvest."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from crawlers.report import CrawlReport
from crawlers.run import run_crawl
from normalize.records import DownloadStatus, Supplier
from tests.crawlers.conftest import Harvest, crawl_settings, notubiz_source
from tests.crawlers.notubiz_server import FIXTURES, NotubizFixtureServer
from vindplaats.settings import Settings
from vindplaats.store import SQLiteStore, open_store

MARCH_FROM, MARCH_UNTIL = date(2024, 3, 1), date(2024, 3, 31)


def harvest(settings: Settings, events: list[dict[str, Any]] | None = None) -> CrawlReport:
    sink = events if events is not None else []
    return run_crawl(
        settings,
        "zuidwaarde",
        window_from=MARCH_FROM,
        window_until=MARCH_UNTIL,
        on_progress=sink.append,
    )


class Harvests:
    """The golden harvest of organisation 686 and a second one, as the tests below read them."""

    def __init__(self, done: Harvest) -> None:
        assert done.second is not None
        self.base, self.first, self.second = done.base, done.first, done.second
        self.events, self.records, self.records_again = (
            done.events,
            done.records,
            done.records_again,
        )
        self.states, self.blobs = done.states, done.blobs
        self.paths = [r.path for r in done.requests]
        self.paths_again = [r.path for r in done.requests_again]


@pytest.fixture
def harvests(golden_harvest: Callable[[Supplier], Harvest]) -> Harvests:
    return Harvests(golden_harvest(Supplier.NOTUBIZ))


def test_the_run_reports_its_progress(harvests: Harvests) -> None:
    assert {e["event"] for e in harvests.events} >= {"started", "progress", "report"}


def by_type(harvests: Harvests, record_type: str) -> dict[str, dict[str, Any]]:
    return {r["native_id"]: r for r in harvests.records if r["record_type"] == record_type}


def test_register_items_in_the_real_shape_give_entries_with_titles_dates_and_documents(
    harvests: Harvests,
) -> None:
    """Acceptance: NotuBiz register items in the real shape (modules list, listings paged by
    list_start/list_end/total_results, values as {meta_data, content}) give register entries
    with their titles, dates and documents."""
    entries = by_type(harvests, "register_entry")
    letter = entries["3200001"]  # Ermelo form: Onderwerp, Datum vergadering, attachments
    assert letter["register_name"] == "Ingekomen stukken"  # custom_name "" → NotuBiz's name
    assert letter["title"].startswith("Brief van de Fietsersbond over de fietsroute")
    assert letter["date"] == "2024-03-05T00:00:00+01:00"
    assert letter["document_ids"] == ["document:notubiz:zuidwaarde:16500004"]
    assert letter["attributes"]["Gekoppeld evenement"].startswith("Ingekomen stukken (Raad")
    amendment = entries["3100001"]  # listed and linked as modules/0/items/3100001
    assert amendment["register_name"] == "Moties en Amendementen"  # the municipality's rename
    assert amendment["agenda_item_id"] == "agenda_item:notubiz:zuidwaarde:2002"
    assert entries["3100003"]["attributes"]["Fractie(s)"] == "CDA; SGP"  # reference names
    docs = by_type(harvests, "document")
    letter_doc = docs["16500004"]
    assert (letter_doc["version"], letter_doc["file_name"]) == ("2", "brief-fietsersbond-v2.pdf")
    # publication_date is the fetch day in real answers: the entry's own date is used instead
    assert letter_doc["published"] is None
    assert letter_doc["date"] == "2024-03-05T00:00:00+01:00"
    paths = harvests.paths
    assert paths.count("/organisations/686/modules/6/items") == 2  # two pages, then stop


def test_items_of_a_moties_register_give_motions(harvests: Harvests) -> None:
    """Acceptance: items of a "Moties" register give Motion records with title, kind,
    submitters, parties and result, whatever labels the municipality uses."""
    motions = by_type(harvests, "motion")
    assert set(motions) == {"3100001", "3100002", "3100003"}
    amendment, motion, foreign = motions["3100001"], motions["3100002"], motions["3100003"]
    assert amendment["title"] == "240305 4-A-1 Amendement - Parkeernormen Dorpsstraat"
    assert (amendment["motion_type"], amendment["result"]) == ("Amendement", "verworpen")
    assert amendment["parties"] == ["GroenLinks", "Partij van de Arbeid"]  # "Indienende partij"
    assert (motion["motion_type"], motion["result"], motion["parties"]) == (
        "Motie", "aangenomen", ["D66"]
    )  # fmt: skip
    # no Type attribute; Fractie(s), Indiener(s) + Medeondertekenaars, "Uitslag"
    assert foreign["motion_type"] == "Motie"
    assert foreign["submitters"] == ["Anna de Vries-Bakker", "Pieter van den Berg"]
    assert foreign["parties"] == ["CDA", "SGP"]
    assert (foreign["result"], foreign["result_raw"]) == ("aangenomen", "Aangenomen")
    assert foreign["date"] == "2024-03-05T00:00:00+01:00"
    assert amendment["register_entry_id"] == "register_entry:notubiz:zuidwaarde:3100001"


def test_errors_name_the_url_and_reason(harvests: Harvests) -> None:
    errors = "\n".join(harvests.first.errors)
    base = harvests.base
    assert f"{base}/events/meetings/1005?format=json&version=1.17.0: response is not JSON" in errors
    assert "Database error while reading item 9002 (code 500)" in errors
    assert "document 5008 has no usable url" in errors
    assert f"HTTP 404 Not Found: {base}/document/5003/1" in errors
    assert f"too many redirects (more than 5): {base}/loop/1" in errors
    assert "No rights" not in errors  # not public is not an error
    listing = f"{base}/organisations/686/modules/3/items?"
    assert any(e.startswith(listing) for e in harvests.first.errors)
    assert "This module is not available (error_code 45624584670)" in errors  # HTTP 200 error


def test_downloads_are_stored_and_failures_recorded(harvests: Harvests) -> None:
    states = harvests.states
    registers = {"16500001", "16500002", "16500003", "16500004"}
    assert (
        set(states) == {"5001", "5002", "5003", "5004", "5005", "5006", "5007", "5010"} | registers
    )
    missing = states["5003"]
    assert missing.download_status is DownloadStatus.FAILED
    assert missing.download_error == f"HTTP 404 Not Found: {harvests.base}/document/5003/1"
    empty = states["5005"]
    assert empty.download_status is DownloadStatus.OK and empty.size == 0
    for ident in ("5001", "5002", "5004", "5005", "5006", "5007", *sorted(registers)):
        state = states[ident]
        assert state.sha256 is not None and harvests.blobs.exists(state.sha256)
        original = next((FIXTURES / "documents").glob(f"{ident}.*")).read_bytes()
        assert harvests.blobs.path(state.sha256).read_bytes() == original
    assert states["5004"].content_type == "application/octet-stream"  # what the server said
    assert "/document/5003/1" in harvests.paths
    assert not any(p.startswith("/document/5008") for p in harvests.paths)


def test_a_second_harvest_downloads_nothing_and_changes_nothing(harvests: Harvests) -> None:
    first, second = harvests.first, harvests.second
    assert [p for p in harvests.paths_again if p.startswith("/document/")] == []
    assert harvests.records_again == harvests.records
    assert second.counts["documents_unchanged"] == 10
    assert second.counts["download_failed"] == 2  # the 404 is not retried within a day
    assert "documents_downloaded" not in second.counts
    volatile = {"documents_downloaded", "documents_unchanged", "bytes_downloaded"}
    assert {k: v for k, v in first.counts.items() if k not in volatile} == {
        k: v for k, v in second.counts.items() if k not in volatile
    }


def test_files_over_the_size_cap_fail_and_the_run_goes_on(
    tmp_path: Path, fixture_server: NotubizFixtureServer
) -> None:
    settings = crawl_settings(tmp_path, max_download_bytes=100_000)
    fixture_server.large["5007"] = 300_000
    fixture_server.bombs["5006"] = 50_000_000  # about 50 kB of gzip
    store = open_store(settings)
    try:
        store.upsert_source(notubiz_source(fixture_server.url))
        report = harvest(settings)
        large = store.get_document_state("document:notubiz:zuidwaarde:5007")
        bomb = store.get_document_state("document:notubiz:zuidwaarde:5006")
    finally:
        store.close()
    assert report.status == "partial"
    assert report.counts["documents_downloaded"] == 8
    for state, ident in ((large, "5007"), (bomb, "5006")):
        assert state.download_status is DownloadStatus.FAILED
        url = f"{fixture_server.url}/document/{ident}/1"
        error = state.download_error or ""
        assert error.startswith("file too large: ") and error.endswith(url)
        assert "over the cap of 100000 bytes (VINDPLAATS_MAX_DOWNLOAD_BYTES)" in error


def test_hidden_organisation_uses_entity_type_settings_and_an_empty_window_is_ok(
    settings: Settings, store: SQLiteStore, fixture_server: NotubizFixtureServer
) -> None:
    store.upsert_source(notubiz_source(fixture_server.url, organisation="777"))
    report = harvest(settings)
    assert report.status == "ok"
    assert report.errors == []
    assert "meetings" not in report.counts
    [council] = store.iter_records("committee", "zuidwaarde")
    assert council.model_dump()["is_council"] is True  # "Raad", from the old `gremium` nesting
    assert "/organisations/777/entity_type_settings" in fixture_server.paths()


def test_an_unknown_organisation_fails_the_run(
    settings: Settings, store: SQLiteStore, fixture_server: NotubizFixtureServer
) -> None:
    store.upsert_source(notubiz_source(fixture_server.url, organisation="555"))
    report = harvest(settings)
    assert report.status == "failed"
    assert any("unknown NotuBiz organisation 555" in e for e in report.errors)
    assert not any(p.startswith("/events") for p in fixture_server.paths())


def test_a_busy_server_is_given_the_time_it_asks_for(
    settings: Settings, store: SQLiteStore, fixture_server: NotubizFixtureServer
) -> None:
    store.upsert_source(notubiz_source(fixture_server.url, organisation="777"))
    fixture_server.busy["/events"] = 1  # one "429 Too Many Requests, Retry-After: 1"
    report = harvest(settings)
    assert report.status == "ok"
    assert report.counts["retry_after_waits"] == 1
    assert fixture_server.paths().count("/events") == 2
