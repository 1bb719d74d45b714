"""Zero-downtime rebuild: a thread searches without pause while `rebuild_index` runs.

Both engines start from an index filled the ordinary way; while the new version is filled, a
"harvest" changes one document and withdraws another in the store and in the live index, which
the rebuild must catch up with before it switches. The searching engine is opened once, before
the rebuild, like a running server: it must never fail or come back empty, and must see the new
version afterwards.
"""

from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

import pytest

from normalize.records import Document, ExtractionStatus, Organization, Page, Supplier
from tests.vindplaats.engine.elasticsearch.test_service import EsService, es_service
from tests.vindplaats.engine.searchers import Fleet, api_server, expected_answers
from vindplaats.engine import open_engine
from vindplaats.engine.base import Engine, IndexDoc, SearchQuery
from vindplaats.engine.elasticsearch import ElasticsearchEngine
from vindplaats.engine.embedded.index_lease import remove_unleased
from vindplaats.engine.embedded.version import Version
from vindplaats.errors import EngineError
from vindplaats.harvest.index import all_ids, index_documents
from vindplaats.harvest.rebuild import REBUILD_LEASE, rebuild_index
from vindplaats.settings import Settings, load_settings
from vindplaats.store import open_store

DOCS = 40
IB = Supplier.IBABS


def doc_id(n: int) -> str:
    return f"document:ibabs:delft:{n}"


def fill_store(settings: Settings) -> None:
    store = open_store(settings)
    try:
        org = Organization.build(IB, "delft", "delft", name="Gemeente Delft")
        store.upsert_record(org)
        for n in range(DOCS):
            doc = Document.build(
                IB,
                "delft",
                str(n),
                title=f"Raadsvoorstel {n}",
                original_url=f"https://example.org/{n}.pdf",
                organization_id=org.id,
                document_type="raadsvoorstel",
                date=datetime(2024, 1, n % 28 + 1, tzinfo=UTC),
            )
            store.upsert_record(doc)
            extract(store, n, f"De raad bespreekt voorstel {n} over de begroting.")
        index_all(settings)
    finally:
        store.close()


def extract(store: Any, n: int, text: str) -> None:
    store.record_extraction(
        doc_id(n), status=ExtractionStatus.OK, pages=[Page(number=1, text=text)], agent="test"
    )


def index_all(settings: Settings) -> None:
    store = open_store(settings)
    engine = open_engine(settings)
    try:
        report = index_documents(store, engine, all_ids(store))
        assert report.failed == {}
    finally:
        engine.close()
        store.close()


def harvest_meanwhile(settings: Settings) -> Any:
    """An `on_progress` that, once, changes document 0 and withdraws document 1 (store and the
    live index), as a harvest running during the rebuild would."""
    done: list[bool] = []

    def on_progress(sent: int, total: int) -> None:
        if done:
            return
        done.append(True)
        store = open_store(settings)
        try:
            extract(store, 0, "De raad bespreekt het nieuwtekst voorstel.")
            store.mark_withdrawn([doc_id(1)])
        finally:
            store.close()
        index_all(settings)
        engine = open_engine(settings)
        try:
            engine.delete([doc_id(1)])
        finally:
            engine.close()

    return on_progress


