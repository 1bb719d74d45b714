"""The GemeenteOplossingen REST/JSON API of the sandbox, served under `<base_url>/go`.

Each sample town is its own installation with base `<base_url>/go/<town>/api`:

- `GET /v1/dmus`: the committees.
- `GET /v1/meetings?date_from=<unix s>&date_to=<unix s>` (v1 towns): a JSON array of meetings.
- `GET /v2/meetings?date_from=YYYY-MM-DD&date_to=YYYY-MM-DD&limit=&offset=` (v2 towns):
  `{status: "OK", code: 200, messages: [], result: {totalCount, meetings}}`, at most
  `PAGE_SIZE` meetings per answer whatever `limit` asks, so a harvester must follow the pages;
  `Towns.paging` sets a town's other paging modes (offset ignored, the whole list at once, no or
  a wrong totalCount: `go_model.PAGING`).
- `GET /v1/meetings/{meetingId}/documents/{documentId}`: a paper of that meeting (the PDF).
- `GET /v1/documents?publicationDate_from=<ISO>&publicationDate_to=<ISO>`: papers on no agenda
  published in the range; `GET /v1/documents/{documentId}`: such a paper's PDF.

The other version's meeting route answers 404, as does anything unknown; bad parameters 400.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any
from urllib.parse import quote

from vindplaats.sandbox import go_json
from vindplaats.sandbox.concepts import Document, Meeting
from vindplaats.sandbox.go_model import Town
from vindplaats.sandbox.plugins import TownPlugin, route
from vindplaats.sandbox.routing import Request, Response, json_response, not_found

Json = dict[str, Any]
PAGE_SIZE = 4
PDF = "application/pdf"


def _bad_request(message: str) -> Response:
    return json_response({"error": {"code": 400, "message": message}}, status=400)


class GoApi(TownPlugin):
    """The GemeenteOplossingen plug-in: renders `World.go`, one installation per town."""

    supplier = "gemeenteoplossingen"
    prefix = "/go"
    town_path = "/api"

    @route("GET", r"/([a-z0-9-]+)/api/(v1|v2)/meetings")
    def meetings(self, request: Request, match: re.Match[str]) -> Response:
        town, version = self.world.find(match[1]), match[2]
        if town is None or town.api_version != version:
            return not_found(f"No route for {request.path}")
        try:
            if version == "v1":
                start = datetime.fromtimestamp(
                    int(request.arg("date_from") or "0"), go_json.AMSTERDAM
                )
                end = datetime.fromtimestamp(int(request.arg("date_to") or "0"), go_json.AMSTERDAM)
            else:
                first = date.fromisoformat(request.arg("date_from") or "")
                last = date.fromisoformat(request.arg("date_to") or "")
                start = datetime.combine(first, datetime.min.time(), go_json.AMSTERDAM)
                end = datetime.combine(last, datetime.max.time(), go_json.AMSTERDAM)
            offset = int(request.arg("offset") or "0")
            limit = int(request.arg("limit") or str(PAGE_SIZE))
        except ValueError as exc:
            return _bad_request(f"invalid parameter: {exc}")
        if offset < 0 or limit < 1:
            return _bad_request("offset must be >= 0 and limit >= 1")
        chosen = [
            s
            for s in sorted(town.sittings, key=lambda s: (s.start, s.id))
            if start <= go_json.local(s.start) <= end
        ]
        if version == "v1":
            return json_response([go_json.meeting(town, s, version) for s in chosen])
        return json_response(self._page(town, chosen, offset, limit))

    def _page(self, town: Town, chosen: list[Meeting[int]], offset: int, limit: int) -> Json:
        """One v2 answer in the envelope, paged by the town's paging mode (`go_model.PAGING`)."""
        mode = self.world.paging.get(town.key, "capped")
        size = min(limit, PAGE_SIZE)
        if mode == "error_after_first" and offset > 0:
            return {
                "status": "ERROR",
                "code": 500,
                "messages": ["Database timeout"],
                "result": None,
            }
        if mode == "whole_list":
            page = chosen
        elif mode == "ignore_offset":
            page = chosen[:size]
        else:
            page = chosen[offset : offset + size]
        result: Json = {"meetings": [go_json.meeting(town, s, "v2") for s in page]}
        shift = {"total_low": -3, "total_high": 5}.get(mode, 0)
        if mode != "no_total":
            result = {"totalCount": len(chosen) + shift, **result}
        return {"status": "OK", "code": 200, "messages": [], "result": result}

    @route("GET", r"/([a-z0-9-]+)/api/v1/dmus")
    def dmus(self, request: Request, match: re.Match[str]) -> Response:
        town = self.world.find(match[1])
        if town is None:
            return not_found(f"Unknown installation {match[1]}")
        return json_response(go_json.dmus(town))

    @route("GET", r"/([a-z0-9-]+)/api/v1/meetings/(\d+)/documents/(\d+)")
    def meeting_file(self, request: Request, match: re.Match[str]) -> Response:
        town = self.world.find(match[1])
        sitting = town.sitting(int(match[2])) if town else None
        paper_id = int(match[3])
        if town is None or sitting is None:
            return not_found("Meeting not found")
        papers = set(sitting.documents) | {p for point in sitting.items for p in point.documents}
        if paper_id not in papers:
            return not_found("Document not found")
        return self._file(town, town.papers[paper_id])

    @route("GET", r"/([a-z0-9-]+)/api/v1/documents")
    def documents(self, request: Request, match: re.Match[str]) -> Response:
        town = self.world.find(match[1])
        if town is None:
            return not_found(f"Unknown installation {match[1]}")
        try:
            first = datetime.fromisoformat(request.arg("publicationDate_from") or "")
            last = datetime.fromisoformat(request.arg("publicationDate_to") or "")
        except ValueError as exc:
            return _bad_request(f"invalid publicationDate: {exc}")
        first, last = first.replace(tzinfo=None), last.replace(tzinfo=None)
        papers = [town.papers[p] for p in town.loose]
        listed = [p for p in papers if first <= p.published_at <= last]
        return json_response([go_json.loose_document(p) for p in listed])

    @route("GET", r"/([a-z0-9-]+)/api/v1/documents/(\d+)")
    def document_file(self, request: Request, match: re.Match[str]) -> Response:
        town = self.world.find(match[1])
        paper_id = int(match[2])
        if town is None or paper_id not in town.loose:
            return not_found("Document not found")
        return self._file(town, town.papers[paper_id])

    def _file(self, town: Town, paper: Document[int]) -> Response:
        disposition = f"attachment; filename*=UTF-8''{quote(paper.file_name)}"
        return Response(200, self.files.get(town, paper), PDF, {"Content-Disposition": disposition})


PLUGIN = GoApi
