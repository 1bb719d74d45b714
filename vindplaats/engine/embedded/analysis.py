"""The analysers of the embedded index: the shared Dutch word forms, registered by name.

Two analysers, registered on the index under `STEMMED` (all searchable text) and `FOLDED`
(the `__folded` twins, for `prefix*`); what they do is the query language's word forms
(`vindplaats.engine.analysis`). `RAW` keeps a keyword field as one term.
"""

from __future__ import annotations

from tantivy import Index

from vindplaats.engine.analysis import build_analyzer

STEMMED = "nl_stemmed"
FOLDED = "nl_folded"
RAW = "raw"


def register_analyzers(index: Index) -> None:
    """Analysers live in memory only: every process must register them after opening the index."""
    index.register_tokenizer(STEMMED, build_analyzer(stem=True))
    index.register_tokenizer(FOLDED, build_analyzer(stem=False))


__all__ = ["FOLDED", "RAW", "STEMMED", "register_analyzers"]
