from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from scrapy import signals
from scrapy.crawler import Crawler

from crawlers.contexts import Context
from crawlers.counts import RECORD_COUNTS
from crawlers.notubiz import NotubizSpider
from crawlers.registry import load_spider
from crawlers.report import decide_status
from crawlers.settings import scrapy_settings
from normalize.records import Committee, Meeting, Person
from tests.crawlers.conftest import notubiz_source
from vindplaats.errors import SourceError
from vindplaats.settings import load_settings
from vindplaats.sources import build_source
from vindplaats.suppliers import SUPPLIERS

MARCH = (date(2024, 3, 1), date(2024, 3, 31))


def spider(tmp_path: Path, base_url: str | None = "http://127.0.0.1:8123/notubiz") -> NotubizSpider:
    crawler = Crawler(NotubizSpider, scrapy_settings(load_settings(data_dir=tmp_path)))
    source = (
        notubiz_source(base_url)
        if base_url
        else build_source(
            key="zuidwaarde", name="Zuidwaarde", supplier="notubiz", notubiz_organisation_id="686"
        )
    )
    made = NotubizSpider.from_crawler(
        crawler, source=source, window_from=MARCH[0], window_until=MARCH[1]
    )
    crawler.spider = made
    return made


def test_every_api_url_carries_format_and_version(tmp_path: Path) -> None:
    url = spider(tmp_path).api_url("events", organisation_id="686", date_from="2024-03-01 00:00:00")
    assert url == (
        "http://127.0.0.1:8123/notubiz/events?organisation_id=686"
        "&date_from=2024-03-01%2000%3A00%3A00&format=json&version=1.17.0"
    )


def test_links_are_repaired_completed_and_moved_onto_the_base(tmp_path: Path) -> None:
    made = spider(tmp_path)
    base = "http://127.0.0.1:8123/notubiz"
    assert made.clean_link("httphttp://api.notubiz.nl/document/1/2") == f"{base}/document/1/2"
    assert made.clean_link("httphttp://api.notubiz.nl/document/1/2") == f"{base}/document/1/2"
    assert made.counts["repaired_links"] == 1  # one broken link, however often it is seen
    assert made.clean_link("api.notubiz.nl/modules/3/items/4") == f"{base}/modules/3/items/4"
    assert made.clean_link("127.0.0.1:8123/notubiz/modules/3/items/4") == (
        f"{base}/modules/3/items/4"  # a `self` link without scheme takes the base's scheme
    )
    assert made.clean_link("[::1]:8123/modules/3/items/4") == "http://[::1]:8123/modules/3/items/4"
    assert made.clean_link("modules/3/items/4") == f"{base}/modules/3/items/4"
    assert made.clean_link("https://cdn.example.org/x.pdf") == "https://cdn.example.org/x.pdf"
    assert made.clean_link("javascript:alert(1)") is None
    assert made.clean_link("mailto:griffie@example.org") is None
    assert made.clean_link("") is None


def test_links_to_the_real_api_stay_without_an_override(tmp_path: Path) -> None:
    made = spider(tmp_path, base_url=None)
    assert made.base_url == "https://api.notubiz.nl"
    assert made.clean_link("api.notubiz.nl/modules/3/items/4") == (
        "https://api.notubiz.nl/modules/3/items/4"
    )


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"error": {"code": 404, "message": "Meeting not found"}}, "Meeting not found (code 404)"),
        ({"error": True, "message": "No rights to see this meeting"}, "No rights"),
        ({"message": "Service unavailable"}, "Service unavailable"),
        ({"error": "broken"}, "broken"),
        ({"meeting": {"id": 1}, "error": None}, None),
        ([1, 2], None),
    ],
)
def test_errors_delivered_as_http_200_are_recognised(
    tmp_path: Path, body: object, message: str | None
) -> None:
    found = spider(tmp_path).detect_error(body)
    assert found == message if message is None else message in (found or "")


