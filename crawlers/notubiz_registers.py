"""Reading NotuBiz registers (modules) and their items, in the shapes real answers have.

- `GET /organisations/{id}/modules` lists the registers as `{id, name, custom_name}`: `name` is
  NotuBiz's own (fixed per module kind: "Moties", "Ingekomen stukken", ...), `custom_name` the
  municipality's rename ("Moties en Amendementen", "Voorstellen vanaf 2023"; may be ""). There is
  no `title`. An item names its register only by `module_id`.
- An item's `attributes[]` are `{id, label, datatype, values: [{meta_data, content}]}`. `content`
  is text, the id of a referenced thing (its readable name is `meta_data.label`), or absent with
  a `document` beside it. Attribute ids are stable across municipalities, labels are not
  ("Indienende partij" vs "Fractie(s)"), so fields are found by id first, then by label.
- Older answers wrote `values: [{value: ...}]`; that form is still read.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from crawlers.notubiz_dates import notubiz_datetime
from crawlers.notubiz_parse import listing, native_id
from normalize.cleaners import clean_text

Json = dict[str, Any]

# Stable attribute ids of module items (seen across municipalities) and label fallbacks.
TITLE_IDS, TITLE_LABELS = ("1",), ("Titel", "Onderwerp", "Naam")
DATE_IDS = ("15",)
DATE_LABELS = ("Datum", "Datum vergadering", "Datum ontvangst", "Datum document", "Datum indiening")
SUBMITTED_IN_IDS, SUBMITTED_IN_LABELS = ("54",), ("Ingediend in", "Gekoppeld evenement")
MAIN_DOCUMENT_IDS = ("2",)
_MOTION_NAMES = re.compile(r"^\s*(moties|amendementen)\s*$", re.IGNORECASE)
_MOTION_WORDS = re.compile(r"moti|amendement|moasje|amendemint", re.IGNORECASE)


@dataclass(frozen=True)
class Register:
    """One register of an organisation, from `/organisations/{id}/modules`."""

    module_id: str
    name: str | None
    custom_name: str | None

    @property
    def title(self) -> str | None:
        """What users call it: the municipality's rename, else NotuBiz's name."""
        return self.custom_name or self.name

    @property
    def holds_motions(self) -> bool:
        """A motion register: NotuBiz's name is Moties/Amendementen, or the rename says so."""
        if self.name and _MOTION_NAMES.match(self.name):
            return True
        return bool(self.title and _MOTION_WORDS.search(self.title))


def registers(data: Any) -> dict[str, Register]:
    """`{"modules": [{id, name, custom_name}]}` → module id → Register."""
    found: dict[str, Register] = {}
    for module in listing(data, "modules", "module"):
        ident = native_id(module)
        if ident is not None and ident not in found:
            name = clean_text(module.get("name")) or clean_text(module.get("title"))
            found[ident] = Register(ident, name, clean_text(module.get("custom_name")))
    return found


@dataclass
class Attribute:
    """One attribute of an item: its texts (reference names for references) and documents."""

    ident: str | None
    label: str | None
    datatype: str | None
    texts: list[str] = field(default_factory=list)
    documents: list[Json] = field(default_factory=list)


def _value_text(value: Mapping[str, Any]) -> str | None:
    meta = value.get("meta_data")
    if isinstance(meta, Mapping) and clean_text(meta.get("label")):
        return clean_text(meta.get("label"))  # a reference: the readable name, not the id
    content = value.get("content", value.get("value"))
    if isinstance(content, (Mapping, list, bool)):
        return None
    return clean_text(content)


def read_attributes(item: Mapping[str, Any], labels: Mapping[str, str]) -> list[Attribute]:
    """The item's attributes; a missing label comes from the organisation's id → label map."""
    result = []
    for raw in listing(item, "attributes", "attribute"):
        ident = native_id(raw)
        label = clean_text(raw.get("label")) or (labels.get(ident) if ident else None)
        attribute = Attribute(ident, label, clean_text(raw.get("datatype")))
        for value in listing(raw, "values", "value"):
            if isinstance(value.get("document"), Mapping):
                attribute.documents.append(dict(value["document"]))
                continue
            text = _value_text(value)
            if text and text not in attribute.texts:
                attribute.texts.append(text)
        result.append(attribute)
    return result


