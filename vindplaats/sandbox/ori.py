"""The VNG ORI API of the sandbox, served under `<base_url>/ori/<publisher>/`.

Two publishers, both ORI API 2.0.0-beta.4 with the event-polling draft at the same base (shape
from the official documents only: no supplier serves the standard publicly):

- `kreekmond`: the sample municipality of `ori_town`, good data (`ori_feed.Feed`);
- `planted`: the same data with the violations of `ori_planted.PLANTED` planted, for the
  conformance checker.

Per publisher: `GET <collection>?page=N[&gewijzigdSinds=...]`, `GET <collection>/<id>`,
`GET events?...`, `GET events/<eventId>`, the files at `bestanden/<id>` (PDFs with a real text
layer, `files.pdf_bytes`) and each document's web page at `stukken/<key>`. Errors answer RFC 7807
`application/problem+json` bodies as the document's common responses do.

The demo lists no ORI source (`sources()` is empty): tests register one themselves, with
`ori_source(publisher)`, and change a publisher through `feed(publisher).change(...)` and
`.delete(...)`.
"""

from __future__ import annotations

import json
import re
import threading

from vindplaats.sandbox import ori_town as town
from vindplaats.sandbox.blueprints import Page
from vindplaats.sandbox.files import pdf_bytes
from vindplaats.sandbox.ori_feed import Feed
from vindplaats.sandbox.ori_planted import PlantedFeed
from vindplaats.sandbox.ori_records import COLLECTIONS, inline_text
from vindplaats.sandbox.plugins import Mount, Plugin, route
from vindplaats.sandbox.routing import (
    HTML_TYPE,
    JSON_TYPE,
    Request,
    Response,
    html_response,
    json_response,
)
from vindplaats.sandbox.texts import SAMPLE_NOTICE
from vindplaats.sandbox.world import World
from vindplaats.sources import Source

PROBLEM = "application/problem+json"
_COLLECTION = "|".join(COLLECTIONS)
_ID = r"[0-9a-f-]{36}"


def problem(status: int, title: str, detail: str) -> Response:
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail}
    return Response(status, json.dumps(body, ensure_ascii=False).encode(), PROBLEM)


def _query(request: Request) -> dict[str, str]:
    return {name: values[0] for name, values in request.query.items() if values}


class OriApi(Plugin):
    """The ORI plug-in: one `Feed` per publisher."""

    supplier = "ori"

    def __init__(self, world: World, mount: Mount) -> None:
        super().__init__(world, mount)
        base = mount.base_url + self.prefix
        self.feeds: dict[str, Feed] = {
            town.PUBLISHER: Feed(f"{base}/{town.PUBLISHER}", town.PUBLISHER),
            "planted": PlantedFeed(f"{base}/planted", "planted"),
        }
        self._files: dict[tuple[str, str], bytes] = {}
        self._lock = threading.Lock()

    def feed(self, publisher: str) -> Feed:
        return self.feeds[publisher]

    def sources(self) -> list[Source]:
        return []  # the demo harvests no ORI source (yet); tests use `source`

    def ori_source(self, publisher: str = town.PUBLISHER) -> Source:
        """A sample source of `publisher` (its key), pointing at its API base."""
        label = town.GEMEENTENAAM if publisher == town.PUBLISHER else "ORI planted violations"
        return self.source(publisher, label, self.feeds[publisher].api)

    def prepare_files(self) -> None:
        for publisher, feed in self.feeds.items():
            for record_id in feed.records.files:
                self.file(publisher, record_id)

    def file(self, publisher: str, record_id: str) -> bytes | None:
        feed = self.feeds[publisher]
        key = feed.records.files.get(record_id)
        paper = next((p for p in town.PAPERS if p.key == key), None)
        if paper is None:
            return None
        with self._lock:
            data = self._files.get((publisher, record_id))
            if data is None:
                data = pdf_bytes(_pages(paper), paper.title)
                self._files[(publisher, record_id)] = data
            return data

    @route("GET", rf"/([a-z]+)/({_COLLECTION})/?")
    def collection(self, request: Request, match: re.Match[str]) -> Response:
        feed = self.feeds.get(match[1])
        if feed is None:
            return problem(404, "Not Found", f"no publisher {match[1]}")
        query = _query(request)
        number = query.get("page", "1")
        page = feed.page(match[2], int(number), query) if number.isdigit() else None
        if page is None:
            return problem(404, "Not Found", f"no page {number} of {match[2]}")
        return feed.answer_page(match[2], page, query, json_response(page))

    @route("GET", rf"/([a-z]+)/({_COLLECTION})/({_ID})")
    def record(self, request: Request, match: re.Match[str]) -> Response:
        feed = self.feeds.get(match[1])
        record = feed.resolve(match[2], match[3]) if feed else None
        if record is None:
            return problem(404, "Not Found", f"no {match[2]} record {match[3]}")
        return json_response(record)

    @route("GET", r"/([a-z]+)/events/?")
    def events(self, request: Request, match: re.Match[str]) -> Response:
        feed = self.feeds.get(match[1])
        if feed is None:
            return problem(404, "Not Found", f"no publisher {match[1]}")
        query = _query(request)
        for name in ("limit", "offset"):
            if not (query.get(name) or "0").isdigit():
                return problem(400, "Bad Request", f"{name} must be a whole number")
        return json_response(feed.event_page(query))

    @route("GET", rf"/([a-z]+)/events/({_ID})")
    def one_event(self, request: Request, match: re.Match[str]) -> Response:
        feed = self.feeds.get(match[1])
        event = feed.event(match[2]) if feed else None
        if event is None:
            return problem(404, "Not Found", f"no event {match[2]}")
        return json_response(event)

    @route("GET", rf"/([a-z]+)/bestanden/({_ID})")
    def download(self, request: Request, match: re.Match[str]) -> Response:
        feed = self.feeds.get(match[1])
        if feed is None:
            return problem(404, "Not Found", f"no publisher {match[1]}")
        special = feed.file_answer(match[2])
        if special is not None:
            return special
        data = self.file(match[1], match[2])
        if data is None:
            return problem(404, "Not Found", f"no file {match[2]}")
        return Response(200, data, "application/pdf")

    @route("GET", r"/([a-z]+)/stukken/([a-z0-9-]+)")
    def web_page(self, request: Request, match: re.Match[str]) -> Response:
        paper = next((p for p in town.PAPERS if p.key == match[2]), None)
        if match[1] not in self.feeds or paper is None:
            return html_response("<h1>Niet gevonden</h1>", 404)
        return html_response(
            f"<!doctype html><html lang=nl><title>{paper.title}</title>"
            f"<h1>{paper.title}</h1><p>{SAMPLE_NOTICE}</p></html>"
        )


def _pages(paper: town.Paper) -> list[Page]:
    first = inline_text(paper)
    return [
        Page(
            heading=paper.title if n == 1 else f"{paper.title} (vervolg)",
            paragraphs=(first if n == 1 else f"Pagina {n} van {paper.title}.", SAMPLE_NOTICE),
        )
        for n in range(1, paper.pages + 1)
    ]


__all__ = ["HTML_TYPE", "JSON_TYPE", "PLUGIN", "OriApi"]
PLUGIN = OriApi
