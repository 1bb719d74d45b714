"""iBabs beyond its golden records (tests/crawlers/test_golden.py): what the crawl of the SOAP
fixtures in tests/fixtures/ibabs/zuidwaarde/ read, asked, stored and reported, a second
harvest, an empty window and hostile XML."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from crawlers.report import CrawlReport
from crawlers.run import run_crawl
from normalize.records import DownloadStatus, Supplier
from tests.crawlers.conftest import Harvest, ibabs_source
from tests.crawlers.ibabs_server import IbabsFixtureServer, call_of
from vindplaats.settings import Settings
from vindplaats.store import SQLiteStore

Q1_FROM, Q1_UNTIL = date(2024, 1, 1), date(2024, 3, 31)
LOCKED = "d0c00001-0000-4000-8000-000000000008"


def harvest(settings: Settings, key: str = "zuidwaarde", **window: date) -> CrawlReport:
    return run_crawl(
        settings,
        key,
        window_from=window.get("window_from", Q1_FROM),
        window_until=window.get("window_until", Q1_UNTIL),
    )


class Harvests:
    """The golden harvest of site Zuidwaarde and a second one, as the tests below read them."""

    def __init__(self, done: Harvest) -> None:
        assert done.second is not None
        self.base, self.first, self.second = done.base, done.first, done.second
        self.records, self.records_again = done.records, done.records_again
        self.states = done.states
        self.requests = [call_of(r) for r in done.requests]
        self.requests_again = [call_of(r) for r in done.requests_again]


@pytest.fixture
def harvests(golden_harvest: Callable[[Supplier], Harvest]) -> Harvests:
    return Harvests(golden_harvest(Supplier.IBABS))


def by_native_id(harvests: Harvests, record_type: str) -> dict[str, dict[str, Any]]:
    found = [r for r in harvests.records if r["record_type"] == record_type]
    return {r["native_id"].rsplit("-", 1)[1]: r for r in found}


def test_a_motion_in_the_recorded_shape_reads_its_date_submitter_and_party(
    harvests: Harvests,
) -> None:
    """The amendment's answer has `Datum` "Jan 29 2024 12:00AM" and one "Indiener(s)"
    `Jansen, P. (Pieter) (D66)`: one person of party D66, dated 29 January, not the feed's
    MutationDate (16 February)."""
    amendment = by_native_id(harvests, "motion")["000000000002"]
    assert amendment["date"] == "2024-01-29T00:00:00+01:00"
    assert amendment["submitters"] == ["Pieter Jansen"]
    assert amendment["parties"] == ["D66"]
    assert (amendment["result"], amendment["title"]) == ("verworpen", "Amendement A1 Parkeernormen")
    entry = by_native_id(harvests, "register_entry")["000000000002"]
    assert entry["date"] == amendment["date"]
    # a literal backslash-n in "Agendapunt" is a line break like the real one of the motion
    assert entry["attributes"]["Agendapunt"] == (
        "Gemeenteraad 15-2-2024 4A Raadsvoorstel parkeerbeleid 2024"
    )


def test_co_submitters_and_voters_in_their_own_name_forms(harvests: Harvests) -> None:
    motion = by_native_id(harvests, "motion")["000000000001"]
    assert motion["submitters"] == ["Pieter de Vries", "Kemal Yilmaz", "Pieter Jansen"]
    assert motion["parties"] == ["Zuidwaarde Lokaal", "Groen Zuidwaarde", "D66"]
    assert motion["title"] == "Motie Zwemles voor ieder kind"  # from Onderwerp: no title element
    votes = [v for v in harvests.records if v["record_type"] == "vote"]
    assert [(v["voter_name"], v["choice"]) for v in votes] == [
        ("Pieter de Vries", "voor"),
        ("Kemal Yilmaz", "tegen"),
        ("Ruud Bakker", "afwezig"),
    ]
    letter = by_native_id(harvests, "register_entry")["000000000003"]
    assert letter["date"] == "2023-11-02T00:00:00+01:00"  # "Nov  2 2023 12:00AM"


def test_errors_name_the_reason(harvests: Harvests) -> None:
    assert harvests.first.errors == [
        "document 'd0c00001-0000-4000-8000-000000000007' has no usable PublicDownloadURL, skipped",
        f"HTTP 403 Forbidden: {harvests.base}/publicdownload.aspx?site=zuidwaarde&id={LOCKED}",
    ]


def test_the_locked_file_is_a_recorded_download_failure(harvests: Harvests) -> None:
    locked = harvests.states[LOCKED]
    assert locked.download_status is DownloadStatus.FAILED
    assert locked.download_error == (
        f"HTTP 403 Forbidden: {harvests.base}/publicdownload.aspx?site=zuidwaarde&id={LOCKED}"
    )
    downloaded = [s for s in harvests.states.values() if s.download_status is DownloadStatus.OK]
    assert len(downloaded) == 4
    fetched = {p["id"] for op, p in harvests.requests if op == "/publicdownload.aspx"}
    assert "d0c00001-0000-4000-8000-000000000003" not in fetched  # confidential: never asked
    assert "d0c00001-0000-4000-8000-000000000004" not in fetched  # on a confidential item


def test_requests_are_soap_calls_for_the_site(harvests: Harvests) -> None:
    calls = [(op, p) for op, p in harvests.requests if not op.startswith("/")]
    assert {p["Sitename"] for _, p in calls} == {"Zuidwaarde"}
    [meetings] = [p for op, p in calls if op == "GetMeetingsByDateRange"]
    assert (meetings["StartDate"], meetings["EndDate"]) == (
        "2024-01-01T00:00:00",
        "2024-03-31T23:59:59",
    )
    assert meetings["MetaDataOnly"] == "false"
    # The feed is asked again from the latest MutationDate until nothing new comes.
    feed = [p for op, p in calls if op == "GetListsEntriesByFilterRequest"]
    motions = [p["SinceDate"] for p in feed if p["ListId"].endswith("1")]
    assert motions == ["2024-01-01T00:00:00", "2024-02-16T10:15:30"]
    # each entry once; the letter only because an agenda lists it (it changed before the window)
    assert sorted(p["EntryId"][-1] for op, p in calls if op == "GetListEntry") == ["1", "2", "3"]
    # votes through the public operation, keyed by EntryId (ListEntryId gives a cast error)
    votes = [p for op, p in calls if op == "GetListEntryVotesByListEntryId"]
    assert sorted(p["EntryId"][-1] for p in votes) == ["1", "2"]
    assert not any("ListEntryId" in p for p in votes)
    assert not any(op == "GetListEntryVotes" for op, _ in calls)  # access-denied operation
    assert sorted(p["UserId"] for op, p in calls if op == "GetUser") == [
        "5e6f0001-0000-4000-8000-000000000002",
        "5e6f0001-0000-4000-8000-000000000003",
    ]


def test_a_second_harvest_downloads_nothing_and_changes_nothing(harvests: Harvests) -> None:
    first, second = harvests.first, harvests.second
    assert [p for op, p in harvests.requests_again if op == "/publicdownload.aspx"] == []
    assert harvests.records_again == harvests.records
    assert second.counts["documents_unchanged"] == 4
    assert second.counts["download_failed"] == 1  # the 403 is not retried within a day
    volatile = {"documents_downloaded", "documents_unchanged", "bytes_downloaded"}
    assert {k: v for k, v in first.counts.items() if k not in volatile} == {
        k: v for k, v in second.counts.items() if k not in volatile
    }


def test_an_empty_window_is_ok(settings: Settings, store: SQLiteStore) -> None:
    with IbabsFixtureServer() as server:
        store.upsert_source(ibabs_source(server.endpoint))
        report = harvest(settings, window_from=date(2023, 1, 1), window_until=date(2023, 3, 31))
    assert report.status == "ok", report.errors
    assert report.errors == []
    assert "meetings" not in report.counts  # "No public meetings" is a normal answer
    assert "register_entries" not in report.counts  # changed after the window
    assert report.counts["skipped_outside_window"] == 3


def test_hostile_xml_is_refused_and_recorded(
    settings: Settings, store: SQLiteStore, tmp_path: Path
) -> None:
    secret = tmp_path / "geheim.txt"
    secret.write_text("GEHEIM-4711 root:x:0:0", "utf-8")
    with IbabsFixtureServer() as server:
        server.secret = str(secret)
        store.upsert_source(ibabs_source(server.endpoint, site="kwaadaardig"))
        report = harvest(settings)
    errors = "\n".join(report.errors)
    assert report.status == "partial"
    assert report.counts["errors"] == 3
    refused = "refused: the response declares a DTD (entities are not allowed)"
    assert f"GetMeetingsByDateRange for site 'kwaadaardig': {refused}" in errors
    assert f"GetUsers for site 'kwaadaardig': {refused}" in errors
    assert "GetLists for site 'kwaadaardig': not well-formed XML (Excessive depth" in errors
    assert "GEHEIM" not in errors and "lollol" not in errors
    assert list(store.iter_records("person", "zuidwaarde")) == []
    assert list(store.iter_records("meeting", "zuidwaarde")) == []