@dataclass
class ItemAttributes:
    """An item's attributes, looked up by stable id first, then by label (any case)."""

    attributes: list[Attribute]

    def find(self, ids: tuple[str, ...], labels: tuple[str, ...]) -> Attribute | None:
        for ident in ids:
            for attribute in self.attributes:
                if attribute.ident == ident and (attribute.texts or attribute.documents):
                    return attribute
        wanted = [label.lower() for label in labels]
        for label in wanted:
            for attribute in self.attributes:
                has = attribute.texts or attribute.documents
                if has and attribute.label and attribute.label.lower() == label:
                    return attribute
        return None

    def texts(self, ids: tuple[str, ...], labels: tuple[str, ...]) -> list[str]:
        attribute = self.find(ids, labels)
        return list(attribute.texts) if attribute else []

    def text(self, ids: tuple[str, ...], labels: tuple[str, ...]) -> str | None:
        texts = self.texts(ids, labels)
        return "; ".join(texts) if texts else None

    def by_label(self) -> dict[str, str]:
        """label → text (values joined by "; "), first attribute of a label wins."""
        result: dict[str, str] = {}
        for attribute in self.attributes:
            if attribute.label and attribute.texts and attribute.label not in result:
                result[attribute.label] = "; ".join(attribute.texts)
        return result

    def documents(self) -> list[Json]:
        """Every document attribute's documents, the main document ("Hoofddocument") first."""
        main = [a for a in self.attributes if a.ident in MAIN_DOCUMENT_IDS]
        rest = [a for a in self.attributes if a.ident not in MAIN_DOCUMENT_IDS]
        return [doc for attribute in main + rest for doc in attribute.documents]


def entry_date(attributes: ItemAttributes, item: Mapping[str, Any]) -> datetime | None:
    """The entry's own date: its date attribute, else the meeting date in the "Ingediend in"
    label ("... (Gemeenteraad 22-01-2026 19:30)"), else `creation_date`. Never `last_modified`
    (the day someone edited it) nor a document's `publication_date` (the day it was fetched)."""
    for text in attributes.texts(DATE_IDS, DATE_LABELS):
        moment = notubiz_datetime(text)
        if moment is not None:
            return moment
    for text in attributes.texts(SUBMITTED_IN_IDS, SUBMITTED_IN_LABELS):
        moment = notubiz_datetime(text, within_text=True)
        if moment is not None:
            return moment
    return notubiz_datetime(item.get("creation_date"))


def register_item_fields(
    item: Json, labels: Mapping[str, str], register: Register | None
) -> tuple[Json, list[Json], ItemAttributes]:
    """RegisterEntry fields (except ids/references), the item's documents (attachments and
    document attributes, each once) and its attributes (for `crawlers.notubiz_motions`)."""
    attributes = ItemAttributes(read_attributes(item, labels))
    attachments = item.get("attachments")
    docs = attributes.documents() + (listing(attachments, "document") if attachments else [])
    unique: dict[str, Json] = {}
    for doc in docs:
        unique.setdefault(native_id(doc) or f"#{len(unique)}", doc)
    module: Mapping[str, Any] = item["module"] if isinstance(item.get("module"), Mapping) else {}
    fallback = clean_text(module.get("title") or module.get("name") or item.get("module_title"))
    title = attributes.text(TITLE_IDS, TITLE_LABELS) or clean_text(item.get("title"))
    if title is None and docs:
        title = clean_text(docs[0].get("title"))
    fields = {
        "register_name": register.title if register is not None else fallback,
        "title": title,
        "attributes": attributes.by_label(),
        "date": entry_date(attributes, item),
        "last_modified": notubiz_datetime(item.get("last_modified")),
    }
    return fields, list(unique.values()), attributes


def item_module_id(item: Mapping[str, Any]) -> str | None:
    """The register an item belongs to: `module_id` (or `module.id` in older answers)."""
    module = item.get("module")
    value = module.get("id") if isinstance(module, Mapping) else item.get("module_id")
    if value is None or isinstance(value, (Mapping, list, bool)):
        return None
    return clean_text(value)
