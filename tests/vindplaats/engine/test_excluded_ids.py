"""`SearchQuery.exclude_ids` (taken-down records) on both engines: never a hit, not in the
total or the facets, on every page of a cursor, and a cursor stays valid when the excluded ids
change between two pages."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.vindplaats.engine.conftest import make_doc
from tests.vindplaats.engine.elasticsearch.test_service import es_service
from vindplaats.engine.base import Engine, SearchQuery
from vindplaats.engine.elasticsearch import ElasticsearchEngine
from vindplaats.engine.embedded import EmbeddedEngine

DOCS = [
    make_doc(n, f"Het besluit over de begroting, deel {n}.", committee="Raad" if n < 3 else "Fin")
    for n in range(6)
]
HIDDEN = [DOCS[0].id, DOCS[3].id]


def _loaded(engine: Engine) -> Engine:
    assert engine.index(DOCS).failed == {}
    return engine


@pytest.fixture(scope="module")
def embedded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    engine = EmbeddedEngine(Path(tmp_path_factory.mktemp("excluded")) / "index")
    yield _loaded(engine)
    engine.close()


@pytest.fixture(scope="module")
def elastic() -> Iterator[Engine]:
    for es in es_service():
        engine = ElasticsearchEngine(es.url, es.prefix, 30)
        yield _loaded(engine)
        engine.close()


@pytest.fixture(params=["embedded", "elastic"])
def engine(request: pytest.FixtureRequest) -> Engine:
    found: Engine = request.getfixturevalue(str(request.param))
    return found


@pytest.mark.parametrize("q", ["", "begroting", "begr*", '"het besluit"'])
def test_excluded_ids_are_never_found(engine: Engine, q: str) -> None:
    result = engine.search(SearchQuery(q=q, exclude_ids=HIDDEN, sort="date_desc"))
    found = {hit.id for hit in result.hits}
    assert found == {d.id for d in DOCS} - set(HIDDEN)
    assert result.total == 4
    committees = {f.value: f.count for f in result.facets.get("committee", [])}
    assert committees == {"Raad": 2, "Fin": 2}
    assert engine.search(SearchQuery(q=q)).total == 6  # without: all of them


def test_a_cursor_survives_a_change_of_the_excluded_ids(engine: Engine) -> None:
    first = engine.search(SearchQuery(size=2, exclude_ids=[DOCS[0].id]))
    assert first.next_cursor is not None
    rest = engine.search(SearchQuery(size=10, cursor=first.next_cursor, exclude_ids=HIDDEN))
    seen = [hit.id for hit in first.hits + rest.hits]
    assert DOCS[0].id not in seen and DOCS[3].id not in seen
    assert len(seen) == len(set(seen))


def test_elasticsearch_is_asked_to_leave_the_excluded_ids_out() -> None:
    from vindplaats.engine.base import Filters
    from vindplaats.engine.elasticsearch.compile import compile_terms, doc_query
    from vindplaats.engine.query import parse_query

    body = doc_query(compile_terms(parse_query("-motie")), Filters(), None, HIDDEN)
    assert {"terms": {"id": HIDDEN}} in body["bool"]["must_not"]
    assert "must_not" not in doc_query(compile_terms(parse_query("")), Filters(), None)["bool"]
