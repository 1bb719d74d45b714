"""The planted-violation ORI publisher (`<base_url>/ori/planted/`) and its table, `PLANTED`.

The publisher serves the good sample data (`ori_feed.Feed`, as `kreekmond` does, under its own
ids) plus one extra record, event or behaviour per row of `PLANTED`; everything else is clean, so
each row is exactly one finding of exactly one conformance rule (`record` is the record's `id`,
or the event's `eventId`; "" for a collection-level finding; `field` a JSON path, "" for none).
Planted records have no events (the event feed lists only the good records and the two planted
events), so no violation shows twice.

Behaviours and their limits:
- `SIZE_CAP`: the size cap the table is written for, the checker's default for one file
  (`vindplaats.conformance.Limits.max_file_bytes`); `ORI-SIZE` finds a file above it (the planted
  one is `BIG_FILE` bytes), so a check with the defaults finds every row;
- the 429 (`ORI-RATE-LIMITED`) is answered once: to the first request to `spreekfragmenten`
  after the sandbox starts or after `PlantedFeed.rearm()`;
- the unstable page (`ORI-PAGE-UNSTABLE`) swaps its records on every second read, so any two
  consecutive reads disagree;
- the event out of order (`ORI-EVENT-ORDER`) is out of order when read with `sortOrder=asc`;
- `dagelijksebesturen` pages on without end (`ENDLESS` empty pages, each `next` a new URL of the
  same API): a checker that limits the pages it reads of one collection stops there and says so
  (`ORI-CHECK-INCOMPLETE`), the only warning of that rule.

The two `events` rows are found by checking the event feed (`vindplaats conformance
--standard ori-events`), the others by checking the collections (`--standard ori-2`).

Shape from the official documents only: no supplier serves the standard publicly.
"""

from __future__ import annotations

import threading
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from vindplaats.conformance import Limits
from vindplaats.sandbox.ori_feed import EVENT_NAMESPACE, Event, Feed, event_data
from vindplaats.sandbox.ori_records import NAMESPACE, PDF, ZONE, Json
from vindplaats.sandbox.routing import HTML_TYPE, Response, json_response

PUBLISHER = "planted"
SIZE_CAP = Limits().max_file_bytes  # bytes: the cap this table is written for
BIG_FILE = SIZE_CAP + 500_000  # bytes of the file above the cap
ENDLESS = 100_000  # pages of the endless collection
OFF_API_NEXT = "https://elders.example/ori/besluiten?page=3"


@dataclass(frozen=True)
class Planted:
    rule: str  # a conformance rule id (ORI-*)
    resource: str  # the collection, "events" or "files"
    record: str  # the record's id or the event's eventId; "" for the collection
    field: str  # JSON path; "" for none
    what: str


def uid(collection: str, key: str) -> str:
    """The id of a record of the planted publisher (as `ori_records.Records.uid`)."""
    return str(uuid.uuid5(NAMESPACE, f"{PUBLISHER}:{collection}:{key}"))


def event_uid(key: str) -> str:
    return str(uuid.uuid5(EVENT_NAMESPACE, f"{PUBLISHER}:planted:{key}"))


