"""gzip for text answers, streamed ones included.

An answer is compressed when the client's `Accept-Encoding` accepts gzip (a `q` above 0), its
type is text (`text/*`, JSON, NDJSON, XML, Atom and other `+json`/`+xml` types, JavaScript,
SVG) and it is at least `MINIMUM_SIZE` bytes long, or streamed (its size unknown). Never
compressed: every other type (PDF, images, ZIP, DOCX, XLSX, gzip: already compressed), partial
answers (206, a `Range` request), answers that already carry a `Content-Encoding`, and answers
without a body (204, 304, 1xx).

Every answer of a text type that is not known to be small says `Vary: Accept-Encoding`, to
clients that asked for gzip and to those that did not, so a cache keeps the two apart.

A streamed answer (an export's NDJSON or CSV through a `StreamingResponse`) stays streamed: each
chunk is compressed and flushed (`Z_SYNC_FLUSH`) when it comes, so the client can decode every
line as soon as the server sends it and the memory used is that of one chunk. A compressed
answer has the compressed `Content-Length` (whole answers) or none (streamed); a strong `ETag`
becomes weak (the bytes are not the identity bytes any more) and `Accept-Ranges` is dropped
(ranges count identity bytes), as nginx does. A HEAD answer gets the headers its GET would get.
"""

from __future__ import annotations

import zlib

import anyio.to_thread
from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["MINIMUM_SIZE", "GzipMiddleware", "accepts_gzip", "compressible"]

MINIMUM_SIZE = 1024  # bytes; a smaller answer gains too little to be worth compressing
LEVEL = 6  # zlib's default: most of level 9's gain at a fraction of its cost
THREAD_MINIMUM = 256 * 1024  # a chunk this large is compressed off the event loop
_TEXT_TYPES = frozenset(
    {
        "application/json",
        "application/x-ndjson",
        "application/ndjson",
        "application/jsonl",
        "application/xml",
        "application/javascript",
        "application/x-javascript",
        "application/ecmascript",
        "image/svg+xml",
    }
)
_NOT_COMPRESSED = frozenset({"text/event-stream"})  # each event must arrive on its own
_KEPT_AS_IS = frozenset({204, 206, 304})  # no body, or a part of the identity bytes


def accepts_gzip(accept_encoding: str | None) -> bool:
    """Whether an `Accept-Encoding` value accepts gzip (`gzip`, `x-gzip` or `*`, with q > 0)."""
    if not accept_encoding:
        return False
    weights: dict[str, float] = {}
    for item in accept_encoding.split(",")[:64]:
        token, _, params = item.partition(";")
        weight = 1.0
        for param in params.split(";"):
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    weight = float(value.strip())
                except ValueError:
                    weight = 0.0
        weights[token.strip().lower()] = weight
    for name in ("gzip", "x-gzip", "*"):
        if name in weights:
            return weights[name] > 0
    return False


def compressible(content_type: str | None) -> bool:
    """Whether an answer of this `Content-Type` is text worth compressing."""
    media = (content_type or "").partition(";")[0].strip().lower()
    if not media or media in _NOT_COMPRESSED:
        return False
    return media.startswith("text/") or media in _TEXT_TYPES or media.endswith(("+json", "+xml"))


class GzipMiddleware:
    """Compresses text answers for clients that accept gzip (the module docstring)."""

    def __init__(self, app: ASGIApp, minimum_size: int = MINIMUM_SIZE, level: int = LEVEL) -> None:
        self.app = app
        self.minimum_size = minimum_size
        self.level = level

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        wanted = accepts_gzip(Headers(scope=scope).get("accept-encoding"))
        head = str(scope.get("method", "")).upper() == "HEAD"
        responder = _Responder(send, wanted, head, self.minimum_size, self.level)
        await self.app(scope, receive, responder.send)
        await responder.flush_start()


class _Responder:
    """One answer on its way out: decides at its start (and first chunk) whether to compress."""

    def __init__(self, send: Send, wanted: bool, head: bool, minimum_size: int, level: int):
        self.downstream = send
        self.wanted = wanted
        self.head = head
        self.minimum_size = minimum_size
        self.level = level
        self.start: Message | None = None  # held back until the first chunk decides
        self.compressor: zlib._Compress | None = None

    async def send(self, message: Message) -> None:
        kind = message["type"]
        if kind == "http.response.start":
            await self._started(message)
        elif kind == "http.response.body" and self.compressor is not None:
            await self.downstream({**message, "body": await self._compress(message)})
        elif kind == "http.response.body" and self.start is not None:
            await self._first_chunk(message)
        else:  # passed through, pathsend (a file the server sends itself) included
            await self.flush_start()
            await self.downstream(message)

    async def flush_start(self) -> None:
        """Send the held-back start unchanged (identity) if it is still held."""
        if self.start is not None:
            start, self.start = self.start, None
            await self.downstream(start)

    async def _started(self, message: Message) -> None:
        headers = MutableHeaders(raw=list(message.get("headers", [])))
        status = int(message["status"])
        declared = headers.get("content-length", "")
        small = declared.isdigit() and int(declared) < self.minimum_size
        if (
            status < 200
            or status in _KEPT_AS_IS
            or "content-encoding" in headers
            or not compressible(headers.get("content-type"))
            or small
        ):
            await self.downstream(message)
            return
        headers.add_vary_header("Accept-Encoding")
        message = {**message, "headers": headers.raw}
        if not self.wanted:
            await self.downstream(message)
        elif self.head:
            _mark_compressed(headers, None)
            await self.downstream({**message, "headers": headers.raw})
        else:
            self.start = message

    async def _first_chunk(self, message: Message) -> None:
        assert self.start is not None
        start, self.start = self.start, None
        body = message.get("body", b"")
        more = bool(message.get("more_body", False))
        if not more and len(body) < self.minimum_size:
            await self.downstream(start)
            await self.downstream(message)
            return
        self.compressor = zlib.compressobj(self.level, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
        compressed = await self._compress(message)
        headers = MutableHeaders(raw=list(start["headers"]))
        _mark_compressed(headers, None if more else len(compressed))
        await self.downstream({**start, "headers": headers.raw})
        await self.downstream({**message, "body": compressed})

    async def _compress(self, message: Message) -> bytes:
        body = message.get("body", b"")
        more = bool(message.get("more_body", False))
        if len(body) >= THREAD_MINIMUM:
            return await anyio.to_thread.run_sync(self._deflate, body, more)
        return self._deflate(body, more)

    def _deflate(self, body: bytes, more: bool) -> bytes:
        assert self.compressor is not None
        out = self.compressor.compress(body)
        return out + self.compressor.flush(zlib.Z_SYNC_FLUSH if more else zlib.Z_FINISH)


def _mark_compressed(headers: MutableHeaders, length: int | None) -> None:
    """The headers of a gzip answer: its encoding and length, a weak ETag, no ranges."""
    headers["Content-Encoding"] = "gzip"
    if length is None:
        if "content-length" in headers:
            del headers["content-length"]
    else:
        headers["Content-Length"] = str(length)
    etag = headers.get("etag")
    if etag and not etag.startswith("W/"):
        headers["ETag"] = "W/" + etag
    if "accept-ranges" in headers:
        del headers["accept-ranges"]
