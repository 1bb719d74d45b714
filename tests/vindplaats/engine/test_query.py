"""The query parser: syntax to clauses, and graceful degradation of invalid syntax."""

from __future__ import annotations

import pytest

from vindplaats.engine.query import Clause, Term, parse_query


def word(text: str) -> Term:
    return Term("word", text)


def clauses(text: str) -> list[tuple[tuple[Term, ...], bool]]:
    return [(c.alternatives, c.negated) for c in parse_query(text).clauses]


def test_words_phrases_exclusions_or_and_prefixes() -> None:
    parsed = parse_query('raad "sociale huurwoningen" -motie woning* a | b')
    assert parsed.clauses == (
        Clause((word("raad"),)),
        Clause((Term("phrase", "sociale huurwoningen"),)),
        Clause((word("motie"),), negated=True),
        Clause((Term("prefix", "woning"),)),
        Clause((word("a"), word("b"))),
    )
    assert parsed.required[0].alternatives == (word("raad"),)
    assert len(parsed.excluded) == 1


def test_or_binds_tighter_than_and_and_chains() -> None:
    assert clauses("raad motie | amendement | besluit") == [
        ((word("raad"),), False),
        ((word("motie"), word("amendement"), word("besluit")), False),
    ]


def test_negated_phrase() -> None:
    assert clauses('-"openbaar vervoer"') == [((Term("phrase", "openbaar vervoer"),), True)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"begroting 2024', [((word("begroting"),), False), ((word("2024"),), False)]),
        (
            'a "b c" "d',
            [((word("a"),), False), ((Term("phrase", "b c"),), False), ((word("d"),), False)],
        ),
        ("-", []),
        ("a - b", [((word("a"),), False), ((word("b"),), False)]),
        ("| a", [((word("a"),), False)]),
        ("a |", [((word("a"),), False)]),
        ("a || b", [((word("a"), word("b")), False)]),
        ("*", []),
        ('""', []),
        ("--motie", [((word("motie"),), True)]),
        ("-a | b", [((word("a"), word("b")), False)]),
        ("title:(begroting^2", [((word("title:(begroting^2"),), False)]),
        ("", []),
        ("   ", []),
    ],
)
def test_invalid_syntax_degrades_to_words(text: str, expected: list[object]) -> None:
    assert clauses(text) == expected


def test_duplicate_alternatives_collapse() -> None:
    assert clauses("a | a") == [((word("a"),), False)]


def test_whitespace_inside_phrases_is_normalised() -> None:
    assert clauses('"  de   raad "') == [((Term("phrase", "de raad"),), False)]
