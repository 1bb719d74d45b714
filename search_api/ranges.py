"""The stored original as a file answer whose Range refusals are the API's JSON errors.

Starlette's `FileResponse` serves `Range` requests (206, one range or `multipart/byteranges`)
but refuses a malformed header (400) or a range past the end (416) in plain text. `OriginalFile`
reads the header first with the same parser and under the same conditions (GET or HEAD, no
`If-Range` naming another version), so what it refuses is exactly what Starlette would refuse,
and answers with the JSON error body: 400 `bad_request`, or 416 `range_not_satisfiable` with
`Content-Range: bytes */<size>`. Everything else is Starlette's answer unchanged.
"""

from __future__ import annotations

import os

from starlette.datastructures import Headers
from starlette.responses import FileResponse, MalformedRangeHeader, RangeNotSatisfiable, Response
from starlette.types import Receive, Scope, Send

from search_api.errors import error_response


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
        """The JSON error for a Range header Starlette would refuse; None to serve the file."""
        if scope["type"] != "http" or scope["method"].upper() not in ("GET", "HEAD"):
            return None
        headers = Headers(scope=scope)
        requested = headers.get("range")
        if requested is None:
            return None
        if_range = headers.get("if-range")
        if if_range is not None and not self._should_use_range(if_range):
            return None  # the file changed since: the whole file is sent, the range ignored
        try:
            self._parse_range_header(requested, self.size)
        except MalformedRangeHeader as exc:
            reason = exc.content.removeprefix("Range header: ").rstrip(".")
            return error_response(400, f"invalid Range header: {reason}")
        except RangeNotSatisfiable:
            return error_response(
                416,
                f"the requested range is not within the file's {self.size} bytes",
                headers={"Content-Range": f"bytes */{self.size}"},
            )
        return None
