"""The event-polling draft (`ori-event-polling-0.0.1`) at `/ori/mini/v1/`, beside mini-ORI's
three collections (the draft describes the same three, at the same base).

- `GET /events`: the stored events (`events_changes`: the latest change of every record served
  or withdrawn) with the draft's filters, ordered by `timestamp` (`sortOrder`, newest first by
  default), paged by `limit`/`offset` → `PaginatedEventList` with `total` and absolute
  `next`/`previous` URLs carrying the same filters (left out on the last and the first page).
  A client that polls keeps the time it read at (the answer's `Date`) and asks
  `fromTimestamp=<that time>` next: every change since.
- `GET /events/{eventId}`: one stored event; an unknown id (or no UUID) answers 404.
- `GET /events/stream`: Server-Sent Events, one `data: <StoredEvent JSON>` message per event,
  oldest first, with the stream's filters; as the draft says, `fromTimestamp` defaults to now.
  The stream is finite: it sends what is stored at the moment of the request and ends (a
  read-only mirror has no source of live events; a client reconnects with `fromTimestamp`).
- Writes (`POST /events`, `POST /webhook-subscriptions`, `DELETE
  /webhook-subscriptions/{id}`): Vindplaats accepts no events and keeps no subscriptions. POSTs
  answer 401 without a body (the status the draft lists that fits); `GET /webhook-subscriptions`
  is the empty list, and deleting one answers 404 (there is none).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from search_api.ori.events_changes import with_body
from search_api.ori.events_params import BadParam, event_query, paging
from search_api.ori.mini_reader import BASE_PATH, MiniReader
from search_api.ori.mini_routes import ANY, NO_STORE, not_found, problem, reader, unauthorized
from search_api.ori.mini_snapshot import snapshot
from vindplaats.ori.events_feed import Change, Query, select, stored_event
from vindplaats.ori.ids import is_uuid

_FILTERS = (
    "resourceType",
    "eventType",
    "fromTimestamp",
    "toTimestamp",
    "organisatieCode",
    "sortOrder",
)


def _changes(request: Request, mini: MiniReader) -> list[Change]:
    return list(snapshot(request, mini).changes)


def bad_request(error: BadParam) -> JSONResponse:
    return problem(400, "Ongeldige parameter", f"{error.name}: {error}")


def _page_url(request: Request, base: str, limit: int, offset: int) -> str:
    kept = [(name, request.query_params[name]) for name in _FILTERS if name in request.query_params]
    return f"{base}/events?{urlencode([*kept, ('limit', limit), ('offset', offset)])}"


def _events(mini: MiniReader, chosen: list[Change]) -> list[dict[str, Any]]:
    return [stored_event(with_body(mini, change)) for change in chosen]


def events(request: Request) -> Response:
    if request.method == "POST":
        return unauthorized(request)
    try:
        query = event_query(request.query_params)
        page = paging(request.query_params)
    except BadParam as error:
        return bad_request(error)
    mini = reader(request)
    chosen = select(_changes(request, mini), query)
    window = chosen[page.offset : page.offset + page.limit]
    total, limit, offset = len(chosen), page.limit, page.offset
    body: dict[str, Any] = {
        "results": _events(mini, window),
        "total": total,
        "limit": limit,
        "offset": offset,
    }
    # left out when there is none: the draft (OpenAPI 3.1) writes them `nullable: true`, a 3.0
    # word that JSON Schema ignores, so a null would be invalid against its own type "string"
    if offset + limit < total:
        body["next"] = _page_url(request, mini.links.base, limit, offset + limit)
    if offset > 0:
        body["previous"] = _page_url(request, mini.links.base, limit, max(offset - limit, 0))
    return JSONResponse(body, headers=NO_STORE)


def event(request: Request) -> Response:
    ident = request.path_params["eventId"]
    if not is_uuid(ident):
        return not_found(f"no event with id {ident[:60]!r} (event ids are UUIDs)")
    mini = reader(request)
    found = next((c for c in _changes(request, mini) if c.event_id == ident.lower()), None)
    if found is None:
        return not_found(f"no event with id {ident!r}")
    return JSONResponse(stored_event(with_body(mini, found)), headers=NO_STORE)


def _messages(mini: MiniReader, chosen: list[Change]) -> Iterator[bytes]:
    for change in chosen:
        payload = json.dumps(stored_event(with_body(mini, change)), separators=(",", ":"))
        yield f"data: {payload}\n\n".encode()


def stream(request: Request) -> Response:
    try:
        query = event_query(request.query_params, stream=True)
    except BadParam as error:
        return bad_request(error)
    if query.from_timestamp is None:  # the draft: "default = nu"
        query = Query(
            resource_type=query.resource_type,
            event_type=query.event_type,
            from_timestamp=datetime.now(UTC),
            descending=False,
        )
    mini = reader(request)
    return StreamingResponse(
        _messages(mini, select(_changes(request, mini), query)),
        media_type="text/event-stream",
        headers={**NO_STORE, "X-Accel-Buffering": "no"},
    )


def subscriptions(request: Request) -> Response:
    if request.method == "POST":
        return unauthorized(request)
    return JSONResponse([], headers=NO_STORE)


def subscription(request: Request) -> Response:
    ident = request.path_params["subscriptionId"]
    return not_found(f"no webhook subscription {ident[:60]!r}: this server keeps none")


routes = [
    Route(f"{BASE_PATH}/events", events, methods=["GET", "POST"]),
    Route(f"{BASE_PATH}/events/stream", stream, methods=["GET"]),
    Route(f"{BASE_PATH}/events/{{eventId:{ANY}}}", event, methods=["GET"]),
    Route(f"{BASE_PATH}/webhook-subscriptions", subscriptions, methods=["GET", "POST"]),
    Route(
        f"{BASE_PATH}/webhook-subscriptions/{{subscriptionId:{ANY}}}",
        subscription,
        methods=["DELETE"],
    ),
]

__all__ = ["routes"]
