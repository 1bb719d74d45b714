"""Reading GemeenteOplossingen (GO) JSON: pure, tolerant functions from API shapes to record
fields.

Shapes (`<base>` is the source's `base_url`, e.g. `https://raad.<gemeente>.nl/api`):

- `GET <base>/v1/dmus` → `[{id, name}]` (committees; "Gemeenteraad" is the council).
- v1 `GET <base>/v1/meetings?date_from=<unix s>&date_to=<unix s>` → a JSON array of meetings;
  v2 `GET <base>/v2/meetings?date_from=YYYY-MM-DD&date_to=YYYY-MM-DD` →
  `{result: {totalCount, meetings: [...]}}`. A meeting: `{id, date, startTime, description,
  location, dmu{id, name}, canceled, inactive, items: [{id, number, title, description,
  sortorder, documents: [{id, filename}]}], documents: [...]}`. v1 dates carry the time
  ("2025-10-02T20:00:00+02:00"), v2 dates do not ("2025-10-02" plus `startTime` "20:00").
- `GET <base>/v1/documents?publicationDate_from=<ISO>&publicationDate_to=<ISO>` → documents
  outside agendas: `{id, filename, description, documentTypeLabel, publicationDate}` (the date
  as text or as `{date, timezone}`); a list or the v2 `{result: {documents: [...]}}` shape.

Items with an empty `sortorder` are not real agenda points (their documents belong to the
meeting). Nothing here makes requests or builds ids: `crawlers.gemeenteoplossingen` does that.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from crawlers.notubiz_parse import is_council
from normalize.cleaners import clean_datetime, clean_int, clean_text, numeric_position
from normalize.records import MeetingStatus

Json = dict[str, Any]
VERSIONS = {"v1": "v1", "1": "v1", "v2": "v2", "2": "v2"}
FALSE_FLAGS = (None, False, 0, "0", "", "false", "False", "nee")
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "doc": "application/msword",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xls": "application/vnd.ms-excel",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "odt": "application/vnd.oasis.opendocument.text",
    "txt": "text/plain",
}


def api_version(value: str | None) -> str | None:
    """`v1` (the default) or `v2`; None when the catalogue names a version GO does not have."""
    if value is None:
        return "v1"
    return VERSIONS.get(value.strip().lower())


def rows(data: Any, key: str) -> tuple[list[Json], int | None]:
    """The objects of a list answer and the announced total: a JSON array (v1) gives
    `(items, None)`, `{result: {totalCount, <key>: [...]}}` (v2) gives `(items, totalCount)`."""
    total = None
    if isinstance(data, Mapping):
        result = data.get("result", data)
        if not isinstance(result, Mapping):
            return [], None
        total = clean_int(result.get("totalCount"))
        data = result.get(key)
    if not isinstance(data, list):
        return [], total
    return [dict(item) for item in data if isinstance(item, Mapping)], total


def envelope_error(data: Any) -> str | None:
    """The error a v2 envelope `{status, code, messages, result}` reports with HTTP 200: a
    `status` other than OK or a `code` of 400 or more, told by its `messages`."""
    if not isinstance(data, Mapping) or not ({"status", "code"} & set(data)):
        return None
    status = str(data.get("status") or "OK").strip().upper()
    code = clean_int(data.get("code"))
    if status in {"OK", "SUCCESS"} and (code is None or code < 400):
        return None
    messages = data.get("messages")
    told = [str(m) for m in messages if m] if isinstance(messages, list) else []
    if isinstance(messages, str) and messages:
        told = [messages]
    reason = "; ".join(told) or str(data.get("message") or "no message")
    return f"{reason} (status {status}" + (f", code {code})" if code is not None else ")")


def is_list_answer(data: Any, key: str) -> bool:
    """Whether a list answer has a list where one is expected: a JSON array (v1) or
    `{result: {<key>: [...]}}` (v2). Anything else (an envelope with only a status, a `result`
    that is null) is an unreadable answer, never an empty list: read as empty, every meeting
    of the window would look withdrawn."""
    if isinstance(data, list):
        return True
    if not isinstance(data, Mapping):
        return False
    result = data.get("result", data)
    return isinstance(result, Mapping) and isinstance(result.get(key), list)


def ident(obj: Mapping[str, Any]) -> str | None:
    value = obj.get("id")
    if value is None or isinstance(value, (Mapping, list, bool)):
        return None
    return clean_text(value)


def flag(value: object) -> bool:
    return value not in FALSE_FLAGS


def committee_fields(dmu: Mapping[str, Any]) -> Json:
    name = clean_text(dmu.get("name"))
    return {"name": name or f"Commissie {ident(dmu)}", "is_council": is_council(name)}


def meeting_start(meeting: Mapping[str, Any]) -> datetime | None:
    """v1: `date` holds date and time; v2: `date` is a day and `startTime` the time."""
    raw = meeting.get("date")
    if isinstance(raw, Mapping):  # {date: "2025-10-02 20:00:00.000000", timezone: ...}
        return _zoned(raw)
    text = clean_text(raw)
    if text is None:
        return None
    if ":" not in text:
        start_time = clean_text(meeting.get("startTime"))
        text = f"{text}T{start_time}" if start_time else text
    return clean_datetime(text)


def _zoned(value: Mapping[str, Any]) -> datetime | None:
    """`{date: "2025-10-02 20:00:00.000000", timezone: "Europe/Amsterdam"}` (PHP's shape)."""
    text = clean_text(value.get("date"))
    moment = clean_datetime(text)
    zone = clean_text(value.get("timezone"))
    if moment is None or zone is None or _has_offset(text or ""):
        return moment
    try:
        return moment.replace(tzinfo=ZoneInfo(zone))
    except (ValueError, KeyError):  # an unknown zone name: Dutch local time
        return moment


def _has_offset(text: str) -> bool:
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).tzinfo is not None
    except ValueError:
        return False