MISSING_VERGADERING = uid("vergaderingen", "p-nowhere")
GONE_INFORMATIEOBJECT = uid("informatieobjecten", "p-gone")
IO = "informatieobjecten"
# fmt: off
PLANTED: tuple[Planted, ...] = (
    Planted("ORI-HTTP", "mediabronnen", "", "",
            "the collection answers 200 with an HTML page (text/html), not JSON"),
    Planted("ORI-SCHEMA", "fracties", uid("fracties", "p-type"), "fractienaam",
            "a number (42) where the schema wants a string"),
    Planted("ORI-SCHEMA", "stemmingen", uid("stemmingen", "p-enum"), "stemmingstype",
            "'digitaal', not one of hoofdelijk, regulier, schriftelijk"),
    Planted("ORI-REQUIRED", "besluiten", uid("besluiten", "p-required"), "besluitresultaat",
            "the required besluitresultaat is missing"),
    Planted("ORI-DATE", "fractielidmaatschappen", uid("fractielidmaatschappen", "p-date"),
            "datumBeginFractieLidmaatschap", "'31-03-2022', not an RFC 3339 date-time"),
    Planted("ORI-TOOI", "fracties", uid("fracties", "p-tooi"), "gemeente.gemeentecode",
            "gemeentecode 9999 is no municipality in the TOOI list"),
    Planted("ORI-WOO-CATEGORY", IO, uid(IO, "p-woo"), "wooinformatiecategorie",
            "'raadsstukken' is no label or URI of the TOOI Woo information categories"),
    Planted("ORI-PAGE-DUPLICATE", "agendapunten", uid("agendapunten", "p-dup"), "",
            "the record is listed on page 1 and again on page 2"),
    Planted("ORI-PAGE-GAP", IO, uid(IO, "p-gap"), "",
            "resolves at its url and agendapunt crw-3 refers to it, but no page lists it"),
    Planted("ORI-PAGE-UNSTABLE", "indieners", "", "",
            "page 1 lists its records in the opposite order on every second read"),
    Planted("ORI-PAGE-LINK", "besluiten", "", "next",
            f"the last page's next is {OFF_API_NEXT}, not a URL of this API"),
    Planted("ORI-REF-BROKEN", "agendapunten", uid("agendapunten", "p-ref"), "vergadering",
            f"refers to vergadering {MISSING_VERGADERING}, which answers 404"),
    Planted("ORI-URL-SELF", "natuurlijkpersonen", uid("natuurlijkpersonen", "p-self"), "url",
            "its url is that of another person (natuurlijkpersoon smit)"),
    Planted("ORI-FILE-DOWNLOAD", IO, uid(IO, "p-download"), "link",
            "the file at link answers 404"),
    Planted("ORI-FILE-TYPE", IO, uid(IO, "p-filetype"), "link",
            "formaat says application/pdf, the file answers text/html"),
    Planted("ORI-SIZE", IO, uid(IO, "p-size"), "link",
            f"the file is {BIG_FILE:,} bytes, above the cap of {SIZE_CAP:,} bytes"),
    Planted("ORI-EVENT-ORDER", "events", event_uid("order"), "timestamp",
            "listed last with sortOrder=asc, but its timestamp (2025-01-01) is the oldest"),
    Planted("ORI-EVENT-RESOURCE", "events", event_uid("gone"), "resourceUrl",
            f"an UPDATE of informatieobject {GONE_INFORMATIEOBJECT}, which answers 404"),
    Planted("ORI-RATE-LIMITED", "spreekfragmenten", "", "",
            "the first request answers 429 with Retry-After: 1, the retry 200"),
    Planted("ORI-CHECK-INCOMPLETE", "dagelijksebesturen", "", "",
            f"empty pages without end (each next a new page, up to {ENDLESS:,})"),
)
# fmt: on


class PlantedFeed(Feed):
    """The good feed with `PLANTED` planted (see the module docstring)."""

    def __init__(self, api: str, publisher: str = PUBLISHER) -> None:
        super().__init__(api, publisher)
        self.hidden: dict[str, Json] = {}
        self.reads: dict[str, int] = {}
        self._state = threading.Lock()
        self.armed = True
        _plant_records(self)
        _plant_events(self)

    def rearm(self) -> None:
        """Makes the next request to `spreekfragmenten` answer 429 again."""
        self.armed = True

    def listing(self, collection: str) -> list[Json]:
        listed = super().listing(collection)
        if collection == "agendapunten":
            dup = next(r for r in listed if r["id"] == uid("agendapunten", "p-dup"))
            listed.remove(dup)
            listed[1:1] = [dup]
            listed[5:5] = [dup]
        return listed

    def resolve(self, collection: str, record_id: str) -> Json | None:
        return self.find(collection, record_id) or self.hidden.get(record_id)

    def page(self, collection: str, number: int, query: dict[str, str]) -> Json | None:
        if collection != "dagelijksebesturen":
            return super().page(collection, number, query)
        if not 1 <= number <= ENDLESS:
            return None
        return self.links(collection, number, ENDLESS, query, [])

    def answer_page(self, collection: str, page: Json, query: dict[str, str], answer: Any) -> Any:
        if collection == "mediabronnen":
            return Response(200, b"<!doctype html><title>Mediabronnen</title>", HTML_TYPE)
        if collection == "spreekfragmenten":
            with self._state:
                armed, self.armed = self.armed, False
            if armed:
                headers = {"Retry-After": "1", "X-Rate-Limit-Reset": "1"}
                body = b'{"title":"Too Many Requests","status":429}'
                return Response(429, body, "application/problem+json", headers)
        if collection == "besluiten" and "next" not in page and "previous" in page:
            return _json({**page, "next": OFF_API_NEXT})
        if collection == "indieners" and "previous" not in page:
            with self._state:
                self.reads[collection] = self.reads.get(collection, 0) + 1
                odd = self.reads[collection] % 2 == 0
            if odd:
                return _json({**page, "results": page["results"][::-1]})
        return answer

    def file_answer(self, record_id: str) -> Any:
        if record_id == uid(IO, "p-download"):
            return Response(404, b'{"title":"Not Found","status":404}', "application/problem+json")
        if record_id == uid(IO, "p-filetype"):
            return Response(200, b"<!doctype html><title>Stuk</title><p>Stuk</p>", HTML_TYPE)
        if record_id == uid(IO, "p-size"):
            head = b"%PDF-1.4\n% Vindplaats sandbox: a file above the size cap\n"
            return Response(200, head + b"0" * (BIG_FILE - len(head)), PDF)
        return None

    def arrange(self, events: list[Event], query: dict[str, str]) -> list[Event]:
        arranged = super().arrange(events, query)
        late = next((e for e in arranged if e.event_id == event_uid("order")), None)
        if late is not None and query.get("sortOrder") == "asc":
            arranged.remove(late)
            arranged.append(late)
        return arranged


