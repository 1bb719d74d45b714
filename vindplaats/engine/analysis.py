"""Dutch text analysis for the embedded engine: the analyzers and cached word lookups.

Two analyzers, registered on the index under `STEMMED` and `FOLDED`:

- `STEMMED` (all searchable text): split on non-alphanumerics, drop tokens of `MAX_TOKEN_BYTES`
  bytes or more (extraction junk), lowercase, ASCII folding (`Zoëtermeer` -> `zoetermeer`) and the
  Dutch Snowball stemmer (`begrotingen` -> same term as `begroting`);
- `FOLDED` (the same without stemming): for `prefix*` queries, which must match the words as
  written, not their stems (the Dutch stemmer turns `gemeente` into `meen`).

`word_forms` gives the (folded, stemmed) forms of one word through the same analyzers, cached,
so snippets can decide which words of a page match a query without re-tokenising whole pages.
"""

from __future__ import annotations

import re
from functools import lru_cache

from tantivy import Filter, Index, TextAnalyzer, TextAnalyzerBuilder, Tokenizer

STEMMED = "nl_stemmed"
FOLDED = "nl_folded"
RAW = "raw"
MAX_TOKEN_BYTES = 64

# The words the `simple` tokenizer produces: runs of alphanumeric characters.
WORD_RE = re.compile(r"[^\W_]+")


def _build(stem: bool) -> TextAnalyzer:
    builder = (
        TextAnalyzerBuilder(Tokenizer.simple())
        .filter(Filter.remove_long(MAX_TOKEN_BYTES))
        .filter(Filter.lowercase())
        .filter(Filter.ascii_fold())
    )
    if stem:
        builder = builder.filter(Filter.stemmer("dutch"))
    return builder.build()


_STEMMER = _build(stem=True)
_FOLDER = _build(stem=False)


def register_analyzers(index: Index) -> None:
    """Analyzers live in memory only: every process must register them after opening the index."""
    index.register_tokenizer(STEMMED, _build(stem=True))
    index.register_tokenizer(FOLDED, _build(stem=False))


def stems(text: str) -> list[str]:
    """The indexed terms of `text` (what a `STEMMED` field holds)."""
    return list(_STEMMER.analyze(text))


def stems_with_positions(text: str) -> list[tuple[int, str]]:
    """Terms of `text` with their token positions (gaps where a token was dropped)."""
    return [(token.position, token.text) for token in _STEMMER.pre_tokenize(text).tokens]


def folded(text: str) -> list[str]:
    """The terms of `text` in a `FOLDED` field: lowercased and ASCII-folded, not stemmed."""
    return list(_FOLDER.analyze(text))


@lru_cache(maxsize=200_000)
def word_forms(word: str) -> tuple[str, str] | None:
    """(folded, stemmed) form of one word as `WORD_RE` finds it; None if the analyzer drops it."""
    fold = _FOLDER.analyze(word)
    if len(fold) != 1:
        return None
    stem = _STEMMER.analyze(word)
    return fold[0], stem[0] if stem else fold[0]


__all__ = [
    "FOLDED",
    "MAX_TOKEN_BYTES",
    "RAW",
    "STEMMED",
    "WORD_RE",
    "folded",
    "register_analyzers",
    "stems",
    "stems_with_positions",
    "word_forms",
]
