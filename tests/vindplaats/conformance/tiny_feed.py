"""A tiny ORI API 2.0 with the event-polling feed on a loopback `ReplayServer`, for the
conformance tests: good data that a test changes in exactly one place.

Shape from the official documents only (no supplier serves the standard publicly): pages
`{next, previous, results}` of `PAGE_SIZE` records at `<collection>?page=N`, each record at its
`url`, files at `bestanden/<id>`, events at `events?sortOrder&limit&offset`. Records are written
with the placeholder `API`, replaced by the server's real base in every answer.
"""

from __future__ import annotations

import copy
import json
import re
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from tests.replay import Answer, ReplayServer, Request
from tests.shared import shared_file
from vindplaats.conformance import Limits, Report, check
from vindplaats.settings import Settings, load_settings

API = "http://api.placeholder.invalid"
PAGE_SIZE = 2
PDF = b"%PDF-1.4\n% a tiny test file\n%%EOF\n"
Json = dict[str, Any]
NS = uuid.UUID("0b7c54a4-35c5-4b33-8a39-1f0c8d4e7a10")


def uid(name: str) -> str:
    return str(uuid.uuid5(NS, name))


def url(collection: str, name: str) -> str:
    return f"{API}/{collection}/{uid(name)}"


def ref(collection: str, name: str) -> Json:
    return {"id": uid(name), "url": url(collection, name)}


def _record(collection: str, name: str, **fields: Any) -> Json:
    return {"url": url(collection, name), "id": uid(name), **fields}


AMSTERDAM = {"gemeentecode": "0363", "gemeentenaam": "Amsterdam"}


def good_records() -> dict[str, list[Json]]:
    return {
        "vergaderingen": [
            _record("vergaderingen", f"v{i}", naam=f"Raad {i}", vergaderingstype="raadsvergadering",
                    gemeente=AMSTERDAM, aanvangVergadering=f"2025-03-1{i}T19:30:00+01:00")
            for i in range(1, 4)
        ],
        "agendapunten": [
            _record("agendapunten", "a1", vergadering=ref("vergaderingen", "v1"),
                    agendapuntTitel="Opening",
                    informatieobjecten=[url("informatieobjecten", "d1")]),
            _record("agendapunten", "a2", vergadering=ref("vergaderingen", "v2"),
                    agendapuntTitel="Begroting"),
        ],
        "informatieobjecten": [
            _record("informatieobjecten", "d1", titel="Raadsvoorstel", formaat="application/pdf",
                    link=f"{API}/bestanden/{uid('d1')}", wooinformatiecategorie="c_db4862c3",
                    agendapunten=[ref("agendapunten", "a1")]),
        ],
        "fracties": [_record("fracties", "f1", fractienaam="Lijst Een", gemeente=AMSTERDAM)],
        "besluiten": [_record("besluiten", "b1", besluitresultaat="aangenomen")],
    }  # fmt: skip


ORGANISATIE = {"gemeente": "gm0363", "naam": "Gemeente Amsterdam"}


def mini_records() -> dict[str, list[Json]]:
    """A clean mini-ORI 1.0.0 feed: its ids are UUIDs, its informatieobject has a pid."""
    return {
        "vergaderingen": [
            _record("vergaderingen", "v1", organisatie=ORGANISATIE, dossiertype="vergadering",
                    naam="Raad", aanvang="2025-03-14T19:30:00+01:00"),
        ],
        "agendapunten": [
            _record("agendapunten", "a1", organisatie=ORGANISATIE, dossiertype="agendapunt",
                    agendapuntnaam="Opening", vergaderingen=[ref("vergaderingen", "v1")]),
        ],
        "informatieobjecten": [
            {"pid": "https://pid.example.nl/io/d1", "webpaginalink": "https://a.nl/stuk/d1",
             "organisatie": ORGANISATIE, "titel": "Raadsvoorstel", "formaat": "pdf",
             "wooinformatiecategorie": "vergaderstukken decentrale overheden",
             "datumingediend": "2025-03-01", "agendapunten": [ref("agendapunten", "a1")]},
        ],
    }  # fmt: skip


TYPES = {"vergaderingen": "Vergadering", "agendapunten": "Agendapunt"}