def test_an_invalid_record_is_an_error_not_a_crash(tmp_path: Path) -> None:
    made = spider(tmp_path)
    assert made.build(Meeting, "1", name="", organization_id="x") is None
    assert made.build(Committee, "bad id", name="Raad", organization_id="x") is None
    assert made.counts["errors"] == 2
    assert made.errors[0].startswith("invalid meeting '1'")
    good = made.build(Committee, 11, name="Raad", organization_id="organization:notubiz:z:1")
    assert good is not None and good.id == "committee:notubiz:zuidwaarde:11"


def test_a_crawl_stopped_early_is_failed(tmp_path: Path) -> None:
    made = spider(tmp_path)
    made.counts["api_responses"] = 3
    assert made.report().status == "ok"
    made.crawler.signals.send_catch_log(signals.spider_closed, spider=made, reason="shutdown")
    report = made.report()
    assert report.status == "failed"
    assert report.errors[0] == "the crawl stopped before it finished (shutdown)"


def test_status_rules() -> None:
    assert decide_status({}, fatal=False) == "failed"  # nothing could be read
    assert decide_status({"api_responses": 2}, fatal=False) == "ok"  # an empty window is ok
    assert decide_status({"api_responses": 2, "download_failed": 1}, fatal=False) == "partial"
    assert decide_status({"api_responses": 2, "refused": 1}, fatal=False) == "partial"
    assert decide_status({"api_responses": 9}, fatal=True) == "failed"


def test_a_source_without_its_supplier_id_is_refused(tmp_path: Path) -> None:
    crawler = Crawler(NotubizSpider, scrapy_settings(load_settings(data_dir=tmp_path)))
    source = build_source(key="leeg", name="Leeg", supplier="notubiz")
    with pytest.raises(SourceError):
        NotubizSpider.from_crawler(
            crawler, source=source, window_from=MARCH[0], window_until=MARCH[1]
        )


def test_every_spider_takes_its_api_base_from_the_supplier_table() -> None:
    for supplier, facts in SUPPLIERS.items():
        spider_class = load_spider(supplier)
        assert spider_class.supplier is supplier
        assert spider_class.default_base_url == facts.default_api_base


def test_stored_records_are_counted_once_under_their_plural(tmp_path: Path) -> None:
    made = spider(tmp_path)
    organization = "organization:notubiz:zuidwaarde:686"
    person = made.owned_record(Person, "7", "http://x.test/p", name="A. de Vries")
    committee = made.owned_record(Committee, "11", "http://x.test/c", name="Raad")
    assert person is not None and committee is not None
    assert person.organization_id == committee.organization_id == organization
    for record in (person, person, committee):
        made.count_stored(record)
    assert (made.counts[RECORD_COUNTS["person"]], made.counts["committees"]) == (1, 1)
    assert made.counts["persons"] == 1 and "person" not in made.counts


def test_a_document_is_emitted_again_only_when_a_better_context_is_seen(tmp_path: Path) -> None:
    made = spider(tmp_path)
    doc = {"id": 5, "url": "https://api.notubiz.nl/document/5/1", "title": "Besluitenlijst"}
    meeting = Context("meeting:notubiz:zuidwaarde:1")
    item = Context("meeting:notubiz:zuidwaarde:1", "agenda_item:notubiz:zuidwaarde:2")
    first = list(made.sight_document("5", meeting, (doc, "http://x.test/m")))
    again = list(made.sight_document("5", meeting, (doc, "http://x.test/m")))
    better = list(made.sight_document("5", item, (doc, "http://x.test/i")))
    worse = list(made.sight_document("5", meeting, (doc, "http://x.test/m2")))
    assert [d.agenda_item_id for d in first + better] == [None, item.agenda_item_id]
    assert again == worse == []
    assert better[0].id == made.record_id("document", "5") == "document:notubiz:zuidwaarde:5"
    assert better[0].source_url == "http://x.test/i"


def test_an_unusable_native_id_has_no_reference(tmp_path: Path) -> None:
    made = spider(tmp_path)
    assert made.ref_id("person", None) is None
    assert made.ref_id("person", "two words") is None
    assert made.ref_id("person", "12") == "person:notubiz:zuidwaarde:12"
    assert made.record_ids("document", ["1", None, "1", "2"]) == [
        "document:notubiz:zuidwaarde:1",
        "document:notubiz:zuidwaarde:2",
    ]
