"""The DiWoo spider through the real harvest run (crawl child → store → extract → index), against
the loopback fixture publisher of tests/fixtures/diwoo/ instead of the sandbox: every document
harvested, extracted and searchable; an unchanged listing downloads nothing; a changed lastmod
re-fetches only that document; a URL that left the sitemaps is withdrawn (kept, flagged, gone
from search); a broken sitemap is a counted failure, the run completes and withdraws nothing."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from crawlers.diwoo_parse import url_native
from normalize.ids import make_id
from normalize.records import ExtractionStatus
from search_api import create_app
from tests.crawlers.conftest import diwoo_source
from tests.crawlers.diwoo_server import FILE_PATHS, DiwooFixtureServer
from tests.vindplaats.harvest.sandboxed import sandbox_settings, searchable_ids
from vindplaats.harvest.run import harvest
from vindplaats.settings import Settings
from vindplaats.store import RunStatus, Store, open_store
from vindplaats.store.models import HarvestRun

KEY = "utrecht"
TODAY = date(2025, 12, 1)
CHANGED = "/files/008/raadsvoorstel-2025-17.pdf"  # its lastmod changes before the third run
REMOVED = "/files/008/besluitenlijst.pdf?versie=2"  # leaves the sitemaps before the fourth run


@dataclass
class Story:
    settings: Settings
    store: Store
    base: str
    first: HarvestRun
    unchanged: HarvestRun
    relisted: HarvestRun
    removed: HarvestRun
    broken: HarvestRun
    files: dict[str, list[str]]  # the files each run asked for, by run name
    searchable: dict[str, set[str]]  # every id found in the index after each run

    def doc_id(self, path: str) -> str:
        return make_id("document", "diwoo", KEY, url_native(self.base + path, self.base))


@pytest.fixture(scope="module")
def story(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Story]:
    tmp: Path = tmp_path_factory.mktemp("diwoo-harvest")
    settings = sandbox_settings(tmp / "data", date(2025, 1, 1))
    with DiwooFixtureServer() as server:
        store = open_store(settings)
        store.upsert_source(diwoo_source(server.url))
        server.unlist("infocat010")  # the part with the broken sitemaps, listed at the end
        files: dict[str, list[str]] = {}
        searchable: dict[str, set[str]] = {}

        def run(name: str) -> HarvestRun:
            server.requests.clear()
            done = harvest(settings, KEY, today=TODAY)
            files[name] = sorted(r.target for r in server.logged() if r.path.startswith(FILE_PATHS))
            searchable[name] = searchable_ids(settings)
            return done

        first = run("first")
        unchanged = run("unchanged")
        server.relist("2025-11-12T09:30:00+01:00", "2025-12-01T08:00:00+01:00")
        relisted = run("relisted")
        server.drop_url(server.url + REMOVED)
        removed = run("removed")
        server.unlisted.clear()
        broken = run("broken")
        yield Story(
            settings,
            store,
            server.url,
            first,
            unchanged,
            relisted,
            removed,
            broken,
            files,
            searchable,
        )
        store.close()


def test_every_document_is_harvested_extracted_and_searchable(story: Story) -> None:
    run = story.first
    assert run.status == RunStatus.OK, run.errors
    assert run.counts["documents"] == 8 and run.counts["documents_downloaded"] == 8
    assert run.counts["extraction_ok"] == 8, run.errors
    assert run.counts["listed_in_full"] == 1
    assert len(story.files["first"]) == 8
    states = {s.id: s for s in story.store.iter_document_states(KEY)}
    assert all(s.extraction_status == ExtractionStatus.OK for s in states.values())
    pages = story.store.get_pages(story.doc_id(CHANGED))
    assert "Woo-document /files/008/raadsvoorstel-2025-17.pdf" in pages[0].text
    later = story.doc_id("/files/010/advies-rekenkamer.pdf")  # listed from the last run on
    first = set(states) - {later}
    assert len(first) == 8 and first <= story.searchable["first"]
    assert later not in story.searchable["first"]


def test_an_unchanged_listing_downloads_nothing_again(story: Story) -> None:
    run = story.unchanged
    assert run.status == RunStatus.OK, run.errors
    assert run.counts["documents_unchanged"] == 8
    assert run.counts.get("documents_downloaded", 0) == 0
    assert story.files["unchanged"] == []


def test_a_changed_lastmod_re_fetches_only_that_document(story: Story) -> None:
    run = story.relisted
    assert run.status == RunStatus.OK, run.errors
    assert story.files["relisted"] == [CHANGED]
    assert run.counts["documents_downloaded"] == 1
    assert run.counts["documents_unchanged"] == 7
    record = story.store.get_record(story.doc_id(CHANGED))
    assert getattr(record, "version", None) == "2025-12-01T08:00:00+01:00"


def test_a_url_that_left_the_sitemaps_is_withdrawn(story: Story) -> None:
    run = story.removed
    assert run.status == RunStatus.OK, run.errors
    assert run.counts["withdrawn"] == run.counts["withdrawn_documents"] == 1
    gone = story.doc_id(REMOVED)
    assert story.store.withdrawn_since(gone) is not None
    assert gone in story.searchable["relisted"]
    assert gone not in story.searchable["removed"]
    assert story.files["removed"] == []
    with TestClient(create_app(story.settings)) as client:
        shown = client.get(f"/api/documents/{gone}").json()
    assert shown["withdrawn"] is True
    assert shown["woo"]["officiele_titel"] == "Besluitenlijst raadsvergadering 13 november 2025"


def test_a_broken_sitemap_is_a_counted_failure_and_the_run_completes(story: Story) -> None:
    run = story.broken
    assert run.status == RunStatus.PARTIAL
    assert run.counts["errors"] == 3
    assert any("sitemaps/kapot.xml: not well-formed XML" in e for e in run.errors)
    assert any(e.startswith("nothing marked withdrawn: the crawl had 3 errors") for e in run.errors)
    assert run.counts.get("withdrawn", 0) == 0
    assert run.counts.get("listed_in_full") is None
    assert story.files["broken"] == ["/files/010/advies-rekenkamer.pdf"]  # the one new file
    assert story.doc_id("/files/010/advies-rekenkamer.pdf") in story.searchable["broken"]
    kept = story.doc_id(CHANGED)
    assert story.store.withdrawn_since(kept) is None and kept in story.searchable["broken"]
