"""The words of a search query marked in a page's whole text, as search marks them in snippets.

The query is read by the search syntax (`vindplaats.engine.query`) and analysed as the engine
analyses it (Dutch stems, ASCII folding, `prefix*`), so `?q=begroting` marks "begrotingen" and
"Begroting" on the page as the search hit's snippet does. Excluded words (`-word`) are not marked.
Everything is HTML-escaped first; only the `<mark>` elements are ours.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

from vindplaats.engine.query import parse_query
from vindplaats.engine.snippets import Highlighter
from vindplaats.engine.terms import analyse_query

MAX_QUERY_CHARS = 1000


@dataclass(frozen=True)
class MarkedText:
    """A page's text as safe HTML with the query's words in `<mark>`, and how many there are."""

    html: Markup
    hits: int


def query_highlighter(query: str | None) -> Highlighter | None:
    """What `query` marks; None when it has no words to mark (empty, only exclusions)."""
    if not query or not query.strip():
        return None
    compiled = analyse_query(parse_query(query[:MAX_QUERY_CHARS]))
    if not compiled.leaves:
        return None
    return Highlighter(compiled.highlight_stems, compiled.highlight_prefixes)


def mark_text(text: str, highlighter: Highlighter | None) -> MarkedText:
    """`text` escaped, with every word `highlighter` matches wrapped in `<mark>`."""
    if highlighter is None or not text:
        return MarkedText(escape(text), 0)
    matches = highlighter.matches(text)
    parts: list[str] = []
    cursor = 0
    for start, end, _ in matches:
        parts.append(str(escape(text[cursor:start])))
        parts.append(f"<mark>{escape(text[start:end])}</mark>")
        cursor = end
    parts.append(str(escape(text[cursor:])))
    return MarkedText(Markup("".join(parts)), len(matches))


__all__ = ["MarkedText", "mark_text", "query_highlighter"]
