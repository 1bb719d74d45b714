"""Sizes a supplier controls end bounded, each with a clear recorded error: error text, API
answers (announced and streamed), files streamed past their cap, records per answer, crawl
memory. Real crawls (the crawl child process) against loopback servers: an iBabs one whose
answers are as large as asked, and the NotuBiz fixture server."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from crawlers.report import CrawlReport
from crawlers.run import run_crawl
from tests.crawlers.bounds_server import BigAnswer, BoundsServer, answer_size, register
from tests.crawlers.conftest import notubiz_source
from tests.crawlers.notubiz_server import NotubizFixtureServer
from vindplaats.sandbox import Sandbox
from vindplaats.settings import Settings, load_settings
from vindplaats.store import open_store

WINDOW = (date(2024, 1, 1), date(2024, 1, 31))
MiB = 1024 * 1024


@pytest.fixture
def server() -> Iterator[BoundsServer]:
    with BoundsServer() as running:
        yield running


def crawl(
    tmp_path: Path, server: BoundsServer, **overrides: object
) -> tuple[Settings, CrawlReport]:
    settings = load_settings(
        data_dir=tmp_path,
        allow_private_networks=True,
        download_delay=0,
        autothrottle=False,
        **overrides,
    )
    register(tmp_path, server.url)
    report = run_crawl(settings, "zuidwaarde", window_from=WINDOW[0], window_until=WINDOW[1])
    return settings, report


def test_a_9_mb_soap_fault_is_recorded_as_a_few_kb(tmp_path: Path, server: BoundsServer) -> None:
    server.answer = BigAnswer(fault_chars=9 * MiB)
    _, report = crawl(tmp_path, server)
    assert report.status == "failed"
    faults = [e for e in report.errors if "SOAP fault" in e]
    assert faults, report.errors
    assert faults[0].startswith("GetMeetingtypes: HTTP 500")
    assert "Interne fout bij het lezen van de vergadertypen" in faults[0]
    assert len(faults[0]) <= 4096
    assert faults[0].endswith(" more characters)")
    left_out = int(faults[0].rsplit("(", 1)[1].split()[0])
    assert left_out > 9 * MiB - 4096  # the marker says how much is missing
    assert sum(len(e) for e in report.errors) < 3 * 4096


def test_an_answer_announcing_more_than_the_api_cap_is_not_read(
    tmp_path: Path, server: BoundsServer
) -> None:
    server.answer = BigAnswer(meeting_types=10, padding=40 * MiB)
    _, report = crawl(tmp_path, server, max_api_bytes=1 * MiB)
    assert report.status == "failed"
    size = answer_size(server.answer)
    [error] = [e for e in report.errors if "too large" in e]
    assert error == (
        f"GetMeetingtypes: API answer too large: the answer announced {size} bytes: over the "
        f"cap of {MiB} bytes (VINDPLAATS_MAX_API_BYTES): {server.url}"
    )
    assert server.sent < size  # the body was never read


def test_a_chunked_stream_past_the_cap_is_cut_and_says_why(
    tmp_path: Path, server: BoundsServer
) -> None:
    server.answer = BigAnswer(meeting_types=10, padding=50 * MiB, chunked=True)
    _, report = crawl(tmp_path, server, max_api_bytes=2 * MiB)
    assert report.status == "failed"
    [error] = [e for e in report.errors if "too large" in e]
    assert error.startswith("GetMeetingtypes: API answer too large: stopped after ")
    received = int(error.split("stopped after ")[1].split()[0])
    assert 2 * MiB < received < 3 * MiB
    assert f"over the cap of {2 * MiB} bytes (VINDPLAATS_MAX_API_BYTES): {server.url}" in error
    assert "DownloadCancelledError" not in error
    assert server.sent < 10 * MiB  # the crawl hung up; the server did not send it all


def test_an_answer_within_the_cap_is_read_whole(tmp_path: Path, server: BoundsServer) -> None:
    server.answer = BigAnswer(meeting_types=3, padding=2 * MiB, chunked=True)
    _, report = crawl(tmp_path, server, max_api_bytes=3 * MiB)
    assert report.status == "ok", report.errors
    assert report.counts["committees"] == 3


def test_records_past_the_cap_are_left_out_and_the_run_is_partial(
    tmp_path: Path, server: BoundsServer
) -> None:
    server.answer = BigAnswer(meeting_types=30)
    settings, report = crawl(tmp_path, server, max_records_per_answer=10)
    assert report.status == "partial"
    [error] = [e for e in report.errors if "records" in e]
    assert error.endswith(
        ": the answer held more than 10 records; kept 10 (VINDPLAATS_MAX_RECORDS_PER_ANSWER)"
    )
    assert error.startswith(server.url)
    store = open_store(settings)
    try:
        kept = list(store.iter_records("committee", "zuidwaarde"))
        organizations = list(store.iter_records("organization", "zuidwaarde"))
    finally:
        store.close()
    assert len(kept) + len(organizations) == 10  # the organisation and 9 committees


def test_a_crawl_over_its_memory_limit_fails_saying_so(
    tmp_path: Path, server: BoundsServer
) -> None:
    # about 20 MB of XML: parsing it and building its records needs far more than 150 MiB
    server.answer = BigAnswer(meeting_types=100_000)
    settings, report = crawl(tmp_path, server, crawl_memory_mb=150, max_api_bytes=64 * MiB)
    assert report.status == "failed"
    message = (
        "the crawl stopped: it needed more than its memory limit of 150 MiB "
        "(VINDPLAATS_CRAWL_MEMORY_MB)"
    )
    assert any(e.startswith(message) for e in report.errors), report.errors
    stored = report.counts.get("committees", 0)
    assert stored < 50_000  # it stopped taking from the answer
    store = open_store(settings)
    try:  # what was stored is whole: every record counted is in the store, nothing more
        assert len(list(store.iter_records("committee", "zuidwaarde"))) == stored
    finally:
        store.close()


def test_a_chunked_file_past_the_file_cap_says_why(
    tmp_path: Path, fixture_server: NotubizFixtureServer
) -> None:
    """A document file streamed without a length is cut at VINDPLAATS_MAX_DOWNLOAD_BYTES (not
    the API cap: that one is smaller here) and the failure says where and why."""
    fixture_server.streamed["5007"] = 40 * MiB
    settings = load_settings(
        data_dir=tmp_path,
        allow_private_networks=True,
        download_delay=0,
        autothrottle=False,
        max_download_bytes=2 * MiB,
        max_api_bytes=1 * MiB,
    )
    store = open_store(settings)
    try:
        store.upsert_source(notubiz_source(fixture_server.url))
        report = run_crawl(
            settings, "zuidwaarde", window_from=date(2024, 3, 1), window_until=date(2024, 3, 31)
        )
        state = store.get_document_state("document:notubiz:zuidwaarde:5007")
    finally:
        store.close()
    assert report.status == "partial"
    assert report.counts["documents_downloaded"] >= 1  # the other files came in
    error = state.download_error or ""
    url = f"{fixture_server.url}/document/5007/1"
    assert error.startswith("file too large: stopped after "), error
    received = int(error.split("stopped after ")[1].split()[0])
    assert 2 * MiB < received < 3 * MiB
    assert error.endswith(f"over the cap of {2 * MiB} bytes (VINDPLAATS_MAX_DOWNLOAD_BYTES): {url}")
    assert error in report.errors
    assert fixture_server.sent < 40 * MiB


def test_a_sandbox_supplier_answering_too_large_fails_the_crawl_saying_so(
    tmp_path: Path,
) -> None:
    """The sandbox's `bloat` fault: every NotuBiz API answer padded to 3 MB (valid JSON)."""
    settings = load_settings(
        data_dir=tmp_path,
        allow_private_networks=True,
        download_delay=0,
        autothrottle=False,
        max_api_bytes=1 * MiB,
    )
    with Sandbox(files_dir=tmp_path / "files") as sandbox:
        sandbox.faults.set("/notubiz", "bloat", size=3 * MiB)
        source = sandbox.sources(supplier="notubiz")[0]
        store = open_store(settings)
        try:
            store.upsert_source(source)
        finally:
            store.close()
        world = sandbox.world
        report = run_crawl(
            settings, source.key, window_from=world.date_from, window_until=world.date_until
        )
    assert report.status == "failed"
    too_large = [e for e in report.errors if "too large" in e]
    assert too_large, report.errors
    assert all(
        f"the answer announced {3 * MiB} bytes: over the cap of {MiB} bytes "
        "(VINDPLAATS_MAX_API_BYTES)" in e
        for e in too_large
    )
    assert report.counts.get("api_responses", 0) == 0
