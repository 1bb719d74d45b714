"""Each page's text analysed once, for every field of the index that holds it.

`analyse` runs the native analyser (`native/vindplaats_text`, built by `scripts/bootstrap`) over
a batch of documents on all cores: the Dutch word forms of `vindplaats.engine.analysis`, from
the same tokenizer, filters and stemmer, returned as terms separated by spaces, which the index
splits on whitespace only (`PRE_ANALYSED`). Per document it gives each page's stems (one per
position, `GAP` where a too-long token was dropped), the distinct folded words (for `prefix*`)
and the common grams (`vindplaats.engine.common_words`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from vindplaats.engine.analysis import MAX_TOKEN_BYTES
from vindplaats.engine.common_words import COMMON_STEMS
from vindplaats.engine.native_text import native_text

GAP = "_"  # the term in place of a dropped token (the tokenizer never makes one)


@dataclass(frozen=True)
class Analysed:
    pages: list[str]  # per page, its stems separated by spaces
    folded: str  # the document's distinct folded words
    grams: str  # the document's common grams, once per occurrence


_analyser = None


def analyse(documents: Sequence[Sequence[str]]) -> list[Analysed]:
    """The pre-analysed text of each document (given as its pages' texts), in order."""
    global _analyser
    if _analyser is None:
        _analyser = native_text().Analyser(list(COMMON_STEMS), MAX_TOKEN_BYTES)
    return [Analysed(p, f, g) for p, f, g in _analyser.analyse([list(d) for d in documents])]


__all__ = ["GAP", "Analysed", "analyse"]
