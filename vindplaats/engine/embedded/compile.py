"""From a `ParsedQuery` and `Filters` to tantivy queries, built term by term (no tantivy parser).

The query is parsed and analysed once into leaves (`vindplaats.engine.terms`): a `term` (one
stem), a `phrase` (stems with positions) or a `prefix` (folded, unstemmed).

A phrase in the text uses its common grams (`vindplaats.engine.common_words`): a two-word phrase
with a gram is that one term of `GRAMS` (scored by its count, as a phrase by its frequency); a
longer one is its positions, checked only in documents holding all its grams.

- Document level (`doc_query`): every required clause must match, in the title (boosted
  `TITLE_BOOST`) or the text; excluded clauses must not match; filters and `kind:doc` restrict
  without scoring. Prefixes match the `__folded` twins by regex (constant score, as in
  Elasticsearch), plus `TITLE_BOOST` for a title match and the BM25 of the most frequent
  indexed words they expand to (`expand_prefixes`), so that prefix hits do not all tie.
  A query with no usable term matches every document (minus exclusions).
- Page level (`page_query`): the pages of the documents shown that match any required leaf,
  scored by BM25, for picking each document's best pages.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from tantivy import FieldType, Occur, Query, Schema, Searcher

from vindplaats.engine import analysis
from vindplaats.engine.base import Filters
from vindplaats.engine.common_words import phrase_grams
from vindplaats.engine.dates import MAX_DATE, MIN_DATE
from vindplaats.engine.embedded.schema import (
    GRAMS,
    ID,
    KIND,
    KIND_DOC,
    KIND_PAGE,
    PAGE_TEXT,
    TEXT,
    folded_name,
)
from vindplaats.engine.filter_keys import filter_clauses
from vindplaats.engine.query import MAX_PREFIX_EXPANSION, TITLE_BOOST
from vindplaats.engine.terms import Alternative, AnalysedQuery, Leaf

MAX_PREFIX_RANKING = 16  # of which the most frequent rank documents by BM25
SEARCH_FIELDS = ("title", "text")
Expansions = dict[str, tuple[str, ...]]  # prefix -> stems of the indexed words it covers


def _leaf_query(schema: Schema, leaf: Leaf, name: str) -> Query:
    if leaf.kind == "prefix":
        pattern = re.escape(leaf.first) + ".*"
        return Query.regex_query(schema, folded_name(name), pattern)
    if leaf.kind == "phrase":
        return _phrase(schema, leaf, name)
    return Query.term_query(schema, name, leaf.first)


def _phrase(schema: Schema, leaf: Leaf, name: str) -> Query:
    positions = Query.phrase_query(schema, name, list(leaf.tokens))
    grams = phrase_grams(leaf.tokens) if name == TEXT else []
    if not grams:
        return positions
    if len(leaf.tokens) == 2 and len(grams) == 1:
        return Query.term_query(schema, GRAMS, grams[0][1])
    held = [Query.term_query(schema, GRAMS, g) for _, g in grams]
    return Query.boolean_query(
        [(Occur.Must, positions)] + [(Occur.Must, Query.const_score_query(q, 0.0)) for q in held]
    )


def _doc_leaf(schema: Schema, leaf: Leaf, expansions: Expansions) -> Query:
    if leaf.kind == "prefix":
        exact = _any([_leaf_query(schema, leaf, name) for name in SEARCH_FIELDS])
        in_title = Query.const_score_query(_leaf_query(schema, leaf, "title"), TITLE_BOOST)
        stems = expansions.get(leaf.first, ())[:MAX_PREFIX_RANKING]
        ranking = [in_title] + [Query.term_query(schema, "text", stem) for stem in stems]
        return Query.boolean_query(
            [(Occur.Must, Query.const_score_query(exact, 0.0))]
            + [(Occur.Should, query) for query in ranking]
        )
    title = Query.boost_query(_leaf_query(schema, leaf, "title"), TITLE_BOOST)
    return _any([title, _leaf_query(schema, leaf, "text")])


def _all(queries: list[Query]) -> Query:
    return (
        queries[0] if len(queries) == 1 else Query.boolean_query([(Occur.Must, q) for q in queries])
    )


def _any(queries: list[Query]) -> Query:
    return (
        queries[0]
        if len(queries) == 1
        else Query.boolean_query([(Occur.Should, q) for q in queries])
    )


def _clause(schema: Schema, alternatives: tuple[Alternative, ...], expansions: Expansions) -> Query:
    return _any(
        [_all([_doc_leaf(schema, leaf, expansions) for leaf in alt]) for alt in alternatives]
    )


def filter_queries(schema: Schema, filters: Filters) -> list[Query]:
    """Restrictions: OR within a filter, AND across filters, dates inclusive (`filter_keys`)."""
    out = [Query.term_query(schema, KIND, KIND_DOC)]
    for fields, terms in filter_clauses(filters):
        if not terms:
            out.append(Query.empty_query())
            continue
        out.append(_any([Query.term_set_query(schema, name, terms) for name in fields]))
    window = date_window(filters)
    if window is None:
        out.append(Query.empty_query())
    elif window != (None, None):
        low, high = window
        out.append(
            Query.range_query(
                schema,
                "date",
                FieldType.Date,
                lower_bound=_midnight(low) if low is not None else None,
                upper_bound=_midnight(high) if high is not None else None,
            )
        )
    return out


def date_window(filters: Filters) -> tuple[dt.date | None, dt.date | None] | None:
    """The date bounds to search, moved into the dates the index holds; None: nothing matches.

    tantivy keeps dates as nanoseconds in an i64 (about 1677-09-21..2262-04-11) and refuses a
    bound outside that range; documents are indexed only with dates MIN_DATE..MAX_DATE. So a
    bound beyond those dates is moved onto them, which keeps the result exact: `date_from`
    before MIN_DATE keeps every dated document (and, as any date filter, no undated one),
    `date_from` after MAX_DATE or `date_to` before MIN_DATE (or `date_from` after `date_to`)
    matches nothing.
    """
    low, high = filters.date_from, filters.date_to
    if low is not None and high is not None and low > high:
        return None
    if (low is not None and low > MAX_DATE) or (high is not None and high < MIN_DATE):
        return None
    return (
        max(low, MIN_DATE) if low is not None else None,
        min(high, MAX_DATE) if high is not None else None,
    )


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def doc_query(
    schema: Schema,
    compiled: AnalysedQuery,
    filters: Filters,
    expansions: Expansions,
    exclude_ids: Sequence[str] = (),
) -> Query:
    """Documents matching the query and filters, none of `exclude_ids`; `expansions` (of
    required prefixes) rank them."""
    subqueries: list[tuple[Occur, Query]] = [
        (Occur.Must, Query.const_score_query(q, 0.0)) for q in filter_queries(schema, filters)
    ]
    subqueries += [(Occur.Must, _clause(schema, alts, expansions)) for alts in compiled.required]
    subqueries += [(Occur.MustNot, _clause(schema, alts, {})) for alts in compiled.excluded]
    if exclude_ids:
        subqueries.append((Occur.MustNot, Query.term_set_query(schema, ID, list(exclude_ids))))
    return Query.boolean_query(subqueries)


def expand_prefixes(
    searcher: Searcher, schema: Schema, compiled: AnalysedQuery, doc_ids: list[str] | None = None
) -> Expansions:
    """For each required prefix: stems of the indexed words starting with it, most frequent first.

    Looks at the first `MAX_PREFIX_EXPANSION` words in term order (in the documents `doc_ids`
    only, if given). The stems rank documents and pick pages; matching itself stays exact
    through the regex on the folded field.
    """
    only = Query.term_set_query(schema, ID, doc_ids) if doc_ids else None
    out: dict[str, tuple[str, ...]] = {}
    for prefix in compiled.highlight_prefixes:
        words = searcher.terms_with_prefix(
            folded_name("text"), prefix, filter_query=only, limit=MAX_PREFIX_EXPANSION
        )
        words.sort(key=lambda word: -word[1])
        out[prefix] = tuple(dict.fromkeys(s for word, _ in words for s in analysis.stems(word)))
    return out


def page_query(
    schema: Schema, compiled: AnalysedQuery, doc_ids: list[str], expansions: Expansions
) -> Query | None:
    """Pages of the documents `doc_ids` matching any required leaf; None if nothing could."""
    matchers: list[Query] = []
    for leaf in compiled.leaves:
        if leaf.kind == "prefix":
            stems = expansions.get(leaf.first, ())
            matchers += [Query.term_query(schema, PAGE_TEXT, s) for s in stems]
        else:
            matchers.append(_leaf_query(schema, leaf, PAGE_TEXT))
    if not matchers or not doc_ids:
        return None
    restrict = Query.boolean_query(
        [
            (Occur.Must, Query.term_set_query(schema, ID, doc_ids)),
            (Occur.Must, Query.term_query(schema, KIND, KIND_PAGE)),
        ]
    )
    return Query.boolean_query(
        [(Occur.Must, Query.const_score_query(restrict, 0.0)), (Occur.Must, _any(matchers))]
    )


__all__ = [
    "Expansions",
    "date_window",
    "doc_query",
    "expand_prefixes",
    "filter_queries",
    "page_query",
]
