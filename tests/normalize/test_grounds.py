"""Refusal grounds read from the free text of an inventory cell: every form written in published
inventory lists and decision letters becomes one code with its law and label, each once, in
the order written; what names no ground is kept as written and flagged."""

from __future__ import annotations

import pytest

from normalize.grounds import GROUNDS, Ground, Law, parse_grounds


def codes(text: object) -> list[str | None]:
    return [ground.code for ground in parse_grounds(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("5.1.2e", ["5.1.2e"]),
        ("5.1.2 e", ["5.1.2e"]),
        ("5.1.2.e", ["5.1.2e"]),  # the dotted form the open.minvws.nl reader normalises too
        ("5.1.2E", ["5.1.2e"]),
        ("5.1.2-i", ["5.1.2i"]),
        ("5.1.2(e)", ["5.1.2e"]),
        ("5.1.2 sub e", ["5.1.2e"]),
        # lists as the e-discovery export writes them, trailing separator included
        ("5.1.1c; 5.1.2e;", ["5.1.1c", "5.1.2e"]),
        ("5.1.1C;5.1.2E;5.1.2I;", ["5.1.1c", "5.1.2e", "5.1.2i"]),
        ("5.1.2e, 5.1.2i", ["5.1.2e", "5.1.2i"]),
        ("5.1.1c 5.1.2e", ["5.1.1c", "5.1.2e"]),  # joined by spaces (republished lists)
        ("5.1.2e | 5.1.2f", ["5.1.2e", "5.1.2f"]),
        ("5.1.2e\n5.1.2h", ["5.1.2e", "5.1.2h"]),
        ("5.1.2e/i", ["5.1.2e", "5.1.2i"]),
        ("5.1.2 e en i", ["5.1.2e", "5.1.2i"]),
        ("5.1.2 sub e, f en i", ["5.1.2e", "5.1.2f", "5.1.2i"]),
        ("5.1.2 E EN I", ["5.1.2e", "5.1.2i"]),
        # the long forms of decision letters
        ("art. 5.1, lid 2, sub e", ["5.1.2e"]),
        ("artikel 5.1, tweede lid, aanhef en onder e", ["5.1.2e"]),
        ("artikel 5.1 eerste lid onder c", ["5.1.1c"]),
        ("art 5.1 lid 5", ["5.1.5"]),
        ("artikel 5.2, eerste lid", ["5.2"]),
        ("artikel 10, lid 2, sub e Wob", ["10.2e"]),
        ("artikel 10, tweede lid, onder g", ["10.2g"]),
        ("artikel 11, eerste lid", ["11.1"]),
        # whole articles and their paragraphs
        ("5.1.5", ["5.1.5"]),
        ("5.2", ["5.2"]),
        ("5.2.1", ["5.2"]),
        ("5.4", ["5.4"]),
        ("11.1", ["11.1"]),
        ("10.1d", ["10.1d"]),
        # the law written beside the code
        ("Woo 5.1.2e, Wob 10.2e", ["5.1.2e", "10.2e"]),
        ("art. 5.1.2e Woo", ["5.1.2e"]),
        # duplicates, also in other spellings
        ("5.1.2e; 5.1.2 e; 5.1.2E", ["5.1.2e"]),
        ("5.1.2i, 5.1.2e, 5.1.2i", ["5.1.2i", "5.1.2e"]),
    ],
)
def test_forms_become_one_code_each(text: str, expected: list[str]) -> None:
    assert codes(text) == expected


@pytest.mark.parametrize("text", [None, "", "   ", " ; ", ";;", ","])
def test_empty_cells_have_no_grounds(text: str | None) -> None:
    assert parse_grounds(text) == ()


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("5.1.2", ["5.1.2"]),  # the article without its letter says no ground
        ("10.2f", ["10.2f"]),  # not a ground of the Wob
        ("5.1.2z", ["5.1.2z"]),
        ("dubbel", ["dubbel"]),  # "already judged in another document"
        ("zie besluit", ["zie besluit"]),
        ("zie pagina 11", ["zie pagina 11"]),  # a number that is not article 11
        ("5.2.2021", ["5.2.2021"]),  # a date, not article 5.2
        # a form that names no paragraph and letter clearly stays whole, as written
        ("art. 5.1.2, lid 1, sub e", ["art. 5.1.2, lid 1, sub e"]),
        ("zie besluit, dubbel", ["zie besluit, dubbel"]),
        # split where the list clearly goes on
        ("10.2f, 10.2h", ["10.2f", "10.2h"]),
        ("zie besluit\ndubbel", ["zie besluit", "dubbel"]),
    ],
)
def test_unreadable_text_is_kept_as_written_and_flagged(text: str, written: list[str]) -> None:
    grounds = parse_grounds(text)
    assert [g.written for g in grounds] == written
    assert all(not g.readable and g.code is None and g.law is None for g in grounds)


def test_unreadable_pieces_keep_their_place_beside_readable_grounds() -> None:
    grounds = parse_grounds("zie besluit; 5.1.2e; 5.1.2 en 5.1.1c")
    assert [(g.written, g.code) for g in grounds] == [
        ("zie besluit", None),
        ("5.1.2e", "5.1.2e"),
        ("5.1.2", None),
        ("5.1.1c", "5.1.1c"),
    ]


def test_each_ground_has_its_law_label_and_the_text_as_written() -> None:
    [privacy, policy] = parse_grounds("5.1.2 E; Wob 11.1")
    assert privacy == Ground("5.1.2 E", "5.1.2e")
    assert privacy.law is Law.WOO
    assert privacy.label == "eerbiediging van de persoonlijke levenssfeer"
    assert policy.law is Law.WOB
    assert policy.label is not None and "persoonlijke beleidsopvattingen" in policy.label


def test_the_table_holds_exactly_the_grounds_of_both_laws() -> None:
    woo = [f"5.1.1{x}" for x in "abcde"] + [f"5.1.2{x}" for x in "abcdefghi"]
    woo += ["5.1.5", "5.2", "5.4"]
    wob = [f"10.1{x}" for x in "abcd"] + [f"10.2{x}" for x in "abcdeg"] + ["11.1"]
    assert sorted(GROUNDS) == sorted(woo + wob)
    assert {c for c, g in GROUNDS.items() if g.law is Law.WOO} == set(woo)
    assert all(g.code == c and g.label and g.label == g.label.strip() for c, g in GROUNDS.items())


def test_every_code_in_the_table_reads_back_as_itself() -> None:
    for code in GROUNDS:
        assert codes(code) == [code], code
        assert codes(code.upper()) == [code], code


def test_a_letter_beyond_the_article_is_flagged_beside_the_readable_one() -> None:
    grounds = parse_grounds("5.1.2 e en z")
    assert [(g.code, g.written) for g in grounds] == [
        ("5.1.2e", "5.1.2 e en z"),
        (None, "5.1.2 e en z"),
    ]
