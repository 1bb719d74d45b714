"""The stored original as a file answer whose Range refusals are the API's JSON errors.

Starlette's `FileResponse` serves `Range` requests (206, one range or `multipart/byteranges`)
but refuses a malformed header (400) or a range past the end (416) in plain text, and quietly
skips parts it cannot read. `OriginalFile` checks the header first, under the same conditions
(GET or HEAD, no `If-Range` naming another version of the file):

- it must match `RANGE_PATTERN` (published in the OpenAPI document): `bytes=` and 1 to 100
  ranges `first-`, `first-last` or `-suffix`, comma-separated; anything else is a 400;
- a well-formed header that selects no byte of the file (a start past the end, `last` before
  `first`, `-0`) is a 416 `range_not_satisfiable` with `Content-Range: bytes */<size>`.

Both are the API's JSON error body; a header that passes is served by Starlette unchanged.

`stored_original` is how every route serves a stored file: a type a browser would run (HTML, XML,
SVG, scripts, Flash) as an attachment in a sandbox, anything else inline, never sniffed.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from starlette.datastructures import Headers
from starlette.responses import FileResponse, MalformedRangeHeader, RangeNotSatisfiable, Response
from starlette.types import Receive, Scope, Send

from search_api.errors import error_response

MAX_RANGES = FileResponse.max_ranges  # 100: Starlette ignores a header with more
_SPEC = r"(?:[0-9]+-[0-9]*|-[0-9]+)"
_OWS = r"[ \t]*"
RANGE_PATTERN = rf"^bytes={_OWS}{_SPEC}(?:{_OWS},{_OWS}{_SPEC}){{0,{MAX_RANGES - 1}}}{_OWS}$"
_RANGE = re.compile(RANGE_PATTERN)
_ACTIVE_TYPES = re.compile(r"html|xml|svg|javascript|ecmascript|x-shockwave", re.IGNORECASE)


class OriginalFile(FileResponse):
    """A `FileResponse` over a file already `stat`ed (`stat_result` is required)."""

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        stat_result: os.stat_result,
        media_type: str,
        headers: dict[str, str],
    ) -> None:
        super().__init__(path, media_type=media_type, headers=headers, stat_result=stat_result)
        self.size = stat_result.st_size

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        refusal = self.range_refusal(scope)
        if refusal is not None:
            await refusal(scope, receive, send)
            return
        await super().__call__(scope, receive, send)

    def range_refusal(self, scope: Scope) -> Response | None:
        """The JSON error for a refused Range header (module docstring); None to serve the file."""
        if scope["type"] != "http" or scope["method"].upper() not in ("GET", "HEAD"):
            return None
        headers = Headers(scope=scope)
        requested = headers.get("range")
        if requested is None:
            return None
        if_range = headers.get("if-range")
        if if_range is not None and not self._should_use_range(if_range):
            return None  # the file changed since: the whole file is sent, the range ignored
        if not _RANGE.fullmatch(requested):
            return error_response(
                400,
                "invalid Range header: expected bytes=<first>-[<last>] or bytes=-<suffix>, "
                f"at most {MAX_RANGES} ranges separated by commas",
            )
        try:
            self._parse_range_header(requested, self.size)
        except (MalformedRangeHeader, RangeNotSatisfiable):  # well-formed: no byte selected
            return error_response(
                416,
                f"the requested range is not within the file's {self.size} bytes",
                headers={"Content-Range": f"bytes */{self.size}"},
            )
        return None


def stored_original(path: Path, media_type: str, filename: str) -> OriginalFile | None:
    """The stored file at `path` served as `filename` (module docstring); None when it is not
    there as a regular file."""
    try:
        stat_result = path.stat()
    except OSError:
        return None
    if not stat.S_ISREG(stat_result.st_mode):
        return None
    active = bool(_ACTIVE_TYPES.search(media_type))
    headers = {
        "Content-Disposition": f'{"attachment" if active else "inline"}; filename="{filename}"',
        "X-Content-Type-Options": "nosniff",
    }
    if active:
        headers["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return OriginalFile(path, stat_result=stat_result, media_type=media_type, headers=headers)