def _json(data: Json) -> Response:
    return json_response(data)


def _plant_records(feed: PlantedFeed) -> None:
    r = feed.records
    at = datetime(2025, 9, 2, 9, 0)
    good_item = r.collections["agendapunten"][0]
    good_sitting = r.collections["vergaderingen"][0]
    gemeente = good_sitting["gemeente"]
    r.add("fracties", "p-type", at, fractienaam=42, gemeente=gemeente)
    r.add("fracties", "p-tooi", at, fractienaam="Lijst Planted",
          gemeente={"gemeentecode": "9999", "gemeentenaam": "Kreekmond"})  # fmt: skip
    r.add("stemmingen", "p-enum", at, agendapunt=r.ref("agendapunten", "raad-3"),
          stemmingstype="digitaal")  # fmt: skip
    r.add("besluiten", "p-required", at, besluittoelichting="zonder resultaat")
    r.add("fractielidmaatschappen", "p-date", at, fractie=r.ref("fracties", "kb"),
          natuurlijkPersoon=r.ref("natuurlijkpersonen", "dewit"), indicatieVoorzitter=False,
          datumBeginFractieLidmaatschap="31-03-2022")  # fmt: skip
    r.add("agendapunten", "p-dup", at, vergadering=good_item["vergadering"],
          agendapuntTitel="Mededelingen", agendapuntvolgnummer="9")  # fmt: skip
    missing = {"url": f"{feed.api}/vergaderingen/{MISSING_VERGADERING}", "id": MISSING_VERGADERING}
    r.add("agendapunten", "p-ref", at, vergadering=missing, agendapuntTitel="Rondvraag",
          agendapuntvolgnummer="8")  # fmt: skip
    person = r.add("natuurlijkpersonen", "p-self", at, functie="raadslid",
                   naamNatuurlijkPersoon={"achternaam": "Planted"})  # fmt: skip
    person["url"] = r.url("natuurlijkpersonen", "smit")
    for key, category in (("p-woo", "raadsstukken"), ("p-gap", None), ("p-download", None),
                          ("p-filetype", None), ("p-size", None)):  # fmt: skip
        _paper(feed, key, at, category)
    gap = next(x for x in r.collections[IO] if x["id"] == uid(IO, "p-gap"))
    r.collections[IO].remove(gap)
    feed.hidden[gap["id"]] = gap
    crw3 = next(
        x for x in r.collections["agendapunten"] if x["id"] == r.uid("agendapunten", "crw-3")
    )
    crw3["informatieobjecten"] = [*crw3["informatieobjecten"], gap["url"]]


def _paper(feed: PlantedFeed, key: str, at: datetime, category: str | None) -> None:
    r = feed.records
    template = next(x for x in r.collections[IO] if "link" in x)
    record = {k: v for k, v in template.items() if k not in ("url", "id", "link", "vergaderingen")}
    record["titel"] = f"Planted stuk {key}"
    record["agendapunten"] = []
    record["link"] = f"{feed.api}/bestanden/{uid(IO, key)}"
    if category is not None:
        record["wooinformatiecategorie"] = category
    r.add(IO, key, at, **record)
    r.files[uid(IO, key)] = r.files[template["id"]]


def _plant_events(feed: PlantedFeed) -> None:
    sitting = feed.records.collections["vergaderingen"][0]
    early = datetime(2025, 1, 1, 9, 0, tzinfo=ZONE)
    feed.events.append(
        Event(event_uid("order"), "CREATE", "vergaderingen", sitting["id"], sitting["url"],
              early, event_data("vergaderingen", sitting))
    )  # fmt: skip
    template = next(x for x in feed.records.collections[IO] if "link" in x)
    gone_url = f"{feed.api}/{IO}/{GONE_INFORMATIEOBJECT}"
    feed.events.append(
        Event(event_uid("gone"), "UPDATE", IO, GONE_INFORMATIEOBJECT, gone_url,
              datetime(2025, 12, 1, 9, 0, tzinfo=ZONE), event_data(IO, template))
    )  # fmt: skip
    feed.events.sort(key=lambda e: (e.at, e.event_id))
