"""One page of the sorted result list: which documents sit at positions offset .. offset+size.

Orders are total, over the whole result set, so cursor paging never skips or repeats. tantivy
sorts by one field and breaks ties by internal address, so ties are re-ordered here by id:

- date orders sort on the numeric `date` fast field (cheap at any depth; undated documents come
  last in both directions), `added_desc` the same way on the `added` fast field (whole
  seconds). Same-date groups wholly inside the page are ordered by the ids read for the hits
  anyway; a group cut by a page edge is fetched in id order by a query restricted to that date
  (or to undated documents);
- relevance is BM25 descending: every document scoring within the page's score range (including
  ties just past its end) has its id read from its stored fields and the band is ordered by
  (-score, id). Exact BM25 ties are rare enough (constant-score parts, such as a prefix match,
  are mixed with BM25 terms) that the band stays close to the page size;
- unscored queries (no words, e.g. browsing) list by id, on the `id` fast field. tantivy's cost
  for a string order grows with the depth of the page, so very deep pages of these are slower.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from tantivy import DocAddress, FieldType, Occur, Order, Query, Schema, Searcher

from vindplaats.engine.embedded.schema import ID

MAX_STORED_ID_READS = 256  # a same-date group larger than this is fetched in id order instead
DATE = "date"

IdOf = Callable[[DocAddress], str]


@dataclass(frozen=True)
class Ranked:
    address: DocAddress
    score: float


@dataclass(frozen=True)
class Window:
    total: int
    ranked: list[Ranked]


def _key(address: DocAddress) -> tuple[int, int]:
    return address.segment_ord, address.doc


def _total(result: Any) -> int:
    """`SearchResult.count` (set when searching with count=True; missing from tantivy's stubs)."""
    return int(result.count or 0)


def count(searcher: Searcher, query: Query) -> int:
    return _total(searcher.search(query, limit=1, count=True))


def _in_id_order(searcher: Searcher, query: Query, limit: int) -> list[tuple[str, DocAddress]]:
    hits = searcher.search(query, limit=limit, count=False, order_by_field=ID, order=Order.Asc)
    return [(str(value), address) for value, address in hits.hits]


def by_id(searcher: Searcher, query: Query, window: tuple[int, int]) -> Window:
    """Id order, for queries where every document scores the same; `window` is (offset, size)."""
    offset, size = window
    total = count(searcher, query)
    if offset >= total:
        return Window(total, [])
    result = searcher.search(
        query, limit=min(size, total - offset), count=False, order_by_field=ID,
        offset=offset, order=Order.Asc,
    )  # fmt: skip
    return Window(total, [Ranked(address, 0.0) for _, address in result.hits])


def _same_date(schema: Schema, query: Query, value: int | None, field: str = DATE) -> Query:
    """`query` restricted to documents whose `field` is `value` (ns since the epoch, whole
    seconds), or to those without it."""
    if value is None:
        missing = Query.exists_query(field)
        return Query.boolean_query([(Occur.Must, query), (Occur.MustNot, missing)])
    day = dt.datetime.fromtimestamp(value // 1_000_000_000, tz=dt.UTC)
    same = Query.range_query(schema, field, FieldType.Date, lower_bound=day, upper_bound=day)
    return Query.boolean_query([(Occur.Must, query), (Occur.Must, same)])


def by_date(
    searcher: Searcher,
    schema: Schema,
    query: Query,
    descending: bool,
    window: tuple[int, int],
    id_of: IdOf,
    field: str = DATE,
) -> Window:
    """Order of the date field `field` (documents without one last), ties by id; `window` is
    (offset, size)."""
    offset, size = window
    total = count(searcher, query)
    if offset >= total:
        return Window(total, [])
    end = min(offset + size, total)
    order = Order.Desc if descending else Order.Asc
    hits = searcher.search(query, limit=end, count=False, order_by_field=field, order=order).hits
    groups: list[tuple[int | None, list[DocAddress]]] = []
    for value, address in hits:
        if groups and groups[-1][0] == value:
            groups[-1][1].append(address)
        else:
            groups.append((value, [address]))
    ranked: list[Ranked] = []
    start = 0
    for value, members in groups:
        stop = start + len(members)
        if stop > offset:
            if stop < end and len(members) <= MAX_STORED_ID_READS:
                ordered = sorted(members, key=id_of)  # complete group: ids are read anyway
            else:  # cut by the page end (may continue), or too many to read one by one
                restricted = _same_date(schema, query, value, field)
                ordered = [a for _, a in _in_id_order(searcher, restricted, end - start)]
            ranked += [Ranked(a, 0.0) for a in ordered[max(0, offset - start) : end - start]]
        start = stop
    return Window(total, ranked)


def by_relevance(searcher: Searcher, query: Query, window: tuple[int, int], id_of: IdOf) -> Window:
    """BM25 descending, ties by id; `window` is (offset, size)."""
    offset, size = window
    if offset == 0:
        result = searcher.search(query, limit=size, count=True)
        hits, total = result.hits, _total(result)
    else:
        total = count(searcher, query)
        hits = []
        if offset < total:
            hits = searcher.search(query, limit=min(offset + size, total), count=False).hits
    if len(hits) <= offset:
        return Window(total, [])
    last = hits[-1][0]
    limit = len(hits)
    while limit < total and hits[-1][0] == last:  # fetch every document tied with the last
        limit = min(total, limit * 2)
        hits = searcher.search(query, limit=limit, count=False).hits
    first = hits[offset][0]
    before = sum(1 for score, _ in hits if score > first)
    band = [(score, address) for score, address in hits if last <= score <= first]
    ids = {_key(address): id_of(address) for _, address in band}
    band.sort(key=lambda hit: (-hit[0], ids[_key(hit[1])]))
    start = offset - before
    return Window(total, [Ranked(a, s) for s, a in band[start : start + size]])


__all__ = ["MAX_STORED_ID_READS", "Ranked", "Window", "by_date", "by_id", "by_relevance", "count"]
