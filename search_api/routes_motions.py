"""`GET /api/motions/{id}`: a motion (motie, amendement) with its votes and context."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from normalize.records import Motion, Vote
from search_api.http_cache import conditional
from search_api.params import parse_params
from search_api.routes_documents import document_ref, name_of
from search_api.schemas import MotionDetail, dump
from search_api.services import Services, checked_id, services
from vindplaats.errors import NotFound
from vindplaats.privacy.takedowns import check_shown


def load_motion(svc: Services, raw_id: str) -> Motion:
    motion_id = checked_id(raw_id, "motion")
    record = svc.store.get_record(motion_id)
    if not isinstance(record, Motion):
        raise NotFound(f"no motion with id {motion_id!r}")
    check_shown(svc.store, motion_id)  # a taken-down motion: 410
    return record


def motion_votes(svc: Services, motion: Motion, *, withdrawn: bool) -> list[Vote]:
    """The votes on this motion, by voter name: a current motion's current votes (a vote the
    source no longer publishes is not counted); a withdrawn motion's votes as it had them."""
    gone = set() if withdrawn else svc.store.withdrawn_record_ids("vote", motion.source_key)
    votes = [
        record
        for record in svc.store.iter_records("vote", motion.source_key)
        if isinstance(record, Vote) and record.motion_id == motion.id and record.id not in gone
    ]
    return sorted(votes, key=lambda v: (v.voter_name, v.id))


def motion_detail(request: Request) -> Response:
    parse_params((), request.query_params)
    svc = services(request)
    motion = load_motion(svc, request.path_params["id"])
    withdrawn_at = svc.store.withdrawn_since(motion.id)
    detail = MotionDetail(
        **motion.model_dump(),
        withdrawn=withdrawn_at is not None,
        withdrawn_at=withdrawn_at,
        organization=name_of(svc, motion.organization_id),
        meeting=name_of(svc, motion.meeting_id),
        votes=motion_votes(svc, motion, withdrawn=withdrawn_at is not None),
        documents=[document_ref(svc, doc_id) for doc_id in motion.document_ids],
    )
    return conditional(request, JSONResponse(dump(detail)))


routes = [Route("/api/motions/{id:path}", motion_detail, methods=["GET"], name="motion")]
