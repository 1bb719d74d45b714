"""`check()`: refusals before anything is fetched, unusable targets, progress, and `diwoo`
carried over from the Woo-index validator on a live loopback site."""

from __future__ import annotations

import socket

import pytest

from tests.replay import Answer, ReplayServer, Request
from tests.vindplaats.conformance.tiny_feed import FAST, TinyFeed, served, settings
from tests.vindplaats.woo.conftest import standards_or_skip
from tests.vindplaats.woo.publication import SITE, clean
from vindplaats.conformance import Limits, UnusableTarget, check, render
from vindplaats.errors import VindplaatsError

SETTING = "VINDPLAATS_ALLOW_PRIVATE_NETWORKS"
INDEX = "sitemapindex-diwoo-infocat008.xml"


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:9/api",
        "http://2130706433/api",  # 127.0.0.1 spelled as one number
        "http://10.1.2.3/api",
        "http://[::1]/api",
        "http://localhost:9/api",  # a name resolving to loopback
    ],
)
def test_a_private_address_is_refused_naming_the_setting(url: str) -> None:
    with pytest.raises(UnusableTarget, match=SETTING):
        check(url, "ori-2", settings(allow=False))


def test_a_loopback_feed_is_refused_before_any_request() -> None:
    feed = TinyFeed()
    with served(feed) as base, pytest.raises(UnusableTarget, match="loopback/private"):
        check(base, "ori-2", settings(allow=False))
    assert feed.reads == {}


@pytest.mark.parametrize(
    ("url", "standard", "message"),
    [
        ("ftp://example.nl/ori", "ori-2", "only http and https"),
        ("api.example.nl/ori", "ori-2", "not an absolute http"),
        ("https://example.nl/ori", "ori-3", "unknown standard 'ori-3'"),
    ],
)
def test_unusable_input_is_refused(url: str, standard: str, message: str) -> None:
    with pytest.raises(UnusableTarget, match=message):
        check(url, standard, settings())


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_nothing_answering_at_the_base_is_unusable() -> None:
    with pytest.raises(UnusableTarget, match="no collection of ori-2 answers"):
        check(f"http://127.0.0.1:{_closed_port()}/api", "ori-2", settings(), FAST)
    with pytest.raises(UnusableTarget, match="nothing answers"):
        check(f"http://127.0.0.1:{_closed_port()}/api", "ori-events", settings(), FAST)


def test_a_site_that_is_no_api_is_unusable() -> None:
    not_found = Answer.of(404, "text/html", b"<h1>Not found</h1>")
    with (
        ReplayServer(lambda r: not_found) as server,
        pytest.raises(UnusableTarget, match=r"give the API's base URL"),
    ):
        check(f"{server.url}/", "mini-ori", settings(), FAST)


def test_progress_is_told_each_request() -> None:
    feed, seen = TinyFeed(), []
    with served(feed) as base:
        report = check(base, "ori-2", settings(), Limits(pace=0), seen.append)
    assert seen == list(range(1, report.requests + 1))
    assert report.requests == sum(feed.reads.values())


def test_requests_keep_a_polite_pace() -> None:
    feed = TinyFeed()
    with served(feed) as base:
        report = check(base, "ori-events", settings(), Limits(pace=0.2))
    assert report.requests == 4 and report.seconds >= 0.6


def test_diwoo_carries_the_woo_index_findings_over() -> None:
    standards_or_skip()
    files = clean()
    files[INDEX] = str(files[INDEX]).replace("</sitemapindex>", "")  # broken XML

    def route(request: Request) -> Answer:
        name = "robots.txt" if request.path == "/robots.txt" else request.path.removeprefix("/")
        content = files.get(name)
        if content is None:
            return Answer.of(404, "text/plain", b"not found")
        return Answer.of(200, "application/xml", str(content).replace(SITE, base[0]).encode())

    base = [""]
    with ReplayServer(route) as server:
        base[0] = server.url
        told: list[int] = []
        report = check(f"{server.url}/", "diwoo", settings(), FAST, told.append)
    rules = {(f.rule, f.resource, f.record.rsplit("/", 1)[-1]) for f in report.findings}
    assert ("WOO-XML-WELLFORMED", "unknown", INDEX) in rules  # unreadable: of no known kind
    assert ("WOO-LOC-HTTPS", "robots", "robots.txt") in rules  # loopback speaks http
    assert all(f.standard == "diwoo" and f.rule.startswith("WOO-") for f in report.findings)
    assert not report.conformant and report.requests >= 2 and told == [report.requests]
    assert (("robots", f"{server.url}/robots.txt")) in report.checked


def test_the_public_entry_keeps_its_signature() -> None:
    import inspect

    import vindplaats.conformance as package

    assert package.STANDARDS == ("mini-ori", "ori-2", "ori-events", "diwoo")
    assert all(hasattr(package, name) for name in package.__all__)
    parameters = list(inspect.signature(check).parameters)
    assert parameters == ["url", "standard", "settings", "limits", "progress"]
    limits = Limits()
    assert (limits.max_requests, limits.time_limit) == (500, 300.0)
    assert issubclass(UnusableTarget, VindplaatsError)  # the web maps it to 422


def test_credentials_in_the_url_are_sent_but_never_shown() -> None:
    feed, sent = TinyFeed(), set()
    feed.record("besluiten", "b1").pop("besluitresultaat")
    route = feed.route

    def spy(request: Request) -> Answer:
        sent.add(request.header("authorization"))
        return route(request)

    feed.route = spy  # type: ignore[method-assign]
    elsewhere: set[str] = set()

    def files(request: Request) -> Answer:
        elsewhere.add(request.header("authorization"))
        return Answer.of(200, "application/pdf", b"%PDF-1.4")

    with served(feed) as base, ReplayServer(files) as other:
        feed.record("informatieobjecten", "d1")["link"] = f"{other.url}/d1.pdf"
        secret = base.replace("http://", "http://leverancier:geheim@")
        report = check(secret, "ori-2", settings(), FAST)
    assert sent == {"Basic bGV2ZXJhbmNpZXI6Z2VoZWlt"} and report.findings  # leverancier:geheim
    assert elsewhere == {""}  # another origin never gets them
    for fmt in ("text", "json", "junit", "html"):
        assert "geheim" not in render(report, fmt), fmt
    with pytest.raises(UnusableTarget) as refused:
        check(
            f"http://leverancier:geheim@127.0.0.1:{_closed_port()}/api", "ori-2", settings(), FAST
        )
    assert "geheim" not in str(refused.value) and "***@" in str(refused.value)
