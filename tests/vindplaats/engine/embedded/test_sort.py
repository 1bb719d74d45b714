"""Sort orders over the whole result set, ties by id, and cursor paging through them."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, timedelta

import pytest

from tests.vindplaats.engine.conftest import all_pages, ids, make_doc, search
from vindplaats.engine.base import Filters, IndexDoc, SearchQuery
from vindplaats.engine.embedded import EmbeddedEngine
from vindplaats.engine.embedded.sort import MAX_STORED_ID_READS
from vindplaats.errors import QueryError


def dated_corpus() -> list[IndexDoc]:
    """47 documents: dates spread over years, several per day, some undated; shuffled ids."""
    rng = random.Random(3)
    docs = []
    for n in rng.sample(range(100, 200), 47):
        when = None if n % 9 == 0 else date(2015, 1, 1) + timedelta(days=(n * 37) % 11 * 200)
        docs.append(make_doc(n, f"verslag nummer {n} over de begroting", date=when))
    return docs


DATED = dated_corpus()


@pytest.fixture(scope="module")
def dated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedEngine]:
    """Indexed in three batches, so the documents sit in several segments."""
    with EmbeddedEngine(tmp_path_factory.mktemp("dated")) as engine:
        for start in (0, 20, 35):
            engine.index(DATED[start : start + 20 if start < 35 else None])
        yield engine


def expected_order(docs: list[IndexDoc], descending: bool) -> list[str]:
    dated_docs = [d for d in docs if d.date is not None]
    undated = sorted(d.id for d in docs if d.date is None)
    by_id = sorted(dated_docs, key=lambda d: d.id)
    by_date = sorted(by_id, key=lambda d: d.date or date.min, reverse=descending)
    return [d.id for d in by_date] + undated


@pytest.mark.parametrize("sort", ["date_desc", "date_asc"])
@pytest.mark.parametrize("q", ["", "begroting"])
def test_date_orders_span_pages_with_undated_last_and_ties_by_id(
    dated: EmbeddedEngine, sort: str, q: str
) -> None:
    query = SearchQuery.model_validate({"q": q, "sort": sort, "size": 10})
    assert all_pages(dated, query) == expected_order(DATED, descending=sort == "date_desc")


def test_relevance_ties_break_by_id_across_pages_and_segments(engine: EmbeddedEngine) -> None:
    same = [make_doc(n, "de begroting van dit jaar") for n in range(10, 40)]
    random.Random(5).shuffle(same)
    better = make_doc(99, "begroting begroting en nog eens de begroting", title="Begroting")
    for start in range(0, 30, 10):
        engine.index(same[start : start + 10])
    engine.index([better])
    query = SearchQuery(q="begroting", size=7)
    assert all_pages(engine, query) == [better.id, *sorted(d.id for d in same)]


def test_relevance_with_many_ties_still_orders_by_id(engine: EmbeddedEngine) -> None:
    docs = [
        make_doc(f"{n:04d}", "motie over de begroting") for n in range(MAX_STORED_ID_READS + 40)
    ]
    random.Random(9).shuffle(docs)
    engine.index(docs[:150])
    engine.index(docs[150:])
    query = SearchQuery(q="motie", size=100)
    assert all_pages(engine, query) == sorted(d.id for d in docs)


def test_relevance_orders_by_score(engine: EmbeddedEngine) -> None:
    engine.index(
        [
            make_doc("once", "de begroting en verder veel andere woorden in deze tekst"),
            make_doc("often", "begroting begroting begroting"),
            make_doc("title", "iets anders", title="Begroting"),
        ]
    )
    result = search(engine, "begroting")
    scores = [hit.score for hit in result.hits]
    assert scores == sorted(scores, reverse=True)
    assert ids(result)[-1].endswith(":once")


def test_unscored_queries_list_by_id(dated: EmbeddedEngine) -> None:
    assert all_pages(dated, SearchQuery(q="", size=20)) == sorted(d.id for d in DATED)
    assert all_pages(dated, SearchQuery(q="-onbekend", size=20)) == sorted(d.id for d in DATED)


def test_cursor_paging_totals_and_last_page(dated: EmbeddedEngine) -> None:
    first = search(dated, "", size=20)
    assert first.total == 47 and len(first.hits) == 20 and first.next_cursor
    second = search(dated, "", size=20, cursor=first.next_cursor)
    third = search(dated, "", size=20, cursor=second.next_cursor)
    assert (len(second.hits), len(third.hits)) == (20, 7)
    assert third.next_cursor is None and third.total == 47
    assert len(set(ids(first) + ids(second) + ids(third))) == 47


def test_page_size_may_change_between_pages(dated: EmbeddedEngine) -> None:
    first = search(dated, "", size=5)
    rest = all_pages(dated, SearchQuery(q="", size=50, cursor=first.next_cursor))
    assert ids(first) + rest == sorted(d.id for d in DATED)


def test_exactly_one_full_page_has_no_next_cursor(dated: EmbeddedEngine) -> None:
    assert search(dated, "", size=47).next_cursor is None
    filtered = search(dated, "", filters=Filters(organization=["Nergens"]))
    assert (filtered.total, filtered.hits, filtered.next_cursor) == (0, [], None)


@pytest.mark.parametrize("cursor", ["garbage", "", "e30", "eyJ2IjoxLCJvIjotMSwiZiI6IngifQ", "!!!"])
def test_garbage_cursors_raise_query_error(dated: EmbeddedEngine, cursor: str) -> None:
    with pytest.raises(QueryError):
        search(dated, "", cursor=cursor or "=")


def test_a_cursor_from_another_search_raises_query_error(dated: EmbeddedEngine) -> None:
    cursor = search(dated, "begroting", size=5).next_cursor
    assert cursor is not None
    for other in (
        SearchQuery(q="verslag", cursor=cursor),
        SearchQuery(q="begroting", sort="date_asc", cursor=cursor),
        SearchQuery(q="begroting", filters=Filters(organization=["Delft"]), cursor=cursor),
    ):
        with pytest.raises(QueryError):
            dated.search(other)
