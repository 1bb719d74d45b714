"""What the query language and filters match, through the embedded engine."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from tests.vindplaats.engine.conftest import ids, make_doc, natives, search
from vindplaats.engine.base import Filters
from vindplaats.engine.embedded import EmbeddedEngine
from vindplaats.engine.embedded.compile import _leaf_query
from vindplaats.engine.embedded.schema import TEXT, build_schema
from vindplaats.engine.query import parse_query
from vindplaats.engine.terms import analyse_query

CORPUS = [
    make_doc("begroting", "De begroting voor 2024 is sluitend.", title="Programmabegroting"),
    make_doc("begrotingen", "Alle begrotingen van de regio.", title="Regionale stukken"),
    make_doc("jeugd", "Kosten van jeugdzorg stijgen.", "De raad stelt vragen over jeugdzorg."),
    make_doc("zoe", "Vergadering in Zoëtermeer over woningbouw.", title="Woningbouw Zoëtermeer"),
    make_doc("vervoer", "Het openbaar vervoer in de regio.", title="Vervoersplan"),
    make_doc("omgekeerd", "Vervoer dat openbaar is, of niet.", title="Notitie"),
    make_doc("motie", "Een motie over de begroting en jeugdzorg.", title="Motie begroting"),
    make_doc("raad", "De gemeenteraad besluit over het bestemmingsplan.", title="Besluit"),
]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedEngine]:
    """One read-only index for the module: tests using it must not write."""
    with EmbeddedEngine(tmp_path_factory.mktemp("corpus")) as engine:
        assert engine.index(CORPUS).indexed == len(CORPUS)
        yield engine


def found(engine: EmbeddedEngine, q: str, **options: object) -> set[str]:
    return natives(search(engine, q, size=100, **options))


def test_dutch_stemming_matches_inflections(corpus: EmbeddedEngine) -> None:
    assert found(corpus, "begrotingen") == {"begroting", "begrotingen", "motie"}
    assert found(corpus, "begroting") == found(corpus, "begrotingen")


def test_ascii_folding_both_ways(corpus: EmbeddedEngine) -> None:
    assert found(corpus, "zoetermeer") == {"zoe"}
    assert found(corpus, "Zoëtermeer") == {"zoe"}
    assert found(corpus, "ZOETERMEER") == {"zoe"}


def test_all_words_must_match(corpus: EmbeddedEngine) -> None:
    assert found(corpus, "begroting jeugdzorg") == {"motie"}
    assert found(corpus, "begroting onbekendwoord") == set()


def test_phrases_match_words_in_order(corpus: EmbeddedEngine) -> None:
    assert found(corpus, '"openbaar vervoer"') == {"vervoer"}
    assert found(corpus, "openbaar vervoer") == {"vervoer", "omgekeerd"}
    assert found(corpus, '"jeugdzorg"') == {"jeugd", "motie"}


def test_phrases_do_not_run_across_pages(engine: EmbeddedEngine) -> None:
    engine.index([make_doc(1, "het openbaar", "vervoer is goed")])
    assert found(engine, '"openbaar vervoer"') == set()
    assert found(engine, "openbaar vervoer") == {"1"}


def test_exclusion(corpus: EmbeddedEngine) -> None:
    assert found(corpus, "begroting -motie") == {"begroting", "begrotingen"}
    assert found(corpus, 'vervoer -"openbaar vervoer"') == {"omgekeerd"}
    assert found(corpus, "-begroting") == {"jeugd", "zoe", "vervoer", "omgekeerd", "raad"}


def test_or(corpus: EmbeddedEngine) -> None:
    assert found(corpus, "woningbouw | bestemmingsplan") == {"zoe", "raad"}
    assert found(corpus, "begroting jeugdzorg | woningbouw") == {"motie"}


def test_prefix_matches_words_as_written(corpus: EmbeddedEngine) -> None:
    assert found(corpus, "gemeen*") == {"raad"}  # gemeenteraad, although its stem is different
    assert found(corpus, "woningb*") == {"zoe"}
    assert found(corpus, "programmabegr*") == {"begroting"}  # in the title only
    assert found(corpus, "zoët*") == {"zoe"}


def test_prefix_pages_are_highlighted(corpus: EmbeddedEngine) -> None:
    hit = search(corpus, "gemeen*").hits[0]
    assert hit.pages[0].number == 1
    assert "<mark>gemeenteraad</mark>" in hit.pages[0].snippet


def test_title_matches_rank_higher(engine: EmbeddedEngine) -> None:
    engine.index(
        [
            make_doc("a", "Over de subsidie voor sport.", title="Notitie"),
            make_doc("b", "Over de regeling voor sport.", title="Subsidie"),
        ]
    )
    assert ids(search(engine, "subsidie"))[0].endswith(":b")


def test_empty_query_matches_everything(corpus: EmbeddedEngine) -> None:
    result = search(corpus, "", size=100)
    assert result.total == len(CORPUS)
    assert all(hit.pages == [] for hit in result.hits)


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ('"jeugdzorg', {"jeugd", "motie"}),
        ("jeugdzorg |", {"jeugd", "motie"}),
        ("| jeugdzorg", {"jeugd", "motie"}),
        ("jeugdzorg -", {"jeugd", "motie"}),
        ("(jeugdzorg)", {"jeugd", "motie"}),
        ("jeugdzorg:", {"jeugd", "motie"}),
        ("[jeugdzorg", {"jeugd", "motie"}),
        ("jeugdzorg~", {"jeugd", "motie"}),
        ("^jeugdzorg", {"jeugd", "motie"}),
        ("jeugdzorg\\", {"jeugd", "motie"}),
        ("{jeugdzorg} AND", set()),  # AND is just a word here
        ("*jeugdzorg", {"jeugd", "motie"}),
        ("kosten:jeugdzorg", {"jeugd"}),  # two plain words
        ("j*", set()),  # too short for a prefix: the plain word `j`, which no document has
    ],
)
def test_invalid_syntax_degrades_to_plain_words(
    corpus: EmbeddedEngine, q: str, expected: set[str]
) -> None:
    assert found(corpus, q) == expected


@pytest.mark.parametrize(
    "q",
    ['"', "-", "|", "*", "-*", '-"', "||", ":", "(", ")", "^", "~", "[", "]", "{", "\x00", "🙂"],
)
def test_queries_without_words_match_everything(corpus: EmbeddedEngine, q: str) -> None:
    assert search(corpus, q).total == len(CORPUS)


def test_very_long_and_odd_queries_do_not_raise(corpus: EmbeddedEngine) -> None:
    search(corpus, "begroting " * 500)
    search(corpus, "x" * 10_000 + "*")
    search(corpus, '"' + "de " * 300 + '"')
    search(corpus, "\ud800 begroting")


def test_filters_or_within_and_across_fields(engine: EmbeddedEngine) -> None:
    engine.index(
        [
            make_doc(1, organization="Delft", document_type="motie"),
            make_doc(2, organization="Gouda", document_type="motie", source_key="gouda"),
            make_doc(3, organization="Delft", document_type="verslag"),
            make_doc(
                4, organization="Leiden", document_type="motie", supplier="notubiz", source_key="ld"
            ),
        ]
    )

    def where(**filters: object) -> set[str]:
        return found(engine, "", filters=Filters.model_validate(filters))

    assert where(organization=["Delft", "Gouda"]) == {"1", "2", "3"}
    assert where(organization=["Delft", "Gouda"], document_type=["motie"]) == {"1", "2"}
    assert where(supplier=["notubiz"]) == {"4"}
    assert where(source_key=["delft"]) == {"1", "3"}
    assert where(committee=["Raad"]) == set()
    assert where(supplier=["NotuBiz"]) == set()  # other keyword values are exact
    # organisations by name or source key, in any case (filter_keys); types by name
    assert where(organization=["gemeente GOUDA"]) == {"2"}
    assert where(organization=["delft"]) == {"1", "3"}
    assert where(organization=["LD"]) == {"4"}  # Leiden's source key
    assert where(document_type=["Moties", "notulen"]) == {"1", "2", "3", "4"}
    assert where(document_type=["geen soort"]) == set()


def test_date_filters_are_inclusive_and_skip_undated(engine: EmbeddedEngine) -> None:
    engine.index(
        [
            make_doc(1, date=date(2020, 1, 1)),
            make_doc(2, date=date(2020, 6, 30)),
            make_doc(3, date=date(2020, 7, 1)),
            make_doc(4, date=None),
        ]
    )

    def between(low: date | None, high: date | None) -> set[str]:
        return found(engine, "", filters=Filters(date_from=low, date_to=high))

    assert between(date(2020, 1, 1), date(2020, 6, 30)) == {"1", "2"}
    assert between(date(2020, 6, 30), None) == {"2", "3"}
    assert between(None, date(2020, 1, 1)) == {"1"}
    assert between(date(2021, 1, 1), date(2020, 1, 1)) == set()


def test_date_bounds_beyond_what_the_index_holds_are_exact(engine: EmbeddedEngine) -> None:
    """tantivy refuses dates beyond 1677..2262 in a query; such bounds still answer exactly."""
    engine.index(
        [
            make_doc(1, date=date(1678, 1, 1)),
            make_doc(2, date=date(2024, 5, 1)),
            make_doc(3, date=date(2262, 1, 1)),
            make_doc(4, date=None),
        ]
    )

    def between(low: date | None, high: date | None) -> set[str]:
        return found(engine, "", filters=Filters(date_from=low, date_to=high))

    assert between(date(1, 1, 1), None) == {"1", "2", "3"}
    assert between(None, date(9999, 12, 31)) == {"1", "2", "3"}
    assert between(date(1, 1, 1), date(9999, 12, 31)) == {"1", "2", "3"}
    assert between(date(1600, 1, 1), date(2024, 5, 1)) == {"1", "2"}
    assert between(date(2024, 5, 1), date(3000, 1, 1)) == {"2", "3"}
    assert between(date(9999, 12, 31), None) == set()
    assert between(None, date(1, 1, 1)) == set()
    assert between(date(2262, 4, 12), date(9999, 12, 31)) == set()
    for sort in ("date_asc", "date_desc", "relevance"):
        result = search(engine, "", filters=Filters(date_to=date(9999, 12, 31)), sort=sort)
        assert result.total == 3


def test_phrases_of_common_words_are_found_as_phrases(tmp_path: Path) -> None:
    docs = [
        make_doc("recht", "Het besluit van de gemeente is genomen."),
        make_doc("omgekeerd", "Een besluit van gemeente de is genomen."),
        make_doc("gesplitst", "Het besluit van de", "gemeente is genomen."),  # across pages
        make_doc("raad", "De motie van de raad werd aangenomen.", title="Motie"),
        make_doc("los", "Motie van gisteren: raad en college stemden.", title="Motie"),
    ]
    with EmbeddedEngine(tmp_path / "grams") as engine:
        engine.index(docs)
        assert found(engine, '"de gemeente"') == {"recht"}
        assert found(engine, '"van de gemeente"') == {"recht"}
        assert found(engine, '"motie van de raad"') == {"raad"}
        assert found(engine, '"de raad"') == {"raad"}
        assert found(engine, 'motie -"de raad"') == {"los"}
        best = search(engine, '"de gemeente"', pages_per_hit=1).hits[0].pages[0]
        assert "<mark>de</mark> <mark>gemeente</mark>" in best.snippet.lower()


def test_a_two_word_phrase_with_a_common_word_is_one_gram_term() -> None:
    schema = build_schema()
    (common,) = analyse_query(parse_query('"de gemeente"')).leaves
    assert repr(_leaf_query(schema, common, TEXT)).count("TermQuery") == 1
    assert "de_meen" in repr(_leaf_query(schema, common, TEXT))
    (rare,) = analyse_query(parse_query('"sociale huurwoningen"')).leaves
    assert "PhraseQuery" in repr(_leaf_query(schema, rare, TEXT))
    assert "PhraseQuery" in repr(_leaf_query(schema, common, "title"))  # titles: positions
