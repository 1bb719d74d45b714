"""One violation in a tiny, otherwise clean ORI feed gives exactly that one finding.

Each case changes the good feed of `tiny_feed` in one place and names the one finding
(rule, resource, record) the checker must report: nothing more, nothing less.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.replay import Answer
from tests.vindplaats.conformance.tiny_feed import (
    API,
    FAST,
    TinyFeed,
    found,
    ref,
    run,
    uid,
    url,
)
from vindplaats.conformance import Limits

Change = Callable[[TinyFeed], None]
Expected = tuple[str, str, str]


def test_the_clean_feed_has_no_findings() -> None:
    feed = TinyFeed()
    report = run(feed)
    assert report.findings == [] and report.conformant and report.complete
    assert ("vergaderingen", uid("v3")) in report.checked
    assert feed.reads["/api/vergaderingen"] == 2  # the first page is read twice
    assert run(TinyFeed(), "ori-events").findings == []


def _html_collection(feed: TinyFeed) -> None:
    feed.fixed["/api/fracties"] = lambda: Answer.of(200, "text/html", b"<html>fracties</html>")


def _set(collection: str, name: str, **fields: object) -> Change:
    def change(feed: TinyFeed) -> None:
        feed.record(collection, name).update(fields)

    return change


def _drop(collection: str, name: str, field: str) -> Change:
    def change(feed: TinyFeed) -> None:
        del feed.record(collection, name)[field]

    return change


def _duplicate(feed: TinyFeed) -> None:
    listing = feed.listing["vergaderingen"]
    listing.insert(2, listing[0])  # page 1: v1 v2, page 2: v1 v3


def _gap(feed: TinyFeed) -> None:
    record = feed.record("informatieobjecten", "d1")
    feed.listing["informatieobjecten"].remove(record)
    feed.hidden.append(record)


def _unstable(feed: TinyFeed) -> None:
    reads: dict[str, int] = {}

    def hook(collection: str, number: int, page: dict[str, object]) -> dict[str, object]:
        reads[collection] = reads.get(collection, 0) + 1
        results = page["results"]
        if collection == "vergaderingen" and number == 1 and reads[collection] > 1:
            assert isinstance(results, list)
            page["results"] = results[::-1]
        return page

    feed.page_hook = hook


def _next_link(link: str) -> Change:
    def change(feed: TinyFeed) -> None:
        def hook(collection: str, number: int, page: dict[str, object]) -> dict[str, object]:
            if collection == "vergaderingen" and number == 2:
                page["next"] = link
            return page

        feed.page_hook = hook

    return change


def _missing_page(feed: TinyFeed) -> None:
    feed.fixed["/api/vergaderingen?page=2"] = lambda: Answer.of(500, "text/plain", b"oops")


def _file(status: int, kind: str, body: bytes = b"x") -> Change:
    def change(feed: TinyFeed) -> None:
        feed.files[uid("d1")] = Answer.of(status, kind, body)

    return change


def _rate_limited(feed: TinyFeed) -> None:
    answers = iter([Answer.of(429, "application/problem+json", b"{}", {"Retry-After": "1"})])
    target = "/api/besluiten"
    original = feed.route

    def once() -> Answer:
        answer = next(answers, None)
        if answer is not None:
            return answer
        del feed.fixed[target]
        from tests.replay import Request

        return original(Request("GET", target, {}))

    feed.fixed[target] = once


V1, A1, A2, D1 = uid("v1"), uid("a1"), uid("a2"), uid("d1")
CASES: dict[str, tuple[Change, Expected]] = {
    "http": (_html_collection, ("ORI-HTTP", "fracties", "")),
    "schema-type": (_set("fracties", "f1", fractienaam=42), ("ORI-SCHEMA", "fracties", uid("f1"))),
    "schema-enum": (
        _set("vergaderingen", "v2", vergaderingstype="feest"),
        ("ORI-SCHEMA", "vergaderingen", uid("v2")),
    ),
    "schema-uri": (
        _set("informatieobjecten", "d1", link="bestanden/d1"),
        ("ORI-SCHEMA", "informatieobjecten", D1),
    ),
    "required": (
        _drop("besluiten", "b1", "besluitresultaat"),
        ("ORI-REQUIRED", "besluiten", uid("b1")),
    ),
    "date": (
        _set("vergaderingen", "v1", aanvangVergadering="14-03-2025 19:30"),
        ("ORI-DATE", "vergaderingen", V1),
    ),
    "date-impossible": (
        _set("vergaderingen", "v3", aanvangVergadering="2025-02-30T19:30:00Z"),
        ("ORI-DATE", "vergaderingen", uid("v3")),
    ),
    "tooi": (
        _set("fracties", "f1", gemeente={"gemeentecode": "9999", "gemeentenaam": "Nergens"}),
        ("ORI-TOOI", "fracties", uid("f1")),
    ),
    "tooi-too-long": (  # GM0363 is longer than the schema's four characters: the schema's
        _set("fracties", "f1", gemeente={"gemeentecode": "GM0363", "gemeentenaam": "A"}),
        ("ORI-SCHEMA", "fracties", uid("f1")),
    ),
    "woo-category": (
        _set("informatieobjecten", "d1", wooinformatiecategorie="raadsstukken"),
        ("ORI-WOO-CATEGORY", "informatieobjecten", D1),
    ),
    "duplicate": (_duplicate, ("ORI-PAGE-DUPLICATE", "vergaderingen", V1)),
    "gap": (_gap, ("ORI-PAGE-GAP", "informatieobjecten", D1)),
    "unstable": (_unstable, ("ORI-PAGE-UNSTABLE", "vergaderingen", "")),
    "link-off-api": (
        _next_link("https://elders.example/api/vergaderingen?page=3"),
        ("ORI-PAGE-LINK", "vergaderingen", ""),
    ),
    "link-relative": (_next_link("vergaderingen?page=3"), ("ORI-PAGE-LINK", "vergaderingen", "")),
    "link-loop": (
        _next_link(f"{API}/vergaderingen?page=2"),
        ("ORI-PAGE-LINK", "vergaderingen", ""),
    ),
    "link-fails": (_missing_page, ("ORI-PAGE-LINK", "vergaderingen", "")),
    "ref-missing": (
        _set("agendapunten", "a2", vergadering=ref("vergaderingen", "nowhere")),
        ("ORI-REF-BROKEN", "agendapunten", A2),
    ),
    "ref-other-type": (
        _set("agendapunten", "a2", vergadering={"id": uid("f1"), "url": url("fracties", "f1")}),
        ("ORI-REF-BROKEN", "agendapunten", A2),
    ),
    "url-self": (
        _set("vergaderingen", "v2", url=url("vergaderingen", "v3")),
        ("ORI-URL-SELF", "vergaderingen", uid("v2")),
    ),
    "file-download": (_file(404, "text/plain"), ("ORI-FILE-DOWNLOAD", "informatieobjecten", D1)),
    "file-type": (_file(200, "text/html"), ("ORI-FILE-TYPE", "informatieobjecten", D1)),
    "rate-limited": (_rate_limited, ("ORI-RATE-LIMITED", "besluiten", "")),
}


@pytest.mark.parametrize("case", CASES)
def test_one_violation_is_one_finding(case: str) -> None:
    change, expected = CASES[case]
    feed = TinyFeed()
    change(feed)
    report = run(feed)
    assert found(report) == {expected}, [f.as_json() for f in report.findings]
    assert report.conformant is expected[0].endswith("RATE-LIMITED")


def test_a_file_above_the_cap_is_a_size_warning() -> None:
    feed = TinyFeed()
    feed.files[uid("d1")] = Answer.of(200, "application/pdf", b"%PDF" + b"0" * 5000)
    report = run(feed, limits=Limits(pace=0, max_file_bytes=1000))
    assert found(report) == {("ORI-SIZE", "informatieobjecten", D1)}
    assert report.findings[0].field == "link" and report.conformant
    chunked = TinyFeed()
    chunked.files[uid("d1")] = Answer(200, "application/pdf", [b"0" * 800] * 3, length=None)
    assert found(run(chunked, limits=Limits(pace=0, max_file_bytes=1000))) == {
        ("ORI-SIZE", "informatieobjecten", D1)
    }


def test_the_request_budget_ends_the_check_with_a_warning() -> None:
    feed = TinyFeed()
    report = run(feed, limits=Limits(pace=0, max_requests=5))
    assert found(report) == {("ORI-CHECK-INCOMPLETE", "", "")}
    assert report.requests == 5 and len(feed.reads) <= 5 and not report.complete
    assert report.conformant  # a warning alone


def test_the_page_cap_of_one_collection_is_a_warning_on_it() -> None:
    report = run(TinyFeed(), limits=Limits(pace=0, max_pages=1, max_requests=2000))
    assert found(report) == {("ORI-CHECK-INCOMPLETE", "vergaderingen", "")}


def test_a_429_is_waited_out_as_retry_after_asks() -> None:
    feed = TinyFeed()
    _rate_limited(feed)
    report = run(feed)
    assert report.seconds >= 1.0  # Retry-After: 1
    assert report.findings[0].found == "HTTP 429, retry-after: 1"


def _events(change: Callable[[list[dict[str, object]]], None]) -> TinyFeed:
    feed = TinyFeed()
    change(feed.events)  # type: ignore[arg-type]
    return feed


def _swap(events: list[dict[str, object]]) -> None:
    events[1]["timestamp"], events[2]["timestamp"] = events[2]["timestamp"], events[1]["timestamp"]


def _update_gone(events: list[dict[str, object]]) -> None:
    events[4]["eventType"] = "UPDATE"
    events[4]["data"] = events[3]["data"]


def _delete_present(events: list[dict[str, object]]) -> None:
    events[2]["eventType"] = "DELETE"
    events[2]["data"] = {"pid": "https://pid.example.nl/vergaderingen/v1"}


EVENT_CASES: dict[str, tuple[Callable[[list[dict[str, object]]], None], Expected]] = {
    "order": (_swap, ("ORI-EVENT-ORDER", "events", uid("event-2"))),
    "update-gone": (_update_gone, ("ORI-EVENT-RESOURCE", "events", uid("event-4"))),
    "delete-present": (_delete_present, ("ORI-EVENT-RESOURCE", "events", uid("event-2"))),
    "duplicate": (lambda e: e.append(e[0]), ("ORI-PAGE-DUPLICATE", "events", uid("event-0"))),
    "date": (
        lambda e: e[0].update(timestamp="gisteren"),
        ("ORI-DATE", "events", uid("event-0")),
    ),
}


@pytest.mark.parametrize("case", EVENT_CASES)
def test_one_event_violation_is_one_finding(case: str) -> None:
    change, expected = EVENT_CASES[case]
    report = run(_events(change), "ori-events")
    assert found(report) == {expected}, [f.as_json() for f in report.findings]


def test_event_counts_that_disagree_are_an_order_finding() -> None:
    feed = TinyFeed()
    original = feed.route

    def route(request):  # type: ignore[no-untyped-def]
        answer = original(request)
        if request.path == "/api/events":
            body = b"".join(answer.body).replace(b'"total": 5', b'"total": 7')
            return Answer.of(200, "application/json", body)
        return answer

    feed.route = route  # type: ignore[method-assign]
    report = run(feed, "ori-events")
    assert found(report) == {("ORI-EVENT-ORDER", "events", "")}
    assert report.findings[0].field == "total"


def test_an_event_feed_is_read_by_its_next_links_within_limit() -> None:
    feed = TinyFeed()
    feed.events = feed.events * 1  # five events
    report = run(feed, "ori-events", limits=FAST)
    asked = [target for target in feed.reads if target.startswith("/api/events")]
    assert asked == ["/api/events?sortOrder=asc&limit=100&offset=0"]
    assert report.findings == []


def test_a_record_without_an_id_is_a_finding_on_its_page() -> None:
    feed = TinyFeed()
    record = feed.record("besluiten", "b1")
    del record["id"], record["url"]
    report = run(feed)
    assert found(report) == {("ORI-REQUIRED", "besluiten", "")}
    assert {f.field for f in report.findings} == {"results[0].id", "results[0].url"}


def test_a_body_nested_beyond_reading_is_no_json() -> None:
    feed = TinyFeed()
    deep = b"[" * 200_000 + b"]" * 200_000
    feed.fixed["/api/fracties"] = lambda: Answer.of(200, "application/json", deep)
    report = run(feed)
    assert found(report) == {("ORI-HTTP", "fracties", "")}
    assert report.findings[0].found.endswith("a body that is not JSON")


def test_an_event_next_link_off_the_api_is_a_link_finding() -> None:
    feed = TinyFeed()
    original = feed.route

    def route(request):  # type: ignore[no-untyped-def]
        answer = original(request)
        if request.path == "/api/events":
            body = b"".join(answer.body).replace(b'"next": null', b'"next": "https://elders.nl/e"')
            return Answer.of(200, "application/json", body)
        return answer

    feed.route = route  # type: ignore[method-assign]
    report = run(feed, "ori-events")
    assert found(report) == {("ORI-PAGE-LINK", "events", "")}
