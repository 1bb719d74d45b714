"""A parsed query analysed into word forms: what every engine searches for, and marks.

Each user term (`vindplaats.engine.query`) becomes leaves through the shared Dutch analysis
(`vindplaats.engine.analysis`): a `term` (one stem), a `phrase` (stems with positions) or a
`prefix` (folded, unstemmed). A word the analyser splits (`woningbouw-plannen`) becomes several
leaves that must all match; a term with no tokens at all (`%%%`) disappears; a `prefix*`
shorter than `MIN_PREFIX` (or ending in a non-word character) is a plain word.

The query is parsed once; each engine compiles these leaves into its own queries, and snippets
and the reader mark the words `highlight_stems` and `highlight_prefixes` name.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from vindplaats.engine import analysis
from vindplaats.engine.query import MIN_PREFIX, ParsedQuery, Term

LeafKind = Literal["term", "phrase", "prefix"]


@dataclass(frozen=True)
class Leaf:
    kind: LeafKind
    tokens: tuple[tuple[int, str], ...]  # (position, token); one token unless a phrase

    @property
    def first(self) -> str:
        return self.tokens[0][1]


Alternative = tuple[Leaf, ...]  # all leaves must match


@dataclass(frozen=True)
class AnalysedQuery:
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


def analyse_query(parsed: ParsedQuery) -> AnalysedQuery:
    """The leaves of every clause of `parsed`; clauses left without any are dropped."""

    def alternatives(clause_terms: Iterable[Term]) -> tuple[Alternative, ...]:
        return tuple(alt for alt in (_leaves(t) for t in clause_terms) if alt)

    required = [a for a in (alternatives(c.alternatives) for c in parsed.required) if a]
    excluded = [a for a in (alternatives(c.alternatives) for c in parsed.excluded) if a]
    leaves = dict.fromkeys(leaf for clause in required for alt in clause for leaf in alt)
    return AnalysedQuery(tuple(required), tuple(excluded), tuple(leaves))


__all__ = ["Alternative", "AnalysedQuery", "Leaf", "LeafKind", "analyse_query"]
