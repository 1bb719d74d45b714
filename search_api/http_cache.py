"""Validators and caching headers: ETags, `Cache-Control` and `If-None-Match` → 304.

- A stored original is immutable per content digest: its ETag is the strong `"<sha256>"` of the
  blob and it may be cached for a day (`FILE_CACHE_CONTROL`).
- A JSON detail (document, meeting, motion, dossier) or an HTML page changes when the store
  does: its ETag is weak, a digest of the body (`W/"…"`), cached for a minute
  (`DETAIL_CACHE_CONTROL`).

`conditional(request, response)` gives a complete answer these headers and turns it into a
304 Not Modified when the client already holds it. `If-None-Match` is compared weakly (RFC 9110
13.1.2), so a weakened ETag (the gzip layer turns `"x"` into `W/"x"`) still matches.
"""

from __future__ import annotations

import hashlib

from starlette.datastructures import Headers
from starlette.requests import Request
from starlette.responses import Response

__all__ = [
    "DETAIL_CACHE_CONTROL",
    "FILE_CACHE_CONTROL",
    "conditional",
    "etag_matches",
    "file_etag",
    "not_modified",
    "weak_etag",
]

DETAIL_CACHE_CONTROL = "public, max-age=60"
FILE_CACHE_CONTROL = "public, max-age=86400"
# headers a 304 repeats from the answer it stands for (RFC 9110 15.4.5)
_KEPT_ON_304 = ("cache-control", "content-location", "etag", "expires", "vary")
MAX_IF_NONE_MATCH = 8192  # characters of If-None-Match read; a longer header matches nothing


def weak_etag(body: bytes) -> str:
    """The weak ETag of an answer's body."""
    return f'W/"{hashlib.blake2b(body, digest_size=16).hexdigest()}"'


def file_etag(sha256: str) -> str:
    """The strong ETag of a stored original: the sha256 the store keeps it under."""
    return f'"{sha256}"'


def _opaque(tag: str) -> str:
    tag = tag.strip()
    return tag[2:] if tag.startswith("W/") else tag


def etag_matches(if_none_match: str | None, etag: str) -> bool:
    """Whether `If-None-Match` names `etag` (weak comparison) or is `*`."""
    if not if_none_match or len(if_none_match) > MAX_IF_NONE_MATCH:
        return False
    if if_none_match.strip() == "*":
        return True
    wanted = _opaque(etag)
    return any(_opaque(tag) == wanted for tag in if_none_match.split(","))


def not_modified(response: Response) -> Response:
    """The 304 that stands for `response`: no body, its validators and caching headers."""
    headers = Headers(raw=response.raw_headers)
    kept = {name: headers[name] for name in _KEPT_ON_304 if name in headers}
    return Response(status_code=304, headers=kept)


def conditional(
    request: Request, response: Response, cache_control: str = DETAIL_CACHE_CONTROL
) -> Response:
    """`response` with an ETag (a weak one of its body unless it has one) and `Cache-Control`
    (unless set); a 304 instead when the request's `If-None-Match` names that ETag.

    For complete answers of GET and HEAD with status 200 (others are returned untouched); a
    streamed answer has no body to digest and is returned untouched too.
    """
    if response.status_code != 200 or request.method not in ("GET", "HEAD"):
        return response
    body = getattr(response, "body", None)
    if "etag" not in response.headers:
        if not isinstance(body, bytes):
            return response
        response.headers["ETag"] = weak_etag(body)
    response.headers.setdefault("Cache-Control", cache_control)
    if etag_matches(request.headers.get("if-none-match"), response.headers["etag"]):
        return not_modified(response)
    return response
