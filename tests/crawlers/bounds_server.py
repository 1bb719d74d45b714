"""A loopback iBabs SOAP server whose answers are as large as a test (or benchmark) asks.

Every operation answers an OK result without items, except `GetMeetingtypes`, which answers
as `answer` says (`BigAnswer`): a SOAP fault (HTTP 500) whose faultstring has `fault_chars`
characters, or `meeting_types` meeting types, followed by `padding` bytes of whitespace (still
valid XML); sent with a Content-Length, or chunked (`chunked=True`). Bodies are generated in
64 KiB pieces, so a 500 MB answer never sits in the server's memory. `sent` counts the bytes of
answers written (a client that hangs up early makes it smaller). `register` adds the iBabs
source the tests harvest from it. Served by `tests.replay`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from tests.crawlers.ibabs_server import XML, operation_of
from tests.replay import Answer, ReplayServer, Request
from vindplaats.settings import load_settings
from vindplaats.sources import build_source
from vindplaats.store import open_store

ENV = "http://schemas.xmlsoap.org/soap/envelope/"
BASE = "http://schemas.datacontract.org/2004/07/iBabsWCFObjects.Base"
PIECE = 64 * 1024


@dataclass
class BigAnswer:
    fault_chars: int = 0  # > 0: a SOAP fault with a faultstring this long
    meeting_types: int = 3
    padding: int = 0  # bytes of whitespace after the envelope
    chunked: bool = False


def register(data_dir: Path, base_url: str, key: str = "zuidwaarde") -> None:
    """Register the iBabs source `key` (site Zuidwaarde) served at `base_url`."""
    store = open_store(load_settings(data_dir=data_dir))
    try:
        store.upsert_source(
            build_source(
                key=key,
                name="Gemeente Zuidwaarde",
                supplier="ibabs",
                ibabs_sitename="Zuidwaarde",
                base_url=base_url,
            )
        )
    finally:
        store.close()


def _type(number: int) -> bytes:
    return (
        "<b:iBabsMeetingtype><b:Abbreviation>C</b:Abbreviation>"
        f"<b:Description>Commissie {number}</b:Description>"
        f"<b:Id>1b2c0001-0000-4000-8000-{number:012d}</b:Id>"
        "<b:Meetingtype>Raadscommissie</b:Meetingtype></b:iBabsMeetingtype>"
    ).encode()


def ok_answer(operation: str, inner: bytes = b"") -> list[bytes]:
    head = (
        f"<s:Envelope xmlns:s='{ENV}'><s:Body><{operation}Response xmlns='http://tempuri.org/'>"
        f"<{operation}Result xmlns:a='http://schemas.datacontract.org/2004/07/iBabsWCFObjects"
        f".Common' xmlns:b='http://schemas.datacontract.org/2004/07/iBabsWCFObjects'>"
        f"<Status xmlns='{BASE}'>OK</Status>"
    ).encode()
    tail = f"</{operation}Result></{operation}Response></s:Body></s:Envelope>".encode()
    return [head, inner, tail]


def fault_pieces(chars: int) -> Iterator[bytes]:
    yield f"<s:Envelope xmlns:s='{ENV}'><s:Body><s:Fault><faultcode>s:Server</faultcode>".encode()
    yield b"<faultstring>"
    text = b"Interne fout bij het lezen van de vergadertypen. " * (PIECE // 50)
    left = chars
    while left > 0:
        piece = text[: min(left, len(text))]
        left -= len(piece)
        yield piece
    yield b"</faultstring></s:Fault></s:Body></s:Envelope>"


def meetingtype_pieces(count: int) -> Iterator[bytes]:
    head, _, tail = ok_answer("GetMeetingtypes")
    yield head + b"<a:Meetingtypes>"
    batch: list[bytes] = []
    for number in range(1, count + 1):
        batch.append(_type(number))
        if len(batch) == 500:
            yield b"".join(batch)
            batch = []
    yield b"".join(batch) + b"</a:Meetingtypes>" + tail


def padding_pieces(size: int) -> Iterator[bytes]:
    blank = b" " * PIECE
    while size > 0:
        yield blank[: min(size, PIECE)]
        size -= PIECE


def answer_pieces(answer: BigAnswer) -> Iterator[bytes]:
    if answer.fault_chars:
        yield from fault_pieces(answer.fault_chars)
    else:
        yield from meetingtype_pieces(answer.meeting_types)
    yield from padding_pieces(answer.padding)


def answer_size(answer: BigAnswer) -> int:
    return sum(len(piece) for piece in answer_pieces(answer))


class BoundsServer(ReplayServer):
    def __init__(self, answer: BigAnswer | None = None) -> None:
        super().__init__(self.reply)
        self.answer = answer or BigAnswer()

    @property
    def operations(self) -> list[str]:
        return [operation_of(request) for request in self.logged()]

    @property
    def url(self) -> str:
        return f"{super().url}/api/Public.svc"

    def reply(self, request: Request) -> Answer:
        operation = operation_of(request)
        if operation != "GetMeetingtypes":
            return Answer.of(200, XML, b"".join(ok_answer(operation)))
        answer = self.answer
        length = None if answer.chunked else answer_size(answer)
        return Answer(500 if answer.fault_chars else 200, XML, answer_pieces(answer), length=length)
