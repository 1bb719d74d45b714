"""The user query language, parsed into a small engine-neutral tree.

Syntax (the same for every engine):

- `word word`: every clause must match (AND);
- `"exact phrase"`: the words in this order;
- `-word`, `-"phrase"`: must not match;
- `a | b`: either matches; `|` binds tighter than the implicit AND, so `raad motie | amendement`
  means `raad AND (motie OR amendement)`;
- `prefix*`: any word starting with `prefix`.

Parsing never fails: syntax that makes no sense degrades to plain words. An unmatched `"` is
ignored, a lone `-` or `*` is ignored, a `|` without a term on both sides is ignored, and a
negation inside an `|` group is dropped (the term stays, as an alternative). Characters other
than `"`, `|`, a leading `-` and a trailing `*` have no meaning here; each engine's analyzer
splits words on them (so `title:begroting` is the two words `title` and `begroting`).

Rules every engine honours when it compiles a parsed query (`vindplaats.engine.terms` analyses
it into word forms; each engine turns those into its own queries):

- a match in the title counts `TITLE_BOOST` times a match in the text;
- a `prefix*` shorter than `MIN_PREFIX` characters (folded) is searched as a plain word;
- a prefix ranks documents and pages by the first `MAX_PREFIX_EXPANSION` indexed words it
  covers (in term order); matching itself takes every word with that start.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

TermKind = Literal["word", "phrase", "prefix"]

TITLE_BOOST = 3.0
MIN_PREFIX = 2  # shorter prefixes are searched as plain words
MAX_PREFIX_EXPANSION = 64  # indexed words a prefix is expanded to (for ranking, not matching)


@dataclass(frozen=True)
class Term:
    """One term as the user typed it (not analysed); `prefix` terms exclude the `*`."""

    kind: TermKind
    text: str


@dataclass(frozen=True)
class Clause:
    """Alternatives of which at least one must match (or, if `negated`, none may match)."""

    alternatives: tuple[Term, ...]
    negated: bool = False


@dataclass(frozen=True)
class ParsedQuery:
    clauses: tuple[Clause, ...] = ()

    @property
    def required(self) -> tuple[Clause, ...]:
        return tuple(c for c in self.clauses if not c.negated)

    @property
    def excluded(self) -> tuple[Clause, ...]:
        return tuple(c for c in self.clauses if c.negated)

    @property
    def is_empty(self) -> bool:
        return not self.clauses


@dataclass(frozen=True)
class _Item:
    term: Term
    negated: bool


_OR = "|"


def _scan(text: str) -> list[_Item | str]:
    """Split into items and `|` markers; quotes pair left to right, an odd last one is dropped."""
    if text.count('"') % 2:
        cut = text.rindex('"')
        text = text[:cut] + " " + text[cut + 1 :]
    out: list[_Item | str] = []
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        if char.isspace():
            i += 1
        elif char == _OR:
            out.append(_OR)
            i += 1
        elif char == '"' or (char == "-" and text.startswith('"', i + 1)):
            negated = char == "-"
            start = i + 2 if negated else i + 1
            end = text.index('"', start)
            phrase = " ".join(text[start:end].split())
            if phrase:
                out.append(_Item(Term("phrase", phrase), negated))
            i = end + 1
        else:
            end = i
            while end < n and not text[end].isspace() and text[end] not in '"|':
                end += 1
            item = _word(text[i:end])
            if item is not None:
                out.append(item)
            i = end
    return out


def _word(raw: str) -> _Item | None:
    negated = raw.startswith("-")
    body = raw.lstrip("-")
    if body.endswith("*"):
        body = body.rstrip("*")
        return _Item(Term("prefix", body), negated) if body else None
    return _Item(Term("word", body), negated) if body else None


def _group(items: list[_Item | str]) -> list[list[_Item]]:
    """Join items separated by `|` into groups; stray `|` markers are dropped."""
    groups: list[list[_Item]] = []
    pending_or = False
    for item in items:
        if isinstance(item, str):
            pending_or = bool(groups)
            continue
        if pending_or:
            groups[-1].append(item)
        else:
            groups.append([item])
        pending_or = False
    return groups


def parse_query(text: str) -> ParsedQuery:
    """Parse user input; never raises, see the module docstring for the rules."""
    text = text.encode("utf-8", "replace").decode("utf-8")  # lone surrogates become `?`
    clauses: list[Clause] = []
    for group in _group(_scan(text)):
        if len(group) == 1:
            clauses.append(Clause((group[0].term,), negated=group[0].negated))
        else:
            unique = tuple(dict.fromkeys(item.term for item in group))
            clauses.append(Clause(unique))
    return ParsedQuery(tuple(clauses))


__all__ = [
    "MAX_PREFIX_EXPANSION",
    "MIN_PREFIX",
    "TITLE_BOOST",
    "Clause",
    "ParsedQuery",
    "Term",
    "TermKind",
    "parse_query",
]
