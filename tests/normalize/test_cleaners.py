from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from normalize.cleaners import (
    AMSTERDAM,
    PersonName,
    clean_date,
    clean_datetime,
    clean_int,
    clean_text,
    clean_url,
    date_in_text,
    numeric_position,
    parse_people,
    parse_person,
)


def test_clean_text_collapses_whitespace_and_tags() -> None:
    assert clean_text("  Vaststelling\n\t <b>begroting</b>  2026 ") == "Vaststelling begroting 2026"
    assert clean_text("   ") is None
    assert clean_text(None) is None


def test_clean_int() -> None:
    assert clean_int("42") == 42
    assert clean_int(" 7 ") == 7
    assert clean_int("x") is None
    assert clean_int(True) is None


def test_naive_times_are_dutch_local_time() -> None:
    dt = clean_datetime("2024-03-05 19:30:00")
    assert dt is not None
    assert dt.astimezone(UTC) == datetime(2024, 3, 5, 18, 30, tzinfo=UTC)
    summer = clean_datetime("2024-07-01 20:00:00")
    assert summer is not None and summer.utcoffset() is not None
    assert summer.astimezone(UTC).hour == 18


@pytest.mark.parametrize("junk", ["", "0000-00-00 00:00:00", "gisteren", None, "2024-13-45"])
def test_junk_dates_become_none(junk: object) -> None:
    assert clean_datetime(junk) is None


def test_other_date_spellings() -> None:
    assert clean_date("20250131") == date(2025, 1, 31)
    assert clean_date("2025-01-31T10:00:00Z") == date(2025, 1, 31)
    assert clean_datetime(0) == datetime(1970, 1, 1, tzinfo=UTC)


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("httphttp://api.notubiz.nl/document/1/2", "http://api.notubiz.nl/document/1/2"),
        ("httpshttps://a.nl/x", "https://a.nl/x"),
        ("https://x.parlaeus.nlhttps://x.parlaeus.nl/doc/1", "https://x.parlaeus.nl/doc/1"),
        ("https://a.nl/b", "https://a.nl/b"),
        ("ftp://a.nl/b", None),
        ("javascript:alert(1)", None),
        ("", None),
    ],
)
def test_clean_url_repairs_known_quirks(raw: str, clean: str | None) -> None:
    assert clean_url(raw) == clean


@pytest.mark.parametrize(("raw", "num"), [("4A", 4), ("12.", 12), ("  3 ", 3), ("A", None)])
def test_numeric_position(raw: str, num: int | None) -> None:
    assert numeric_position(raw) == num