def good_events() -> list[Json]:
    events = []
    for i, (kind, collection, name) in enumerate(
        (("CREATE", "vergaderingen", "v1"), ("CREATE", "agendapunten", "a1"),
         ("UPDATE", "vergaderingen", "v1"), ("CREATE", "vergaderingen", "gone"),
         ("DELETE", "vergaderingen", "gone"))
    ):  # fmt: skip
        data: Json = {"pid": f"https://pid.example.nl/{collection}/{uid(name)}"}
        if kind != "DELETE":
            data = {"organisatie": {"gemeente": "gm0363", "naam": "Gemeente Amsterdam"},
                    "dossiertype": "vergadering", "naam": "Raad"}  # fmt: skip
            if collection == "agendapunten":
                data = {**data, "dossiertype": "agendapunt", "agendapuntnaam": "Opening",
                        "vergadering": ref("vergaderingen", "v1")}  # fmt: skip
                del data["naam"]
        events.append({
            "eventId": uid(f"event-{i}"), "eventType": kind,
            "resourceType": TYPES[collection],
            "timestamp": f"2025-04-0{i + 1}T10:00:00Z", "resourceUrl": url(collection, name),
            "data": data, "storedAt": f"2025-04-0{i + 1}T10:00:01Z",
            "processingStatus": "PROCESSED",
        })  # fmt: skip
    return events


@dataclass
class TinyFeed:
    """The feed's state; a test changes it before checking."""

    listing: dict[str, list[Json]] = field(default_factory=good_records)
    hidden: list[Json] = field(default_factory=list)  # answer at their url, listed nowhere
    events: list[Json] = field(default_factory=good_events)
    files: dict[str, Answer] = field(default_factory=dict)  # record id -> answer of its file
    fixed: dict[str, Callable[[], Answer]] = field(default_factory=dict)  # target -> answer
    page_hook: Callable[[str, int, Json], Json] | None = None
    reads: dict[str, int] = field(default_factory=dict)  # target -> times asked
    base: str = ""

    def record(self, collection: str, name: str) -> Json:
        return next(r for r in self.listing[collection] if r["id"] == uid(name))

    def _send(self, data: Any) -> Answer:
        text = json.dumps(data).replace(API, self.base)
        return Answer.of(200, "application/json", text.encode())

    def _page(self, collection: str, number: int) -> Answer:
        records = self.listing.get(collection, [])
        start = (number - 1) * PAGE_SIZE
        if number < 1 or (start >= len(records) and number > 1):
            return Answer.of(404, "application/problem+json", b'{"status": 404}')
        page: Json = {"results": records[start : start + PAGE_SIZE]}
        if start + PAGE_SIZE < len(records):
            page["next"] = f"{API}/{collection}?page={number + 1}"
        if number > 1:
            page["previous"] = f"{API}/{collection}?page={number - 1}"
        if self.page_hook is not None:
            page = self.page_hook(collection, number, copy.deepcopy(page))
        return self._send(page)

    def _events(self, query: dict[str, str]) -> Answer:
        ordered = self.events if query.get("sortOrder") == "asc" else self.events[::-1]
        limit, offset = int(query.get("limit", 20)), int(query.get("offset", 0))
        page: Json = {"results": ordered[offset : offset + limit], "total": len(ordered),
                      "limit": limit, "offset": offset, "next": None, "previous": None}  # fmt: skip
        if offset + limit < len(ordered):
            page["next"] = f"{API}/events?{urlencode({**query, 'offset': offset + limit})}"
        return self._send(page)

    def _by_id(self, collection: str, ident: str) -> Answer:
        for record in [*self.listing.get(collection, []), *self.hidden]:
            if record.get("id") == ident and record.get("url", "").startswith(
                f"{API}/{collection}/"
            ):
                return self._send(record)
        return Answer.of(404, "application/problem+json", b'{"status": 404}')

    def route(self, request: Request) -> Answer:
        self.reads[request.target] = self.reads.get(request.target, 0) + 1
        if request.target in self.fixed:
            return self.fixed[request.target]()
        path = request.path.removeprefix("/api").strip("/")
        if path == "events":
            return self._events(request.query)
        if match := re.fullmatch(r"bestanden/([0-9a-f-]+)", path):
            return self.files.get(match.group(1), Answer.of(200, "application/pdf", PDF))
        if match := re.fullmatch(r"([a-z_]+)/([0-9a-f-]+)", path):
            return self._by_id(match.group(1), match.group(2))
        if re.fullmatch(r"[a-z_]+", path):
            return self._page(path, int(request.query.get("page", "1")))
        return Answer.of(404, "application/problem+json", b'{"status": 404}')


def settings(allow: bool = True) -> Settings:
    standards = shared_file("standards/ori/vng-ori-2.0.0-beta.4.openapi.yaml").parents[1]
    return load_settings(xsd_dir=standards, allow_private_networks=allow)


FAST = Limits(pace=0.0, max_requests=2000, time_limit=120.0)


@contextmanager
def served(feed: TinyFeed) -> Iterator[str]:
    """The feed on loopback; yields its API base."""
    with ReplayServer(feed.route) as server:
        feed.base = f"{server.url}/api"
        yield feed.base


def run(feed: TinyFeed, standard: str = "ori-2", limits: Limits = FAST) -> Report:
    with served(feed) as base:
        return check(base, standard, settings(), limits)


def found(report: Report) -> set[tuple[str, str, str]]:
    return {(f.rule, f.resource, f.record) for f in report.findings}
