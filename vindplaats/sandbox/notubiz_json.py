"""The NotuBiz API's JSON shapes (version 1.17.0), rendered from the sample world.

The shapes follow public recordings of real answers (see docs/sandbox.md, "NotuBiz"): module
items carry `module_id` and `attributes[{id, label, datatype, order, multiple, visible,
values[{meta_data, content}]}]`, references (person, party, role) have their readable name in
`meta_data.label` and an id as `content`, documents sit in `{document, meta_data}` values
without `content`; meetings link items as `modules/0/items/<id>` with `field_id` 54 and agenda
items carry `parent` as `{id, self}`; a document's `publication_date` is the day of the answer
(the world clock), its `date` is "". Like the real API, `self` links carry no scheme
(`api.notubiz.nl/...` there, `127.0.0.1:<port>/notubiz/...` here): join them with the scheme of
the API base. Document `url`s are absolute; one is written with the real `httphttp://` quirk.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from vindplaats.sandbox.concepts import (
    AgendaItem,
    Document,
    FileKind,
    Meeting,
    ModuleRef,
    RegisterEntry,
    when,
)
from vindplaats.sandbox.files import FileCache
from vindplaats.sandbox.model import Municipality

Json = dict[str, Any]
# Module item fields: label → (stable attribute id, datatype, reference model or None). The ids
# are those real answers use for these fields in every organisation (804/805 are our own).
FIELDS: dict[str, tuple[int, str, str | None]] = {
    "Titel": (1, "varchar", None),
    "Hoofddocument": (2, "document", None),
    "Datum": (15, "datetime", None),
    "Portefeuillehouder": (23, "integer", "role"),
    "Omschrijving": (35, "text", None),
    "Indiener": (36, "integer", "person"),
    "Indiener(s)": (36, "integer", "person"),
    "Fractie(s)": (37, "integer", "party"),
    "Uitslag": (62, "varchar", None),
    "Status": (71, "varchar", None),
    "Medeondertekenaars": (87, "integer", "person"),
    "Afzender": (804, "varchar", None),
    "Voorstel afdoening": (805, "varchar", None),
}
MOTION_LABELS = ("Indiener(s)", "Fractie(s)", "Uitslag", "Medeondertekenaars")


def reference_id(label: str) -> int:
    """A stable id for a referenced person, party or role (the real API sends its own ids)."""
    return zlib.crc32(label.encode()) % 90_000 + 10_000


def stamp(moment: datetime | None) -> str:
    """NotuBiz's form of a time; every NotuBiz object the world times has one."""
    return when(moment, "a NotuBiz object", "time").strftime("%Y-%m-%d %H:%M:%S")


