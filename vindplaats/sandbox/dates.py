"""The calendar every sample town of every supplier shares: the sandbox's "today", the window
its meetings fall in, how long before a meeting its papers appear and after it its minutes, and
Dutch dates as titles write them ("12 november 2026").
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

TODAY = datetime(2026, 11, 28, 12, 0)  # the world clock starts here
DATE_FROM = date(2025, 9, 1)  # every sample meeting starts on or after this day
DATE_UNTIL = date(2026, 12, 31)  # ... and on or before this day
BEFORE = timedelta(days=10)  # agenda papers are published ten days before the meeting
AFTER = timedelta(days=3)  # minutes and decision lists three days after
MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
          "september", "oktober", "november", "december")  # fmt: skip


def dutch_date(moment: datetime) -> str:
    return f"{moment.day} {MONTHS[moment.month - 1]} {moment.year}"
