"""The common words whose pairs every engine indexes as one term: common grams.

A phrase of common words (`"de gemeente"`, `"van de raad"`) is slow to find from positions
alone: both words occur in nearly every document, so every position of both is compared. Like
Lucene's and Elasticsearch's `common_grams`, the index also holds, for two adjacent words of a
page where either is one of `WORDS`, the term `a_b` of their stems. A two-word phrase with a
gram is then one term, as rare as the pair itself; a longer phrase is its positions checked
only in the documents holding all its grams.

The grams are part of the index: changing `WORDS` (or the analyser's stems of them) needs a new
`GRAMS_VERSION`, which names a new index field, so an index built with other grams is refused
and rebuilt (`vindplaats index rebuild`) instead of silently missing phrases.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from vindplaats.engine import analysis

GRAMS_VERSION = 1
GRAM_JOIN = "_"  # stems are alphanumeric, so `a_b` is unambiguous

# The most frequent words of Dutch council text (function words, and the council's own).
WORDS = (
    *("de", "het", "een", "van", "en", "in", "op", "te", "dat", "die", "is", "voor", "met"),
    *("zijn", "aan", "er", "niet", "om", "door", "ook", "als", "bij", "naar", "of", "wordt"),
    *("nog", "dan", "deze", "dit", "over", "uit", "tot", "gemeente", "raad"),
)

COMMON_STEMS = tuple(sorted({stem for word in WORDS for stem in analysis.stems(word)}))
_COMMON = frozenset(COMMON_STEMS)


def gram(first: str, second: str) -> str:
    return first + GRAM_JOIN + second


def phrase_grams(tokens: Sequence[tuple[int, str]]) -> list[tuple[int, str]]:
    """The grams of a phrase's (position, stem) tokens: one per two adjacent tokens of which
    either is common, at the first one's position."""
    out = []
    for (pos, first), (next_pos, second) in pairwise(tokens):
        if next_pos == pos + 1 and (first in _COMMON or second in _COMMON):
            out.append((pos, gram(first, second)))
    return out


__all__ = ["COMMON_STEMS", "GRAMS_VERSION", "GRAM_JOIN", "WORDS", "gram", "phrase_grams"]
