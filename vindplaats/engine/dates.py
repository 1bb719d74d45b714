"""The moments every engine indexes: the date range, and `added` to the whole second."""

from __future__ import annotations

import datetime as dt

# tantivy stores dates as nanoseconds in an i64: roughly 1677-09-21 .. 2262-04-11. Documents
# are indexed only with dates in MIN_DATE..MAX_DATE, by every engine (the same answers).
MIN_DATE = dt.date(1678, 1, 1)
MAX_DATE = dt.date(2262, 1, 1)


def whole_second(moment: dt.datetime) -> dt.datetime:
    """`moment` in UTC without its fraction of a second (a naive moment is read as UTC): the
    precision both engines order `added` by."""
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)
    return aware.astimezone(dt.UTC).replace(microsecond=0)


__all__ = ["MAX_DATE", "MIN_DATE", "whole_second"]
