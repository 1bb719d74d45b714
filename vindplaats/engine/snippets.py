"""Highlighted snippets of one page: HTML-escaped text with `<mark>` around matching words.

A word matches when its stem is one of the query's stems (so `begrotingen` is marked for the
query `begroting`) or its folded form starts with one of the query's prefixes. The snippet is
the window of about `SNIPPET_CHARS` characters holding the most distinct matching words (then the
most matches), widened to word boundaries, with `…` where the page text is cut. A page without
any matching word yields its opening text.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import Any

from vindplaats.engine.analysis import MAX_TOKEN_BYTES
from vindplaats.engine.native_text import native_text

SNIPPET_CHARS = 240
ELLIPSIS = "…"


_Match = tuple[int, int, str]  # start, end, what it matched


@dataclass(frozen=True)
class Highlighter:
    """What to mark: words with one of `stems`, or whose folded form starts with a prefix.

    Pages are read by the native analyser (`native/vindplaats_text`: the index's own tokenizer,
    folding and stemmer), which remembers its decision per word, so one highlighter serves all
    pages of one search.
    """

    stems: frozenset[str]
    prefixes: tuple[str, ...] = ()
    _marker: list[tuple[Any, list[str]]] = field(default_factory=list, compare=False, repr=False)

    def matches(self, text: str) -> list[_Match]:
        """Matching words of `text`, in order: (start, end, what it matched), in characters."""
        if not self._marker:
            marker = native_text().Marker(sorted(self.stems), list(self.prefixes), MAX_TOKEN_BYTES)
            self._marker.append((marker, marker.keys()))
        marker, keys = self._marker[0]
        return [(start, end, keys[key]) for start, end, key in marker.marks(text)]


def _best_window(matches: list[_Match], width: int) -> tuple[int, int]:
    """Index range [i, j) of the matches in the best window of `width` characters."""
    best = (0, 1)
    best_rank = (0, 0)
    j = 0
    for i, first in enumerate(matches):
        j = max(j, i + 1)
        while j < len(matches) and matches[j][1] - first[0] <= width:
            j += 1
        rank = (len({m[2] for m in matches[i:j]}), j - i)
        if rank > best_rank:
            best, best_rank = (i, j), rank
    return best


def _widen(text: str, start: int, end: int, width: int) -> tuple[int, int]:
    """Centre [start, end) in a window of about `width` characters, cut at whitespace."""
    slack = max(0, width - (end - start))
    lo = max(0, start - slack // 2)
    hi = min(len(text), max(end, lo + width))
    lo = max(0, min(lo, hi - width))
    if lo > 0:
        space = text.rfind(" ", 0, lo + 1)
        lo = space + 1 if space >= 0 and lo - space < 40 else lo
    if hi < len(text):
        space = text.find(" ", hi)
        hi = space if 0 <= space - hi < 40 else hi
    return lo, hi


def make_snippet(text: str, highlighter: Highlighter, width: int = SNIPPET_CHARS) -> str:
    """The best window of `text` as HTML: escaped text, matches wrapped in `<mark>`."""
    text = " ".join(text.split())
    matches = highlighter.matches(text)
    if matches:
        i, j = _best_window(matches, width)
        lo, hi = _widen(text, matches[i][0], matches[j - 1][1], width)
        shown = [m for m in matches if lo <= m[0] and m[1] <= hi]
    else:
        lo, hi = _widen(text, 0, 0, width)
        shown = []
    parts = [ELLIPSIS] if lo > 0 else []
    cursor = lo
    for start, end, _ in shown:
        parts.append(html.escape(text[cursor:start]))
        parts.append(f"<mark>{html.escape(text[start:end])}</mark>")
        cursor = end
    parts.append(html.escape(text[cursor:hi]))
    if hi < len(text):
        parts.append(ELLIPSIS)
    return "".join(parts)


__all__ = ["SNIPPET_CHARS", "Highlighter", "make_snippet"]