class Searching:
    """Searches `raad` in a loop on another thread; every search must answer with hits."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.count = 0
        self.problems: list[str] = []
        self._stop = threading.Event()
        self._first = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                result = self.engine.search(SearchQuery(q="raad", size=5, facets=False))
                if result.total == 0 or not result.hits:
                    self.problems.append(f"search {self.count}: no hits")
            except Exception as exc:
                self.problems.append(f"search {self.count}: {exc!r}")
            self.count += 1
            self._first.set()

    def __enter__(self) -> Searching:
        self._thread.start()
        assert self._first.wait(30)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._stop.set()
        self._thread.join(30)


def check_rebuilt(settings: Settings, reader: Engine, searching: Searching) -> None:
    assert searching.problems == []
    assert searching.count >= 2
    assert [h.id for h in reader.search(SearchQuery(q="nieuwtekst")).hits] == [doc_id(0)]
    assert doc_id(1) not in {h.id for h in reader.search(SearchQuery(size=100)).hits}
    assert reader.count() == DOCS - 1
    # the reader follows the new version: it sees what another process writes there now
    late = IndexDoc(
        id=doc_id(999), title="Nakomer", organization="Gemeente Delft", source_key="delft",
        supplier="ibabs", pages=["een nakomertje"],
    )  # fmt: skip
    writer = open_engine(settings)
    try:
        writer.index([late])
        assert [h.id for h in reader.search(SearchQuery(q="nakomertje")).hits] == [late.id]
        writer.delete([late.id])
    finally:
        writer.close()


def rebuild_while_searching(settings: Settings, reader: Engine, **options: Any) -> None:
    with Searching(reader) as searching:
        report = rebuild_index(settings, **options)
    assert (report.submitted, report.indexed, report.failed) == (DOCS - 1, DOCS - 1, {})
    check_rebuilt(settings, reader, searching)


# -- embedded --------------------------------------------------------------------------------


@pytest.fixture
def embedded_settings(tmp_path: Path) -> Settings:
    settings = load_settings(data_dir=tmp_path / "data", engine="embedded")
    fill_store(settings)
    return settings


def test_embedded_rebuild_swaps_without_a_gap(embedded_settings: Settings) -> None:
    settings = embedded_settings
    link = settings.index_dir
    assert link.is_dir() and not link.is_symlink()  # the layout before versioned indices
    reader = open_engine(settings)
    try:
        rebuild_while_searching(settings, reader, on_progress=harvest_meanwhile(settings))
        first = link.resolve()
        assert link.is_symlink() and first.name.startswith("index-v1-")
    finally:
        reader.close()

    reader = open_engine(settings)  # opened on the link: resolved to `first`
    try:
        with Searching(reader) as searching:
            report = rebuild_index(settings)
        assert report.indexed == DOCS - 1
        check_rebuilt(settings, reader, searching)
        assert link.resolve().name.startswith("index-v2-")
    finally:
        reader.close()

    rebuild_index(settings)  # nobody has an old version open any more: all are removed
    assert index_dirs(settings) == ["index", link.resolve().name]
    assert link.resolve().name.startswith("index-v3-")


def index_dirs(settings: Settings) -> list[str]:
    return sorted(p.name for p in settings.index_dir.parent.glob("*index*"))


HOLD_OPEN = """
import sys
from vindplaats.engine import open_engine
from vindplaats.settings import load_settings
engine = open_engine(load_settings(data_dir=sys.argv[1], engine="embedded"))
print(engine.count(), flush=True)
sys.stdin.read()
"""


def test_a_version_in_use_is_kept_until_its_readers_move_on(embedded_settings: Settings) -> None:
    settings = embedded_settings
    link = settings.index_dir
    rebuild_index(settings)
    first = link.resolve().name
    reader = open_engine(settings)  # idle between searches, like a quiet server
    other = subprocess.Popen(
        [sys.executable, "-c", HOLD_OPEN, str(settings.data_dir)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert other.stdout is not None and other.stdout.readline().strip() == str(DOCS)
        rebuild_index(settings)
        second = link.resolve().name
        assert index_dirs(settings) == ["index", first, second]  # both processes have `first`

        assert reader.count() == DOCS  # the reader moves to `second`; the other process not
        rebuild_index(settings)
        third = link.resolve().name
        assert index_dirs(settings) == ["index", first, second, third]

        other.kill()  # a process that dies leaves nothing pinned
        other.wait()
        reader.close()
        rebuild_index(settings)
        assert index_dirs(settings) == ["index", link.resolve().name]
        assert reader_sees(settings) == DOCS
    finally:
        reader.close()
        if other.poll() is None:
            other.kill()
            other.wait()
        if other.stdin is not None:
            other.stdin.close()
        if other.stdout is not None:
            other.stdout.close()


def reader_sees(settings: Settings) -> int:
    engine = open_engine(settings)
    try:
        return engine.search(SearchQuery(q="raad", size=DOCS, facets=False)).total
    finally:
        engine.close()


def test_a_version_removed_between_reading_the_link_and_opening_it_is_skipped(
    embedded_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The narrow race: a reader reads the link, and before it opens that version another
    rebuild replaces and removes it. The reader reads the link again and opens the newer one."""
    settings = embedded_settings
    rebuild_index(settings)
    first = settings.index_dir.resolve()
    reader = open_engine(settings)  # on `first`
    try:
        rebuild_index(settings)
        named = settings.index_dir.resolve()  # what the reader will read from the link
        real_open = Version.open
        raced: list[str] = []

        def open_after_a_rebuild(schema: Any, real: str, *, create: bool) -> Version | None:
            if not raced:
                raced.append(real)
                rebuild_index(settings)  # `named` is replaced and, unused, removed
            return real_open(schema, real, create=create)

        monkeypatch.setattr(Version, "open", open_after_a_rebuild)
        assert reader.search(SearchQuery(q="raad", size=DOCS)).total == DOCS
        assert raced == [str(named)] and not named.exists()
        monkeypatch.undo()
        latest = settings.index_dir.resolve()
        assert latest.name.startswith("index-v3-")
        # the reader moved on to `latest` (not stuck on `first`): `first` is free to go
        assert remove_unleased(first) is True
        writer = open_engine(settings)  # the reader is on `latest` now: it sees new commits
        try:
            writer.delete([doc_id(0)])
        finally:
            writer.close()
        assert reader.count() == DOCS - 1
    finally:
        reader.close()


