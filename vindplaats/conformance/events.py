"""`ori-events`: the event feed `GET {base}/events`, read oldest first.

The feed is asked for `sortOrder=asc` with `limit=LIMIT`, page after page by its `next` link or,
without one, by `offset` until `total`. Findings (resource `events`, record the event id):

- ORI-HTTP for a page that does not answer 200 JSON; the schema rules per page and per event;
- ORI-PAGE-LINK for a `next` that is not a URL of the same API, loops, or does not answer 200;
- ORI-PAGE-DUPLICATE for an event id listed twice;
- ORI-EVENT-ORDER for an event older than the one before it (field `timestamp`), and, on the
  feed as a whole, `offset` or `limit` other than asked, more results than `limit`, a `total`
  that changes between pages or differs from the number of events read;
- ORI-EVENT-RESOURCE for the last event of each resource: after CREATE or UPDATE its
  `resourceUrl` must answer 200 JSON, after DELETE it must not answer 200.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from vindplaats.conformance.fetched import add_schema_errors
from vindplaats.conformance.pages import link_finding, link_problem, split

if TYPE_CHECKING:
    from vindplaats.conformance.feed import FeedCheck

LIMIT = 100
MAX_PAGES = 1000


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _when(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


class _Events:
    def __init__(self, check: FeedCheck) -> None:
        self.check = check
        self.seen: dict[str, str] = {}  # event id -> page
        self.last: tuple[datetime, str] | None = None
        self.latest: dict[str, tuple[str, str]] = {}  # resourceUrl -> (event id, type)
        self.totals: set[int] = set()
        self.count = 0

    def order(self, field: str, expected: str, found: str, url: str, record: str = "") -> None:
        self.check.report.add(
            "ORI-EVENT-ORDER", "events", record, field=field, expected=expected,
            found=found, url=url,
        )  # fmt: skip

    def page(self, url: str, body: dict[str, Any], offset: int) -> None:
        validator = self.check.validator("events")
        own, per = split(validator.errors(body) if validator else [])
        add_schema_errors(self.check.report, own, "events", "", url)
        results = _list(body.get("results"))
        for index, event in enumerate(results):
            if not isinstance(event, dict):
                continue
            ident = str(event.get("eventId", "")) or f"results[{index}]"
            mine = per.get(index, [])
            add_schema_errors(self.check.report, mine, "events", ident, url)
            self.event(url, index, ident, event, {e.field for e in mine})
        self.counts(url, body, offset, len(results))

    def event(self, url: str, index: int, ident: str, event: dict[str, Any], bad: set[str]) -> None:
        self.check.report.item("events", ident)
        self.count += 1
        if ident in self.seen:
            self.check.report.add(
                "ORI-PAGE-DUPLICATE", "events", ident, field=f"results[{index}]",
                expected="each event once", found=f"listed before on {self.seen[ident]}", url=url,
            )  # fmt: skip
            return
        self.seen[ident] = url
        moment = _when(event.get("timestamp")) if "timestamp" not in bad else None
        if moment is not None:
            if self.last is not None and moment < self.last[0]:
                self.order(
                    "timestamp", f"not before {self.last[1]} (sortOrder=asc: oldest first)",
                    str(event.get("timestamp")), url, ident,
                )  # fmt: skip
            else:
                self.last = (moment, str(event.get("timestamp")))
        resource, kind = event.get("resourceUrl"), event.get("eventType")
        if isinstance(resource, str) and "resourceUrl" not in bad and isinstance(kind, str):
            self.latest[resource] = (ident, kind)

    def counts(self, url: str, body: dict[str, Any], offset: int, results: int) -> None:
        for name, asked in (("offset", offset), ("limit", LIMIT)):
            value = body.get(name)
            if isinstance(value, int) and value != asked:
                self.order(name, f"{name} {asked} (as asked)", str(value), url)
        limit = body.get("limit")
        if isinstance(limit, int) and results > limit:
            self.order("results", f"at most limit={limit} events", f"{results} events", url)
        total = body.get("total")
        if isinstance(total, int):
            if self.totals and total not in self.totals:
                self.order(
                    "total", f"total {min(self.totals)} as on the first page", str(total), url
                )
            self.totals.add(total)

    def resources(self) -> None:
        for url, (ident, kind) in self.latest.items():
            fetched = self.check.fetch(url, "events", ident)
            if fetched.problem == "size":
                continue
            answers = not fetched.problem
            if kind in ("CREATE", "UPDATE") and not answers:
                found, expected = (
                    fetched.answer.describe(),
                    f"after {kind}: HTTP 200 with the record",
                )
            elif kind == "DELETE" and fetched.answer.status == 200:
                found, expected = "HTTP 200: the record still answers", "after DELETE: 404 or 410"
            else:
                continue
            self.check.report.add(
                "ORI-EVENT-RESOURCE", "events", ident, field="resourceUrl",
                expected=expected, found=found, url=url,
            )  # fmt: skip


def _url(check: FeedCheck, offset: int) -> str:
    query = urlencode({"sortOrder": "asc", "limit": LIMIT, "offset": offset})
    return f"{check.base}/events?{query}"


def check_events(check: FeedCheck) -> bool:
    """Read and judge the event feed; False when nothing answered at all."""
    events = _Events(check)
    check.report.item("events", "")
    first = _url(check, 0)
    url, offset, visited, linked, whole = first, 0, [first], False, True
    for _ in range(MAX_PAGES):
        fetched = check.fetch(url, "events")
        if url == first and fetched.answer.status == 0 and not fetched.answer.over_cap:
            return False
        if fetched.problem == "status" and linked:
            link_finding(check, "events", "next", url, fetched.answer.describe(), visited[-2])
            whole = False
            break
        if fetched.problem or not isinstance(fetched.body, dict):
            check.http_finding(fetched, "events")
            whole = False
            break
        body = fetched.body
        events.page(url, body, offset)
        results = _list(body.get("results"))
        offset += len(results)
        link, total = body.get("next"), body.get("total")
        if link is None or link == "":
            if not (isinstance(total, int) and results and offset < total):
                break
            url, linked = _url(check, offset), False  # no next: on by offset
        elif problem := link_problem(check, link, visited):
            link_finding(check, "events", "next", link, problem, url)
            whole = False
            break
        else:
            url, linked = str(link), True
        visited.append(url)
    if whole and len(events.totals) == 1 and events.count != next(iter(events.totals)):
        events.order(
            "total", f"total = the {events.count} events read", str(next(iter(events.totals))),
            first,
        )  # fmt: skip
    events.resources()
    return True
