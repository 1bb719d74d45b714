"""From a `ParsedQuery` and `Filters` to Elasticsearch query DSL, with the embedded engine's rules.

The user's terms are split the way `vindplaats.engine.terms` splits them (same analysis
functions, so the same words are dropped, and the same `prefix*` terms fall back to plain
words) into units:

- `words`: every word must occur, each in the title (boosted `TITLE_BOOST`) or the text
  (`multi_match` `cross_fields`, operator AND); Elasticsearch analyses the text itself, with
  the stems-only analyzer (`mapping.SEARCH_ANALYZER`), as the words need not be adjacent;
- `phrase`: the words in this order, in the title or the text (`match_phrase`); the fields'
  search analyzer turns a phrase with common words into its common grams, so `"de gemeente"`
  is the one term `de_meen` and a longer phrase checks positions only where all its grams are;
- `prefix`: a folded, unstemmed word start, on the `folded` sub-fields (constant score).

Document level (`doc_query`): every required clause must match, excluded clauses must not,
filters restrict without scoring (`filter`). Page level (`page_clause`): the pages matching any
unit of the required clauses, scored by BM25, collected per hit as `inner_hits` for the best pages
(a prefix ranks pages by its first `MAX_PREFIX_EXPANSION` words in term order, as the embedded
engine does); the clause is optional and adds nothing to the document score.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from vindplaats.engine import analysis
from vindplaats.engine.base import Filters, Sort
from vindplaats.engine.dates import MIN_DATE
from vindplaats.engine.elasticsearch.mapping import FOLDED, PAGE_TEXT, PAGES, SEARCH_ANALYZER
from vindplaats.engine.filter_keys import filter_clauses as keyword_clauses
from vindplaats.engine.query import (
    MAX_PREFIX_EXPANSION,
    MIN_PREFIX,
    TITLE_BOOST,
    ParsedQuery,
    Term,
)

Dsl = dict[str, Any]
UnitKind = Literal["words", "phrase", "prefix"]
PAGE_HITS = "pages"
# Where records without `added` sort in `added_desc`: before any moment the engines index (the
# engines' first day, which the embedded engine refuses for `added`), so last. A real
# moment, not `_last`: Elasticsearch cannot print the long `_last` stands for as a date when
# it reads it back from a cursor (`search_after`).
NEVER_ADDED = calendar.timegm(MIN_DATE.timetuple()) * 1000  # epoch ms, as ES sorts dates
_DOC_FIELDS = (f"title^{TITLE_BOOST:g}", "text")


@dataclass(frozen=True)
class Unit:
    kind: UnitKind
    text: str  # words or phrase as typed; for `prefix` the folded word start


Alternative = tuple[Unit, ...]  # every unit must match


@dataclass(frozen=True)
class Compiled:
    required: tuple[tuple[Alternative, ...], ...] = ()  # each: at least one alternative
    excluded: tuple[tuple[Alternative, ...], ...] = ()

    @property
    def scored(self) -> bool:
        return bool(self.required)

    @property
    def units(self) -> tuple[Unit, ...]:
        """Every unit of the required clauses, once (they pick the best pages)."""
        seen = dict.fromkeys(u for clause in self.required for alt in clause for u in alt)
        return tuple(seen)


def _units(term: Term) -> Alternative:
    """The units of one term; empty when the analyzer leaves nothing of it (`%%%`)."""
    if term.kind == "phrase":
        tokens = analysis.stems(term.text)
        if len(tokens) > 1:
            return (Unit("phrase", term.text),)
        return (Unit("words", term.text),) if tokens else ()
    if term.kind == "prefix":
        folded = analysis.folded(term.text)
        if not folded or len(folded[-1]) < MIN_PREFIX or not term.text[-1].isalnum():
            return _units(Term("word", term.text))
        head = " ".join(folded[:-1])
        words = (Unit("words", head),) if head and analysis.stems(head) else ()
        return (*words, Unit("prefix", folded[-1]))
    return (Unit("words", term.text),) if analysis.stems(term.text) else ()


def compile_terms(parsed: ParsedQuery) -> Compiled:
    def clause(terms: tuple[Term, ...]) -> tuple[Alternative, ...]:
        return tuple(alt for alt in (_units(t) for t in terms) if alt)

    required = [c for c in (clause(c.alternatives) for c in parsed.required) if c]
    excluded = [c for c in (clause(c.alternatives) for c in parsed.excluded) if c]
    return Compiled(tuple(required), tuple(excluded))


def _any(queries: list[Dsl]) -> Dsl:
    if len(queries) == 1:
        return queries[0]
    return {"bool": {"should": queries, "minimum_should_match": 1}}


def _all(queries: list[Dsl]) -> Dsl:
    return queries[0] if len(queries) == 1 else {"bool": {"must": queries}}


def _doc_unit(unit: Unit) -> Dsl:
    if unit.kind == "prefix":
        fields = ("title", "text")
        return _any([{"prefix": {f"{name}.{FOLDED}": {"value": unit.text}}} for name in fields])
    kind = "phrase" if unit.kind == "phrase" else "cross_fields"
    query: Dsl = {"query": unit.text, "type": kind, "fields": list(_DOC_FIELDS)}
    if kind == "cross_fields":
        query["operator"] = "and"
        query["analyzer"] = SEARCH_ANALYZER
    return {"multi_match": query}


def _doc_clause(alternatives: tuple[Alternative, ...]) -> Dsl:
    return _any([_all([_doc_unit(unit) for unit in alt]) for alt in alternatives])


def filter_clauses(filters: Filters) -> list[Dsl]:
    """Restrictions: OR within a filter, AND across filters, dates inclusive (`filter_keys`)."""
    out: list[Dsl] = []
    for fields, terms in keyword_clauses(filters):
        if not terms:
            out.append({"match_none": {}})
            continue
        out.append(_any([{"terms": {name: terms}} for name in fields]))
    low, high = filters.date_from, filters.date_to
    if low is not None and high is not None and low > high:
        out.append({"match_none": {}})
    elif low is not None or high is not None:
        bounds: Dsl = {"format": "strict_date"}
        if low is not None:
            bounds["gte"] = low.isoformat()
        if high is not None:
            bounds["lte"] = high.isoformat()
        out.append({"range": {"date": bounds}})
    return out


def _page_unit(unit: Unit) -> Dsl:
    field = f"{PAGES}.{PAGE_TEXT}"
    if unit.kind == "phrase":
        return {"match_phrase": {field: {"query": unit.text}}}
    if unit.kind == "words":
        return {"match": {field: {"query": unit.text, "analyzer": SEARCH_ANALYZER}}}
    folded = f"{field}.{FOLDED}"
    ranked = {"value": unit.text, "rewrite": f"top_terms_{MAX_PREFIX_EXPANSION}"}
    return _any(
        [
            {"prefix": {folded: ranked}},
            {"constant_score": {"filter": {"prefix": {folded: {"value": unit.text}}}, "boost": 0}},
        ]
    )


def page_clause(compiled: Compiled, per_hit: int) -> Dsl | None:
    """The optional nested clause that collects each hit's `per_hit` best pages."""
    units = compiled.units
    if per_hit < 1 or not units:
        return None
    return {
        "nested": {
            "path": PAGES,
            "score_mode": "max",
            "boost": 0,
            "query": _any([_page_unit(unit) for unit in units]),
            "inner_hits": {"name": PAGE_HITS, "size": per_hit},
        }
    }


