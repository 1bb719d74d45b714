"""Calendar months: a day moved on by months, clamped to the month's length; a range cut into
slices aligned on its first day, so a slice that starts on the 31st keeps doing so."""

from __future__ import annotations

from datetime import date

from vindplaats.months import add_months, month_slices


def test_a_day_moved_on_by_months_is_clamped_to_the_month_reached() -> None:
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2025, 1, 31), 1) == date(2025, 2, 28)
    assert add_months(date(2025, 1, 31), 3) == date(2025, 4, 30)
    assert add_months(date(2025, 11, 15), 2) == date(2026, 1, 15)
    assert add_months(date(2025, 3, 1), 0) == date(2025, 3, 1)


def test_slices_are_aligned_on_the_first_day_and_start_before_the_bound() -> None:
    assert month_slices(date(2025, 1, 31), 1, date(2025, 4, 1)) == [
        (date(2025, 1, 31), date(2025, 2, 27)),
        (date(2025, 2, 28), date(2025, 3, 30)),
        (date(2025, 3, 31), date(2025, 4, 29)),
    ]
    quarters = month_slices(date(2025, 9, 1), 3, date(2026, 3, 2))
    assert quarters == [
        (date(2025, 9, 1), date(2025, 11, 30)),
        (date(2025, 12, 1), date(2026, 2, 28)),
        (date(2026, 3, 1), date(2026, 5, 31)),
    ]
    assert month_slices(date(2025, 9, 1), 3, date(2025, 9, 1)) == []
    assert month_slices(date(2025, 9, 1), 0, date(2026, 9, 1)) == []
