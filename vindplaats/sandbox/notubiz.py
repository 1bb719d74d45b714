"""The NotuBiz REST/JSON API of the sandbox, served under `<base_url>/notubiz`.

Routes (all JSON routes need `format=json&version=1.17.0`, else HTTP 400):

- `GET /organisations`: organisations with their attribute id → label map (the real nesting:
  `organisations.organisation[]`, `@attributes.id`, `settings.folder.fields.field[]`).
- `GET /organisations/{id}/gremia`, `GET /organisations/{id}/entity_type_settings`.
- `GET /organisations/{id}/modules`: the registers as `{id, name, custom_name}` (no title).
- `GET /organisations/{id}/modules/{m}/items?date_from=&date_to=&page=N`: the register's items
  dated in the range, five per page, `pagination{list_start, list_end, total_results}`.
- `GET /events?organisation_id=&date_from=YYYY-MM-DD HH:MM:SS&date_to=...&page=N`: five events
  per page, `pagination{has_more_pages, total_pages, ...}`.
- `GET /events/meetings/{id}`, `GET /modules/{m}/items/{id}` (`m` is 0 in the links meetings
  give, or the item's own module), `GET /document/{id}` (metadata).
- `GET /document/{id}/{version}`: the file itself (no format parameters needed).

As in the real API, problems with a well-formed request (unknown organisation, meeting or item,
a non-public meeting) answer HTTP 200 with `{"message", "error_code"}`.
"""

from __future__ import annotations

import math
import re
from datetime import datetime

from vindplaats.sandbox.concepts import FileKind
from vindplaats.sandbox.model import MOTION_ITEM_TYPE, Municipality
from vindplaats.sandbox.notubiz_json import FIELDS, MOTION_LABELS, Json, Renderer
from vindplaats.sandbox.plugins import Mount, Plugin, route
from vindplaats.sandbox.routing import Request, Response, json_response, not_found
from vindplaats.sandbox.world import World
from vindplaats.sources import Source

API_VERSION = "1.17.0"
PAGE_SIZE = 5
_FILE = re.compile(r"/document/\d+/\d+")


def _error(code: int, message: str) -> Response:
    """NotuBiz style: the error travels in a 200 response, as `{"message", "error_code"}`."""
    return json_response({"message": message, "error_code": code})


def _parse_moment(value: str | None) -> datetime | None:
    if value is None:
        return None
    for layout in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d"):
        try:
            return datetime.strptime(value.strip(), layout)
        except ValueError:
            continue
    raise ValueError(value)