@dataclass(frozen=True)
class Renderer:
    api_url: str  # "http://127.0.0.1:<port>/notubiz"
    files: FileCache
    clock: Callable[[], datetime]  # the world clock: a document's `publication_date` is today

    @property
    def self_base(self) -> str:
        return self.api_url.split("://", 1)[1]

    def document_url(self, document: Document[int], version: int) -> str:
        url = f"{self.api_url}/document/{document.id}/{version}"
        return "http" + url if document.quirk_url else url

    def file_size(self, document: Document[int], version: int) -> int:
        if document.kind is FileKind.MISSING:
            return 40_000 + document.id % 10_000  # what the metadata claims; the file is gone
        data = self.files.get(document, version)
        return len(data or b"")

    def document(self, doc: Document[int]) -> Json:
        return {
            "self": f"{self.self_base}/document/{doc.id}",
            "url": self.document_url(doc, doc.version),
            "title": doc.title,
            "description": doc.description,
            "date": "",  # empty in every recorded answer
            "case_code": doc.case_code,
            "policy_field": doc.policy_field,
            "category": doc.category,
            "id": doc.id,
            "confidential": 1 if doc.confidential else 0,
            "publication_date": self.clock().strftime("%Y-%m-%d"),  # the day of the answer
            "last_modified": stamp(doc.changed_at),
            "version": doc.version,
            "types": [{"id": doc.type_id, "value": doc.type_label}],
            "versions": [  # newest first
                {
                    "type": "file",
                    "mime_type": doc.mime_type,
                    "file_name": v.file_name,
                    "file_size": self.file_size(doc, v.number),
                    "id": v.number,
                }
                for v in reversed(doc.versions)
            ],
        }

    def module_links(self, refs: list[ModuleRef]) -> list[Json]:
        return [  # always module 0 in real answers, whatever the register
            {
                "id": r.item_id,
                "self": f"{self.self_base}/modules/0/items/{r.item_id}",
                "field_id": 54,
            }
            for r in refs
        ]

    def _documents(self, municipality: Municipality, ids: list[int]) -> list[Json]:
        return [self.document(municipality.documents[i]) for i in ids]

    def event_summary(self, municipality: Municipality, meeting: Meeting[int]) -> Json:
        ids = municipality.attribute_ids
        return {
            "id": meeting.id,
            "type": "meeting",
            "self": f"{self.self_base}/events/meetings/{meeting.id}",
            "permission_group": meeting.permission_group,
            "confidential": meeting.confidential,
            "canceled": meeting.cancelled,
            "inactive": meeting.inactive,
            "organisation": {"id": municipality.organisation_id},
            "gremium": {"id": meeting.committee_id},
            "plannings": [{"start_date": stamp(meeting.start), "end_date": stamp(meeting.end)}],
            "attributes": [{"id": ids["Titel"], "value": meeting.title}],
            "creation_date": stamp(meeting.created),
            "last_modified": stamp(meeting.last_modified),
        }

    def meeting(self, municipality: Municipality, meeting: Meeting[int]) -> Json:
        ids = municipality.attribute_ids
        gremium = next(g for g in municipality.gremia if g.id == meeting.committee_id)
        return {
            **self.event_summary(municipality, meeting),
            "gremium": {"id": gremium.id, "title": gremium.name},
            "announcement": meeting.announcement,
            "attributes": [
                {"id": ids["Titel"], "value": meeting.title},
                {"id": ids["Locatie"], "value": meeting.location},
                {"id": ids["Omschrijving"], "value": meeting.description},
                {"id": ids["Voorzitter"], "value": meeting.chair},
            ],
            "documents": self._documents(municipality, meeting.documents),
            "module_items": self.module_links(meeting.module_items),
            "agenda_items": [self.agenda_item(municipality, i, None) for i in meeting.items],
        }

    def agenda_item(
        self, municipality: Municipality, item: AgendaItem[int], parent: int | None
    ) -> Json:
        ids = municipality.attribute_ids
        attributes = [{"id": ids["Titel"], "value": item.title}]
        if item.description:
            attributes.append({"id": ids["Omschrijving"], "value": item.description})
        return {
            "id": item.id,
            "type": item.kind,
            "order": item.order,
            "parent": {"id": parent, "self": f"{self.self_base}/agenda_items/{parent}"}
            if parent is not None
            else None,
            "last_modified": stamp(item.last_modified),
            "type_data": {
                "self": f"{self.self_base}/agenda_items/agenda_points/{item.id}",
                "heading": item.kind == "label",
                "title_prefix": item.number,
                "attributes": attributes,
            },
            "documents": self._documents(municipality, item.documents),
            "module_items": self.module_links(item.module_items),
            "agenda_items": [self.agenda_item(municipality, c, item.id) for c in item.children],
        }

    def module_item(self, municipality: Municipality, item: RegisterEntry[int]) -> Json:
        values: dict[str, str] = {"Titel": item.title, "Datum": stamp(item.date)}
        values |= {"Omschrijving": item.description, **item.values}
        submitters = [n for n in values.pop("Indiener(s)", "").split("; ") if n]
        if submitters:  # the first submitter, the others as co-signers (Altena form)
            values["Indiener(s)"] = submitters[0]
            if submitters[1:]:
                values["Medeondertekenaars"] = "; ".join(submitters[1:])
        attributes = [_field(label, value, order) for order, (label, value) in
                      enumerate(values.items(), start=1)]  # fmt: skip
        if item.main_document is not None:
            main = self.document(municipality.documents[item.main_document])
            values_of_main = [{"document": main, "meta_data": None}]
            attributes.insert(1, _attribute("Hoofddocument", 2, "document", 2, values_of_main))
        rendered: Json = {
            "id": item.id,
            "creation_date": None,  # null in every recorded item
            "last_modified": stamp(item.last_modified),
            "confidential": 0,
            "body": None,
            "permission_group": "public",
            "organisation_id": municipality.organisation_id,
            "module_id": item.register_id,  # the only link to the register
        }
        if item.documents:
            rendered["attachments"] = {"document": self._documents(municipality, item.documents)}
        rendered["attributes"] = attributes
        return rendered


def _attribute(label: str, ident: int, datatype: str, order: int, values: list[Json]) -> Json:
    multiple = 1 if datatype == "integer" else 0
    visible = "detail" if datatype == "integer" else "both"
    return {"label": label, "id": ident, "datatype": datatype, "order": order,
            "multiple": multiple, "visible": visible, "values": values}  # fmt: skip


def _field(label: str, value: str, order: int) -> Json:
    ident, datatype, model = FIELDS[label]
    if model is None:
        return _attribute(label, ident, datatype, order, [{"meta_data": None, "content": value}])
    names = [n for n in value.split("; ") if n] if model != "role" else [value]
    references = [
        {"meta_data": {"reference_model": model, "label": n}, "content": reference_id(n)}
        for n in names
    ]
    return _attribute(label, ident, datatype, order, references)
