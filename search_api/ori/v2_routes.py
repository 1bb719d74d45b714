"""`/ori/v2/`: the VNG ORI API 2.0.0-beta.4 over every live council record, read-only.

- `GET /ori/v2/<collection>`: a page `{next, previous, results}` of `PAGE_SIZE` resources in id
  order; `page` (1, 2, ...) chooses the page, `next`/`previous` are absolute URLs of the same
  query; the official document's filters of the collection apply (`v2_filters`). An invalid
  filter or page is a 400 problem (`BadRequestFoutbericht` with `invalidParams`); a page past
  the last is a 404 problem.
- `GET /ori/v2/<collection>/<id>`: one resource; an unknown id is a 404 problem (`Foutbericht`).
- POST on a collection, PUT and DELETE on a resource (the official document's write methods)
  answer 501: this API only reads. Any other method is a 405 problem with `Allow`.

Every answer carries `api-version: 2.0.0-beta.4`; problems are `application/problem+json`
(RFC 7807: type, title, status, detail, instance, code). The official document is read offline
(`vindplaats.ori.spec.load("ori-2", settings.xsd_dir)`) for the filters' schemas.
"""

from __future__ import annotations

import logging
import re
import threading
from functools import lru_cache
from http import HTTPStatus
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from search_api.ori.v2_data import BASE_PATH, CatalogueCache
from search_api.ori.v2_filters import BadParam, Param, params_of, select
from search_api.services import Services, services
from vindplaats.errors import ConfigError
from vindplaats.ori import spec
from vindplaats.ori.ori2_collections import COLLECTIONS, Catalogue
from vindplaats.ori.ori2_corpus import Entry

log = logging.getLogger("vindplaats.api.ori")

API_VERSION = "2.0.0-beta.4"
PAGE_SIZE = 20
PROBLEM_JSON = "application/problem+json"
METHODS = ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE"]
READ = ("GET", "HEAD")
_PAGE = re.compile(r"[1-9]\d{0,8}")
_cache_lock = threading.Lock()


def problem(
    request: Request,
    status: int,
    detail: str,
    *,
    invalid: list[BadParam] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    phrase = HTTPStatus(status).phrase
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": phrase,
        "status": status,
        "detail": detail,
        "instance": instance(request),
        "code": phrase.lower().replace(" ", "_"),
    }
    if invalid is not None:
        body["invalidParams"] = [
            {"name": p.name, "code": "invalid", "reason": p.reason} for p in invalid
        ]
    return JSONResponse(
        body,
        status_code=status,
        media_type=PROBLEM_JSON,
        headers={"api-version": API_VERSION, **(headers or {})},
    )


def instance(request: Request) -> str:
    """The URL asked (percent-encoded, so always a URI)."""
    svc = services(request)
    return site_of(svc, request) + quote(request.url.path, safe="/:@!$&'()*+,;=-._~")


def answer(body: dict[str, Any]) -> JSONResponse:
    return JSONResponse(body, headers={"api-version": API_VERSION})


@lru_cache(maxsize=4)
def _params(standards_dir: Path) -> dict[str, list[Param]]:
    document = spec.load("ori-2", standards_dir)
    return {name: params_of(document, name) for name in COLLECTIONS}


def site_of(svc: Services, request: Request) -> str:
    """Where links point: the public URL when one is configured, else the address asked."""
    return svc.settings.public_base_url or str(request.base_url).rstrip("/")


def catalogue(svc: Services, request: Request) -> Catalogue:
    """The catalogue of the app's store (its cache lives with the app)."""
    state = request.app.state
    with _cache_lock:
        cache = getattr(state, "ori_v2_cache", None)
        if cache is None:
            cache = state.ori_v2_cache = CatalogueCache()
    return cache.catalogue(svc, site_of(svc, request))


def page_number(request: Request) -> int:
    raw = request.query_params.getlist("page")
    if not raw:
        return 1
    if any(not _PAGE.fullmatch(value) for value in raw):
        raise BadParam("page", "een paginanummer: een geheel getal vanaf 1")
    return int(raw[-1])


def page_url(svc: Services, request: Request, page: int) -> str:
    query = [(k, v) for k, v in request.query_params.multi_items() if k != "page"]
    return f"{site_of(svc, request)}{request.url.path}?{urlencode([*query, ('page', page)])}"


def listing(request: Request, svc: Services, collection: str) -> Response:
    page = page_number(request)
    params = _params(svc.settings.xsd_dir)[collection]
    query = list(request.query_params.multi_items())
    entries: list[Entry] = select(
        catalogue(svc, request).collection(collection), params, collection, query
    )
    start = (page - 1) * PAGE_SIZE
    if page > 1 and start >= len(entries):
        return problem(
            request, 404, f"pagina {page} bestaat niet (er zijn {len(entries)} resultaten)"
        )
    more = start + PAGE_SIZE < len(entries)
    return answer(
        {
            "next": page_url(svc, request, page + 1) if more else None,
            "previous": page_url(svc, request, page - 1) if page > 1 else None,
            "results": [entry.body for entry in entries[start : start + PAGE_SIZE]],
        }
    )


def dispatch(request: Request) -> Response:
    rest = request.path_params.get("rest", "")
    parts = rest.strip("/").split("/") if rest.strip("/") else []
    if (
        (rest and not rest.startswith("/"))
        or len(parts) > 2
        or (parts and parts[0] not in COLLECTIONS)
    ):
        return problem(request, 404, f"geen resource {request.url.path} in ORI API {API_VERSION}")
    method = request.method
    if not parts:
        if method not in READ:
            return problem(
                request, 405, f"{method} is niet toegestaan", headers={"Allow": "GET, HEAD"}
            )
        site = site_of(services(request), request) + BASE_PATH
        return answer({name: f"{site}/{name}" for name in COLLECTIONS})
    allowed = ("GET", "HEAD", "POST") if len(parts) == 1 else ("GET", "HEAD", "PUT", "DELETE")
    if method not in allowed:
        return problem(
            request, 405, f"{method} is niet toegestaan", headers={"Allow": ", ".join(allowed)}
        )
    if method not in READ:
        return problem(request, 501, "deze ORI API is alleen-lezen: schrijven kan niet")
    svc = services(request)
    try:
        if len(parts) == 1:
            return listing(request, svc, parts[0])
        found = catalogue(svc, request).get(parts[0], parts[1])
    except BadParam as exc:
        return problem(request, 400, f"ongeldige parameter {exc.name}: {exc.reason}", invalid=[exc])
    if found is None:
        return problem(request, 404, f"geen {parts[0]} met id {parts[1][:100]!r}")
    return answer(found.body)


def endpoint(request: Request) -> Response:
    """Every request under `/ori/v2`; a failure is a 500 problem, never a traceback."""
    try:
        return dispatch(request)
    except ConfigError as exc:
        log.error("ORI API 2.0: %s", exc)
        return problem(request, 503, "het officiële ORI-document is niet beschikbaar")
    except Exception:
        log.exception("ORI API 2.0: %s %s failed", request.method, request.url.path)
        return problem(request, 500, "er ging iets mis op de server")


class _AnyPath(Route):
    """A route whose `{rest:path}` also takes a newline (Starlette's `.` does not), so every
    path under the base is answered here, as a problem when it is not a resource."""

    def __init__(self) -> None:
        super().__init__(BASE_PATH + "{rest:path}", endpoint, methods=METHODS, name="ori_v2")
        self.path_regex = re.compile(self.path_regex.pattern, re.DOTALL)


routes = [_AnyPath()]