class NotubizApi(Plugin):
    """The NotuBiz plug-in: renders `World.notubiz`, one organisation per municipality."""

    supplier = "notubiz"

    def __init__(self, world: World, mount: Mount) -> None:
        super().__init__(world, mount)
        self.world = notubiz = world.notubiz
        self.files = mount.files
        self.render = Renderer(self.url, mount.files, lambda: notubiz.now)

    def handle(self, request: Request) -> Response:
        if _FILE.fullmatch(request.path):  # files need no format parameters
            return self.router.dispatch(request)
        if request.arg("format") != "json":
            return _bad_request("format=json is required")
        if request.arg("version") != API_VERSION:
            return _bad_request(f"version={API_VERSION} is required")
        with self.world.lock:
            return self.router.dispatch(request)

    def sources(self) -> list[Source]:
        return [
            self.source(m.key, m.name, self.url, notubiz_organisation_id=str(m.organisation_id))
            for m in self.world.municipalities
        ]

    def prepare_files(self) -> None:
        with self.world.lock:
            versions = [(d, v.number) for d in self.world.documents() for v in d.versions]
        for document, number in versions:
            self.files.get(document, number)

    def _municipality(self, organisation_id: str) -> Municipality | None:
        return self.world.by_organisation(int(organisation_id))

    # -- organisations -------------------------------------------------------------------------

    @route("GET", r"/organisations")
    def organisations(self, request: Request, match: re.Match[str]) -> Response:
        return json_response(
            {
                "organisations": {
                    "organisation": [
                        {
                            "@attributes": {"id": m.organisation_id},
                            "name": m.name,
                            "type": "gemeente",
                            "logo": "",
                            "description": "Voorbeeldgegevens (Vindplaats sandbox)",
                            "settings": {"folder": {"fields": {"field": _fields(m)}}},
                        }
                        for m in self.world.municipalities
                    ]
                }
            }
        )

    @route("GET", r"/organisations/(\d+)/gremia")
    def gremia(self, request: Request, match: re.Match[str]) -> Response:
        municipality = self._municipality(match[1])
        if municipality is None:
            return _error(404, "Organisation not found")
        return json_response(
            {
                "gremia": [
                    {"id": g.id, "title": g.name, "organisation": {"id": int(match[1])}}
                    for g in municipality.gremia
                ]
            }
        )

    @route("GET", r"/organisations/(\d+)/entity_type_settings")
    def entity_type_settings(self, request: Request, match: re.Match[str]) -> Response:
        municipality = self._municipality(match[1])
        if municipality is None:
            return _error(404, "Organisation not found")
        fields = [
            {"field_id": i, "label": label} for label, i in municipality.attribute_ids.items()
        ]
        per_gremium = [{"gremium_id": g.id, "fields_settings": fields} for g in municipality.gremia]
        module_fields = [
            {"field_id": i, "label": label}
            for label, (i, _, _) in FIELDS.items()
            if label not in MOTION_LABELS
        ]
        motion_fields = [{"field_id": FIELDS[label][0], "label": label} for label in MOTION_LABELS]
        return json_response(
            {
                "entity_type_settings": {
                    "organisation_folders_settings": {"fields_settings": []},
                    "organisation_documents_settings": {"fields_settings": []},
                    "events_settings": {"gremium_field_settings": per_gremium},
                    "agenda_points_settings": {"gremium_field_settings": per_gremium},
                    "module_settings": [
                        {
                            "module_id": r.id,
                            "title": r.title,
                            "fields_settings": module_fields + motion_fields
                            if r.kind == MOTION_ITEM_TYPE
                            else module_fields,
                        }
                        for r in municipality.registers
                    ],
                }
            }
        )

    # -- events --------------------------------------------------------------------------------

    @route("GET", r"/events")
    def events(self, request: Request, match: re.Match[str]) -> Response:
        organisation_id = request.arg("organisation_id")
        if not organisation_id or not organisation_id.isdigit():
            return _error(400, "organisation_id is required")
        municipality = self._municipality(organisation_id)
        if municipality is None:
            return _error(404, "Organisation not found")
        window = _listing_window(request)
        if isinstance(window, Response):
            return window
        date_from, date_to, page = window
        gremia = {int(g) for g in request.query.get("gremia_ids[]", []) if g.isdigit()}
        meetings = sorted(
            (
                m
                for m in municipality.meetings
                if date_from <= m.start <= date_to and (not gremia or m.committee_id in gremia)
            ),
            key=lambda m: (m.start, m.id),
        )
        total_pages = max(1, math.ceil(len(meetings) / PAGE_SIZE))
        chosen = meetings[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
        return json_response(
            {
                "events": [self.render.event_summary(municipality, m) for m in chosen],
                "pagination": {
                    "total": len(meetings),
                    "per_page": PAGE_SIZE,
                    "current_page": page,
                    "total_pages": total_pages,
                    "has_more_pages": page < total_pages,
                },
            }
        )

    @route("GET", r"/events/meetings/(\d+)")
    def meeting(self, request: Request, match: re.Match[str]) -> Response:
        meeting = self.world.meeting(int(match[1]))
        if meeting is None:
            return _error(404, "Meeting not found")
        if not meeting.public:
            return _error(403, "No rights to see this meeting")
        municipality = self.world.municipality(meeting.source_key)
        return json_response({"meeting": self.render.meeting(municipality, meeting)})

    @route("GET", r"/organisations/(\d+)/modules")
    def modules(self, request: Request, match: re.Match[str]) -> Response:
        municipality = self._municipality(match[1])
        if municipality is None:
            return _error(404, "Organisation not found")
        modules = [
            {"custom_name": r.custom_name, "name": r.name, "id": r.id}
            for r in municipality.registers
        ]
        return json_response({"modules": modules})

    @route("GET", r"/organisations/(\d+)/modules/(\d+)/items")
    def module_listing(self, request: Request, match: re.Match[str]) -> Response:
        """A register's items dated in `date_from`..`date_to`, five per `page`."""
        municipality = self._municipality(match[1])
        if municipality is None:
            return _error(404, "Organisation not found")
        if municipality.register(int(match[2])) is None:
            return _error(404, "Module not found")
        window = _listing_window(request)
        if isinstance(window, Response):
            return window
        date_from, date_to, page = window
        items = sorted(
            (
                i
                for i in municipality.register_items.values()
                if i.register_id == int(match[2])
                and i.date is not None
                and date_from <= i.date <= date_to
            ),
            key=lambda i: (i.date, i.id),
        )
        start = min((page - 1) * PAGE_SIZE, len(items))
        chosen = items[start : start + PAGE_SIZE]
        pagination = {
            "list_start": start,
            "list_end": start + len(chosen),
            "total_results": len(items),
        }
        rendered = [self.render.module_item(municipality, i) for i in chosen]
        return json_response({"pagination": pagination, "items": rendered})

    @route("GET", r"/modules/(\d+)/items/(\d+)")
    def module_item(self, request: Request, match: re.Match[str]) -> Response:
        item = self.world.register_item(int(match[2]))
        if item is None or int(match[1]) not in (0, item.register_id):
            return _error(404, "Item not found")
        municipality = next(m for m in self.world.municipalities if item.id in m.register_items)
        return json_response({"item": self.render.module_item(municipality, item)})

    # -- documents -----------------------------------------------------------------------------

    @route("GET", r"/document/(\d+)")
    def document_metadata(self, request: Request, match: re.Match[str]) -> Response:
        document = self.world.document(int(match[1]))
        if document is None:
            return _error(404, "Document not found")
        return json_response({"document": self.render.document(document)})

    @route("GET", r"/document/(\d+)/(\d+)")
    def document_file(self, request: Request, match: re.Match[str]) -> Response:
        number = int(match[2])
        with self.world.lock:  # look up under the lock; build the file outside it
            document = self.world.document(int(match[1]))
            versions = list(document.versions) if document else []
        version = next((v for v in versions if v.number == number), None)
        if document is None or version is None or document.kind is FileKind.MISSING:
            return not_found("Document not found")
        data = self.render.files.get(document, number) or b""
        disposition = f'attachment; filename="{version.file_name}"'
        return Response(200, data, document.mime_type, {"Content-Disposition": disposition})


def _listing_window(request: Request) -> tuple[datetime, datetime, int] | Response:
    """The `date_from`..`date_to` range and the `page` a listing asks for, or the error answer."""
    try:
        date_from = _parse_moment(request.arg("date_from")) or datetime.min
        date_to = _parse_moment(request.arg("date_to")) or datetime.max
    except ValueError as exc:
        return _error(400, f"Invalid date: {exc} (use YYYY-MM-DD HH:MM:SS)")
    page_arg = request.arg("page") or "1"
    if not page_arg.isdigit() or int(page_arg) < 1:
        return _error(400, "page must be a positive number")
    return date_from, date_to, int(page_arg)


def _bad_request(message: str) -> Response:
    return json_response({"error": {"code": 400, "message": message}}, status=400)


def _fields(municipality: Municipality) -> list[Json]:
    return [
        {"@attributes": {"id": i}, "label": label}
        for label, i in municipality.attribute_ids.items()
    ]


PLUGIN = NotubizApi
