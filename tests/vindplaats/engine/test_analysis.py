"""The Dutch analyzers: stemming, folding, and word forms for highlighting."""

from __future__ import annotations

from vindplaats.engine.analysis import MAX_TOKEN_BYTES, folded, stems


def test_stemming_merges_inflections() -> None:
    assert stems("begroting") == stems("begrotingen") == stems("Begroting")
    assert stems("raadsvoorstel") == stems("raadsvoorstellen")
    assert stems("motie") == stems("moties")


def test_folding_lowercases_and_strips_diacritics_without_stemming() -> None:
    assert folded("Zoëtermeer café Súdwest-Fryslân") == ["zoetermeer", "cafe", "sudwest", "fryslan"]
    assert stems("Zoëtermeer") == stems("zoetermeer")


def test_overlong_tokens_are_dropped() -> None:
    assert folded("a" * MAX_TOKEN_BYTES + " woord") == ["woord"]
