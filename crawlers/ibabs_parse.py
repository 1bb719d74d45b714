"""Reading iBabs answers: pure functions from the SOAP result elements to record fields.

Meeting types, meetings with their agenda items and documents, and the people of a site.
Registers (lists, entries, motions, votes) are read by `crawlers.ibabs_lists`. Nothing here makes
requests or builds ids: `crawlers.ibabs` does that. Elements are read by local name within the
iBabs data-contract namespaces (`crawlers.soap`), so `.Public`, `.Common` and `.Base` objects read
alike.
"""

from __future__ import annotations

import mimetypes
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from crawlers.soap import Element, child, elements, flag, items, raw_text, text
from normalize.cleaners import (
    AMSTERDAM,
    clean_datetime,
    clean_int,
    clean_text,
    numeric_position,
)
from normalize.records import MeetingStatus
from vindplaats.months import add_months

MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
          "september", "oktober", "november", "december")  # fmt: skip
_TIME = re.compile(r"^\s*(\d{1,2})[:.](\d{2})(?::(\d{2}))?")
# Block-level HTML ends a phrase (a space); inline tags (<b>, <span>) join their text.
_BLOCK_TAG = re.compile(r"<\s*(?:br|/?p|/?div|/?li|/?ul|/?ol|/?h\d|/?tr|/?td)\b[^>]*>", re.I)
_ANY_TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class MeetingType:
    id: str
    meetingtype: str | None
    description: str | None
    abbreviation: str | None

    @property
    def label(self) -> str:
        return self.description or self.meetingtype or f"Vergadertype {self.id}"

    @property
    def is_committee(self) -> bool:
        return "commissie" in (self.meetingtype or "").lower()

    @property
    def is_council(self) -> bool:
        return "raad" in (self.meetingtype or "").lower() and not self.is_committee


@dataclass(frozen=True)
class IbabsDocument:
    id: str
    file_name: str | None
    display_name: str | None
    confidential: bool
    url: str | None
    size: int | None


def html_text(value: str | None) -> str | None:
    """Text of an HTML field (iBabs stores explanations as HTML), whitespace collapsed."""
    if not value:
        return None
    return clean_text(_ANY_TAG.sub("", _BLOCK_TAG.sub(" ", value)))


def meeting_types(result: Element) -> list[MeetingType]:
    found: dict[str, MeetingType] = {}
    for node in items(result, "Meetingtypes", "iBabsMeetingtype"):
        ident = text(node, "Id")
        if ident and ident not in found:
            found[ident] = MeetingType(
                ident,
                text(node, "Meetingtype"),
                text(node, "Description"),
                text(node, "Abbreviation"),
            )
    return list(found.values())


def included(label: str | None, include: str | None, exclude: str | None) -> bool:
    """The catalogue's patterns (regexes, searched) on a meeting type's Description or a list's
    name: kept when `include` matches (or is unset) and `exclude` does not."""
    value = label or ""
    if include and not re.search(include, value):
        return False
    return not (exclude and re.search(exclude, value))


def meetings(result: Element) -> list[Element]:
    return items(result, "Meetings", "iBabsMeeting")


