"""End-to-end: the NotuBiz spider against the loopback sandbox (`vindplaats.sandbox`)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from crawlers.report import CrawlReport
from crawlers.run import run_crawl
from normalize.ids import parse_id
from normalize.records import AgendaItem, Document, DownloadStatus
from vindplaats.errors import UnsafeURLError
from vindplaats.sandbox import Sandbox
from vindplaats.settings import Settings, load_settings
from vindplaats.store import SQLiteStore, open_blobs, open_store


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sandbox]:
    with Sandbox(files_dir=tmp_path_factory.mktemp("sandbox-files")) as running:
        yield running


def harvest(sandbox: Sandbox, settings: Settings, key: str) -> CrawlReport:
    world = sandbox.world
    return run_crawl(settings, key, window_from=world.date_from, window_until=world.date_until)


def native_ids(store: SQLiteStore, record_type: str, key: str) -> set[int]:
    return {int(parse_id(r.id)[3]) for r in store.iter_records(record_type, key)}


def register(sandbox: Sandbox, settings: Settings, key: str) -> SQLiteStore:
    store = open_store(settings)
    store.upsert_source(next(s for s in sandbox.sources(supplier="notubiz") if s.key == key))
    return store


def test_the_sandbox_has_three_notubiz_sources(sandbox: Sandbox) -> None:
    assert len(sandbox.sources(supplier="notubiz")) == 3


@pytest.mark.parametrize("index", [0, 1, 2])
def test_a_harvest_finds_everything_public_in_the_window(
    sandbox: Sandbox, settings: Settings, index: int
) -> None:
    key = sandbox.world.source_keys[index]
    expected = sandbox.world.expected(key)
    store = register(sandbox, settings, key)
    try:
        report = harvest(sandbox, settings, key)
        assert native_ids(store, "meeting", key) == expected.public_meeting_ids
        assert native_ids(store, "agenda_item", key) == expected.agenda_item_ids
        assert native_ids(store, "committee", key) == expected.committee_ids
        assert native_ids(store, "register_entry", key) == expected.register_item_ids
        documents = native_ids(store, "document", key)
        assert documents == expected.document_ids
        assert expected.register_document_ids <= documents
        headings = {
            int(parse_id(r.id)[3])
            for r in store.iter_records("agenda_item", key)
            if isinstance(r, AgendaItem) and r.is_heading
        }
        assert headings == expected.heading_ids

        counts = report.counts
        assert counts["skipped_non_public"] == len(expected.non_public_meeting_ids)
        assert counts.get("repaired_links", 0) == len(expected.quirk_url_document_ids)
        assert counts.get("download_failed", 0) == len(expected.missing_document_ids)
        assert counts["documents_downloaded"] == len(expected.downloadable_document_ids)
        assert counts.get("errors", 0) == 0
        assert report.status == ("partial" if expected.missing_document_ids else "ok")

        blobs = open_blobs(settings)
        for state in store.iter_document_states(key):
            ident = int(parse_id(state.id)[3])
            if ident in expected.missing_document_ids:
                assert state.download_status is DownloadStatus.FAILED
                assert state.download_error == f"HTTP 404 Not Found: {state.original_url}"
            else:
                assert state.download_status is DownloadStatus.OK
                assert state.sha256 is not None and blobs.exists(state.sha256)
            if ident in expected.empty_document_ids:
                assert state.size == 0
        for ident in expected.quirk_url_document_ids:
            document = store.get_record(f"document:notubiz:{key}:{ident}")
            assert isinstance(document, Document)
            assert document.original_url.startswith(sandbox.notubiz_url + "/document/")
    finally:
        store.close()


def test_a_second_harvest_downloads_nothing_again(sandbox: Sandbox, settings: Settings) -> None:
    key = sandbox.world.source_keys[0]
    store = register(sandbox, settings, key)
    try:
        first = harvest(sandbox, settings, key)
        records, documents = store.count_records(key), store.document_counts(key)
        ids = {t: native_ids(store, t, key) for t in ("meeting", "agenda_item", "document")}
        sandbox.clear_requests()

        second = harvest(sandbox, settings, key)
        assert [r.path for r in sandbox.requests if "/document/" in r.path] == []
        assert store.count_records(key) == records
        assert store.document_counts(key) == documents
        assert {t: native_ids(store, t, key) for t in ids} == ids
        assert second.counts["documents_unchanged"] == first.counts["documents_downloaded"]
        assert second.status == first.status
    finally:
        store.close()


def test_the_sandbox_is_refused_without_the_allow_setting(sandbox: Sandbox, tmp_path: Path) -> None:
    settings = load_settings(data_dir=tmp_path, download_delay=0, autothrottle=False)
    key = sandbox.world.source_keys[0]
    register(sandbox, settings, key).close()
    sandbox.clear_requests()
    with pytest.raises(UnsafeURLError) as caught:
        harvest(sandbox, settings, key)
    message = str(caught.value)
    assert message.startswith(f"refused {sandbox.notubiz_url}: 127.0.0.1 is a loopback/private")
    assert "VINDPLAATS_ALLOW_PRIVATE_NETWORKS=true" in message
    assert sandbox.requests == []