def test_a_search_in_progress_keeps_its_version_until_it_ends(
    embedded_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A search that began on a version finishes there with the whole answer, even when the
    same engine has switched to a newer version and rebuilds want the old one gone."""
    settings = embedded_settings
    rebuild_index(settings)
    first = settings.index_dir.resolve()
    reader = open_engine(settings)
    try:
        paused, go = threading.Event(), threading.Event()
        real_searcher = Version.searcher

        def pausing_searcher(version: Version) -> Any:
            if version.real == str(first) and not paused.is_set():
                paused.set()
                assert go.wait(60)
            return real_searcher(version)

        monkeypatch.setattr(Version, "searcher", pausing_searcher)
        answers: list[int] = []
        search = threading.Thread(
            target=lambda: answers.append(reader.search(SearchQuery(q="raad", size=DOCS)).total)
        )
        search.start()
        assert paused.wait(60)  # the search has begun on `first`

        rebuild_index(settings)
        assert reader.count() == DOCS  # the engine switches to the new version meanwhile
        rebuild_index(settings)
        assert first.exists()  # retired, but a search still runs on it
        go.set()
        search.join(60)
        assert answers == [DOCS]
        rebuild_index(settings)
        assert not first.exists()
    finally:
        go.set()
        reader.close()


REBUILDS = 12


def rebuild_in_a_loop_under_search(settings: Settings, rebuilds: int) -> None:
    """Threads sharing an engine, processes with an engine each and HTTP clients of the real
    API server (two worker processes) search while the index is rebuilt again and again: no
    search fails, and every answer is the one measured before (same total, hits, facets)."""
    expected = expected_answers(settings)
    with (
        api_server(settings) as url,
        Fleet(settings, expected, threads=2, processes=2, url=url, http_clients=4) as fleet,
    ):
        fleet.wait_until_all_searched()
        before = fleet.counts()
        for _ in range(rebuilds):
            report = rebuild_index(settings)
            assert (report.indexed, report.failed) == (DOCS, {})
        during = [after - start for after, start in zip(fleet.counts(), before, strict=True)]
    assert fleet.problems == []
    assert all(n > 0 for n in during), during  # every client searched during the rebuilds


def test_searches_never_fail_while_rebuilds_loop(embedded_settings: Settings) -> None:
    settings = embedded_settings
    rebuild_in_a_loop_under_search(settings, REBUILDS)
    assert settings.index_dir.resolve().name.startswith(f"index-v{REBUILDS}-")
    rebuild_index(settings)  # everyone has stopped: no old version is left behind
    assert index_dirs(settings) == ["index", settings.index_dir.resolve().name]


def test_a_second_rebuild_at_the_same_time_is_refused(embedded_settings: Settings) -> None:
    store = open_store(embedded_settings)
    try:
        assert store.acquire_lease(REBUILD_LEASE, "someone-else", 60)
        with pytest.raises(EngineError, match="another index rebuild"):
            rebuild_index(embedded_settings)
        assert not embedded_settings.index_dir.is_symlink()
    finally:
        store.close()


# -- Elasticsearch ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def es() -> Iterator[EsService]:
    yield from es_service()


def test_elasticsearch_rebuild_swaps_aliases_without_a_gap(es: EsService, tmp_path: Path) -> None:
    settings = load_settings(
        data_dir=tmp_path / "data",
        engine="elasticsearch",
        elasticsearch_url=es.url,
        elasticsearch_index_prefix=f"{es.prefix}-rebuild",
    )
    fill_store(settings)
    reader = open_engine(settings)
    assert isinstance(reader, ElasticsearchEngine)
    try:
        (before,) = reader.indices.versions()
        rebuild_while_searching(settings, reader, on_progress=harvest_meanwhile(settings))
        (after,) = reader.indices.versions()
        assert after != before and "-documents-v2-" in after
        assert reader.indices.aliased(reader.read_alias) == [after]
        assert reader.indices.aliased(reader.write_alias) == [after]

        with Searching(reader) as searching:
            rebuild_index(settings)
        check_rebuilt(settings, reader, searching)
        (third,) = reader.indices.versions()
        assert "-documents-v3-" in third
    finally:
        reader.close()


def test_elasticsearch_searches_never_fail_while_rebuilds_loop(
    es: EsService, tmp_path: Path
) -> None:
    settings = load_settings(
        data_dir=tmp_path / "data",
        engine="elasticsearch",
        elasticsearch_url=es.url,
        elasticsearch_index_prefix=f"{es.prefix}-loop",
    )
    fill_store(settings)
    rebuild_in_a_loop_under_search(settings, 4)
    engine = open_engine(settings)
    assert isinstance(engine, ElasticsearchEngine)
    try:
        (only,) = engine.indices.versions()  # each rebuild deleted the version before it
        assert "-documents-v5-" in only
    finally:
        engine.close()
