"""The date forms NotuBiz answers use, read into timezone-aware datetimes (Dutch local time).

Seen in real answers: `YYYY-MM-DD HH:MM:SS` (values, `last_modified`, plannings), `YYYY-MM-DD`
(`publication_date`, which is the fetch day and never used as a date), empty strings (document
`date`), `null` (item `creation_date`), `0000-00-00 00:00:00`, and `dd-mm-yyyy HH:MM` inside a
reference label ("... (Raadsvergadering  17-12-2025 19:30)"). Whole values go through the
shared `normalize.dates.parse_datetime`. Two rules are NotuBiz's own and kept here: a number is
an id (a reference's `content`), never unix seconds; and the meeting date inside an "Ingediend
in" label is the last `dd-mm-yyyy [HH:MM]` in it. A date written in words earlier in the label
belongs to the agenda item's title, so it is not taken.
"""

from __future__ import annotations

import re
from datetime import datetime

from normalize.cleaners import AMSTERDAM
from normalize.dates import parse_datetime

_DAY_FIRST = re.compile(
    r"(?<!\d)(?P<d>\d{1,2})-(?P<m>\d{1,2})-(?P<y>\d{4})(?:\s+(?P<H>\d{1,2}):(?P<M>\d{2}))?(?!\d)"
)


def _day_first(match: re.Match[str]) -> datetime | None:
    try:
        return datetime(
            int(match["y"]),
            int(match["m"]),
            int(match["d"]),
            int(match["H"] or 0),
            int(match["M"] or 0),
            tzinfo=AMSTERDAM,
        )
    except ValueError:
        return None


def notubiz_datetime(value: object, *, within_text: bool = False) -> datetime | None:
    """A NotuBiz date value as a datetime; None for null, "", zero dates and unreadable text.

    With `within_text`, a `dd-mm-yyyy [HH:MM]` date anywhere in a label is read (the last one,
    which is where NotuBiz puts the meeting's date in "Ingediend in" labels).
    """
    if value is None or isinstance(value, (bool, int, float)):
        return None
    text = " ".join(str(value).split())
    if not text:
        return None
    if not within_text:
        return parse_datetime(text)
    matches = list(_DAY_FIRST.finditer(text))
    return _day_first(matches[-1]) if matches else None
