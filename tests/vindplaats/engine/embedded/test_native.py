"""The native analyser gives exactly the word forms of the shared analysis, once per page: the
terms a query is analysed into are the terms the index holds."""

from __future__ import annotations

import pytest

from benchmarks.corpus import generate_doc
from vindplaats.engine.analysis import MAX_TOKEN_BYTES, folded, stems_with_positions
from vindplaats.engine.common_words import GRAM_JOIN, phrase_grams
from vindplaats.engine.embedded.native import GAP, analyse

PAGES = [
    "De gemeente Zoëtermeer heeft de begrotingen van 2026 vastgesteld.",
    "Ĳssel ﬁets straße café naïef ÀÉÎ 1,5 mln 12-01-2026 — “citaat” ‘x’",
    "x" * MAX_TOKEN_BYTES + " de raad " + "é" * 40 + " besluit",  # dropped tokens keep a gap
    "",
    "   \n\t ",
    "--- !!! ...",
    "ΑΘΗΝΑ Москва 東京 ١٢٣",
    "woning-bouw_plannen e-mail co2-uitstoot 3D",
]


def _expected(page: str) -> str:
    out: list[str] = []
    for position, stem in stems_with_positions(page):
        out += [GAP] * (position - len(out))
        out.append(stem)
    return " ".join(out)


@pytest.mark.parametrize("page", PAGES)
def test_each_page_has_the_stems_of_the_shared_analysis_at_their_positions(page: str) -> None:
    (result,) = analyse([[page]])
    assert result.pages == [_expected(page)]
    assert result.folded == " ".join(sorted(set(folded(page))))


def test_a_corpus_sample_analyses_the_same_on_all_cores() -> None:
    documents = [generate_doc(i, 11).pages for i in range(120)]
    results = analyse(documents)
    assert len(results) == len(documents)
    for pages, result in zip(documents, results, strict=True):
        assert result.pages == [_expected(page) for page in pages]
        assert result.folded == " ".join(sorted({w for page in pages for w in folded(page)}))


def test_grams_are_the_common_pairs_of_each_page_once_per_occurrence() -> None:
    pages = ["de gemeente en de gemeente", "gemeente", "de"]
    (result,) = analyse([pages])
    expected: list[str] = []
    for page in pages:
        expected += [gram for _, gram in phrase_grams(stems_with_positions(page))]
    assert result.grams.split() == expected
    assert result.grams.split().count(f"de{GRAM_JOIN}meen") == 2
    assert "meen_de" not in result.grams.split()  # no gram across two pages


def test_no_gram_spans_a_dropped_token() -> None:
    (result,) = analyse([["de " + "x" * MAX_TOKEN_BYTES + " gemeente"]])
    assert result.grams == ""


def test_documents_keep_their_order_and_empty_ones_stay() -> None:
    results = analyse([["raad"], [], ["college"]])
    assert [r.pages for r in results] == [["raad"], [], ["colleg"]]
