"""The analysers of the embedded index: the shared Dutch word forms, registered by name.

Two analysers, registered on the index under `STEMMED` (titles) and `FOLDED` (their `__folded`
twins, for `prefix*`); what they do is the query language's word forms
(`vindplaats.engine.analysis`). Document text comes analysed already (`native`) and is only
split on whitespace (`PRE_ANALYSED`). `RAW` keeps a keyword field as one term.
"""

from __future__ import annotations

from tantivy import Index, TextAnalyzerBuilder, Tokenizer

from vindplaats.engine.analysis import build_analyzer

STEMMED = "nl_stemmed"
FOLDED = "nl_folded"
RAW = "raw"
PRE_ANALYSED = "pre_analysed"


def register_analyzers(index: Index) -> None:
    """Analysers live in memory only: every process must register them after opening the index."""
    index.register_tokenizer(STEMMED, build_analyzer(stem=True))
    index.register_tokenizer(FOLDED, build_analyzer(stem=False))
    index.register_tokenizer(PRE_ANALYSED, TextAnalyzerBuilder(Tokenizer.whitespace()).build())


__all__ = ["FOLDED", "PRE_ANALYSED", "RAW", "STEMMED", "register_analyzers"]
