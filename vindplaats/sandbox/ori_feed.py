"""One ORI publisher of the sandbox: its records (`ori_records`), its paging, its event feed and
the changes tests make to it.

Shape from the official documents only (ORI API 2.0.0-beta.4 and the event-polling draft
0.0.1): no supplier serves the standard publicly.

- collections page by `?page=N` (`PAGE_SIZE` records a page, small so paging is exercised),
  answering `{next, previous, results}` with absolute links that keep the other parameters;
  `gewijzigdSinds` keeps the records changed at or after that moment;
- `events?fromTimestamp&toTimestamp&resourceType&eventType&limit&offset&sortOrder` answers the
  draft's `PaginatedEventList` (`StoredEvent`s, `data` in the draft's `...ZonderPid` shapes, a
  DELETE's `data` only the `pid`); the draft knows three resource types, so only vergaderingen,
  agendapunten and informatieobjecten have events: one CREATE per record when it was entered;
- `change(collection, id, **fields)` and `delete(collection, id)` are how tests change the feed:
  the record changes now and an UPDATE or DELETE event is added.
"""

from __future__ import annotations

import threading
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlencode

from vindplaats.sandbox import ori_town as town
from vindplaats.sandbox.ori_records import ZONE, Json, Records, build

PAGE_SIZE = 4
EVENT_TYPES = {"vergaderingen": "Vergadering", "agendapunten": "Agendapunt"}
EVENT_TYPES["informatieobjecten"] = "Informatieobject"
ORGANISATIE = {"gemeente": "gm" + town.GEMEENTECODE, "naam": town.GEMEENTENAAM}
EVENT_NAMESPACE = uuid.UUID("6c2d9e14-7b3a-5f08-8e41-9a5f3c2b1d07")


@dataclass
class Event:
    event_id: str
    event_type: str  # CREATE, UPDATE, DELETE
    collection: str
    record_id: str
    url: str
    at: datetime  # aware
    data: Json


def parse_moment(text: str | None) -> datetime | None:
    """An RFC 3339 date-time (`Z` or an offset); None for junk. A naive one is Dutch time."""
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00").replace(" ", "+"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=ZONE)