def dutch_date(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    return f"{moment.day} {MONTHS[moment.month - 1]} {moment.year}"


def at_time(day: datetime | None, clock: str | None) -> datetime | None:
    """`MeetingDate` with a `StartTime`/`EndTime` like "19:30" (Dutch local time)."""
    if day is None:
        return None
    match = _TIME.match(clock or "")
    if match is None:
        return day
    hour, minute, second = int(match[1]), int(match[2]), int(match[3] or 0)
    if hour > 23 or minute > 59 or second > 59:
        return day
    local = day.astimezone(AMSTERDAM) if day.tzinfo else day.replace(tzinfo=AMSTERDAM)
    return local.replace(hour=hour, minute=minute, second=second, microsecond=0)


def meeting_fields(meeting: Element, meeting_type: MeetingType | None) -> dict[str, Any]:
    """Meeting fields except ids and references."""
    day = clean_datetime(text(meeting, "MeetingDate"))
    start = at_time(day, text(meeting, "StartTime"))
    end = at_time(day, text(meeting, "EndTime")) if text(meeting, "EndTime") else None
    if end is not None and start is not None and end < start:
        end = end + timedelta(days=1)  # a meeting that runs past midnight
        end = end if end - start <= timedelta(hours=12) else None
    label = meeting_type.label if meeting_type else "Vergadering"
    return {
        "name": " ".join(p for p in (label, dutch_date(start)) if p),
        "start": start,
        "end": end,
        "location": text(meeting, "Location"),
        "chair": text(meeting, "Chairman"),
        "description": html_text(raw_text(meeting, "Explanation")),
        "status": MeetingStatus.CONFIRMED,
    }


def participants(meeting: Element) -> set[str]:
    """UniqueIds of the meeting's invitees and attendees."""
    found = set()
    for container in ("Invitees", "Attendees"):
        for user in items(meeting, container, "iBabsUserBasic"):
            ident = text(user, "UniqueId")
            if ident:
                found.add(ident.lower())
    return found


def meeting_items(meeting: Element) -> list[Element]:
    return items(meeting, "MeetingItems", "iBabsMeetingItem")


def is_confidential(node: Element) -> bool:
    return flag(node, "Confidential") is True


def agenda_fields(item: Element, order: int) -> dict[str, Any]:
    """AgendaItem fields except ids and references (iBabs agendas are flat)."""
    raw_position = text(item, "Features")
    name = text(item, "Title") or " ".join(p for p in ("Agendapunt", raw_position) if p)
    return {
        "name": name,
        "description": html_text(raw_text(item, "Explanation")),
        "raw_position": raw_position,
        "position": numeric_position(raw_position),
        "order": order,
    }


def documents(holder: Element | None) -> list[IbabsDocument]:
    found: dict[str, IbabsDocument] = {}
    for node in items(holder, "Documents", "iBabsDocument"):
        ident = text(node, "Id")
        if not ident or ident in found:
            continue
        size = clean_int(text(node, "FileSize"))
        found[ident] = IbabsDocument(
            id=ident,
            file_name=text(node, "FileName"),
            display_name=text(node, "DisplayName"),
            confidential=is_confidential(node),
            url=raw_text(node, "PublicDownloadURL"),
            size=size if size is not None and size >= 0 else None,
        )
    return list(found.values())


def document_fields(doc: IbabsDocument) -> dict[str, Any]:
    """Document fields except ids, references and `original_url`."""
    kind = mimetypes.guess_type(doc.file_name or "", strict=False)[0] if doc.file_name else None
    stem = doc.file_name.rsplit(".", 1)[0] if doc.file_name and "." in doc.file_name else None
    title = doc.display_name or stem or doc.file_name or f"Document {doc.id}"
    return {"title": title, "file_name": doc.file_name, "content_type": kind, "size": doc.size}


@dataclass(frozen=True)
class Profile:
    user_id: str
    name: str | None
    function: str | None
    party: str | None

    @property
    def complete(self) -> bool:
        return bool(self.name and (self.function or self.party))


def _profile(node: Element) -> Profile | None:
    ident = text(node, "UserId") or text(node, "UniqueId")
    if not ident:
        return None
    return Profile(
        ident,
        text(node, "Name") or text(node, "FullName"),
        text(node, "FunctionName"),
        text(node, "PoliticalPartyName"),
    )


def profiles(result: Element) -> list[Profile]:
    """The users `GetUsers` lists (any object type inside `Users`)."""
    found: dict[str, Profile] = {}
    for node in elements(child(result, "Users")):
        profile = _profile(node)
        if profile is not None and profile.user_id not in found:
            found[profile.user_id] = profile
    return list(found.values())


def profile(result: Element) -> Profile | None:
    """The profile `GetUser` answers (inside `User`, `PublicProfile`, or the result itself)."""
    for name in ("User", "PublicProfile", "Profile"):
        node = child(result, name)
        if node is not None:
            return _profile(node)
    return _profile(result)


def parse_dutch_date(value: str | None) -> datetime | None:
    """A date as registers write it, in any supplier form (`normalize.cleaners.clean_datetime`:
    "Jan 29 2026 12:00AM", ISO 8601, "12-03-2025", "12/3/2025", "12 maart 2025")."""
    return clean_datetime(value)


def date_chunks(start: date, end: date, months: int) -> list[tuple[date, date]]:
    """[start, end] in consecutive, non-overlapping pieces of at most `months` months."""
    pieces: list[tuple[date, date]] = []
    current = start
    while current <= end:
        last = min(end, add_months(current, max(months, 1)) - timedelta(days=1))
        pieces.append((current, last))
        current = last + timedelta(days=1)
    return pieces
