"""The GemeenteOplossingen API's JSON shapes, rendered from the sample towns.

v1 meeting dates carry the time with its offset ("2025-09-15T19:30:00+02:00"); v2 dates are a
day ("2025-09-15") and the time is in `startTime`, as the two API versions differ. Items whose
`sortorder` is None in the model are written with an empty `sortorder` (""). Papers on no
agenda are listed by `/documents` with PHP's date object (`{date, timezone_type, timezone}`).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from vindplaats.sandbox.concepts import AgendaItem, Document, Meeting
from vindplaats.sandbox.go_model import Town

Json = dict[str, Any]
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def local(moment: datetime) -> datetime:
    """A naive sample time as Dutch local time."""
    return moment.replace(tzinfo=AMSTERDAM)


def file_ref(paper: Document[int]) -> Json:
    return {"id": paper.id, "filename": paper.file_name}


def item(town: Town, point: AgendaItem[int]) -> Json:
    return {
        "id": point.id,
        "number": point.number,
        "title": point.title,
        "description": point.description,
        "sortorder": "" if point.order is None else point.order,
        "documents": [file_ref(town.papers[p]) for p in point.documents],
    }


def meeting(town: Town, sitting: Meeting[int], version: str) -> Json:
    body = next(b for b in town.bodies if b.id == sitting.committee_id)
    start = local(sitting.start)
    return {
        "id": sitting.id,
        "date": start.isoformat() if version == "v1" else start.date().isoformat(),
        "startTime": start.strftime("%H:%M"),
        "description": sitting.title,
        "location": sitting.location,
        "dmu": {"id": body.id, "name": body.name},
        "canceled": sitting.cancelled,
        "inactive": sitting.inactive,
        "items": [item(town, p) for p in sitting.items],
        "documents": [file_ref(town.papers[p]) for p in sitting.documents],
    }


def loose_document(paper: Document[int]) -> Json:
    return {
        "id": paper.id,
        "filename": paper.file_name,
        "description": paper.title,
        "documentTypeLabel": paper.document_type,
        "publicationDate": {
            "date": paper.published_at.strftime("%Y-%m-%d %H:%M:%S.000000"),
            "timezone_type": 3,
            "timezone": "Europe/Amsterdam",
        },
    }


def dmus(town: Town) -> list[Json]:
    return [{"id": b.id, "name": b.name} for b in town.bodies]
