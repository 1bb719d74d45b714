"""Reading NotuBiz JSON: pure, tolerant functions from API shapes to record fields.

Tolerates the older shapes (`events.event[]`, `@attributes.id`, single objects where lists are
expected). Nothing here makes requests or builds ids: `crawlers.notubiz` does that.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from crawlers.notubiz_dates import notubiz_datetime
from normalize.cleaners import clean_datetime, clean_int, clean_text, numeric_position
from normalize.records import MeetingStatus

Json = dict[str, Any]

MONTHS = (
    *("januari", "februari", "maart", "april", "mei", "juni"),
    *("juli", "augustus", "september", "oktober", "november", "december"),
)
TITLE_LABELS = ("Titel", "Onderwerp", "Naam")
DESCRIPTION_LABELS = ("Omschrijving", "Toelichting", "Beschrijving")
COUNCIL_NAMES = frozenset({"gemeenteraad", "raad", "de raad", "provinciale staten"})


def listing(data: Any, key: str | None = None, inner: str | None = None) -> list[Json]:
    """The list under `key`: `[...]`, `{inner: [...]}` (old shape) or a single object."""
    value = data.get(key) if key is not None and isinstance(data, Mapping) else data
    if isinstance(value, Mapping) and inner is not None and inner in value:
        value = value[inner]
    if isinstance(value, Mapping):
        return [dict(value)] if value else []
    if isinstance(value, list):
        return [dict(v) for v in value if isinstance(v, Mapping)]
    return []


def native_id(obj: Mapping[str, Any]) -> str | None:
    """`id`, or `@attributes.id` in the old shape; None when missing."""
    value = obj.get("id")
    if value is None and isinstance(obj.get("@attributes"), Mapping):
        value = obj["@attributes"].get("id")
    if value is None or isinstance(value, (Mapping, list, bool)):
        return None
    return clean_text(value)


def _reference(value: Any) -> str | None:
    """A reference written as an id or as an object `{id}`."""
    if isinstance(value, Mapping):
        return native_id(value)
    if value is None or isinstance(value, (list, bool)):
        return None
    return clean_text(value)


def _collect_labels(node: Any, out: dict[str, str]) -> None:
    if isinstance(node, Mapping):
        label = node.get("label")
        ident = node.get("field_id", native_id(node))
        usable = ident is not None and not isinstance(ident, (Mapping, list))
        if isinstance(label, str) and label.strip() and usable:
            out.setdefault(str(ident).strip(), label.strip())
        for value in node.values():
            _collect_labels(value, out)
    elif isinstance(node, list):
        for value in node:
            _collect_labels(value, out)


def organisation_labels(data: Any, organisation_id: str) -> tuple[bool, dict[str, str]]:
    """From `/organisations`: (organisation listed?, attribute id → label)."""
    for organisation in listing(data, "organisations", "organisation"):
        if native_id(organisation) == organisation_id:
            labels: dict[str, str] = {}
            _collect_labels(organisation.get("settings", organisation), labels)
            return True, labels
    return False, {}


def settings_labels(data: Any) -> dict[str, str]:
    """From `/organisations/{id}/entity_type_settings`: attribute id → label."""
    labels: dict[str, str] = {}
    _collect_labels(
        data.get("entity_type_settings", data) if isinstance(data, Mapping) else {}, labels
    )
    return labels


def remap_attributes(attributes: Any, labels: Mapping[str, str]) -> dict[str, str]:
    """`[{id, value}]` → {label: text}; unknown ids are left out, empty values too."""
    result: dict[str, str] = {}
    for attribute in listing(attributes, inner="attribute"):
        label = attribute.get("label")
        if not isinstance(label, str):
            ident = native_id(attribute)
            label = labels.get(ident) if ident is not None else None
        value = clean_text(attribute.get("value"))
        if label and value and label not in result:
            result[label.strip()] = value
    return result


def first_of(values: Mapping[str, str], names: tuple[str, ...]) -> str | None:
    for name in names:
        if values.get(name):
            return values[name]
    return None


def dutch_date(value: datetime | None) -> str | None:
    if value is None:
        return None
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def meeting_status(meeting: Mapping[str, Any]) -> MeetingStatus:
    """`canceled` → cancelled, `inactive` → tentative, otherwise confirmed (older harvesters
    had the last two inverted)."""
    if meeting.get("canceled") or meeting.get("cancelled"):
        return MeetingStatus.CANCELLED
    if meeting.get("inactive"):
        return MeetingStatus.TENTATIVE
    return MeetingStatus.CONFIRMED


def meeting_fields(meeting: Json, labels: Mapping[str, str], committee: str | None) -> Json:
    """Meeting fields except ids and references."""
    attributes = remap_attributes(meeting.get("attributes"), labels)
    plannings = listing(meeting, "plannings", "planning")
    first = plannings[0] if plannings else {}
    start = clean_datetime(first.get("start_date"))
    end = clean_datetime(first.get("end_date"))
    when = dutch_date(start)
    fallback = " ".join(p for p in (committee or "Vergadering", when) if p)
    return {
        "name": attributes.get("Titel") or fallback,
        "start": start,
        "end": end if end is None or start is None or end >= start else None,
        "location": attributes.get("Locatie"),
        "chair": attributes.get("Voorzitter"),
        "description": attributes.get("Omschrijving"),
        "status": meeting_status(meeting),
        "last_modified": clean_datetime(meeting.get("last_modified")),
    }


@dataclass(frozen=True)
class AgendaNode:
    native_id: str
    parent: str | None
    order: int
    data: Json


def agenda_nodes(meeting: Json) -> list[AgendaNode]:
    """The agenda tree, flattened parents-first; `order` is 0-based among siblings."""
    found: dict[str, tuple[str | None, int, Json]] = {}

    def walk(items: Any, parent: str | None) -> None:
        for item in listing(items, inner="agenda_item"):
            ident = native_id(item)
            if ident is None or ident in found:
                continue
            declared = parent if parent is not None else _reference(item.get("parent"))
            found[ident] = (declared, len(found), item)
            walk(item.get("agenda_items"), ident)

    walk(meeting.get("agenda_items"), None)
    parents: dict[str, str | None] = {}
    for ident, (parent, _, _) in found.items():
        parents[ident] = parent if parent in found and parent != ident else None
    for ident in parents:  # break cycles a flat `parent` list could form
        seen, current = {ident}, parents[ident]
        while current is not None:
            if current in seen:
                parents[ident] = None
                break
            seen.add(current)
            current = parents[current]
    children: dict[str | None, list[str]] = {}
    for ident in found:
        children.setdefault(parents[ident], []).append(ident)

    def sort_key(ident: str) -> tuple[bool, int, int]:
        order = clean_int(found[ident][2].get("order"))
        return (order is None, order or 0, found[ident][1])

    result: list[AgendaNode] = []

    def emit(parent: str | None) -> None:
        for position, ident in enumerate(sorted(children.get(parent, []), key=sort_key)):
            result.append(AgendaNode(ident, parent, position, found[ident][2]))
            emit(ident)

    emit(None)
    return result


def agenda_fields(node: AgendaNode, labels: Mapping[str, str]) -> Json:
    """AgendaItem fields except ids and references."""
    type_data = node.data.get("type_data")
    type_data = type_data if isinstance(type_data, Mapping) else {}
    attributes = remap_attributes(type_data.get("attributes"), labels)
    raw_position = clean_text(type_data.get("title_prefix"))
    raw_heading = type_data.get("heading")  # a flag in real answers, a title in older ones
    heading = None if isinstance(raw_heading, bool) else clean_text(raw_heading)
    name = first_of(attributes, TITLE_LABELS) or heading
    if not name:
        values = list(attributes.values())
        name = values[0] if values else " ".join(p for p in ("Agendapunt", raw_position) if p)
    return {
        "name": name,
        "description": first_of(attributes, DESCRIPTION_LABELS),
        "raw_position": raw_position,
        "position": numeric_position(raw_position),
        "order": node.order,
        "is_heading": node.data.get("type") == "label" or raw_heading is True,
        "last_modified": clean_datetime(node.data.get("last_modified")),
    }


def document_fields(doc: Json) -> Json:
    """Document fields except ids, references and `original_url` (see `document_url`)."""
    versions = listing(doc, "versions", "version")
    raw_version = doc.get("version")
    version = None if isinstance(raw_version, (Mapping, list)) else clean_text(raw_version)
    current = next((v for v in versions if native_id(v) == version), None)
    if current is None and versions:
        current = versions[-1]
    current = current or {}
    types = listing(doc, "types", "type")
    file_name = clean_text(current.get("file_name"))
    size = clean_int(current.get("file_size"))
    return {
        "title": clean_text(doc.get("title")) or file_name or f"Document {native_id(doc)}",
        "file_name": file_name,
        "content_type": clean_text(current.get("mime_type")),
        "size": size if size is not None and size >= 0 else None,
        "version": version,
        "document_type": clean_text(types[0].get("value")) if types else None,
        "description": clean_text(doc.get("description")),
        # `date` is "" in every recorded answer; `publication_date` is the day the answer was
        # fetched (the same for every document of one answer), so it is not used at all. The
        # spider falls back to the date of the register entry or meeting the document hangs in.
        "date": notubiz_datetime(doc.get("date")),
        "published": None,
        "modified": notubiz_datetime(doc.get("last_modified")),
    }


def document_url(doc: Json) -> Any:
    return doc.get("url")


def is_confidential(obj: Mapping[str, Any]) -> bool:
    flag = obj.get("confidential")
    return flag not in (None, False, 0, "0", "", "false")


def is_council(title: str | None) -> bool:
    return (title or "").strip().lower() in COUNCIL_NAMES
