"""Taking a document (or any record) offline over the API, with the organisation's token or an
editor's session (`vindplaats.operations.takedown` holds the rules):

- `POST /api/documents/{id}/takedown` `{"reason"}` (`application/json`): 200 `TakedownBody`;
  the document is out of search, `/api/documents/{id}` (410 Gone), feeds, exports and the ORI
  and Woo-index outputs before the answer is sent; a document down already answers its
  takedown unchanged;
- `DELETE /api/documents/{id}/takedown`: restores it (back in every output at once), 200
  `TakedownBody`; 409 when it is not taken down.

401 without a session or token, 403 for a document of another organisation (an admin may act
for any), 404 an unknown document, 415/413/400/422 for a body that is not a JSON object with a
usable reason. The removal from the search index itself runs right after the answer
(`reindex`), or at the next index pass when a harvest holds the index writer. The routes need
an editor's session or the organisation's API token (`search_api.access`).
"""

from __future__ import annotations

from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from search_api import access
from search_api.errors import error_response
from search_api.method_routes import methods_route
from search_api.params import parse_params
from search_api.routes_reports import json_body
from search_api.schemas_takedown import TakedownRequest, takedown_body
from search_api.services import checked_id, services
from vindplaats.errors import NotFound
from vindplaats.operations.reports import ReportRefused
from vindplaats.operations.takedown import (
    TakedownRefused,
    organisation_of_record,
    reindex,
    restore,
    take_down,
)


async def _authorised(request: Request) -> tuple[str, str]:
    """The document id and the actor allowed to act for its organisation."""
    parse_params((), request.query_params)
    svc = services(request)
    doc_id = checked_id(request.path_params["id"], "document")
    organisation = await run_in_threadpool(organisation_of_record, svc.store, doc_id)
    principal = access.require_organisation(request, organisation)
    return doc_id, str(principal.actor)


async def post_takedown(request: Request) -> Response:
    doc_id, actor = await _authorised(request)
    try:
        asked: TakedownRequest = await json_body(request, TakedownRequest)
        svc = services(request)
        found = await run_in_threadpool(
            lambda: take_down(svc.store, doc_id, reason=asked.reason, actor=actor)
        )
    except ReportRefused as exc:
        return error_response(exc.status, exc.message, exc.field)
    except TakedownRefused as exc:
        return error_response(422, str(exc), "reason")
    body = takedown_body(found, indexed=False)
    task = BackgroundTask(reindex, svc.store, svc.engine, doc_id)
    return JSONResponse(body.model_dump(mode="json"), background=task)


async def delete_takedown(request: Request) -> Response:
    doc_id, actor = await _authorised(request)
    svc = services(request)
    try:
        restored = await run_in_threadpool(
            lambda: restore(svc.store, doc_id, actor=actor, engine=svc.engine)
        )
    except NotFound:
        return error_response(409, f"{doc_id} is not taken down")
    body = takedown_body(restored.takedown, indexed=restored.indexed)
    return JSONResponse(body.model_dump(mode="json"))


def _routes() -> list[Route]:
    return [
        methods_route(
            "/api/documents/{id:path}/takedown",
            {"POST": post_takedown, "DELETE": delete_takedown},
            name="document_takedown",
        )
    ]


routes = _routes()
