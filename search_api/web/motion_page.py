"""`GET /moties/{id}`: a motion or amendment as a page — title, kind, date, its meeting and
agenda item, submitters and co-submitters with their party, the result, the votes per member
and per party (with a bar per party), and its documents. A motion the source no longer
publishes says so.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import HTMLResponse
from starlette.routing import Route

from normalize.doctypes import DocType, label_of
from normalize.records import Motion
from search_api.routes_documents import document_ref, name_of
from search_api.routes_motions import load_motion, motion_votes
from search_api.services import services
from search_api.web.council_text import (
    CHOICE,
    RESULT,
    agenda_anchor,
    dutch_day,
    path_of,
)
from search_api.web.motion_votes import submitters_of, tally_by_party
from search_api.web.templating import render


def kind_of(motion: Motion) -> str:
    """`Motie`, `Amendement`, ... with the source's own kind when it says more
    (`Motie (motie vreemd aan de orde)`)."""
    label = label_of(motion.document_type.value) or "Motie"
    raw = (motion.motion_type or "").strip()
    if raw and raw.casefold() != label.casefold():
        return f"{label} ({raw})"
    return label


def this_one(motion: Motion) -> str:
    """How the page names the record in a sentence: `dit amendement`, `deze motie`."""
    return "dit amendement" if motion.document_type is DocType.AMENDEMENT else "deze motie"


def _agenda_link(motion: Motion, name: str | None) -> tuple[str, str] | None:
    if motion.agenda_item_id is None or motion.meeting_id is None:
        return None
    href = (
        path_of("/vergaderingen/", motion.meeting_id) + "#" + agenda_anchor(motion.agenda_item_id)
    )
    return href, name or "Agendapunt"


def motion_page(request: Request) -> HTMLResponse:
    svc = services(request)
    motion = load_motion(svc, request.path_params["id"])
    withdrawn_at = svc.store.withdrawn_since(motion.id)
    votes = motion_votes(svc, motion, withdrawn=withdrawn_at is not None)
    meeting = name_of(svc, motion.meeting_id)
    organization = name_of(svc, motion.organization_id)
    agenda_item = name_of(svc, motion.agenda_item_id)
    documents = [document_ref(svc, doc_id) for doc_id in motion.document_ids]
    return render(
        request,
        "motion.html",
        motion=motion,
        kind=kind_of(motion),
        this=this_one(motion),
        day=dutch_day(motion.date),
        result=RESULT[motion.result] if motion.result is not None else None,
        withdrawn_day=dutch_day(withdrawn_at),
        withdrawn=withdrawn_at is not None,
        organization=organization.name if organization else None,
        meeting=meeting,
        meeting_href=path_of("/vergaderingen/", meeting.id) if meeting else None,
        agenda=_agenda_link(motion, agenda_item.name if agenda_item else None),
        submitters=submitters_of(svc, motion, votes),
        votes=votes,
        choice=CHOICE,
        tallies=tally_by_party(votes),
        documents=[(ref, path_of("/documenten/", ref.id)) for ref in documents],
    )


routes = [Route("/moties/{id:path}", motion_page, methods=["GET", "HEAD"], name="motion_page")]
