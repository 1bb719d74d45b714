"""Source registration over the API, with the organisation's API token (or an editor's session):
the rules are `vindplaats.operations.registration`'s, the dry-runs run in `registration_jobs`.

- `GET /api/organisations/{org}/registrations`: the organisation's registrations;
- `POST /api/organisations/{org}/registrations` `RegistrationRequest`: 201 a new draft;
- `GET /api/organisations/{org}/registrations/{id}`: one, with its verification;
- `PUT /api/organisations/{org}/registrations/{id}` `RegistrationRequest`: new fields, back to
  draft (a token left out is kept);
- `POST .../{id}/verify`: 202 `VerificationAccepted` with the status URL to poll; 503 with
  Retry-After when every verification worker is busy;
- `POST .../{id}/submit` `SubmitRequest`: submitted, for an admin to decide.

401 without a token or session, 403 for another organisation (`search_api.access`), 404 an
unknown registration or another organisation's, 415 a body that is not `application/json`, 400
one that is not a JSON object, 422 a bad field (named in `parameter`, in Dutch), 409 a step
that does not fit the registration's state. The token is never answered (a mask), and every
step is audited with the principal's actor (`search_api.access`).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from contextlib import asynccontextmanager
from typing import Any

from pydantic import BaseModel, ValidationError
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from search_api import access
from search_api.errors import error_response
from search_api.method_routes import methods_route
from search_api.params import parse_params
from search_api.registration_jobs import PoolFull, VerificationPool
from search_api.schemas_registrations import (
    RegistrationRequest,
    RegistrationsResponse,
    SubmitRequest,
    VerificationAccepted,
    api_url,
    registration_body,
)
from search_api.services import Services, services
from vindplaats.operations.registration import (
    RegistrationConflict,
    edit,
    register,
    registration,
    submit,
)
from vindplaats.operations.registration_fields import LABELS, RegistrationInvalid
from vindplaats.settings import Settings
from vindplaats.store.sql_registrations import Registration

MAX_BODY = 16 * 1024
RETRY_AFTER = "60"


class BodyRefused(Exception):
    def __init__(self, status: int, message: str, parameter: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.parameter = parameter


def verification_pool(request: Request) -> VerificationPool:
    pool = request.app.state.verifications
    assert isinstance(pool, VerificationPool)
    return pool


async def json_body(request: Request, model: type[BaseModel]) -> Any:
    """The body as `model`; BodyRefused 415/413/400/422 otherwise."""
    media = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if media != "application/json":
        raise BodyRefused(415, "send the body as application/json")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY:
            raise BodyRefused(413, f"request bodies above {MAX_BODY} bytes refused")
        chunks.append(chunk)
    try:
        body = json.loads(b"".join(chunks) or b"{}")
    except (ValueError, UnicodeDecodeError) as exc:
        raise BodyRefused(400, f"the body is not JSON: {exc}") from None
    if not isinstance(body, dict):
        raise BodyRefused(400, "the body must be a JSON object")
    try:
        return model.model_validate(body)
    except ValidationError as exc:
        first = exc.errors()[0]
        name = ".".join(str(part) for part in first["loc"]) or None
        raise BodyRefused(422, f"{name}: {first['msg']}", name) from None


def _answer(found: Registration, status: int = 200) -> JSONResponse:
    body = registration_body(found).model_dump(mode="json")
    return JSONResponse(body, status_code=status)


def _refused(exc: Exception) -> Response:
    if isinstance(exc, BodyRefused):
        return error_response(exc.status, exc.message, exc.parameter)
    if isinstance(exc, RegistrationInvalid):
        first = next(iter(exc.fields))
        return error_response(422, f"{LABELS.get(first, first)}: {exc.fields[first]}", first)
    if isinstance(exc, PoolFull):
        return error_response(503, str(exc), headers={"Retry-After": RETRY_AFTER})
    return error_response(409, str(exc))


REFUSED = (BodyRefused, RegistrationInvalid, RegistrationConflict, PoolFull)
Handler = Callable[[Request, Services, Any, str], Any]


def _endpoint(handler: Handler) -> Callable[[Request], Any]:
    """Parameters none, the organisation's principal required, refusals as JSON."""

    async def endpoint(request: Request) -> Response:
        parse_params((), request.query_params)
        org = str(request.path_params["org"])
        principal = access.require_organisation(request, org)
        try:
            result: Response = await handler(request, services(request), principal, org)
        except REFUSED as exc:
            return _refused(exc)
        return result

    endpoint.__name__ = handler.__name__
    return endpoint