# Every date form seen in supplier answers (issue 8 research, section 5), and what it reads as.
# Grade: REC = a recorded answer, CODE = harvester code or notes, SYN = hand-made fixtures only.
AMS = AMSTERDAM
DATE_FORMS = [
    # NotuBiz module datetime values, plannings, last_modified (REC)
    ("2026-01-22 00:00:00", datetime(2026, 1, 22, tzinfo=AMS)),
    ("2026-01-23 17:05:10", datetime(2026, 1, 23, 17, 5, 10, tzinfo=AMS)),
    # NotuBiz publication_date (REC; it is the fetch date, but it is a date)
    ("2026-07-31", datetime(2026, 7, 31, tzinfo=AMS)),
    # iBabs MutationDate with milliseconds, no zone (REC)
    ("2026-06-25T10:06:40.073", datetime(2026, 6, 25, 10, 6, 40, 73000, tzinfo=AMS)),
    # iBabs register values: SQL Server's default text form (REC, CODE)
    ("Jan 29 2026 12:00AM", datetime(2026, 1, 29, tzinfo=AMS)),
    ("Apr 16 2024 12:00AM", datetime(2024, 4, 16, tzinfo=AMS)),
    ("Sep 19 2019 12:00AM", datetime(2019, 9, 19, tzinfo=AMS)),
    ("Jan  9 2026  7:30PM", datetime(2026, 1, 9, 19, 30, tzinfo=AMS)),  # padded day and hour
    ("Dec 31 2025 12:00PM", datetime(2025, 12, 31, 12, tzinfo=AMS)),  # noon
    ("Mar  1 2024 11:59:58:123PM", datetime(2024, 3, 1, 23, 59, 58, tzinfo=AMS)),  # style 109
    # iBabs meeting dates (SYN) and ISO with an offset (SYN only, not a real NotuBiz form)
    ("2025-01-14T19:30:00", datetime(2025, 1, 14, 19, 30, tzinfo=AMS)),
    ("2026-01-22T19:30:00+01:00", datetime(2026, 1, 22, 18, 30, tzinfo=UTC)),
    ("2025-01-31T10:00:00Z", datetime(2025, 1, 31, 10, tzinfo=UTC)),
    # Dutch numeric dates: labels, list names, the iBabs portal (REC in labels, CODE)
    ("22-01-2026", datetime(2026, 1, 22, tzinfo=AMS)),
    ("28-12-2022", datetime(2022, 12, 28, tzinfo=AMS)),
    ("29-1-2026", datetime(2026, 1, 29, tzinfo=AMS)),
    ("22-01-2026 19:30", datetime(2026, 1, 22, 19, 30, tzinfo=AMS)),
    ("3/2/2026", datetime(2026, 2, 3, tzinfo=AMS)),
    ("  04/16/2024", datetime(2024, 4, 16, tzinfo=AMS)),  # iBabs report registrationdate
    # Dutch month words (REC inside titles)
    ("22 januari 2026", datetime(2026, 1, 22, tzinfo=AMS)),
    ("21 jan 2026", datetime(2026, 1, 21, tzinfo=AMS)),
    ("3 mrt 2025", datetime(2025, 3, 3, tzinfo=AMS)),
    ("donderdag 22 januari 2026 om 19:30", datetime(2026, 1, 22, 19, 30, tzinfo=AMS)),
    # Parlaeus YYYYMMDD (CODE)
    ("20240111", datetime(2024, 1, 11, tzinfo=AMS)),
    # GO v2 PHP DateTime objects (CODE)
    (
        {"date": "2026-05-19 10:15:30.000000", "timezone_type": 3, "timezone": "Europe/Amsterdam"},
        datetime(2026, 5, 19, 10, 15, 30, tzinfo=AMS),
    ),
    # unix seconds (GO v1 request parameters, CODE)
    (1704067200, datetime(2024, 1, 1, tzinfo=UTC)),
    # nothing: empty strings and elements, null, zero dates, Parlaeus "0" (REC, CODE)
    ("", None),
    ("   ", None),
    (None, None),
    ("0000-00-00 00:00:00", None),
    ("0", None),
    # junk stays junk
    ("31-02-2024", None),
    ("Feb 30 2024 12:00AM", None),
    ("Jan 29 2026 13:00PM", None),
    ("binnenkort", None),
    ("22 brumaire 2026", None),
]


@pytest.mark.parametrize(("raw", "expected"), DATE_FORMS)
def test_every_supplier_date_form(raw: object, expected: datetime | None) -> None:
    parsed = clean_datetime(raw)
    assert parsed == expected
    if parsed is not None:
        assert parsed.tzinfo is not None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Gemeenteraad 29-1-2026\n23 Afrondende besluitvorming", datetime(2026, 1, 29, tzinfo=AMS)),
        (
            "Gemeenteraad 29-1-2026\\n23 Afrondende besluitvorming",
            datetime(2026, 1, 29, tzinfo=AMS),
        ),
        ("Amendement (Gemeenteraad 22-01-2026 19:30)", datetime(2026, 1, 22, 19, 30, tzinfo=AMS)),
        ("Motie (Raadsvergadering  17-12-2025 19:30)", datetime(2025, 12, 17, 19, 30, tzinfo=AMS)),
        ("Raadsinformatiebrief 21 januari 2026", datetime(2026, 1, 21, tzinfo=AMS)),
        ("15-A-1 Amendement zonder datum", None),
        ("", None),
    ],
)
def test_a_date_inside_a_label(text: str, expected: datetime | None) -> None:
    assert date_in_text(text) == expected


