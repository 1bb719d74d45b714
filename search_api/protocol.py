"""uvicorn's h11 protocol with TCP_NODELAY on every connection and JSON protocol errors.

- TCP_NODELAY: without it, Nagle's algorithm and the client's delayed ACK hold back the last
  part of each answer on a kept-alive connection (about 40 ms a request on Linux). asyncio sets
  it only for sockets created with `IPPROTO_TCP`; it is set here whatever the listening socket.
- A request uvicorn cannot parse (a request line or header block above `MAX_HEAD_BYTES`, a bad
  `Content-Length`, invalid HTTP) is answered 400 with the API's JSON error body, naming what
  h11 found wrong, instead of uvicorn's plain text. The connection is then closed the lingering
  way (our side shut for writing, what the client still sends read and dropped for up to
  `LINGER_SECONDS` or `LINGER_BYTES`): closing at once with unread input makes the kernel send a
  reset, which can destroy the answer before the client reads it.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import socket
from typing import Any

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

from search_api.requestid import new_request_id

MAX_HEAD_BYTES = 16 * 1024  # request line + headers; above it: 400
TOO_LONG = f"request line and headers above {MAX_HEAD_BYTES} bytes"
LINGER_SECONDS = 2.0
LINGER_BYTES = 4 * 1024 * 1024


def set_nodelay(transport: asyncio.BaseTransport) -> None:
    sock = transport.get_extra_info("socket")
    if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
        with contextlib.suppress(OSError):  # the peer already went away
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)


def head_size(request: h11.Request) -> int:
    return (
        len(request.method)
        + len(request.target)
        + sum(len(k) + len(v) + 4 for k, v in request.headers)
    )


def error_body(message: str) -> bytes:
    error = {"code": "bad_request", "message": message, "parameter": None}
    return json.dumps({"error": error}).encode()


class ApiH11Protocol(H11Protocol):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.protocol_error = ""
        self.lingering: asyncio.TimerHandle | None = None
        self.dropped = 0
        next_event = self.conn.next_event

        def remembering_next_event() -> Any:
            try:
                event = next_event()
            except h11.RemoteProtocolError as exc:
                self.protocol_error = str(exc)
                raise
            # h11 caps only a head still incomplete; one that arrived whole is capped here
            if isinstance(event, h11.Request) and head_size(event) > MAX_HEAD_BYTES:
                self.protocol_error = TOO_LONG
                raise h11.RemoteProtocolError(TOO_LONG)
            return event

        self.conn.next_event = remembering_next_event  # type: ignore[method-assign]

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        set_nodelay(transport)
        super().connection_made(transport)

    def data_received(self, data: bytes) -> None:
        if self.lingering is None:
            super().data_received(data)
            return
        self.dropped += len(data)
        if self.dropped > LINGER_BYTES:
            self.transport.close()

    def connection_lost(self, exc: Exception | None) -> None:
        if self.lingering is not None:
            self.lingering.cancel()
        super().connection_lost(exc)

    def shutdown(self) -> None:
        if self.lingering is not None:
            self.transport.close()
            return
        super().shutdown()

    def send_400_response(self, msg: str) -> None:
        # h11's reason without the bytes it quotes (the client's own input, up to 16 KiB)
        reason = self.protocol_error.split(":", 1)[0].strip() or "malformed request"
        if "buffer" in reason.lower() and "too long" in reason.lower():
            reason = TOO_LONG
        body = error_body(f"invalid HTTP request: {reason}")
        headers = [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body)).encode()),
            (b"x-content-type-options", b"nosniff"),
            (b"x-request-id", new_request_id().encode()),  # the head is not trusted: a new id
            (b"connection", b"close"),
        ]
        try:
            self.transport.write(
                self.conn.send(
                    h11.Response(status_code=400, headers=headers, reason=b"Bad Request")
                )
            )
            self.transport.write(self.conn.send(h11.Data(data=body)))
            self.transport.write(self.conn.send(h11.EndOfMessage()))
        except h11.LocalProtocolError:  # an answer was already under way: just close
            self.transport.close()
            return
        if not self.transport.can_write_eof():
            self.transport.close()
            return
        self.transport.write_eof()
        self.transport.resume_reading()
        self.lingering = self.loop.call_later(LINGER_SECONDS, self.transport.close)