def _fields(asked: RegistrationRequest) -> dict[str, Any]:
    return asked.model_dump(exclude_none=False) | {"supplier": asked.supplier}


async def list_registrations(request: Request, svc: Services, principal: Any, org: str) -> Response:
    found = await run_in_threadpool(svc.store.list_registrations, org)
    body = RegistrationsResponse(registrations=[registration_body(r) for r in found])
    return JSONResponse(body.model_dump(mode="json"))


async def create_registration(
    request: Request, svc: Services, principal: Any, org: str
) -> Response:
    asked: RegistrationRequest = await json_body(request, RegistrationRequest)
    created = await run_in_threadpool(
        register, svc.store, svc.settings, org, _fields(asked), principal.actor
    )
    answer = _answer(created, 201)
    answer.headers["Location"] = api_url(created)
    return answer


async def get_registration(request: Request, svc: Services, principal: Any, org: str) -> Response:
    found = await run_in_threadpool(registration, svc.store, request.path_params["id"], org)
    return _answer(found)


async def put_registration(request: Request, svc: Services, principal: Any, org: str) -> Response:
    found = await run_in_threadpool(registration, svc.store, request.path_params["id"], org)
    asked: RegistrationRequest = await json_body(request, RegistrationRequest)
    edited = await run_in_threadpool(
        edit, svc.store, svc.settings, found, _fields(asked), principal.actor
    )
    return _answer(edited)


async def verify_registration(
    request: Request, svc: Services, principal: Any, org: str
) -> Response:
    found = await run_in_threadpool(registration, svc.store, request.path_params["id"], org)
    pool = verification_pool(request)
    started = await run_in_threadpool(pool.start, found, principal.actor)
    url = api_url(started)
    body = VerificationAccepted(id=started.id, status="verifying", status_url=url)
    return JSONResponse(body.model_dump(mode="json"), status_code=202, headers={"Location": url})


async def submit_registration(
    request: Request, svc: Services, principal: Any, org: str
) -> Response:
    found = await run_in_threadpool(registration, svc.store, request.path_params["id"], org)
    asked: SubmitRequest = await json_body(request, SubmitRequest)
    submitted = await run_in_threadpool(submit, svc.store, found, principal.actor, asked.note)
    return _answer(submitted)


BASE = "/api/organisations/{org}/registrations"


def _routes() -> list[BaseRoute]:
    return [
        methods_route(
            BASE,
            {"GET": _endpoint(list_registrations), "POST": _endpoint(create_registration)},
            name="registrations",
        ),
        methods_route(
            BASE + "/{id}",
            {"GET": _endpoint(get_registration), "PUT": _endpoint(put_registration)},
            name="registration",
        ),
        Route(BASE + "/{id}/verify", _endpoint(verify_registration), methods=["POST"]),
        Route(BASE + "/{id}/submit", _endpoint(submit_registration), methods=["POST"]),
    ]


routes = _routes()


def add_registrations(app: Starlette, settings: Settings, svc: Services) -> None:
    """The verification pool over the app's store, closed with the app."""
    pool = VerificationPool(settings, svc.store)
    app.state.verifications = pool
    inner = app.router.lifespan_context

    @asynccontextmanager
    async def lifespan(started: Starlette) -> Any:
        async with inner(started) as state:
            try:
                yield state
            finally:
                pool.close()

    app.router.lifespan_context = lifespan
