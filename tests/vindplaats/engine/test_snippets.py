"""Snippets: the best window of a page, HTML-escaped, with `<mark>` around matching words."""

from __future__ import annotations

from vindplaats.engine.snippets import SNIPPET_CHARS, Highlighter, make_snippet

BEGROTING = Highlighter(frozenset({"begroot"}))


def test_marks_inflections_and_escapes_the_rest() -> None:
    snippet = make_snippet('De "begrotingen" <script> & Begroting.', BEGROTING)
    assert snippet == (
        "De &quot;<mark>begrotingen</mark>&quot; &lt;script&gt; &amp; <mark>Begroting</mark>."
    )


def test_prefixes_mark_words_as_written() -> None:
    highlighter = Highlighter(frozenset(), ("gemeen",))
    assert make_snippet("De Gemeenteraad en de gemeente.", highlighter) == (
        "De <mark>Gemeenteraad</mark> en de <mark>gemeente</mark>."
    )


def test_a_long_page_is_cut_around_the_densest_window() -> None:
    before = "woorden " * 100
    after = " tekst" * 100
    snippet = make_snippet(f"{before}de begroting en de begrotingen{after}", BEGROTING)
    assert snippet.startswith("…") and snippet.endswith("…")
    assert snippet.count("<mark>") == 2
    plain = snippet.replace("<mark>", "").replace("</mark>", "")
    assert len(plain) <= SNIPPET_CHARS + 42
    assert " begroting en de begrotingen " in plain


def test_without_a_match_the_page_opening_is_shown() -> None:
    snippet = make_snippet("Eerste zin.\n\nTweede   zin. " + "meer " * 200, BEGROTING)
    assert snippet.startswith("Eerste zin. Tweede zin. meer")
    assert snippet.endswith("…") and "<mark>" not in snippet


def test_short_page_is_shown_whole() -> None:
    assert make_snippet("begroting", BEGROTING) == "<mark>begroting</mark>"
    assert make_snippet("", BEGROTING) == ""
