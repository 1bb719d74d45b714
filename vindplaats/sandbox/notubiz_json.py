"""The NotuBiz API's JSON shapes (version 1.17.0), rendered from the sample world.

Like the real API, `self` links carry no scheme (`api.notubiz.nl/modules/3/items/41` there,
`127.0.0.1:<port>/notubiz/modules/3/items/41` here): join them with the scheme of the API base.
Document `url`s are absolute; one is written with the real `httphttp://` quirk.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from vindplaats.sandbox.files import FileCache
from vindplaats.sandbox.model import (
    AgendaItem,
    FileKind,
    Meeting,
    ModuleRef,
    Municipality,
    RegisterItem,
    SampleDocument,
)

Json = dict[str, Any]
# Field ids of the register (module) item fields, as listed by `entity_type_settings`.
MODULE_FIELDS = {
    "Titel": 801,
    "Omschrijving": 802,
    "Datum": 803,
    "Afzender": 804,
    "Voorstel afdoening": 805,
    "Portefeuillehouder": 806,
    "Status": 807,
    "Indiener": 808,
    "Hoofddocument": 820,
}
# Fields only the motion register ("Moties en amendementen") has.
MOTION_FIELDS = {"Fractie": 809}


def stamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S")


@dataclass(frozen=True)
class Renderer:
    api_url: str  # "http://127.0.0.1:<port>/notubiz"
    files: FileCache

    @property
    def self_base(self) -> str:
        return self.api_url.split("://", 1)[1]

    def document_url(self, document: SampleDocument, version: int) -> str:
        url = f"{self.api_url}/document/{document.id}/{version}"
        return "http" + url if document.quirk_url else url

    def file_size(self, document: SampleDocument, version: int) -> int:
        if document.kind is FileKind.MISSING:
            return 40_000 + document.id % 10_000  # what the metadata claims; the file is gone
        data = self.files.get(document, version)
        return len(data or b"")

    def document(self, doc: SampleDocument) -> Json:
        return {
            "id": doc.id,
            "title": doc.title,
            "url": self.document_url(doc, doc.version),
            "self": f"{self.self_base}/document/{doc.id}",
            "version": doc.version,
            "versions": [
                {
                    "id": v.number,
                    "file_name": v.file_name,
                    "type": doc.extension,
                    "mime_type": doc.mime_type,
                    "file_size": self.file_size(doc, v.number),
                }
                for v in doc.versions
            ],
            "types": [{"id": doc.type_id, "value": doc.type_label}],
            "publication_date": stamp(doc.publication_date),
            "last_modified": stamp(doc.last_modified),
            "date": stamp(doc.date),
            "description": doc.description,
            "category": doc.category,
            "case_code": doc.case_code,
            "policy_field": doc.policy_field,
            "confidential": doc.confidential,
        }

    def module_links(self, refs: list[ModuleRef]) -> list[Json]:
        return [
            {
                "id": r.item_id,
                "module": {"id": r.module_id},
                "self": f"{self.self_base}/modules/{r.module_id}/items/{r.item_id}",
            }
            for r in refs
        ]

    def _documents(self, municipality: Municipality, ids: list[int]) -> list[Json]:
        return [self.document(municipality.documents[i]) for i in ids]

    def event_summary(self, municipality: Municipality, meeting: Meeting) -> Json:
        ids = municipality.attribute_ids
        return {
            "id": meeting.id,
            "type": "meeting",
            "self": f"{self.self_base}/events/meetings/{meeting.id}",
            "permission_group": meeting.permission_group,
            "confidential": meeting.confidential,
            "canceled": meeting.canceled,
            "inactive": meeting.inactive,
            "organisation": {"id": municipality.organisation_id},
            "gremium": {"id": meeting.gremium_id},
            "plannings": [{"start_date": stamp(meeting.start), "end_date": stamp(meeting.end)}],
            "attributes": [{"id": ids["Titel"], "value": meeting.title}],
            "creation_date": stamp(meeting.creation_date),
            "last_modified": stamp(meeting.last_modified),
        }

    def meeting(self, municipality: Municipality, meeting: Meeting) -> Json:
        ids = municipality.attribute_ids
        gremium = next(g for g in municipality.gremia if g.id == meeting.gremium_id)
        return {
            **self.event_summary(municipality, meeting),
            "gremium": {"id": gremium.id, "title": gremium.title},
            "announcement": meeting.announcement,
            "attributes": [
                {"id": ids["Titel"], "value": meeting.title},
                {"id": ids["Locatie"], "value": meeting.location},
                {"id": ids["Omschrijving"], "value": meeting.description},
                {"id": ids["Voorzitter"], "value": meeting.chair},
            ],
            "documents": self._documents(municipality, meeting.documents),
            "module_items": self.module_links(meeting.module_items),
            "agenda_items": [self.agenda_item(municipality, i, None) for i in meeting.agenda],
        }

    def agenda_item(self, municipality: Municipality, item: AgendaItem, parent: int | None) -> Json:
        ids = municipality.attribute_ids
        attributes = [{"id": ids["Titel"], "value": item.title}]
        if item.description:
            attributes.append({"id": ids["Omschrijving"], "value": item.description})
        return {
            "id": item.id,
            "type": item.kind,
            "order": item.order,
            "parent": {"id": parent} if parent is not None else None,
            "last_modified": stamp(item.last_modified),
            "type_data": {
                "title_prefix": item.title_prefix,
                "heading": item.title,
                "attributes": attributes,
            },
            "documents": self._documents(municipality, item.documents),
            "module_items": self.module_links(item.module_items),
            "agenda_items": [self.agenda_item(municipality, c, item.id) for c in item.children],
        }

    def module_item(self, municipality: Municipality, item: RegisterItem) -> Json:
        register = municipality.register(item.module_id)
        assert register is not None
        values = {"Titel": item.title, "Omschrijving": item.description, **item.extra}
        attributes: list[Json] = [
            _field(label, "text", [{"value": value}]) for label, value in values.items()
        ]
        attributes.insert(2, _field("Datum", "date", [{"value": stamp(item.date)}]))
        if item.main_document is not None:
            main = self.document(municipality.documents[item.main_document])
            attributes.append(_field("Hoofddocument", "document", [{"document": main}]))
        return {
            "id": item.id,
            "self": f"{self.self_base}/modules/{item.module_id}/items/{item.id}",
            "module": {"id": register.module_id, "title": register.title},
            "type": register.item_type,
            "title": item.title,
            "organisation": {"id": municipality.organisation_id},
            "creation_date": stamp(item.creation_date),
            "last_modified": stamp(item.last_modified),
            "attributes": attributes,
            "attachments": {"document": self._documents(municipality, item.attachments)},
        }


def _field(label: str, datatype: str, values: list[Json]) -> Json:
    ident = MODULE_FIELDS[label] if label in MODULE_FIELDS else MOTION_FIELDS[label]
    return {"id": ident, "label": label, "datatype": datatype, "values": values}
