"""`GET /static/{name}`: the interface's own CSS and scripts, from the package.

Each asset is read once; its URL carries a digest of its bytes (`/static/base.css?v=1a2b3c4d`),
so it may be cached for a year and a changed file is fetched anew.
"""

from __future__ import annotations

import hashlib
from functools import cache
from importlib import resources

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from search_api.http_cache import etag_matches
from vindplaats.errors import NotFound

TYPES = {".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8"}


@cache
def _asset(name: str) -> tuple[bytes, str] | None:
    suffix = "." + name.rsplit(".", 1)[-1] if "." in name else ""
    if "/" in name or name.startswith(".") or suffix not in TYPES:
        return None
    item = resources.files("search_api.web").joinpath("static", name)
    if not item.is_file():
        return None
    data = item.read_bytes()
    return data, hashlib.sha256(data).hexdigest()[:12]


def asset_url(name: str) -> str:
    """The URL of asset `name` with its digest (templates: `{{ asset('base.css') }}`)."""
    found = _asset(name)
    if found is None:
        raise LookupError(f"no asset {name!r} in search_api/web/static")
    return f"/static/{name}?v={found[1]}"


def static(request: Request) -> Response:
    name = request.path_params["name"]
    found = _asset(name)
    if found is None:
        raise NotFound(f"no asset {name!r}")
    data, digest = found
    etag = f'"{digest}"'
    headers = {"ETag": etag, "Cache-Control": "public, max-age=31536000, immutable"}
    if etag_matches(request.headers.get("if-none-match"), etag):  # W/ once gzipped
        return Response(status_code=304, headers=headers)
    return Response(data, media_type=TYPES["." + name.rsplit(".", 1)[-1]], headers=headers)


routes = [Route("/static/{name:str}", static, methods=["GET", "HEAD"], name="static")]
