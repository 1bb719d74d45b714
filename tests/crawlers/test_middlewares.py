from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest

from crawlers.middlewares import (
    MAX_RETRY_AFTER,
    FetchGuardMiddleware,
    RefusedRequest,
    retry_after_seconds,
)
from crawlers.notubiz import NotubizSpider
from crawlers.settings import scrapy_settings
from tests.crawlers.conftest import notubiz_source
from vindplaats.settings import load_settings


def guard(tmp_path: object, *, allow_private: bool) -> tuple[FetchGuardMiddleware, NotubizSpider]:
    settings = load_settings(data_dir=tmp_path, allow_private_networks=allow_private)
    crawler = Crawler(NotubizSpider, scrapy_settings(settings))
    spider = NotubizSpider.from_crawler(
        crawler,
        source=notubiz_source("https://api.notubiz.nl"),
        window_from=date(2024, 3, 1),
        window_until=date(2024, 3, 31),
    )
    crawler.spider = spider
    return FetchGuardMiddleware.from_crawler(crawler), spider


def test_public_requests_pass(tmp_path: object) -> None:
    middleware, spider = guard(tmp_path, allow_private=False)
    middleware.process_request(Request("https://api.notubiz.nl/organisations"))  # no raise
    middleware.process_request(Request("http://8.8.8.8/document/1/1"))
    assert spider.errors == []


def test_a_redirect_hop_to_a_private_address_is_refused_and_reported(tmp_path: object) -> None:
    middleware, spider = guard(tmp_path, allow_private=False)
    hop = Request(
        "http://169.254.169.254/latest/meta-data/",
        meta={"redirect_urls": ["https://api.notubiz.nl/document/5001/1"], "redirect_times": 1},
    )
    with pytest.raises(IgnoreRequest) as caught:
        middleware.process_request(hop)
    assert isinstance(caught.value, RefusedRequest)
    assert spider.counts["refused"] == 1
    [line] = spider.errors
    assert "refused http://169.254.169.254/latest/meta-data/" in line
    assert "loopback/private address" in line
    assert "redirected from https://api.notubiz.nl/document/5001/1" in line
    assert spider.report().status == "failed"  # nothing was read at all


@pytest.mark.parametrize(
    "url", ["http://2130706433/x", "http://[::1]:8080/", "http://0177.0.0.1/", "http://127.1/"]
)
def test_other_spellings_are_refused(tmp_path: object, url: str) -> None:
    middleware, spider = guard(tmp_path, allow_private=False)
    with pytest.raises(RefusedRequest):
        middleware.process_request(Request(url))
    assert spider.counts["refused"] == 1


def test_the_allow_setting_lets_private_addresses_through(tmp_path: object) -> None:
    middleware, spider = guard(tmp_path, allow_private=True)
    middleware.process_request(Request("http://127.0.0.1:8080/organisations"))  # no raise
    assert spider.errors == []


def test_other_schemes_are_refused_even_with_the_allow_setting(tmp_path: object) -> None:
    middleware, spider = guard(tmp_path, allow_private=True)
    with pytest.raises(RefusedRequest, match="only http and https"):
        middleware.process_request(Request("file:///etc/passwd"))
    assert spider.counts["refused"] == 1


def test_retry_after_is_read_as_seconds_or_a_date_and_capped() -> None:
    now = datetime(2024, 3, 5, 12, 0, tzinfo=UTC)
    assert retry_after_seconds(b"120") == 120
    assert retry_after_seconds("Tue, 05 Mar 2024 12:00:30 GMT", now) == 30
    assert retry_after_seconds(b"86400") == MAX_RETRY_AFTER
    assert retry_after_seconds("Tue, 05 Mar 2024 11:00:00 GMT", now) is None  # in the past
    assert retry_after_seconds(b"soon") is None
    assert retry_after_seconds(None) is None
