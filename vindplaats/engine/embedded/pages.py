"""The best pages of the hits shown, with snippets.

One page search covers the whole page of hits: the pages of those documents matching any
required word, scored by BM25, grouped per document through the `doc_key` fast field, and the
`per_hit` best of each kept (ties: page order). Only the pages kept are loaded, for snippets.
A prefix matches pages through the words starting with it in those documents (the first
`MAX_PREFIX_EXPANSION` in term order); a hit for which that finds no page gets a second search
over its own words only.
"""

from __future__ import annotations

from tantivy import DocAddress, Schema, Searcher

from vindplaats.engine.base import Hit, PageHit
from vindplaats.engine.embedded.compile import Expansions, expand_prefixes, page_query
from vindplaats.engine.embedded.schema import DOC_KEY, PAGE, PAGE_RAW, doc_key
from vindplaats.engine.snippets import Highlighter, make_snippet
from vindplaats.engine.terms import AnalysedQuery

Found = dict[int, list[tuple[float, DocAddress]]]  # doc_key -> pages, best first


def _search(
    searcher: Searcher,
    schema: Schema,
    compiled: AnalysedQuery,
    hits: list[Hit],
    expansions: Expansions,
) -> Found:
    query = page_query(schema, compiled, [hit.id for hit in hits], expansions)
    if query is None:
        return {}
    limit = max(1, sum(hit.page_count for hit in hits))
    pages = searcher.search(query, limit=limit, count=False).hits
    keys = searcher.fast_field_values(DOC_KEY, [address for _, address in pages])
    found: Found = {}
    for (score, address), key in zip(pages, keys, strict=True):
        if isinstance(key, int):
            found.setdefault(key, []).append((score, address))
    return found


def attach_best_pages(
    searcher: Searcher, schema: Schema, compiled: AnalysedQuery, hits: list[Hit], per_hit: int
) -> None:
    """Set `hit.pages` of every hit to its `per_hit` best pages with snippets."""
    if not hits or per_hit < 1 or not compiled.leaves:
        return
    expansions = expand_prefixes(searcher, schema, compiled, [hit.id for hit in hits])
    found = _search(searcher, schema, compiled, hits, expansions)
    if expansions:
        for hit in hits:
            if doc_key(hit.id) not in found:
                own = expand_prefixes(searcher, schema, compiled, [hit.id])
                found.update(_search(searcher, schema, compiled, [hit], own))
    highlighter = Highlighter(compiled.highlight_stems, compiled.highlight_prefixes)
    for hit in hits:
        hit.pages = []
        for score, address in found.get(doc_key(hit.id), [])[:per_hit]:
            page = searcher.doc(address).to_dict()
            text = bytes(page[PAGE_RAW][0]).decode("utf-8")
            snippet = make_snippet(text, highlighter)
            hit.pages.append(PageHit(number=page[PAGE][0], score=score, snippet=snippet))


__all__ = ["attach_best_pages"]
