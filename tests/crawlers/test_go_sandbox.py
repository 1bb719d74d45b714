"""End-to-end: the GemeenteOplossingen spider against the loopback sandbox (both API versions)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from crawlers.report import CrawlReport
from crawlers.run import run_crawl
from normalize.records import Document, Meeting, MeetingStatus, Record
from vindplaats.sandbox import Sandbox
from vindplaats.sandbox.go_model import TownExpected
from vindplaats.settings import Settings, load_settings
from vindplaats.store import Store, open_store

KEYS = ("duinwijk-go", "polderveen-go")


@pytest.fixture(scope="module")
def sandbox() -> Iterator[Sandbox]:
    with Sandbox() as running:
        yield running


@dataclass
class Harvested:
    report: CrawlReport
    records: dict[str, list[Record]]  # by record type
    expected: TownExpected
    requests: list[str]  # paths (with query) the sandbox served for this harvest

    def natives(self, record_type: str) -> set[int]:
        return {int(r.native_id) for r in self.records[record_type]}


def crawl(sandbox: Sandbox, settings: Settings, key: str) -> CrawlReport:
    world = sandbox.go_world
    return run_crawl(settings, key, window_from=world.date_from, window_until=world.date_until)


@pytest.fixture(scope="module")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return load_settings(
        data_dir=tmp_path_factory.mktemp("go"),
        allow_private_networks=True,
        download_delay=0,
        autothrottle=False,
    )


@pytest.fixture(scope="module")
def harvested(sandbox: Sandbox, settings: Settings) -> Iterator[dict[str, Harvested]]:
    store: Store = open_store(settings)
    results = {}
    try:
        for source in sandbox.sources(supplier="gemeenteoplossingen"):
            store.upsert_source(source)
        for key in KEYS:
            sandbox.clear_requests()
            report = crawl(sandbox, settings, key)
            records = {
                t: list(store.iter_records(t, key))
                for t in ("organization", "committee", "meeting", "agenda_item", "document")
            }
            requests = [f"{r.path}?{r.query}" for r in sandbox.requests]
            results[key] = Harvested(report, records, sandbox.go_world.expected(key), requests)
        yield results
    finally:
        store.close()


def test_the_sandbox_has_two_go_sources_one_per_api_version(sandbox: Sandbox) -> None:
    sources = sandbox.sources(supplier="gemeenteoplossingen")
    assert [(s.key, s.api_version) for s in sources] == [
        ("duinwijk-go", "v1"),
        ("polderveen-go", "v2"),
    ]
    assert all(s.base_url == f"{sandbox.go_url}/{s.key}/api" for s in sources)


@pytest.mark.parametrize("key", KEYS)
def test_a_harvest_finds_everything_in_the_window(
    harvested: dict[str, Harvested], key: str
) -> None:
    found, expected = harvested[key], harvested[key].expected
    assert found.natives("committee") == expected.committee_ids
    assert found.natives("meeting") == expected.meeting_ids
    assert found.natives("agenda_item") == expected.agenda_item_ids
    assert found.natives("document") == expected.document_ids
    assert not found.natives("meeting") & expected.inactive_meeting_ids
    assert not found.natives("agenda_item") & expected.non_agenda_item_ids

    counts = found.report.counts
    assert found.report.status == "ok", found.report.errors
    assert counts["skipped_inactive"] == len(expected.inactive_meeting_ids) == 1
    assert counts["skipped_non_agenda_items"] == len(expected.non_agenda_item_ids) == 2
    assert counts["documents_downloaded"] == len(expected.document_ids)
    assert counts.get("errors", 0) == 0
    for records in found.records.values():
        for record in records:
            assert type(record).model_validate(record.model_dump()) == record


@pytest.mark.parametrize("key", KEYS)
def test_meetings_statuses_names_and_document_contexts(
    harvested: dict[str, Harvested], key: str
) -> None:
    found, expected = harvested[key], harvested[key].expected
    meetings = {int(m.native_id): m for m in found.records["meeting"] if isinstance(m, Meeting)}
    cancelled = {i for i, m in meetings.items() if m.status is MeetingStatus.CANCELLED}
    assert cancelled == expected.cancelled_meeting_ids and len(cancelled) == 1
    unnamed = [m.name for m in meetings.values() if m.name.startswith("Vergadering - ")]
    assert sorted(unnamed)[0].startswith("Vergadering - Commissie Ruimte - 2025-09-1")
    assert len(unnamed) == 2
    docs = {int(d.native_id): d for d in found.records["document"] if isinstance(d, Document)}
    for ident in expected.meeting_document_ids:
        assert docs[ident].meeting_id is not None and docs[ident].agenda_item_id is None
    for ident in expected.agenda_item_document_ids:
        assert docs[ident].agenda_item_id is not None
        assert "/api/v1/meetings/" in docs[ident].original_url
    for ident in expected.loose_document_ids:
        assert docs[ident].meeting_id is None and docs[ident].published is not None
        assert docs[ident].original_url.endswith(f"/api/v1/documents/{ident}")


def test_v1_asks_one_list_and_v2_follows_the_pages(harvested: dict[str, Harvested]) -> None:
    v1 = [r for r in harvested["duinwijk-go"].requests if "/meetings?" in r]
    assert len(v1) == 1 and v1[0].startswith("/go/duinwijk-go/api/v1/meetings?date_from=")
    v2 = [r for r in harvested["polderveen-go"].requests if "/meetings?" in r]
    assert [r.rsplit("&offset=", 1)[1] for r in v2] == ["0", "4", "8"]
    assert all("/api/v2/meetings?date_from=2025-09-01&date_to=2026-12-31" in r for r in v2)


def test_a_second_harvest_downloads_nothing_again(
    sandbox: Sandbox, settings: Settings, harvested: dict[str, Harvested]
) -> None:
    first = harvested["duinwijk-go"].report
    store = open_store(settings)
    try:
        records = store.count_records("duinwijk-go")
        sandbox.clear_requests()
        second = crawl(sandbox, settings, "duinwijk-go")
        assert not [r.path for r in sandbox.requests if "/documents/" in r.path]
        assert store.count_records("duinwijk-go") == records
        assert second.counts["documents_unchanged"] == first.counts["documents_downloaded"]
        assert "documents_downloaded" not in second.counts
    finally:
        store.close()
