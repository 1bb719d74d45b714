"""The controlled vocabulary filled in when a record is built (`normalize.records`).

Spiders give a document's supplier label as `document_type` (free text: `Moties Duinwijk`, a
register's name, `Pdf`, or nothing); building the record keeps it as `document_type_label` and
sets `document_type` to the controlled `DocType` (`normalize.doctypes.classify`, from the label,
title, file name and whether the document belongs to a meeting) and `woo_category`
(`normalize.woo_categories.category_for`). Both are derived again whenever a record is built,
also from its stored form, so an improved classifier applies to stored records on the next
index rebuild. A motion's type comes from its kind (`motion_type`) and title.
"""

from __future__ import annotations

from typing import Any

from normalize.doctypes import classify, classify_motion
from normalize.woo_categories import category_for


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
    out["woo_category"] = category_for(doctype, label, title)
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


__all__ = ["document_vocabulary", "motion_vocabulary"]
