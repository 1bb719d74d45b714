"""Reading NotuBiz motion registers: pure functions from a register item to Motion fields.

A register (module) whose name, or an item whose type label, contains "motie" or "amendement"
holds motions: each of its items is a RegisterEntry and a Motion too. The outcome is read from
the first attribute labelled Status, Besluit, Uitslag, Afdoening or Resultaat.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from normalize.cleaners import clean_text
from normalize.motions import normalize_motion_result

Json = dict[str, Any]

RESULT_LABELS = ("Status", "Besluit", "Uitslag", "Afdoening", "Resultaat")
SUBMITTER_LABELS = ("Indiener", "Indieners")
PARTY_LABELS = ("Fractie", "Fracties")
DESCRIPTION_LABELS = ("Omschrijving", "Toelichting", "Beschrijving")
_SPLIT = re.compile(r"\s*[;\n]\s*|\s*,\s*")


def _lowered(text: str | None) -> str:
    return (text or "").lower()


def is_motion_register(register_name: str | None, item_type: str | None) -> bool:
    """Whether the register (or the item's type label) names motions or amendments."""
    labels = f"{_lowered(register_name)} {_lowered(item_type)}"
    return "motie" in labels or "amendement" in labels


def item_type(item: Mapping[str, Any]) -> str | None:
    """The item's type label: `type` as text, or `type.title`/`type.name` as an object."""
    value = item.get("type")
    if isinstance(value, Mapping):
        value = value.get("title") or value.get("name")
    return None if isinstance(value, (Mapping, list)) else clean_text(value)


def first_present(attributes: Mapping[str, str], labels: tuple[str, ...]) -> str | None:
    """The value of the first label present (labels compared case-insensitively)."""
    lowered = {k.lower(): v for k, v in attributes.items() if v}
    for label in labels:
        if lowered.get(label.lower()):
            return lowered[label.lower()]
    return None


def split_names(value: str | None) -> list[str]:
    names: list[str] = []
    for part in _SPLIT.split(value or ""):
        name = clean_text(part)
        if name and name not in names:
            names.append(name)
    return names


def motion_type(title: str | None, item_kind: str | None, register_name: str | None) -> str:
    """ "Amendement" when the title, type label or register says so (in that order), else
    "Motie"."""
    for label in (title, item_kind, register_name):
        lowered = _lowered(label)
        if "amendement" in lowered:
            return "Amendement"
        if "motie" in lowered:
            return "Motie"
    return "Motie"


def motion_fields(item: Mapping[str, Any], entry_fields: Mapping[str, Any]) -> Json:
    """Motion fields (except ids and references) from the item and its RegisterEntry fields
    (`crawlers.notubiz_parse.register_fields`)."""
    attributes: Mapping[str, str] = entry_fields.get("attributes") or {}
    register_name = entry_fields.get("register_name")
    title = entry_fields.get("title") or f"Motie {item.get('id')}"
    raw = first_present(attributes, RESULT_LABELS)
    return {
        "title": title,
        "description": first_present(attributes, DESCRIPTION_LABELS),
        "motion_type": motion_type(title, item_type(item), register_name),
        "submitters": split_names(first_present(attributes, SUBMITTER_LABELS)),
        "parties": split_names(first_present(attributes, PARTY_LABELS)),
        "result": normalize_motion_result(raw) if raw else None,
        "result_raw": raw,
        "date": entry_fields.get("date"),
    }
