"""The Parlaeus open-data API of the sandbox, served under `<base_url>/parlaeus`.

Each sample town answers at `<base_url>/parlaeus/<town>/receive/opendata?fn=<function>&...
&rid=<token>`; the town's token is `Town.token` (sample data: it guards nothing real). As in the
real API every answer is HTTP 200 and errors travel as `{status, message}`: a missing or wrong
`rid` gives status 403, an unknown function 400, an unknown agenda 404.

- `fn=cie_list`, `fn=person_list`: `{status: 200, list: [...]}`.
- `fn=agenda_list&since=YYYYMMDD&until=YYYYMMDD`: the meetings starting in that range.
- `fn=agenda_detail&agid=<id>`: `{status: 200, agenda: {..., points: [...]}}`.

Papers download from `<base_url>/parlaeus/<town>/user/showdoc/action=view/id=<dcid>` (no token
needed); one link per town is written with the doubled host (`http://hosthttp://host/...`).
"""

from __future__ import annotations

import hmac
import re
from datetime import datetime
from typing import Any
from urllib.parse import quote

from vindplaats.sandbox.concepts import AgendaItem, Document, Meeting
from vindplaats.sandbox.go_model import Town
from vindplaats.sandbox.plugins import TownPlugin, route
from vindplaats.sandbox.routing import Request, Response, json_response, not_found

Json = dict[str, Any]
PDF = "application/pdf"


def _status(code: int, message: str) -> Response:
    return json_response({"status": code, "message": message})


class ParlaeusApi(TownPlugin):
    """The Parlaeus plug-in: renders `World.parlaeus`, one open-data API per town."""

    supplier = "parlaeus"
    town_path = "/receive/opendata"

    @route("GET", r"/([a-z0-9-]+)/receive/opendata/?")
    def opendata(self, request: Request, match: re.Match[str]) -> Response:
        town = self.world.find(match[1])
        if town is None:
            return not_found(f"Unknown municipality {match[1]}")
        token = request.arg("rid") or ""
        if town.token is None or not hmac.compare_digest(token.encode(), town.token.encode()):
            return _status(403, "Geen toegang: ongeldige of ontbrekende rid")
        fn = request.arg("fn")
        if fn == "cie_list":
            return self._list([_committee(b.id, b.name, b.code) for b in town.bodies])
        if fn == "person_list":
            return self._list(
                [
                    {"raid": m.id, "name": m.name, "function": m.function, "party": m.party}
                    for m in town.members
                ]
            )
        if fn == "agenda_list":
            return self.agenda_list(town, request)
        if fn == "agenda_detail":
            agid = request.arg("agid") or ""
            sitting = town.sitting(int(agid)) if agid.isdigit() else None
            if sitting is None:
                return _status(404, f"Agenda {agid} niet gevonden")
            return json_response({"status": 200, "agenda": self.agenda(town, sitting)})
        return _status(400, f"Onbekende functie: {fn!r}")

    @staticmethod
    def _list(items: list[Json]) -> Response:
        return json_response({"status": 200, "list": items})

    def agenda_list(self, town: Town, request: Request) -> Response:
        try:
            since = datetime.strptime(request.arg("since") or "", "%Y%m%d").date()
            until = datetime.strptime(request.arg("until") or "", "%Y%m%d").date()
        except ValueError:
            return _status(400, "since en until zijn verplicht (JJJJMMDD)")
        chosen = sorted(
            (s for s in town.sittings if since <= s.start.date() <= until),
            key=lambda s: (s.start, s.id),
        )
        return self._list(
            [
                {
                    "agid": s.id,
                    "date": s.start.strftime("%Y%m%d"),
                    "time": s.start.strftime("%H:%M"),
                    "last_change": s.changed_at.strftime("%Y-%m-%d %H:%M:%S"),
                }
                for s in chosen
            ]
        )

    def agenda(self, town: Town, sitting: Meeting[int]) -> Json:
        body = next(b for b in town.bodies if b.id == sitting.committee_id)
        return {
            "agid": sitting.id,
            "cmid": body.id,
            "committeecode": body.code,
            "title": sitting.title,
            "description": f"Vergadering van de {body.name.lower()} van {town.name} "
            "(voorbeeldgegevens).",
            "location": sitting.location,
            "chairman": sitting.chair,
            "secretary": sitting.secretary,
            "date": sitting.start.strftime("%Y%m%d"),
            "time": sitting.start.strftime("%H:%M"),
            "endtime": sitting.end.strftime("%H:%M"),
            "cancelled": 1 if sitting.cancelled else 0,
            "points": [self.point(town, p) for p in sitting.items],
        }

    def point(self, town: Town, point: AgendaItem[int]) -> Json:
        return {
            "apid": point.id,
            "number": point.number,
            "title": point.title,
            "text": point.description,
            "type": point.kind,
            "level": point.level,
            "decision": point.decision,
            "documents": [self.document(town, town.papers[p]) for p in point.documents],
        }

    def document(self, town: Town, paper: Document[int]) -> Json:
        link = (
            f"{self.mount.base_url}{self.prefix}/{town.key}/user/showdoc/action=view/id={paper.id}"
        )
        return {
            "dcid": paper.id,
            "link": self.mount.base_url + link if paper.doubled_host else link,
            "title": paper.title,
            "number": f"{paper.published_at:%Y}-{paper.id % 1000:03d}",
            "type": paper.document_type,
        }

    @route("GET", r"/([a-z0-9-]+)/user/showdoc/action=view/id=(\d+)")
    def showdoc(self, request: Request, match: re.Match[str]) -> Response:
        town = self.world.find(match[1])
        paper = town.paper(int(match[2])) if town else None
        if town is None or paper is None:
            return not_found("Document niet gevonden")
        disposition = f"inline; filename*=UTF-8''{quote(paper.file_name)}"
        return Response(200, self.files.get(town, paper), PDF, {"Content-Disposition": disposition})


def _committee(cmid: int, name: str, code: str) -> Json:
    return {"cmid": cmid, "committeename": name, "committeecode": code}


PLUGIN = ParlaeusApi
