"""From a `ParsedQuery` and `Filters` to tantivy queries, built term by term (no tantivy parser).

Each user term is analysed into leaves: a `term` (one stem), a `phrase` (stems with positions)
or a `prefix` (folded, unstemmed). A word the analyzer splits (`woningbouw-plannen`) becomes
several leaves that must all match; a term with no tokens at all (`%%%`) disappears.

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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from tantivy import FieldType, Occur, Query, Schema, Searcher

from vindplaats.engine import analysis
from vindplaats.engine.base import Filters
from vindplaats.engine.filter_keys import filter_clauses
from vindplaats.engine.query import ParsedQuery, Term
from vindplaats.engine.tantivy_docs import MAX_DATE, MIN_DATE
from vindplaats.engine.tantivy_schema import (
    ID,
    KIND,
    KIND_DOC,
    KIND_PAGE,
    PAGE_TEXT,
    folded_name,
)

TITLE_BOOST = 3.0
MIN_PREFIX = 2  # shorter prefixes are searched as plain words
MAX_PREFIX_EXPANSION = 64  # indexed words a prefix is expanded to (for ranking, not matching)
MAX_PREFIX_RANKING = 16  # of which the most frequent rank documents by BM25
SEARCH_FIELDS = ("title", "text")

LeafKind = Literal["term", "phrase", "prefix"]


@dataclass(frozen=True)
class Leaf:
    kind: LeafKind
    tokens: tuple[tuple[int, str], ...]  # (position, token); one token unless a phrase

    @property
    def first(self) -> str:
        return self.tokens[0][1]


Alternative = tuple[Leaf, ...]  # all leaves must match
Expansions = dict[str, tuple[str, ...]]  # prefix -> stems of the indexed words it covers


@dataclass(frozen=True)
class CompiledQuery:
    required: tuple[tuple[Alternative, ...], ...] = ()  # each: at least one alternative matches
    excluded: tuple[tuple[Alternative, ...], ...] = ()
    leaves: tuple[Leaf, ...] = field(default=())  # every leaf of `required`, deduplicated

    @property
    def scored(self) -> bool:
        """True when the query has terms to rank by; otherwise every hit scores the same."""
        return bool(self.required)

    @property
    def highlight_stems(self) -> frozenset[str]:
        return frozenset(t for leaf in self.leaves if leaf.kind != "prefix" for _, t in leaf.tokens)

    @property
    def highlight_prefixes(self) -> tuple[str, ...]:
        return tuple(leaf.first for leaf in self.leaves if leaf.kind == "prefix")


def _leaves(term: Term) -> Alternative:
    if term.kind == "phrase":
        tokens = analysis.stems_with_positions(term.text)
        if len(tokens) > 1:
            start = tokens[0][0]
            return (Leaf("phrase", tuple((pos - start, tok) for pos, tok in tokens)),)
        return tuple(Leaf("term", ((0, tok),)) for _, tok in tokens)
    if term.kind == "prefix":
        folded = analysis.folded(term.text)
        if not folded or len(folded[-1]) < MIN_PREFIX or not term.text[-1].isalnum():
            return _leaves(Term("word", term.text))
        head = analysis.stems(" ".join(folded[:-1])) if len(folded) > 1 else []
        return (*(Leaf("term", ((0, s),)) for s in head), Leaf("prefix", ((0, folded[-1]),)))
    return tuple(Leaf("term", ((0, s),)) for s in analysis.stems(term.text))


def compile_query(parsed: ParsedQuery) -> CompiledQuery:
    def alternatives(clause_terms: Iterable[Term]) -> tuple[Alternative, ...]:
        return tuple(alt for alt in (_leaves(t) for t in clause_terms) if alt)

    required = [a for a in (alternatives(c.alternatives) for c in parsed.required) if a]
    excluded = [a for a in (alternatives(c.alternatives) for c in parsed.excluded) if a]
    leaves = dict.fromkeys(leaf for clause in required for alt in clause for leaf in alt)
    return CompiledQuery(tuple(required), tuple(excluded), tuple(leaves))


def _leaf_query(schema: Schema, leaf: Leaf, name: str) -> Query:
    if leaf.kind == "prefix":
        pattern = re.escape(leaf.first) + ".*"
        return Query.regex_query(schema, folded_name(name), pattern)
    if leaf.kind == "phrase":
        return Query.phrase_query(schema, name, list(leaf.tokens))
    return Query.term_query(schema, name, leaf.first)


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
    compiled: CompiledQuery,
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
    searcher: Searcher, schema: Schema, compiled: CompiledQuery, doc_ids: list[str] | None = None
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
    schema: Schema, compiled: CompiledQuery, doc_ids: list[str], expansions: Expansions
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
    "TITLE_BOOST",
    "CompiledQuery",
    "Leaf",
    "compile_query",
    "date_window",
    "doc_query",
    "expand_prefixes",
    "filter_queries",
    "page_query",
]