# Every person-name form seen (issue 8 research, section 6):
# (raw, display name, party, role).
NAME_FORMS = [
    # iBabs "Indiener(s)": Lastname, Initials (Firstname) (Party) — ONE person (REC)
    ("Jansen, P. (Pieter) (D66)", "Pieter Jansen", "D66", None),
    ("Passier, C.E. (Charlotte) (Volt)", "Charlotte Passier", "Volt", None),
    ("Sasbrink, A. (Anne) (Partij voor de Dieren)", "Anne Sasbrink", "Partij voor de Dieren", None),
    # with a tussenvoegsel after the initials (CODE)
    (
        "Heuven, M. van (Maarten) (Partij voor de Dieren)",
        "Maarten van Heuven",
        "Partij voor de Dieren",
        None,
    ),
    # without a first name: the one group is the party
    ("Vries, P. de (Zuidwaarde Lokaal)", "P. de Vries", "Zuidwaarde Lokaal", None),
    # iBabs vote UserName: Lastname, Firstname [tussenvoegsel] (REC)
    ("Heuven, Maarten van", "Maarten van Heuven", None, None),
    ("Deldjou Fard, Melody", "Melody Deldjou Fard", None, None),
    ("Zweth, Rick van der", "Rick van der Zweth", None, None),
    ("Aït Daoua, Achraf", "Achraf Aït Daoua", None, None),
    # a function before or after the name (REC)
    ("Wethouder Voortman", "Voortman", None, "wethouder"),
    ("J.P. Neven (Wethouder)", "J.P. Neven", None, "wethouder"),
    ("Burgemeester", "Burgemeester", None, "burgemeester"),
    # NotuBiz person references and agenda attributes (REC)
    ("Claudia Schipper-Heijmans", "Claudia Schipper-Heijmans", None, None),
    ("Henri de Raad", "Henri de Raad", None, None),
    ("A. Becker", "A. Becker", None, None),
    ("Claudia Schipper (CDA)", "Claudia Schipper", "CDA", None),
    ("H. Timmermans (VVA)", "H. Timmermans", "VVA", None),
    # iBabsUserBasic.Name (SYN)
    ("Jan Jansen", "Jan Jansen", None, None),
    ("  A.  de   Weerd  ", "A. de Weerd", None, None),
]


@pytest.mark.parametrize(("raw", "name", "party", "role"), NAME_FORMS)
def test_every_supplier_name_form(raw: str, name: str, party: str | None, role: str | None) -> None:
    person = parse_person(raw)
    assert person is not None
    assert (person.name, person.party, person.role) == (name, party, role)


def test_a_submitter_string_is_one_person_with_its_parts() -> None:
    person = parse_person("Heuven, M. van (Maarten) (Partij voor de Dieren)")
    assert person == PersonName(
        name="Maarten van Heuven",
        last_name="Heuven",
        prefix="van",
        initials="M.",
        first_name="Maarten",
        party="Partij voor de Dieren",
    )
    assert parse_person("") is None and parse_person(None) is None


@pytest.mark.parametrize(
    ("raw", "names"),
    [
        # iBabs "Mede-indieners": ';' without spaces (REC)
        (
            "Zwanenberg, P. (Pepijn) (LINK);Sasbrink, A. (Anne) (Partij voor de Dieren);"
            "Dijkstra, G.J. (Gert) (EenUtrecht)",
            ["Pepijn Zwanenberg", "Anne Sasbrink", "Gert Dijkstra"],
        ),
        ("Jansen, P. (Pieter) (D66)", ["Pieter Jansen"]),  # the comma does not split
        ("Heuven, Maarten van", ["Maarten van Heuven"]),
        ("P. de Vries, K. Yilmaz", ["P. de Vries", "K. Yilmaz"]),  # commas between full names
        ("A. Jansen,\nB. de Wit; A. Jansen", ["A. Jansen", "B. de Wit"]),  # repeats left out
        ("Jansen, P. (Pieter) (D66)\\nBakker, K. (Kim) (VVD)", ["Pieter Jansen", "Kim Bakker"]),
        ("", []),
        (None, []),
    ],
)
def test_several_people_in_one_value(raw: str | None, names: list[str]) -> None:
    assert [p.name for p in parse_people(raw)] == names
