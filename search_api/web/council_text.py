"""The words the meeting and motion pages show: Dutch dates and times, the Dutch names of
statuses, results and votes, agenda anchors, and engine snippets made safe to embed.

Everything here is text for people; nothing reads the store.
"""

from __future__ import annotations

import hashlib
import re
from datetime import datetime
from urllib.parse import quote, urlencode

from markupsafe import Markup, escape

from normalize.dates import AMSTERDAM, DUTCH_MONTHS
from normalize.records import MeetingStatus, MotionResult, VoteChoice

WEEKDAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
MEETING_STATUS = {
    MeetingStatus.CONFIRMED: "Bevestigd",
    MeetingStatus.TENTATIVE: "Voorlopig",
    MeetingStatus.CANCELLED: "Geannuleerd",
    MeetingStatus.UNKNOWN: "Onbekend",
}
RESULT = {
    MotionResult.AANGENOMEN: "Aangenomen",
    MotionResult.VERWORPEN: "Verworpen",
    MotionResult.INGETROKKEN: "Ingetrokken",
    MotionResult.AANGEHOUDEN: "Aangehouden",
    MotionResult.OVERIG: "Overig",
}
CHOICE = {
    VoteChoice.VOOR: "Voor",
    VoteChoice.TEGEN: "Tegen",
    VoteChoice.ONTHOUDEN: "Onthouden",
    VoteChoice.AFWEZIG: "Afwezig",
}
_TAG = re.compile(r"</?mark>")


def dutch_day(moment: datetime | None) -> str | None:
    """`dinsdag 5 november 2024`, on the Amsterdam calendar; None without a moment."""
    if moment is None:
        return None
    local = moment.astimezone(AMSTERDAM)
    return f"{WEEKDAYS[local.weekday()]} {local.day} {DUTCH_MONTHS[local.month - 1]} {local.year}"


def dutch_time(moment: datetime | None) -> str | None:
    """`20:30`, Amsterdam time; None without a moment."""
    return None if moment is None else moment.astimezone(AMSTERDAM).strftime("%H:%M")


def dutch_when(start: datetime | None, end: datetime | None) -> str | None:
    """`dinsdag 5 november 2024, 20:30–22:00` (the end time only when it is the same day)."""
    day = dutch_day(start)
    if start is None or day is None:
        return None
    text = f"{day}, {dutch_time(start)}"
    if end is not None and dutch_day(end) == day and end > start:
        text += f"–{dutch_time(end)}"
    return text


def agenda_anchor(item_id: str) -> str:
    """The fragment id of an agenda item on its meeting page (`punt-1a2b3c4d5e6f`): short,
    stable and safe in HTML and URLs whatever characters the supplier's id holds."""
    return "punt-" + hashlib.sha256(item_id.encode("utf-8")).hexdigest()[:12]


def path_of(prefix: str, record_id: str, q: str = "") -> str:
    """A page of the interface by record id (`/moties/motion:...`), with `?q=` when given."""
    path = prefix + quote(record_id, safe=":")
    return f"{path}?{urlencode({'q': q})}" if q else path


def safe_snippet(snippet: str) -> Markup:
    """An engine snippet as markup: the engine escapes the text and adds only `<mark>` tags;
    a snippet holding any other markup is escaped whole rather than trusted."""
    if "<" in _TAG.sub("", snippet):
        return escape(snippet)
    return Markup(snippet)  # checked above: escaped text and <mark> tags only