def utc(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


class Feed:
    """The records and events of one publisher; thread-safe for the sandbox's threads."""

    def __init__(self, api: str, publisher: str) -> None:
        self.api = api
        self.publisher = publisher
        self.records: Records = build(api, publisher)
        self.events: list[Event] = []
        self.lock = threading.Lock()
        for collection in EVENT_TYPES:
            for record in self.records.collections[collection]:
                self._event("CREATE", collection, record, self.at(record["id"]))
        self.events.sort(key=lambda e: (e.at, e.event_id))

    # -- reading -------------------------------------------------------------------------------

    def at(self, record_id: str) -> datetime:
        return self.records.changed[record_id].replace(tzinfo=ZONE)

    def listing(self, collection: str) -> list[Json]:
        """The records `collection` lists, in order."""
        return list(self.records.collections[collection])

    def find(self, collection: str, record_id: str) -> Json | None:
        return next((r for r in self.records.collections[collection] if r["id"] == record_id), None)

    def resolve(self, collection: str, record_id: str) -> Json | None:
        """The record `GET <collection>/<id>` answers."""
        return self.find(collection, record_id)

    def answer_page(self, collection: str, page: Json, query: dict[str, str], answer: Any) -> Any:
        """The answer to a page request (the planted publisher changes some)."""
        return answer

    def file_answer(self, record_id: str) -> Any:
        """A special answer to a file download, or None for the file itself."""
        return None

    def arrange(self, events: list[Event], query: dict[str, str]) -> list[Event]:
        """The matching events in the order the feed lists them (`sortOrder`, default desc)."""
        return events[::-1] if query.get("sortOrder", "desc") == "desc" else events

    def page(self, collection: str, number: int, query: dict[str, str]) -> Json | None:
        """One page of a collection (None: no such page); `query` the other parameters."""
        since = parse_moment(query.get("gewijzigdSinds"))
        chosen = [r for r in self.listing(collection) if since is None or self.at(r["id"]) >= since]
        pages = max(1, -(-len(chosen) // PAGE_SIZE))
        if number < 1 or number > pages:
            return None
        return self.links(
            collection, number, pages, query, chosen[(number - 1) * PAGE_SIZE : number * PAGE_SIZE]
        )

    def links(
        self, collection: str, number: int, pages: int, query: dict[str, str], results: list[Json]
    ) -> Json:
        """A page: `next` and `previous` only where there is one (ORI 2.0's `PaginatedBasis`
        does not allow null)."""
        page: Json = {}
        if number < pages:
            page["next"] = self.page_url(collection, number + 1, query)
        if number > 1:
            page["previous"] = self.page_url(collection, number - 1, query)
        return {**page, "results": results}

    def page_url(self, collection: str, number: int, query: dict[str, str]) -> str:
        params = {k: v for k, v in query.items() if k != "page"}
        return f"{self.api}/{collection}?{urlencode({**params, 'page': number})}"

    def event_page(self, query: dict[str, str]) -> Json:
        """The events matching `query`, as the draft's `PaginatedEventList`."""
        start = parse_moment(query.get("fromTimestamp"))
        end = parse_moment(query.get("toTimestamp"))
        with self.lock:
            chosen = [
                e
                for e in self.events
                if (start is None or e.at >= start)
                and (end is None or e.at <= end)
                and query.get("resourceType") in (None, EVENT_TYPES[e.collection])
                and query.get("eventType") in (None, e.event_type)
            ]
        chosen = self.arrange(chosen, query)
        limit = min(max(int(query.get("limit") or 20), 1), 100)
        offset = max(int(query.get("offset") or 0), 0)
        shown = chosen[offset : offset + limit]
        params = {**query, "limit": str(limit)}
        page: Json = {
            "results": [self.render_event(e) for e in shown],
            "total": len(chosen),
            "limit": limit,
            "offset": offset,
        }
        if offset + limit < len(chosen):
            page["next"] = self._events_url(params, offset + limit)
        if offset:
            page["previous"] = self._events_url(params, max(offset - limit, 0))
        return page

    def _events_url(self, params: dict[str, str], offset: int) -> str:
        return f"{self.api}/events?{urlencode({**params, 'offset': offset})}"

    def render_event(self, e: Event) -> Json:
        return {
            "eventId": e.event_id,
            "eventType": e.event_type,
            "resourceType": EVENT_TYPES[e.collection],
            "timestamp": utc(e.at),
            "resourceUrl": e.url,
            "data": e.data,
            "storedAt": utc(e.at + timedelta(seconds=1)),
            "processingStatus": "PROCESSED",
        }

    def event(self, event_id: str) -> Json | None:
        with self.lock:
            found = next((e for e in self.events if e.event_id == event_id), None)
        return self.render_event(found) if found else None

    # -- changes -------------------------------------------------------------------------------

    def change(self, collection: str, record_id: str, **fields: Any) -> Json:
        """Changes a record now (its event, for the three event types, is an UPDATE)."""
        with self.lock:
            record = self.find(collection, record_id)
            if record is None:
                raise KeyError(f"no {collection} record {record_id}")
            record.update(fields)
            moment = self._now()
            self.records.changed[record_id] = moment.astimezone(ZONE).replace(tzinfo=None)
            if collection in EVENT_TYPES:
                self._event("UPDATE", collection, record, moment)
            return record

    def delete(self, collection: str, record_id: str) -> None:
        """Withdraws a record now (a DELETE event for the three event types)."""
        with self.lock:
            record = self.find(collection, record_id)
            if record is None:
                raise KeyError(f"no {collection} record {record_id}")
            self.records.collections[collection].remove(record)
            if collection in EVENT_TYPES:
                self._event("DELETE", collection, record, self._now())

    def _now(self) -> datetime:
        latest = self.events[-1].at + timedelta(seconds=1) if self.events else None
        now = datetime.now(UTC).replace(microsecond=0)
        return max(now, latest) if latest else now

    def _event(self, kind: str, collection: str, record: Json, at: datetime) -> None:
        number = len(self.events)
        event_id = str(uuid.uuid5(EVENT_NAMESPACE, f"{self.publisher}:{number}:{record['id']}"))
        data = {"pid": record["url"]} if kind == "DELETE" else event_data(collection, record)
        self.events.append(Event(event_id, kind, collection, record["id"], record["url"], at, data))


def event_data(collection: str, record: Json) -> Json:
    """A record in the draft's `...ZonderPid` shape (what a CREATE or UPDATE event carries)."""
    if collection == "vergaderingen":
        return {"organisatie": ORGANISATIE, "dossiertype": "vergadering", "naam": record["naam"]}
    if collection == "agendapunten":
        return {
            "organisatie": ORGANISATIE,
            "dossiertype": "agendapunt",
            "agendapuntnaam": record["agendapuntTitel"],
            "vergadering": record["vergadering"],
        }
    return {
        "organisatie": ORGANISATIE,
        "webpaginalink": record["webpaginalink"],
        "titel": record["titel"],
        "wooinformatiecategorie": record["wooinformatiecategorie"],
        "datumingediend": record["creatiedatum"],
    }