def meeting_end(meeting: Mapping[str, Any], start: datetime | None) -> datetime | None:
    end_time = clean_text(meeting.get("endTime"))
    if start is None or end_time is None:
        return None
    end = clean_datetime(f"{start.date().isoformat()}T{end_time}")
    return end if end is not None and end >= start else None


def dmu_of(meeting: Mapping[str, Any]) -> Json:
    dmu = meeting.get("dmu")
    return dict(dmu) if isinstance(dmu, Mapping) else {}


def meeting_fields(meeting: Mapping[str, Any]) -> Json:
    """Meeting fields except ids and references. GO's `description` is the meeting's name;
    an empty one gives the name "Vergadering - <dmu.name> - <date>"."""
    start = meeting_start(meeting)
    description = clean_text(meeting.get("description"))
    day = start.date().isoformat() if start else clean_text(meeting.get("date"))
    fallback = " - ".join(
        p for p in ("Vergadering", clean_text(dmu_of(meeting).get("name")), day) if p
    )
    canceled = flag(meeting.get("canceled")) or flag(meeting.get("cancelled"))
    return {
        "name": description or fallback,
        "start": start,
        "end": meeting_end(meeting, start),
        "location": clean_text(meeting.get("location")),
        "status": MeetingStatus.CANCELLED if canceled else MeetingStatus.CONFIRMED,
    }


def is_agenda_point(item: Mapping[str, Any]) -> bool:
    """False for items with an empty `sortorder`: GO lists those, but they are no agenda
    points (bijlagen, notes)."""
    value = item.get("sortorder")
    return not (value is None or (isinstance(value, str) and not value.strip()))


@dataclass(frozen=True)
class AgendaPoint:
    native_id: str
    order: int  # 0-based, by `sortorder` (ties keep the listed order)
    data: Json


def agenda_points(meeting: Mapping[str, Any]) -> tuple[list[AgendaPoint], list[Json], int]:
    """(the real agenda points in order, the other items, items without an id)."""
    items = rows(meeting.get("items"), "items")[0]
    points: list[tuple[float, int, str, Json]] = []
    others: list[Json] = []
    missing, seen = 0, set()
    for index, item in enumerate(items):
        native = ident(item)
        if native is None:
            missing += 1
        elif not is_agenda_point(item):
            others.append(item)
        elif native not in seen:
            seen.add(native)
            sortorder = _number(item.get("sortorder"))
            points.append((sortorder, index, native, item))
    points.sort(key=lambda p: (p[0], p[1]))
    ordered = [
        AgendaPoint(native, order, item) for order, (_, _, native, item) in enumerate(points)
    ]
    return ordered, others, missing


def _number(value: object) -> float:
    try:
        return float(str(value).strip())
    except ValueError:
        return float("inf")  # a sortorder that is not a number goes last


def item_fields(point: AgendaPoint) -> Json:
    """AgendaItem fields except ids and references."""
    number = clean_text(point.data.get("number"))
    title = clean_text(point.data.get("title"))
    return {
        "name": title or " ".join(p for p in ("Agendapunt", number) if p),
        "description": clean_text(point.data.get("description")),
        "raw_position": number,
        "position": numeric_position(number),
        "order": point.order,
        "is_heading": False,
    }


def documents_of(holder: Mapping[str, Any]) -> list[Json]:
    return rows(holder.get("documents"), "documents")[0]


def file_fields(doc: Mapping[str, Any]) -> Json:
    """Document fields of an agenda file `{id, filename}` (the title is the file name)."""
    file_name = clean_text(doc.get("filename"))
    return {
        "title": clean_text(doc.get("title")) or title_from(file_name) or f"Document {ident(doc)}",
        "file_name": file_name,
        "content_type": content_type(file_name),
    }


def loose_document_fields(doc: Mapping[str, Any]) -> Json:
    """Document fields of an entry of `/documents` (not on an agenda); its `description` is
    its title."""
    nested = documents_of(doc)
    file_name = clean_text(doc.get("filename")) or (
        clean_text(nested[0].get("filename")) if nested else None
    )
    description = clean_text(doc.get("description"))
    published = publication_date(doc.get("publicationDate"))
    return {
        "title": description or title_from(file_name) or f"Document {ident(doc)}",
        "file_name": file_name,
        "content_type": content_type(file_name),
        "document_type": clean_text(doc.get("documentTypeLabel")),
        "published": published,
    }


def publication_date(value: object) -> datetime | None:
    if isinstance(value, Mapping):
        return _zoned(value)
    return clean_datetime(clean_text(value))


def title_from(file_name: str | None) -> str | None:
    """ "Raadsvoorstel_begroting_2026.pdf" → "Raadsvoorstel begroting 2026"."""
    if not file_name:
        return None
    stem = file_name.rsplit(".", 1)[0] if "." in file_name else file_name
    return clean_text(stem.replace("_", " ")) or file_name


def content_type(file_name: str | None) -> str | None:
    if not file_name or "." not in file_name:
        return None
    return CONTENT_TYPES.get(file_name.rsplit(".", 1)[1].lower())
