"""`GET /vergaderingen/{id}`: a meeting as a page — committee, date and time, location and
status; the agenda as a tree with each item's documents, motions and register entries; with
`?q=` the agenda items and records the query hits, marked "treffer" with their snippet.
"""

from __future__ import annotations

import re

from starlette.requests import Request
from starlette.responses import HTMLResponse
from starlette.routing import Route

from normalize.records import Meeting
from search_api.params import MAX_VALUE_LENGTH
from search_api.routes_documents import name_of
from search_api.services import checked_id, services
from search_api.web.council_text import MEETING_STATUS, dutch_when
from search_api.web.meeting_view import meeting_view
from search_api.web.templating import render
from vindplaats.errors import NotFound
from vindplaats.privacy.takedowns import check_shown

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def page_query(request: Request) -> str:
    """The page's `q`: control characters read as spaces, at most MAX_VALUE_LENGTH characters
    (a page is lenient where the JSON API refuses)."""
    raw = request.query_params.get("q", "")
    return _CONTROL.sub(" ", raw)[:MAX_VALUE_LENGTH].strip()


def load_meeting(request: Request) -> Meeting:
    meeting_id = checked_id(request.path_params["id"], "meeting")
    meeting = services(request).store.get_record(meeting_id)
    if not isinstance(meeting, Meeting):
        raise NotFound(f"Er is geen vergadering met id {meeting_id!r}.")
    check_shown(services(request).store, meeting_id)  # a taken-down meeting: 410
    return meeting


def meeting_page(request: Request) -> HTMLResponse:
    svc = services(request)
    meeting = load_meeting(request)
    q = page_query(request)
    organization = name_of(svc, meeting.organization_id)
    committee = name_of(svc, meeting.committee_id)
    return render(
        request,
        "meeting.html",
        view=meeting_view(svc, meeting, q),
        q=q,
        organization=organization.name if organization else None,
        committee=committee.name if committee else None,
        when=dutch_when(meeting.start, meeting.end),
        meeting_status=MEETING_STATUS[meeting.status],
    )


routes = [
    Route("/vergaderingen/{id:path}", meeting_page, methods=["GET", "HEAD"], name="meeting_page")
]
