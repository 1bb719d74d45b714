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


def test_offsets_count_characters_after_accents_and_wide_characters() -> None:
    text = "Café Zoëtermeer — “begrotingen” 東京 begroting"
    found = BEGROTING.matches(text)
    assert [text[start:end] for start, end, _ in found] == ["begrotingen", "begroting"]
    assert {key for _, _, key in found} == {"begroot"}


def test_words_as_written_in_any_case_and_folding_match() -> None:
    highlighter = Highlighter(frozenset({"zoetermeer"}), ("gemeen",))
    text = "ZOËTERMEER, Gemeentehuis;gemeente   x" + "y" * 70 + " gemeenten"
    found = highlighter.matches(text)
    assert [(text[s:e], key) for s, e, key in found] == [
        ("ZOËTERMEER", "zoetermeer"),
        ("Gemeentehuis", "gemeen"),
        ("gemeente", "gemeen"),
        ("gemeenten", "gemeen"),
    ]


def test_a_stem_is_preferred_to_a_prefix_and_the_first_prefix_wins() -> None:
    highlighter = Highlighter(frozenset({"begroot"}), ("begro", "be"))
    found = highlighter.matches("begroting begroeten bestuur")
    assert [key for _, _, key in found] == ["begroot", "begro", "be"]
    assert highlighter.matches("begroting") == found[:1]  # the same decisions again


def test_a_word_the_index_drops_is_never_marked() -> None:
    long_word = "begroting" + "x" * 64
    assert BEGROTING.matches(f"{long_word} begroting")[0][0] == len(long_word) + 1
