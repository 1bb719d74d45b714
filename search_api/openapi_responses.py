"""The responses of the OpenAPI document: every status an endpoint can answer, with its headers.

Statuses and who gives them:

- 200 the answer; 206 part of a stored file (`Range`); 304 a document, meeting, motion, dossier
  or stored file the client already holds (`If-None-Match` naming its `ETag`,
  `search_api.http_cache`);
- 400 an invalid or unknown query parameter (`search_api.params`), a malformed `Range` header,
  or a request the HTTP server cannot parse (`search_api.protocol`);
- 404 an unknown id, or no stored file; 405 a method other than GET or HEAD;
- 413 a declared request body (`search_api.app`); 416 a range past the end of the file;
- 429 the client's rate limit (`search_api.ratelimit`); 503 too many requests in progress
  (`search_api.concurrency`). `/healthz` and `/metrics` are exempt from both.

Every error is the JSON `ErrorBody`. Headers set by middleware on some answers (the request id,
the rate-limit state) are declared optional, since deployments may turn them off.
"""

from __future__ import annotations

from typing import Any

SECONDS = {"type": "integer", "minimum": 0}


def _header(description: str, schema: dict[str, Any], required: bool = False) -> dict[str, Any]:
    return {"description": description, "required": required, "schema": schema}


REQUEST_ID = _header(
    "The request's id, also in the log lines of the request (the client's own `X-Request-ID` "
    "when it is 1-128 characters of letters, digits and `._:+=/@~-`).",
    {"type": "string", "minLength": 1, "maxLength": 128},
)
NOSNIFF = _header("Always `nosniff`.", {"type": "string", "enum": ["nosniff"]})
RATE_LIMIT = {
    "RateLimit-Limit": _header("Requests a client's full bucket holds.", SECONDS),
    "RateLimit-Remaining": _header("Requests the client may still send right now.", SECONDS),
    "RateLimit-Reset": _header("Seconds until the client's bucket is full again.", SECONDS),
}
RETRY_AFTER = _header("Seconds to wait before trying again.", SECONDS)
LINK = _header(
    'Links to other pages of the same search (RFC 8288): always `rel="first"` (the first '
    'page: the same parameters without `cursor`), and `rel="next"` (with the next page\'s '
    "`cursor`, as `next`) when there is a next page; e.g. "
    '`</api/search?q=begroting>; rel="first", </api/search?q=begroting&cursor=eyJ2Ijox>; '
    'rel="next"`. URLs are relative to the request\'s.',
    {"type": "string"},
    required=True,
)
FILE_HEADERS = {
    "Accept-Ranges": _header("Always `bytes`.", {"type": "string", "enum": ["bytes"]}),
    "Content-Disposition": _header(
        "`inline` (or `attachment` for active content) with an ASCII file name.",
        {"type": "string"},
    ),
    "ETag": _header(
        'The sha256 of the stored file, `"<sha256>"` (`W/"<sha256>"` when sent gzip-compressed).',
        {"type": "string"},
    ),
    "Cache-Control": _header(
        "`public, max-age=86400`: a stored file never changes.", {"type": "string"}
    ),
    "Last-Modified": _header("When the stored file was written.", {"type": "string"}),
    "Content-Security-Policy": _header(
        "`sandbox` for active content (HTML, XML, SVG, scripts), served as an attachment.",
        {"type": "string"},
    ),
}
CONTENT_RANGE_PART = _header(
    "The part sent, `bytes <first>-<last>/<size>` (absent for several ranges, sent as "
    "`multipart/byteranges`).",
    {"type": "string", "pattern": r"^bytes [0-9]+-[0-9]+/[0-9]+$"},
)
CONTENT_RANGE_UNSATISFIED = _header(
    "`bytes */<size>`: the size of the file.",
    {"type": "string", "pattern": r"^bytes \*/[0-9]+$"},
    required=True,
)
ALLOW = _header("The methods the endpoint answers: GET and HEAD.", {"type": "string"}, True)

ERROR_DESCRIPTIONS = {
    "400": "An invalid or unknown query parameter (named in `parameter`), or a malformed request.",
    "404": "No record with this id, or no stored file.",
    "405": "Only GET (and HEAD) are answered.",
    "413": "Requests with a body above 64 KiB, or an invalid Content-Length, are refused unread.",
    "416": "The Range header selects no byte of the file.",
    "429": "The client's rate limit is spent; retry after `Retry-After` seconds.",
    "503": "The server is busy (too many requests in progress); retry after `Retry-After` s.",
}


def _headers(limited: bool, extra: dict[str, Any] | None = None) -> dict[str, Any]:
    headers: dict[str, Any] = {"X-Request-ID": REQUEST_ID, "X-Content-Type-Options": NOSNIFF}
    if limited:
        headers.update(RATE_LIMIT)
    return {**headers, **(extra or {})}


def _error(status: str, error_body: dict[str, Any], limited: bool) -> dict[str, Any]:
    extra: dict[str, Any] = {}
    if status == "405":
        extra["Allow"] = ALLOW
    elif status == "416":
        extra["Content-Range"] = CONTENT_RANGE_UNSATISFIED
    elif status in ("429", "503"):
        extra["Retry-After"] = RETRY_AFTER
    return {
        "description": ERROR_DESCRIPTIONS[status],
        "headers": _headers(limited, extra),
        "content": {"application/json": {"schema": error_body}},
    }


def responses(
    ok: dict[str, Any],
    error_body: dict[str, Any],
    *,
    has_id: bool = False,
    limited: bool = True,
    is_file: bool = False,
) -> dict[str, Any]:
    """The responses of one operation; `ok` is its 200 (description and content)."""
    ok_headers = _headers(limited, FILE_HEADERS if is_file else None)
    out: dict[str, Any] = {"200": {**ok, "headers": ok_headers}}
    if is_file:
        out["206"] = {
            "description": "The requested range(s) of the stored file.",
            "headers": _headers(limited, {**FILE_HEADERS, "Content-Range": CONTENT_RANGE_PART}),
            "content": ok["content"],
        }
    statuses = ["400", *(["404"] if has_id else []), "405", "413"]
    statuses += ["416"] if is_file else []
    statuses += ["429", "503"] if limited else []
    for status in statuses:
        out[status] = _error(status, error_body, limited)
    return out


DETAIL_VALIDATORS = {
    "ETag": _header('A weak tag of the answer\'s body, `W/"…"`.', {"type": "string"}),
    "Cache-Control": _header("`public, max-age=60`.", {"type": "string"}),
}


def revalidated(operation: dict[str, Any], *, is_file: bool = False) -> dict[str, Any]:
    """`operation` (a detail or a stored file) with its validators on 200 and its 304."""
    answers = operation["get"]["responses"]
    validators = {key: FILE_HEADERS[key] for key in DETAIL_VALIDATORS} if is_file else None
    answers["200"]["headers"].update(validators or DETAIL_VALIDATORS)
    limited = "RateLimit-Remaining" in answers["200"]["headers"]
    answers["304"] = {
        "description": "Not modified: `If-None-Match` names this answer's `ETag` (compared "
        "weakly); no body.",
        "headers": _headers(limited, validators or DETAIL_VALIDATORS),
    }
    return operation
