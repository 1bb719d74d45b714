"""Whole documents on both engines: no page cap. A 2,000-page document is indexed, found by a word
on page 1,873 (a word and a phrase), and answered with that page among its best pages; a document
longer than Elasticsearch's default of 10,000 nested pages is indexed too, also into an index
made before the template lifted that limit."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.vindplaats.engine.conftest import make_doc
from tests.vindplaats.engine.elasticsearch.test_service import es_service
from vindplaats.engine.base import Engine, IndexDoc, SearchQuery
from vindplaats.engine.elasticsearch import ElasticsearchEngine
from vindplaats.engine.elasticsearch.indices import NESTED_LIMIT
from vindplaats.engine.embedded import EmbeddedEngine

PAGES = 2000
RARE = 1873


def _long(native: int, pages: int) -> IndexDoc:
    texts = [f"Pagina {n} van de programmabegroting voor de gemeente." for n in range(1, pages + 1)]
    texts[RARE - 1] += " Het zwembad Zeeduin krijgt een nieuw dak."
    texts[pages - 2] += " Ook het zwembad in de polder."
    return make_doc(native, *texts, title=f"Programmabegroting deel {native}")


@pytest.fixture(scope="module")
def embedded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    engine = EmbeddedEngine(Path(tmp_path_factory.mktemp("whole")) / "index")
    yield engine
    engine.close()


@pytest.fixture(scope="module")
def elastic() -> Iterator[Engine]:
    for es in es_service():
        engine = ElasticsearchEngine(es.url, es.prefix, 60)
        yield engine
        engine.close()


@pytest.fixture(params=["embedded", "elastic"])
def engine(request: pytest.FixtureRequest) -> Engine:
    found: Engine = request.getfixturevalue(str(request.param))
    return found


def test_a_2000_page_document_is_found_at_its_page(engine: Engine) -> None:
    assert engine.index([_long(1, PAGES)]).failed == {}
    for q in ("zwembad", '"nieuw dak"'):
        [hit] = engine.search(SearchQuery(q=q)).hits
        assert hit.page_count == PAGES
        assert RARE in [page.number for page in hit.pages], q
        best = next(page for page in hit.pages if page.number == RARE)
        assert "<mark>" in best.snippet and "Zeeduin" in best.snippet
    [hit] = engine.search(SearchQuery(q="zwembad")).hits
    assert {page.number for page in hit.pages} == {RARE, PAGES - 1}


def test_more_pages_than_elasticsearchs_default_limit(engine: Engine) -> None:
    long = _long(2, 12_000)
    report = engine.index([long])
    assert report.failed == {} and report.indexed == 1
    hits = engine.search(SearchQuery(q="polder")).hits
    hit = next(hit for hit in hits if hit.id == long.id)
    assert hit.page_count == 12_000 and [p.number for p in hit.pages] == [11_999]


def test_an_index_made_with_the_old_limit_takes_long_documents() -> None:
    for es in es_service():
        first = ElasticsearchEngine(es.url, es.prefix + "-old", 60)
        try:
            assert first.index([make_doc(1, "Een korte pagina.")]).failed == {}
            alias = f"{es.prefix}-old-documents"
            es.client.indices.put_settings(index=alias, settings={NESTED_LIMIT: 10_000})
        finally:
            first.close()
        later = ElasticsearchEngine(es.url, es.prefix + "-old", 60)  # a newer version opens it
        try:
            assert later.index([_long(3, 12_000)]).failed == {}
            settings = es.client.indices.get_settings(index=alias, flat_settings=True).body
            assert {int(s["settings"][NESTED_LIMIT]) for s in settings.values()} == {1_000_000}
        finally:
            later.close()
