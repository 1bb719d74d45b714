"""The whole harvest pipeline against the sandbox: crawl over HTTP → store → extract → index.

One harvest of the sandbox source that carries every edge case (page-3 word, scan, corrupt,
empty and missing files, a non-public meeting) is shared by the tests of this module.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from normalize.doctypes import DocType
from normalize.ids import make_id
from normalize.woo_categories import WooCategory
from vindplaats.engine import open_engine
from vindplaats.engine.base import Engine, Filters, SearchQuery
from vindplaats.errors import UnsafeURLError
from vindplaats.harvest.run import harvest
from vindplaats.sandbox import Sandbox
from vindplaats.sandbox.expected import Expected
from vindplaats.settings import Settings, load_settings
from vindplaats.store import open_store
from vindplaats.store.models import HarvestRun, RunStatus
from vindplaats.store.sqlite import SQLiteStore

KEY = "voorbeeldstad"


@dataclass
class Harvested:
    sandbox: Sandbox
    settings: Settings
    store: SQLiteStore
    first: HarvestRun
    expected: Expected

    def doc_id(self, native: int) -> str:
        return make_id("document", "notubiz", KEY, native)


@pytest.fixture(scope="module")
def harvested(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Harvested]:
    tmp = tmp_path_factory.mktemp("pipeline")
    with Sandbox(files_dir=tmp / "files") as sandbox:
        settings = load_settings(
            data_dir=tmp / "data", allow_private_networks=True, download_delay=0, autothrottle=False
        )
        store = open_store(settings)
        for source in sandbox.sources(supplier="notubiz"):
            store.upsert_source(source)
        w = sandbox.world
        first = harvest(settings, KEY, since=w.date_from, until=w.date_until)
        yield Harvested(sandbox, settings, store, first, w.expected(KEY))
        store.close()


@pytest.fixture
def engine(harvested: Harvested) -> Iterator[Engine]:
    engine = open_engine(harvested.settings)
    yield engine
    engine.close()


def stored_native_ids(store: SQLiteStore, record_type: str) -> set[str]:
    return {r.native_id for r in store.iter_records(record_type, KEY)}


def test_every_public_item_in_the_window_is_harvested(harvested: Harvested) -> None:
    e, store = harvested.expected, harvested.store
    assert stored_native_ids(store, "meeting") == {str(i) for i in e.public_meeting_ids}
    assert stored_native_ids(store, "agenda_item") == {str(i) for i in e.agenda_item_ids}
    assert stored_native_ids(store, "register_entry") == {str(i) for i in e.register_item_ids}
    assert stored_native_ids(store, "document") == {str(i) for i in e.document_ids}
    # register documents (reachable only through module items) are there too
    register_only = e.register_document_ids - e.meeting_document_ids - e.agenda_item_document_ids
    assert register_only
    assert {str(i) for i in register_only} <= stored_native_ids(store, "document")


def test_failures_leave_a_trace_and_the_run_completes(harvested: Harvested) -> None:
    run, e, store = harvested.first, harvested.expected, harvested.store
    assert run.status == RunStatus.PARTIAL and run.ended_at is not None
    assert run.counts["skipped_non_public"] == len(e.non_public_meeting_ids)
    (missing,) = e.missing_document_ids
    (corrupt,) = e.corrupt_document_ids
    (empty,) = e.empty_document_ids
    missing_state = store.get_document_state(harvested.doc_id(missing))
    assert missing_state.download_status == "failed" and "404" in (
        missing_state.download_error or ""
    )
    for native in (corrupt, empty):
        state = store.get_document_state(harvested.doc_id(native))
        assert state.download_status == "ok"
        assert state.extraction_status == "failed" and state.extraction_error
    assert any("404" in err for err in run.errors)
    # everything else was extracted, with the agent recorded
    ok = e.text_layer_document_ids
    for native in ok:
        state = store.get_document_state(harvested.doc_id(native))
        assert state.extraction_status == "ok", (native, state.extraction_error)
        assert state.extraction_agent


def test_scanned_pages_are_ocrd(harvested: Harvested, engine: Engine) -> None:
    w = harvested.sandbox.world
    state = harvested.store.get_document_state(harvested.doc_id(w.scanned_document_id))
    if state.extraction_status != "ok":
        pytest.skip(f"OCR unavailable here: {state.extraction_error}")
    assert state.ocr_pages
    result = engine.search(SearchQuery(q=w.scanned_word))
    assert harvested.doc_id(w.scanned_document_id) in [h.id for h in result.hits]


def test_a_word_only_on_page_3_finds_page_3(harvested: Harvested, engine: Engine) -> None:
    w = harvested.sandbox.world
    result = engine.search(SearchQuery(q=w.page3_word))
    assert [h.id for h in result.hits] == [harvested.doc_id(w.page3_document_id)]
    best = result.hits[0].pages[0]
    assert best.number == 3
    assert f"<mark>{w.page3_word}</mark>" in best.snippet.lower()


def test_dutch_stemming_finds_singular_from_plural(harvested: Harvested, engine: Engine) -> None:
    result = engine.search(SearchQuery(q="begrotingen", size=50))
    assert result.total > 0
    for hit in result.hits:
        text = " ".join(p.text for p in harvested.store.get_pages(hit.id)).lower()
        assert "begroting" in text or "begroting" in hit.title.lower()


@pytest.mark.parametrize("sort", ["date_desc", "date_asc"])
def test_date_sort_is_correct_across_all_hits(
    harvested: Harvested, engine: Engine, sort: str
) -> None:
    seen: list[tuple[str, object]] = []
    cursor = None
    while True:
        result = engine.search(SearchQuery(q="", sort=sort, size=4, cursor=cursor, facets=False))
        seen.extend((h.id, h.date) for h in result.hits)
        cursor = result.next_cursor
        if cursor is None:
            break
    assert len(seen) == result.total == len(harvested.expected.document_ids)
    assert len({doc_id for doc_id, _ in seen}) == len(seen)
    dated = [d for _, d in seen if d is not None]
    assert dated == sorted(dated, reverse=(sort == "date_desc"))
    # undated documents come last in both directions
    first_undated = next((i for i, (_, d) in enumerate(seen) if d is None), len(seen))
    assert all(d is None for _, d in seen[first_undated:])


def test_filters_and_facets_work_on_harvested_data(harvested: Harvested, engine: Engine) -> None:
    everything = engine.search(SearchQuery(q=""))
    types = {f.value: f.count for f in everything.facets["document_type"]}
    assert types and sum(types.values()) == everything.total
    some_type, count = next(iter(types.items()))
    filtered = engine.search(SearchQuery(q="", filters=Filters(document_type=[some_type])))
    assert filtered.total == count
    # the controlled vocabulary: no two values differ only in case, plural or a town's name
    assert set(types) <= {t.value for t in DocType}
    assert len(types) > 3 and "overig" not in types
    woo = {f.value for f in everything.facets["woo_category"]}
    assert woo and woo <= {c.value for c in WooCategory}
    label = DocType(some_type).value.replace("_", " ").upper()  # a filter in another spelling
    assert engine.search(SearchQuery(filters=Filters(document_type=[label]))).total == count


def test_second_run_downloads_nothing_and_keeps_ids_and_counts(harvested: Harvested) -> None:
    sandbox, store = harvested.sandbox, harvested.store
    before_ids = {kind: stored_native_ids(store, kind) for kind in ("meeting", "document")}
    before_counts = store.count_records(KEY)
    sandbox.clear_requests()
    w = sandbox.world
    second = harvest(harvested.settings, KEY, since=w.date_from, until=w.date_until)
    assert [r.path for r in sandbox.requests if "/document/" in r.path] == []
    assert harvested.first.counts["documents_downloaded"] > 0
    assert second.counts.get("documents_downloaded", 0) == 0
    assert second.counts["documents_unchanged"] > 0
    assert {k: stored_native_ids(store, k) for k in before_ids} == before_ids
    assert store.count_records(KEY) == before_counts
    stable = {k: v for k, v in second.counts.items() if k.startswith("stored_")}
    assert stable == {k: v for k, v in harvested.first.counts.items() if k.startswith("stored_")}


def test_loopback_without_the_allow_setting_is_refused(
    harvested: Harvested, tmp_path: Path
) -> None:
    settings = load_settings(data_dir=tmp_path, allow_private_networks=False)
    store = open_store(settings)
    source = harvested.sandbox.sources(supplier="notubiz")[0]
    store.upsert_source(source)
    with pytest.raises(UnsafeURLError, match="VINDPLAATS_ALLOW_PRIVATE_NETWORKS"):
        harvest(settings, source.key)
    assert store.list_runs() == []  # refused before a run was started
    store.close()
