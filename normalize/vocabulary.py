"""The controlled vocabulary filled in when a record is built (`normalize.records`).

Spiders give a document's supplier label as `document_type` (free text: `Moties Duinwijk`, a
register's name, `Pdf`, or nothing); building the record keeps it as `document_type_label` and
sets `document_type` to the controlled `DocType` (`normalize.doctypes.classify`, from the label,
title, file name and whether the document belongs to a meeting) and `woo_category`
(`normalize.woo_categories.category_for`; a Woo publication's is the first known information
category of its DiWoo metadata, `woo`). Both are derived again whenever a record is built,
also from its stored form, so an improved classifier applies to stored records on the next
index rebuild. A motion's type comes from its kind (`motion_type`) and title. A register entry's
type comes from its register's name, its own type field (an attribute `Type`, `Soort`, `Soort
document`, ...) and its title (`normalize.doctypes.classify_entry`); its label is that type field,
else the register's name.
"""

from __future__ import annotations

from typing import Any

from normalize.doctypes import classify, classify_entry, classify_motion
from normalize.woo_categories import CATEGORIES, WooCategory, category_for

_CATEGORY_OF_URI = {info.tooi_uri: info.value for info in CATEGORIES.values()}


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None


def document_vocabulary(data: Any) -> Any:
    """The fields of a Document being built, with `document_type_label`, `document_type` and
    `woo_category` set (see the module docstring)."""
    if not isinstance(data, dict):
        return data
    out = dict(data)
    raw = (
        out.get("document_type_label") if "document_type_label" in out else out.get("document_type")
    )
    label = _text(raw)
    title, file_name = _text(out.get("title")), _text(out.get("file_name"))
    in_meeting = bool(out.get("meeting_id") or out.get("agenda_item_id"))
    doctype = classify(label, title=title, file_name=file_name, in_meeting=in_meeting)
    out["document_type_label"] = label
    out["document_type"] = doctype
    published = _published_category(out.get("woo"))
    out["woo_category"] = published or category_for(doctype, label, title)
    return out


def _published_category(woo: Any) -> WooCategory | None:
    """The first known information category of DiWoo metadata (a `WooMetadata` or its stored
    form), None when it has none."""
    if woo is None:
        return None
    values = woo.get("informatiecategorieen") if isinstance(woo, dict) else None
    if values is None:
        values = getattr(woo, "informatiecategorieen", None) or []
    for value in values:
        uri = value.get("uri") if isinstance(value, dict) else getattr(value, "uri", None)
        found = _CATEGORY_OF_URI.get(uri or "")
        if found is not None:
            return found
    return None


# The attributes (by label, any case) that hold an entry's own type.
ENTRY_TYPE_KEYS = (
    "type",
    "soort",
    "soort motie",
    "soort document",
    "soort stuk",
    "documenttype",
    "documentsoort",
    "type document",
)


def _entry_type(attributes: Any) -> str | None:
    if not isinstance(attributes, dict):
        return None
    lowered = {_text(k.lower() if isinstance(k, str) else k): v for k, v in attributes.items()}
    for key in ENTRY_TYPE_KEYS:
        value = _text(lowered.get(key))
        if value:
            return value
    return None


def register_entry_vocabulary(data: Any) -> Any:
    """The fields of a RegisterEntry being built, with `document_type_label` (the entry's type
    field, else its register's name), `document_type` and `woo_category` set."""
    if not isinstance(data, dict):
        return data
    out = dict(data)
    register, title = _text(out.get("register_name")), _text(out.get("title"))
    entry_type = _entry_type(out.get("attributes"))
    doctype = classify_entry(register, entry_type, title)
    label = entry_type or register
    out["document_type_label"] = label
    out["document_type"] = doctype
    out["woo_category"] = category_for(doctype, label, register, title)
    return out


def motion_vocabulary(data: Any) -> Any:
    """The fields of a Motion being built, with `document_type` (motie or amendement) and
    `woo_category` set."""
    if not isinstance(data, dict):
        return data
    out = dict(data)
    doctype = classify_motion(_text(out.get("motion_type")), _text(out.get("title")))
    out["document_type"] = doctype
    out["woo_category"] = category_for(doctype)
    return out


__all__ = [
    "ENTRY_TYPE_KEYS",
    "document_vocabulary",
    "motion_vocabulary",
    "register_entry_vocabulary",
]
