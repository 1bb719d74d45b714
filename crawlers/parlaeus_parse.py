"""Reading Parlaeus JSON: pure, tolerant functions from API shapes to record fields.

Every call is `GET <base>?fn=<function>&...&rid=<token>` on
`https://<gemeente>.parlaeus.nl/receive/opendata`:

- `fn=cie_list` → `{status: 200, list: [{cmid, committeename, committeecode}]}`;
- `fn=person_list` → `{status: 200, list: [{raid, name, function, party}]}`;
- `fn=agenda_list&since=YYYYMMDD&until=YYYYMMDD` → `{status: 200, list: [{agid, date, time,
  last_change}]}`;
- `fn=agenda_detail&agid=<id>` → `{agenda: {agid, cmid, committeecode, title, description,
  location, chairman, secretary, date: YYYYMMDD, time, endtime, cancelled, points: [{apid,
  number, title, text, type, level, decision, documents: [{dcid, link, title, number,
  type}]}]}}`.

Errors arrive as HTTP 200 with `status` other than 200 (and a `message`); 401 and 403 mean the
token (`rid`) was refused. Agenda points are a flat list nested by `level` (1 = top). Nothing
here makes requests or builds ids: `crawlers.parlaeus` does that.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from crawlers.notubiz_parse import dutch_date, is_council
from normalize.cleaners import AMSTERDAM, clean_datetime, clean_int, clean_text, numeric_position
from normalize.records import MeetingStatus

Json = dict[str, Any]
TOKEN_REFUSED = (401, 403)
COUNCIL_CODES = frozenset({"raad", "gr", "gemeenteraad"})


def status_error(data: Any) -> str | None:
    """ "status <code>: <message>" when the answer carries a status other than 200."""
    if not isinstance(data, Mapping) or "status" not in data:
        return None
    code = clean_int(data.get("status"))
    if code == 200:
        return None
    message = clean_text(data.get("message")) or clean_text(data.get("error")) or "no message"
    return f"status {data.get('status')}: {message}"


def is_token_refusal(data: Any) -> bool:
    return isinstance(data, Mapping) and clean_int(data.get("status")) in TOKEN_REFUSED


def listing(data: Any) -> list[Json]:
    """The objects under `list` (a single object is a list of one)."""
    value = data.get("list") if isinstance(data, Mapping) else None
    if isinstance(value, Mapping):
        return [dict(value)]
    if isinstance(value, list):
        return [dict(v) for v in value if isinstance(v, Mapping)]
    return []


def ident(obj: Mapping[str, Any], key: str) -> str | None:
    """The id under `key`; None when missing, empty or 0 (Parlaeus writes 0 for "none")."""
    value = obj.get(key)
    if value is None or isinstance(value, (Mapping, list, bool)):
        return None
    text = clean_text(value)
    return None if text in (None, "0") else text


def committee_fields(cie: Mapping[str, Any]) -> Json:
    code = clean_text(cie.get("committeecode"))
    name = clean_text(cie.get("committeename") or cie.get("name") or cie.get("title"))
    name = name or code or f"Commissie {ident(cie, 'cmid')}"
    council = is_council(name) or (code or "").lower() in COUNCIL_CODES
    return {"name": name, "is_council": council}


def person_fields(person: Mapping[str, Any]) -> Json:
    return {
        "name": clean_text(person.get("name")),
        "function": clean_text(person.get("function")),
        "party": clean_text(person.get("party")),
    }


def moment(day: object, clock: object) -> datetime | None:
    """`date` YYYYMMDD plus `time` HH:MM (Dutch local time); the day itself without a time."""
    day_text, clock_text = clean_text(day), clean_text(clock)
    if day_text is None:
        return None
    if clock_text is None or clock_text == "0":
        return clean_datetime(day_text)
    for layout in ("%Y%m%d %H:%M", "%Y%m%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"):
        try:
            return datetime.strptime(f"{day_text} {clock_text}", layout).replace(tzinfo=AMSTERDAM)
        except ValueError:
            continue
    return None


def meeting_fields(agenda: Mapping[str, Any], committee: str | None) -> Json:
    """Meeting fields except ids and references."""
    start = moment(agenda.get("date"), agenda.get("time"))
    end_time = clean_text(agenda.get("endtime"))
    end = moment(agenda.get("date"), end_time) if end_time not in (None, "0") else None
    title = clean_text(agenda.get("title"))
    fallback = " ".join(p for p in ("Vergadering", committee, dutch_date(start)) if p)
    cancelled = clean_int(agenda.get("cancelled")) or 0
    return {
        "name": title or fallback,
        "start": start,
        "end": end if end is not None and start is not None and end >= start else None,
        "location": clean_text(agenda.get("location")),
        "chair": clean_text(agenda.get("chairman")),
        "description": clean_text(agenda.get("description")),
        "status": MeetingStatus.CANCELLED if cancelled else MeetingStatus.CONFIRMED,
    }


def last_change(entry: Mapping[str, Any]) -> datetime | None:
    return clean_datetime(clean_text(entry.get("last_change")))


@dataclass(frozen=True)
class PointNode:
    native_id: str
    parent: str | None
    order: int  # 0-based among its siblings
    data: Json


def point_nodes(agenda: Mapping[str, Any]) -> tuple[list[PointNode], int]:
    """The agenda tree from the flat `points` list: a point's parent is the nearest point
    before it with a lower `level`. Returns (nodes in listed order, points without an id)."""
    points = agenda.get("points")
    nodes: list[PointNode] = []
    stack: list[tuple[int, str]] = []  # (level, apid) of the open ancestors
    children: dict[str | None, int] = {}
    missing, seen = 0, set()
    for point in points if isinstance(points, list) else []:
        if not isinstance(point, Mapping):
            continue
        native = ident(point, "apid")
        if native is None or native in seen:
            missing += native is None
            continue
        seen.add(native)
        level = max(clean_int(point.get("level")) or 1, 1)
        while stack and stack[-1][0] >= level:
            stack.pop()
        parent = stack[-1][1] if stack else None
        order = children.get(parent, 0)
        children[parent] = order + 1
        nodes.append(PointNode(native, parent, order, dict(point)))
        stack.append((level, native))
    return nodes, missing


def point_fields(node: PointNode) -> Json:
    """AgendaItem fields except ids and references (the decision joins the description)."""
    number = clean_text(node.data.get("number"))
    text = clean_text(node.data.get("text"))
    decision = clean_text(node.data.get("decision"))
    description = " ".join(p for p in (text, f"Besluit: {decision}" if decision else None) if p)
    return {
        "name": clean_text(node.data.get("title"))
        or " ".join(p for p in ("Agendapunt", number) if p),
        "description": description or None,
        "raw_position": number,
        "position": numeric_position(number),
        "order": node.order,
        "is_heading": False,
    }


def documents_of(point: Mapping[str, Any]) -> list[Json]:
    docs = point.get("documents")
    return [dict(d) for d in docs if isinstance(d, Mapping)] if isinstance(docs, list) else []


def document_fields(doc: Mapping[str, Any]) -> Json:
    """Document fields except ids, references and the link."""
    return {
        "title": clean_text(doc.get("title")) or f"Document {ident(doc, 'dcid')}",
        "document_type": clean_text(doc.get("type")),
    }