def doc_query(
    compiled: Compiled, filters: Filters, pages: Dsl | None, exclude_ids: Sequence[str] = ()
) -> Dsl:
    """Documents matching the query and filters, none of `exclude_ids` (plus the optional page
    clause)."""
    query: Dsl = {}
    if clauses := filter_clauses(filters):
        query["filter"] = clauses
    if compiled.required:
        query["must"] = [_doc_clause(alts) for alts in compiled.required]
    excluded = [_doc_clause(alts) for alts in compiled.excluded]
    if exclude_ids:
        excluded.append({"terms": {"id": list(exclude_ids)}})
    if excluded:
        query["must_not"] = excluded
    if pages is not None:
        query["should"] = [pages]
        query["minimum_should_match"] = 0
    return {"bool": query}


def sort_clause(sort: Sort, scored: bool) -> list[Dsl]:
    """A total order: relevance (or id when unscored), date with undated last, or newest added
    first (`added`, records without it last), then id."""
    tie = {"id": {"order": "asc"}}
    if sort == "relevance":
        return [{"_score": {"order": "desc"}}, tie] if scored else [tie]
    if sort == "added_desc":
        return [{"added": {"order": "desc", "missing": NEVER_ADDED}}, tie]
    order = "desc" if sort == "date_desc" else "asc"
    return [{"date": {"order": order, "missing": "_last"}}, tie]


__all__ = [
    "PAGE_HITS",
    "Compiled",
    "Unit",
    "compile_terms",
    "doc_query",
    "filter_clauses",
    "page_clause",
    "sort_clause",
]
