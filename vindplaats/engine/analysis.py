"""The words of the query language: Dutch word forms every engine indexes and searches by.

Two forms of text, the same for every engine (the Elasticsearch template mirrors them):

- stemmed (all searchable text): split on non-alphanumerics, drop tokens of `MAX_TOKEN_BYTES`
  bytes or more (extraction junk), lowercase, ASCII folding (`Zoëtermeer` -> `zoetermeer`) and the
  Dutch Snowball stemmer (`begrotingen` -> same term as `begroting`);
- folded (the same without stemming): for `prefix*` queries, which must match the words as
  written, not their stems (the Dutch stemmer turns `gemeente` into `meen`).

The analysers are built with the `tantivy` library's text analysis (a library, not an engine:
Elasticsearch's template is tested to give the same terms). The embedded engine registers the
same analysers on its index (`vindplaats.engine.embedded.analysis`); the native analyser
(`native/vindplaats_text`: document text at indexing, the marked words of snippets) is built
from the same crates and tested to give the same terms.
"""

from __future__ import annotations

import re

from tantivy import Filter, TextAnalyzer, TextAnalyzerBuilder, Tokenizer

MAX_TOKEN_BYTES = 64

# The words the `simple` tokenizer produces: runs of alphanumeric characters.
WORD_RE = re.compile(r"[^\W_]+")


def build_analyzer(*, stem: bool) -> TextAnalyzer:
    """The stemmed (`stem`) or folded analyser, new."""
    builder = (
        TextAnalyzerBuilder(Tokenizer.simple())
        .filter(Filter.remove_long(MAX_TOKEN_BYTES))
        .filter(Filter.lowercase())
        .filter(Filter.ascii_fold())
    )
    if stem:
        builder = builder.filter(Filter.stemmer("dutch"))
    return builder.build()


_STEMMER = build_analyzer(stem=True)
_FOLDER = build_analyzer(stem=False)


def stems(text: str) -> list[str]:
    """The indexed terms of `text` (what a stemmed field holds)."""
    return list(_STEMMER.analyze(text))


def stems_with_positions(text: str) -> list[tuple[int, str]]:
    """Terms of `text` with their token positions (gaps where a token was dropped)."""
    return [(token.position, token.text) for token in _STEMMER.pre_tokenize(text).tokens]


def folded(text: str) -> list[str]:
    """The terms of `text` in a folded field: lowercased and ASCII-folded, not stemmed."""
    return list(_FOLDER.analyze(text))


__all__ = [
    "MAX_TOKEN_BYTES",
    "WORD_RE",
    "build_analyzer",
    "folded",
    "stems",
    "stems_with_positions",
]
