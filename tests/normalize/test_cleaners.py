from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from normalize.cleaners import (
    clean_date,
    clean_datetime,
    clean_int,
    clean_text,
    clean_url,
    numeric_position,
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
