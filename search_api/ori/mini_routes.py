"""mini-ORI 1.0.0 at `/ori/mini/v1/`: `vergaderingen`, `agendapunten`, `informatieobjecten`,
each as a list and by id, over every served record (`mini_reader`) of every supplier.

- A list answers `{next, previous, results}` with at most `PAGE_SIZE` records in record-id
  order, from the served records of the store's current state (`mini_snapshot`). The document
  defines no paging parameters: `next` and `previous` are absolute URLs with our own cursor
  (`?na=...`, opaque: the last record before the page), null at the ends; a page holds the
  records after its cursor, so a record stored or withdrawn meanwhile moves no other record to
  another page. A cursor that is not ours answers 404 (the document's list operations name 200,
  401 and 404 only).
- By id: the record's ORI UUID; an unknown UUID, one of another collection or of a record not
  served answers 404 with the document's `ErrorResponse` (`titel`, `status`, `detail`).
- Writes (POST of a collection; PUT and DELETE by id): Vindplaats is read-only, and of the
  statuses the document lists for them (201/200, 400, 401, 404, 409) only 401 "Je bent niet
  geautoriseerd voor deze aanvraag" fits every such request: it is answered without a body (as
  the document gives it), with `WWW-Authenticate`.
"""

from __future__ import annotations

import base64
import binascii
import bisect
from typing import Any

from starlette.convertors import Convertor, register_url_convertor
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from search_api.ori.mini_reader import BASE_PATH, MiniReader, api_base
from search_api.ori.mini_snapshot import snapshot
from search_api.services import services
from vindplaats.ori.ids import is_uuid
from vindplaats.ori.mini_records import RECORD_TYPES, Collection

PAGE_SIZE = 50
ANY = "ori_any"  # a path parameter of any text, newlines too (Starlette's `path` stops at one)


class AnyText(Convertor[str]):
    regex = r"[\s\S]*"

    def convert(self, value: str) -> str:
        return value

    def to_string(self, value: str) -> str:
        return value


register_url_convertor(ANY, AnyText())
CURSOR = "na"
NO_STORE = {"Cache-Control": "no-store"}


def problem(status: int, title: str, detail: str) -> JSONResponse:
    """The document's `ErrorResponse`."""
    return JSONResponse({"titel": title, "status": status, "detail": detail}, status_code=status)


def not_found(detail: str) -> JSONResponse:
    return problem(404, "Niet gevonden", detail)


def unauthorized(request: Request) -> Response:
    """401 without a body: nobody may write to this read-only server."""
    return Response(
        status_code=401, headers={"WWW-Authenticate": 'Bearer realm="Vindplaats (alleen lezen)"'}
    )


def encode_cursor(record_id: str) -> str:
    return base64.urlsafe_b64encode(record_id.encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> str | None:
    """The record id a cursor stands for; None when it is not one of ours."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None
    return raw if raw and ":" in raw and raw.isprintable() else None


def reader(request: Request) -> MiniReader:
    svc = services(request)
    return MiniReader(svc, api_base(svc, str(request.base_url)))


def _page(request: Request, collection: Collection) -> Response:
    raw = request.query_params.get(CURSOR)
    after = "" if raw is None else decode_cursor(raw)
    if after is None:
        return not_found(f"no page of {collection} at cursor {(raw or '')[:60]!r}")
    mini = reader(request)
    ids = snapshot(request, mini).served_ids.get(RECORD_TYPES[collection], [])
    start = bisect.bisect_right(ids, after) if after else 0
    chosen = ids[start : start + PAGE_SIZE]
    results = []
    for record_id in chosen:
        record = mini.served_record(record_id)
        found = mini.render(record) if record is not None else None
        if found is not None:  # None: withdrawn since the snapshot was taken
            results.append(found)
    url = f"{mini.links.base}/{collection}"
    before = max(start - PAGE_SIZE, 0)
    body: dict[str, Any] = {
        "next": f"{url}?{CURSOR}={encode_cursor(chosen[-1])}"
        if start + PAGE_SIZE < len(ids)
        else None,
        "previous": None
        if start == 0
        else (url if before == 0 else f"{url}?{CURSOR}={encode_cursor(ids[before - 1])}"),
        "results": results,
    }
    return JSONResponse(body, headers=NO_STORE)


def _detail(request: Request, collection: Collection, ident: str) -> Response:
    shown = ident[:60]
    if not is_uuid(ident):
        return not_found(f"no {collection} record with id {shown!r} (ids are UUIDs)")
    mini = reader(request)
    record_id = mini.svc.store.record_ids_for_ori_uuids([ident.lower()]).get(ident.lower())
    record = mini.served_record(record_id)
    if record is None or record.record_type != RECORD_TYPES[collection]:
        return not_found(f"no {collection} record with id {shown!r}")
    body = mini.render(record)
    if body is None:
        return not_found(f"no {collection} record with id {shown!r}")
    return JSONResponse(body, headers=NO_STORE)


def _collection_endpoint(collection: Collection) -> Any:
    def endpoint(request: Request) -> Response:
        if request.method == "POST":
            return unauthorized(request)
        return _page(request, collection)

    return endpoint


def _record_endpoint(collection: Collection) -> Any:
    def endpoint(request: Request) -> Response:
        if request.method in ("PUT", "DELETE"):
            return unauthorized(request)
        return _detail(request, collection, request.path_params["id"])

    return endpoint


def _routes() -> list[Route]:
    found: list[Route] = []
    for collection in RECORD_TYPES:
        path = f"{BASE_PATH}/{collection}"
        found.append(Route(path, _collection_endpoint(collection), methods=["GET", "POST"]))
        found.append(
            Route(
                path + "/{id:" + ANY + "}",
                _record_endpoint(collection),
                methods=["GET", "PUT", "DELETE"],
            )
        )
    return found


routes = _routes()

__all__ = ["ANY", "PAGE_SIZE", "decode_cursor", "encode_cursor", "not_found", "problem", "routes"]
