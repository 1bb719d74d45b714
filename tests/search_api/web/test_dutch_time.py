"""The Dutch words of the organisation and dossier pages for when something happened or will,
and the bar widths of their charts."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from search_api.web.charts import BAR_WIDTH, bar_chart
from search_api.web.dutch_time import ago, ahead, long_date, moment_text

NOW = datetime(2026, 3, 15, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("before", "words"),
    [
        (timedelta(seconds=20), "zojuist"),
        (timedelta(minutes=1), "1 minuut geleden"),
        (timedelta(minutes=59), "59 minuten geleden"),
        (timedelta(hours=5), "5 uur geleden"),
        (timedelta(days=1, hours=3), "1 dag geleden"),
        (timedelta(days=3), "3 dagen geleden"),
        (timedelta(days=15), "2 weken geleden"),
        (timedelta(days=70), "2 maanden geleden"),
        (timedelta(days=800), "2 jaar geleden"),
    ],
)
def test_ago_says_the_largest_whole_unit(before: timedelta, words: str) -> None:
    assert ago(NOW - before, NOW) == words


def test_never_and_the_future_have_their_own_words() -> None:
    assert ago(None, NOW) == "nooit"
    assert ahead(NOW + timedelta(hours=2, minutes=5), NOW) == "over 2 uur"
    assert ahead(NOW - timedelta(hours=1), NOW) == "nu" and ahead(None, NOW) == "nu"
    assert ago(NOW + timedelta(days=2), NOW) == "over 2 dagen"


def test_days_are_written_in_dutch_on_the_dutch_day() -> None:
    assert long_date(date(2025, 11, 3)) == "3 november 2025"
    # 23:30 UTC on New Year's Eve is New Year's Day in Amsterdam
    assert long_date(datetime(2025, 12, 31, 23, 30, tzinfo=UTC)) == "1 januari 2026"
    assert moment_text(datetime(2026, 7, 1, 12, 5, tzinfo=UTC)) == "1 juli 2026 14:05"
    assert long_date(None) == "" and moment_text(None) == ""


def test_bars_are_as_long_as_their_count_relative_to_the_largest() -> None:
    chart = bar_chart("Per jaar", "Jaar", {2024: 200, 2025: 50, 2026: 1, 2027: 0}, label=str)
    assert [(b.label, b.count) for b in chart.bars] == [
        ("2024", 200),
        ("2025", 50),
        ("2026", 1),
        ("2027", 0),
    ]
    assert [b.width for b in chart.bars] == [BAR_WIDTH, BAR_WIDTH // 4, 1, 0]  # 1: still seen
    assert chart.total == 251
    assert bar_chart("Leeg", "Jaar", {}, label=str).bars == []
