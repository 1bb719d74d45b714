"""The Elasticsearch engine against a real node: indices, writes, accounting, cursors."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from elasticsearch import Elasticsearch

from tests.vindplaats.engine.elasticsearch.test_service import (
    EngineFactory,
    EsService,
    engine_factory,
    es_service,
)
from vindplaats.engine.base import IndexDoc, SearchQuery, SearchResult
from vindplaats.engine.cursor import encode_cursor
from vindplaats.engine.elasticsearch import ElasticsearchEngine
from vindplaats.engine.elasticsearch import cursor as elastic_cursor
from vindplaats.engine.elasticsearch.indices import missing_fields, without_grams
from vindplaats.engine.elasticsearch.mapping import (
    PAGE_TEXT,
    PAGES,
    PHRASE_ANALYZER,
    SEARCH_ANALYZER,
    build_template,
)
from vindplaats.errors import EngineError, QueryError


@pytest.fixture(scope="module")
def es() -> Iterator[EsService]:
    yield from es_service()


@pytest.fixture
def es_client(es: EsService) -> Elasticsearch:
    return es.client


@pytest.fixture
def es_engines(es: EsService) -> Iterator[EngineFactory]:
    yield from engine_factory(es)


@pytest.fixture
def es_engine(es_engines: EngineFactory) -> ElasticsearchEngine:
    return es_engines()


def make_doc(native: int, *pages: str, **fields: Any) -> IndexDoc:
    values: dict[str, Any] = {
        "id": f"document:ibabs:delft:{native}",
        "title": f"Document {native}",
        "organization": "Delft",
        "source_key": "delft",
        "supplier": "ibabs",
        "document_type": "raadsvoorstel",
        "date": date(2024, 3, native % 28 + 1),
        "pages": list(pages) or ["Een pagina zonder bijzonderheden."],
    }
    values.update(fields)
    return IndexDoc(**values)


def ids(result: SearchResult) -> list[str]:
    return [hit.id for hit in result.hits]


def follow(engine: ElasticsearchEngine, query: SearchQuery) -> list[str]:
    out: list[str] = []
    cursor = query.cursor
    while True:
        result = engine.search(query.model_copy(update={"cursor": cursor}))
        out += ids(result)
        cursor = result.next_cursor
        if cursor is None:
            return out


def test_first_use_creates_a_versioned_index_behind_both_aliases(
    es_engine: ElasticsearchEngine, es_client: Elasticsearch
) -> None:
    assert es_engine.count() == 0
    read = es_engine.indices.aliased(es_engine.read_alias)
    write = es_engine.indices.aliased(es_engine.write_alias)
    assert read == write and len(read) == 1
    prefix = es_engine.indices.prefix
    assert re.fullmatch(rf"{re.escape(prefix)}-documents-v1-\d{{14}}", read[0])
    aliases = es_client.indices.get_alias(index=read[0])[read[0]]["aliases"]
    assert aliases[es_engine.write_alias] == {"is_write_index": True}


def test_a_second_engine_uses_the_index_the_first_created(es_engines: EngineFactory) -> None:
    first, second = es_engines(), es_engines()
    first.index([make_doc(1)])
    assert second.count() == 1
    assert len(second.indices.versions()) == 1


def test_indexed_documents_are_searchable_when_index_returns(
    es_engine: ElasticsearchEngine,
) -> None:
    report = es_engine.index([make_doc(1, "De begroting voor 2025."), make_doc(2, "Een motie.")])
    assert (report.submitted, report.indexed, report.failed) == (2, 2, {})
    assert ids(es_engine.search(SearchQuery(q="begrotingen"))) == ["document:ibabs:delft:1"]
    assert es_engine.count() == 2


def test_a_document_elasticsearch_refuses_is_reported_and_the_others_indexed(
    es_engine: ElasticsearchEngine,
) -> None:
    immense = make_doc(2, organization="x" * 40_000)  # a keyword term over Lucene's 32766 bytes
    too_long_id = make_doc(3, id="document:ibabs:delft:" + "9" * 600)
    docs: list[Any] = [make_doc(1), immense, too_long_id, "not a document", make_doc(4)]
    report = es_engine.index(docs)
    assert report.submitted == 5
    assert report.indexed + len(report.failed) == report.submitted
    assert report.indexed == 2
    assert "immense term" in report.failed["document:ibabs:delft:2"]
    assert len(report.failed["document:ibabs:delft:2"]) < 1200
    assert "longer than 512 bytes" in report.failed[too_long_id.id]
    assert report.failed["#3"] == "cannot index: not an IndexDoc: str"
    assert set(ids(es_engine.search(SearchQuery()))) == {
        "document:ibabs:delft:1",
        "document:ibabs:delft:4",
    }


def test_reindexing_an_id_replaces_it_and_delete_removes_it(
    es_engine: ElasticsearchEngine,
) -> None:
    es_engine.index([make_doc(1, "oude tekst"), make_doc(2)])
    es_engine.index([make_doc(1, "nieuwe tekst", title="Vervangen")])
    assert es_engine.count() == 2
    hit = es_engine.search(SearchQuery(q="nieuwe")).hits[0]
    assert (hit.id, hit.title) == ("document:ibabs:delft:1", "Vervangen")
    assert es_engine.search(SearchQuery(q="oude")).total == 0
    es_engine.delete(["document:ibabs:delft:1", "document:ibabs:delft:unknown", ""])
    assert ids(es_engine.search(SearchQuery())) == ["document:ibabs:delft:2"]


def test_cursor_pages_cover_the_list_once_without_from(
    es_engine: ElasticsearchEngine, es_client: Elasticsearch
) -> None:
    es_engine.index(
        [make_doc(n, "raad", date=None if n % 5 == 0 else date(2024, 1, n)) for n in range(1, 23)]
    )
    # `from` beyond 5 would now fail: cursors must use search_after
    current = es_engine.indices.aliased(es_engine.read_alias)[0]
    es_client.indices.put_settings(index=current, settings={"index": {"max_result_window": 5}})
    for sort in ("relevance", "date_desc", "date_asc"):
        query = SearchQuery(q="raad", sort=sort, size=3)
        seen = follow(es_engine, query)
        assert len(seen) == len(set(seen)) == 22
        if sort != "relevance":
            assert seen[-4:] == sorted(seen[-4:])  # the undated ones, by id, last
    browse = follow(es_engine, SearchQuery(size=4))
    assert browse == sorted(browse)


def test_pages_come_from_the_snapshot_taken_at_the_second_page(
    es_engine: ElasticsearchEngine,
) -> None:
    es_engine.index([make_doc(n, "raad") for n in range(10, 20)])
    query = SearchQuery(q="raad", size=3)
    first = es_engine.search(query)
    second = es_engine.search(query.model_copy(update={"cursor": first.next_cursor}))
    es_engine.index([make_doc(n, "raad") for n in range(1, 6)])  # ids sorting before the rest
    rest = follow(es_engine, query.model_copy(update={"cursor": second.next_cursor}))
    listed = ids(first) + ids(second) + rest
    assert listed == sorted(listed)
    assert len(listed) == len(set(listed)) == 10


def test_a_vanished_point_in_time_is_replaced(
    es_engine: ElasticsearchEngine, es_client: Elasticsearch
) -> None:
    es_engine.index([make_doc(n, "raad") for n in range(10, 20)])
    query = SearchQuery(q="raad", size=4)
    first = es_engine.search(query)
    second = es_engine.search(query.model_copy(update={"cursor": first.next_cursor}))
    assert second.next_cursor is not None
    page = elastic_cursor.decode(query, second.next_cursor, scored=True)
    assert page.pit is not None
    es_client.close_point_in_time(id=page.pit)
    rest = follow(es_engine, query.model_copy(update={"cursor": second.next_cursor}))
    assert ids(first) + ids(second) + rest == sorted(ids(first) + ids(second) + rest)
    assert len(rest) == 2


def test_bad_cursors_raise_query_error(es_engine: ElasticsearchEngine) -> None:
    es_engine.index([make_doc(n, "raad") for n in range(1, 6)])
    query = SearchQuery(q="raad", size=2)
    good = es_engine.search(query).next_cursor
    assert good is not None
    embedded_cursor = encode_cursor(query, 2)
    other_search = es_engine.search(SearchQuery(q="", size=2)).next_cursor
    forged_pit = elastic_cursor.encode(
        query, elastic_cursor.Page(after=(1.0, "x"), offset=2, pit="bm90IGEgcGl0")
    )
    for cursor in ("garbage!", "e30", embedded_cursor, other_search, forged_pit):
        with pytest.raises(QueryError):
            es_engine.search(query.model_copy(update={"cursor": cursor}))


def test_invalid_syntax_is_searched_as_words(es_engine: ElasticsearchEngine) -> None:
    es_engine.index([make_doc(1, "De begroting en de motie.")])
    for q in ('"begroting', "begroting |", "| -", "title:begroting", "(begroting)", "*", "\ud800"):
        result = es_engine.search(SearchQuery(q=q))
        assert result.total >= 0


def test_a_closed_engine_refuses_work(es_engines: EngineFactory) -> None:
    engine = es_engines()
    engine.close()
    with pytest.raises(EngineError):
        engine.count()
    engine.close()


def test_an_unreachable_cluster_raises_engine_error() -> None:
    with (
        ElasticsearchEngine("http://127.0.0.1:9", "nothing", 2) as engine,
        pytest.raises(EngineError),
    ):
        engine.search(SearchQuery())


@pytest.mark.parametrize(
    ("sort", "after"),
    [
        ("relevance", (float("inf"), "x")),
        ("relevance", (float("nan"), "x")),
        ("relevance", (1.5, "x" * 5000)),
        ("date_asc", (2**63, "x")),
        ("date_asc", (-(2**63) - 1, "x")),
        ("date_asc", (1.5, "x")),
    ],
)
def test_cursor_sort_values_elasticsearch_cannot_take_are_refused(
    sort: str, after: tuple[Any, ...]
) -> None:
    """Refused before any request: a score that is not finite, a date beyond a long, a huge id."""
    query = SearchQuery(q="raad", sort=sort)  # type: ignore[arg-type]
    cursor = elastic_cursor.encode(query, elastic_cursor.Page(after=after, offset=20))
    with pytest.raises(QueryError):
        elastic_cursor.decode(query, cursor, scored=True)


def test_cursor_holds_the_long_elasticsearch_sorts_undated_documents_by() -> None:
    query = SearchQuery(sort="date_desc")
    for value in (2**63 - 1, -(2**63)):
        page = elastic_cursor.Page(after=(value, "document:ibabs:delft:1"), offset=20)
        cursor = elastic_cursor.encode(query, page)
        assert elastic_cursor.decode(query, cursor, scored=False) == page


def test_an_index_of_an_older_field_list_says_to_rebuild_and_a_new_version_fixes_it(
    es: EsService,
) -> None:
    prefix = f"{es.prefix}-older"
    template = build_template(prefix)["template"]
    properties = dict(template["mappings"]["properties"])
    for name in ("document_type_label", "woo_category"):  # fields added since that version
        del properties[name]
    es.client.indices.create(
        index=f"{prefix}-documents-v1-20260101000000",
        settings=template["settings"],
        mappings={**template["mappings"], "properties": properties},
        aliases={f"{prefix}-documents": {}, f"{prefix}-documents-write": {"is_write_index": True}},
    )
    engine = ElasticsearchEngine(es.url, prefix, 30)
    try:
        expected = r"lacks document_type_label, woo_category\): run `vindplaats index rebuild`"
        with pytest.raises(EngineError, match=expected):
            engine.search(SearchQuery())
        with pytest.raises(EngineError, match=expected):
            engine.index([make_doc(1)])
        version = engine.create_version()  # what `vindplaats index rebuild` does
        assert engine.index_into(version, [make_doc(1)]).failed == {}
        engine.drop(engine.publish(version))
    finally:
        engine.close()
    fresh = ElasticsearchEngine(es.url, prefix, 30)
    try:
        assert fresh.search(SearchQuery()).total == 1
    finally:
        fresh.close()


COMMON_PAGES = (
    "In de raad van de gemeente Delft.",
    "De gemeente en de raad.",
    "Noord van de dijk.",
)


def _searched(engine: ElasticsearchEngine, text: str) -> list[str]:
    return sorted(ids(engine.search(SearchQuery(q=text))))


def test_phrases_of_common_words_and_words_apart_find_what_they_say(
    es_engine: ElasticsearchEngine,
) -> None:
    docs = [make_doc(n, page) for n, page in enumerate(COMMON_PAGES, start=1)]
    assert es_engine.index(docs).failed == {}
    one, two, three = (doc.id for doc in docs)
    assert _searched(es_engine, '"de gemeente"') == [one, two]
    assert _searched(es_engine, '"van de"') == [one, three]
    assert _searched(es_engine, '"raad van de gemeente"') == [one]
    assert _searched(es_engine, '"de raad van"') == [one]
    assert _searched(es_engine, "gemeente de raad") == [one, two]  # words need not be adjacent
    assert _searched(es_engine, '-"de gemeente" raad') == []
    assert _searched(es_engine, '"noord van"') == [three]


def _without_grams(template: dict[str, Any]) -> dict[str, Any]:
    """The mappings of a template from before the common grams (stems only, no grams)."""
    properties = dict(template["mappings"]["properties"])
    plain = {"analyzer": SEARCH_ANALYZER, "search_analyzer": SEARCH_ANALYZER}
    properties["text"] = {**properties["text"], **plain}
    page = {**properties[PAGES]["properties"][PAGE_TEXT], **plain}
    pages = {
        **properties[PAGES],
        "properties": {**properties[PAGES]["properties"], PAGE_TEXT: page},
    }
    properties[PAGES] = pages
    return {**template["mappings"], "properties": properties}


def test_an_index_without_grams_answers_the_same_and_a_new_version_has_them(
    es: EsService, caplog: pytest.LogCaptureFixture
) -> None:
    prefix = f"{es.prefix}-nograms"
    template = build_template(prefix)["template"]
    es.client.indices.create(
        index=f"{prefix}-documents-v1-20260101000000",
        settings=template["settings"],
        mappings=_without_grams(template),
        aliases={f"{prefix}-documents": {}, f"{prefix}-documents-write": {"is_write_index": True}},
    )
    docs = [make_doc(n, page) for n, page in enumerate(COMMON_PAGES, start=1)]
    queries = ('"de gemeente"', '"raad van de gemeente"', "gemeente de raad", '"van de"')
    engine = ElasticsearchEngine(es.url, prefix, 30)
    try:
        with caplog.at_level(logging.WARNING, logger="vindplaats.engine"):
            assert engine.index(docs).failed == {}
        assert "has no common grams" in caplog.text
        before = [_searched(engine, q) for q in queries]
        assert before[0] == sorted([docs[0].id, docs[1].id])
        version = engine.create_version()  # what `vindplaats index rebuild` does
        assert engine.index_into(version, docs).failed == {}
        engine.drop(engine.publish(version))
        mapping = es.client.indices.get_mapping(index=f"{prefix}-documents").body
        assert without_grams(mapping) == []
        assert [_searched(engine, q) for q in queries] == before
    finally:
        engine.close()


def test_without_grams_names_the_indices_made_before_them() -> None:
    template = build_template()["template"]
    current = {"v2": {"mappings": template["mappings"]}}
    assert current["v2"]["mappings"]["properties"]["text"]["search_analyzer"] == PHRASE_ANALYZER
    assert without_grams(current) == []
    assert without_grams({"v1": {"mappings": _without_grams(template)}, **current}) == ["v1"]


def test_missing_fields_names_what_an_older_mapping_lacks() -> None:
    properties = dict(build_template()["template"]["mappings"]["properties"])
    assert missing_fields({"v1": {"mappings": {"properties": properties}}}) == []
    del properties["woo_category"]
    assert missing_fields({"v1": {"mappings": {"properties": properties}}}) == ["woo_category"]
    woo = ["publisher", "publisher_key", "publisher_uri", "woo_document_type", "woo_ground"]
    woo += ["woo_judgement", "woo_theme"]  # the Woo fields of search
    for name in woo:
        del properties[name]
    missing = missing_fields({"v1": {"mappings": {"properties": properties}}})
    assert missing == sorted([*woo, "woo_category"])
