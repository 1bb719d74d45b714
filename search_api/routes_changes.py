"""`GET /api/changes?since=CURSOR&limit=N`: the change feed of the search index, for people who
keep a mirror of the searchable records.

NDJSON, one line per change in the order the changes happened, then a last line with the cursor
to continue from:

    {"op":"upsert","id":"document:...","seq":12,"record":{...as GET /api/documents/{id}}}
    {"op":"upsert","id":"motion:...","seq":13,"record":{...as GET /api/motions/{id}}}
    {"op":"delete","id":"document:...","seq":14}
    {"next":"14"}

The feed is the store's change log (`vindplaats.store.sql_changes`): each record appears once,
with its latest change (repeated upserts collapse; latest wins), so replaying from the start
(`since` empty or left out: the bulk snapshot) and following `next` until an answer holds no
change line yields exactly the records searchable now (the upserts), plus deletes of records
that left the index. Following `next` later yields every record that changed since, in its
state at the time it is read. Cursors are opaque (pass a `next` value back unchanged), stable
and only grow; they are written with digits only, so the OpenAPI pattern of `since` says
exactly what is accepted.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator

from starlette.requests import Request
from starlette.responses import Response, StreamingResponse
from starlette.routing import Route

from search_api.params import Param, parse_params
from search_api.routes_documents import document_detail
from search_api.routes_motions import motion_detail
from search_api.services import Services, services
from vindplaats.errors import NotFound
from vindplaats.store.sql_changes import IndexChange

MAX_LIMIT = 1000
CURSOR_PATTERN = r"^[0-9]{0,18}$"  # empty: from the start

CHANGES_PARAMS = (
    Param(
        "since",
        max_length=18,
        pattern=CURSOR_PATTERN,
        description="Cursor from the `next` line of an earlier answer; empty or left out: "
        "from the start (the bulk snapshot).",
    ),
    Param(
        "limit",
        kind="integer",
        minimum=1,
        maximum=MAX_LIMIT,
        default=100,
        description="Change lines per answer at most.",
    ),
)

Handler = Callable[[Request], Response]


def encode_cursor(seq: int) -> str:
    """The cursor after change number `seq`."""
    return str(seq)


def decode_cursor(cursor: str | None) -> int:
    """The change number a cursor stands for (0: none given, the start); the parameter's
    pattern has checked it is one."""
    return int(cursor) if cursor else 0


def _handler(record_id: str) -> Handler | None:
    if record_id.startswith("document:"):
        return document_detail
    if record_id.startswith("motion:"):
        return motion_detail
    return None


def record_body(request: Request, record_id: str) -> bytes | None:
    """The answer `GET /api/documents/{id}` or `/api/motions/{id}` gives for the record, made
    by that endpoint itself (a plain GET without conditions); None when it is gone."""
    handler = _handler(record_id)
    if handler is None:
        return None
    scope = {**request.scope, "query_string": b"", "headers": [], "path_params": {"id": record_id}}
    try:
        response = handler(Request(scope, request.receive))
    except NotFound:  # removed after the change was read: a later delete follows
        return None
    return bytes(response.body) if response.status_code == 200 else None


def change_line(request: Request, change: IndexChange) -> bytes:
    """One NDJSON line of a change; an upsert of a record removed since it was read (a purged
    source) is the delete it has become."""
    head = {"op": change.op, "id": change.record_id, "seq": change.seq}
    body = record_body(request, change.record_id) if change.op == "upsert" else None
    if body is None:
        return json.dumps({**head, "op": "delete"}).encode() + b"\n"
    return json.dumps(head)[:-1].encode() + b',"record":' + body + b"}\n"


def _lines(request: Request, svc: Services, after: int, limit: int) -> Iterator[bytes]:
    changes = svc.store.changes_since(after, limit)
    for change in changes:
        yield change_line(request, change)
    last = changes[-1].seq if changes else after
    yield json.dumps({"next": encode_cursor(last)}).encode() + b"\n"


def changes(request: Request) -> StreamingResponse:
    values = parse_params(CHANGES_PARAMS, request.query_params)
    after = decode_cursor(values["since"])
    svc = services(request)
    return StreamingResponse(
        _lines(request, svc, after, values["limit"]),
        media_type="application/x-ndjson",
        headers={"Cache-Control": "no-store"},
    )


routes = [Route("/api/changes", changes, methods=["GET"], name="changes")]
