"""Every page of the demo site answers 200 with Dutch HTML of at most 100 KB with its
stylesheets and refers to no other host: every record's page in the index and every page the
interface's own links lead to from there, from the search page and from the organisations list
(readers, meetings, motions, organisations, dossiers), each also with a query that marks many
hits. Over real HTTP on loopback, without a browser, so that all of them are checked, not one of
each type."""

from __future__ import annotations

from collections import deque
from html.parser import HTMLParser
from urllib.parse import quote, urljoin, urlsplit

import httpx
import pytest

from tests.search_api.web.browser import MAX_PAGE_BYTES
from tests.search_api.web.demo_site import DemoSite

PAGE_PREFIXES = ("/documenten/", "/vergaderingen/", "/moties/", "/organisaties", "/dossiers/")
STARTS = ("/", "/?q=begroting", "/organisaties")
MARKING_QUERY = "de"  # the commonest Dutch word: the most marks a page can carry


class Parsed(HTMLParser):
    """The `lang` of a page, its links and its stylesheets, scripts and images."""

    def __init__(self) -> None:
        super().__init__()
        self.lang: str | None = None
        self.links: list[str] = []
        self.assets: list[str] = []
        self.stylesheets: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {name: value or "" for name, value in attrs}
        if tag == "html":
            self.lang = found.get("lang")
        elif tag == "a" and "href" in found:
            self.links.append(found["href"])
        elif tag == "link" and found.get("rel") == "stylesheet":
            self.stylesheets.append(found["href"])
        if tag in {"img", "script", "iframe", "source"} and found.get("src"):
            self.assets.append(found["src"])
        if tag == "link" and "href" in found and found.get("rel") != "alternate":
            self.assets.append(found["href"])


def parse(html: str) -> Parsed:
    parsed = Parsed()
    parsed.feed(html)
    return parsed


def page_problems(client: httpx.Client, path: str, css: dict[str, int]) -> tuple[list[str], Parsed]:
    """What is wrong with the page at `path` (status, type, lang, weight, foreign assets)."""
    try:
        answer = client.get(path)
    except httpx.TransportError as exc:
        return [f"{path}: no answer ({exc!r})"], Parsed()
    if answer.status_code != 200 or not answer.headers["content-type"].startswith("text/html"):
        return [f"{path}: {answer.status_code} {answer.headers.get('content-type')}"], Parsed()
    parsed = parse(answer.text)
    problems = [] if parsed.lang == "nl" else [f"{path}: lang={parsed.lang!r}"]
    for sheet in parsed.stylesheets:
        if sheet not in css:
            css[sheet] = len(client.get(sheet).content)
    weight = len(answer.content) + sum(css[sheet] for sheet in parsed.stylesheets)
    if weight > MAX_PAGE_BYTES:
        problems.append(f"{path}: {weight} bytes of HTML+CSS")
    for asset in parsed.assets:
        if urlsplit(urljoin(str(answer.url), asset)).netloc != urlsplit(str(answer.url)).netloc:
            problems.append(f"{path}: refers to another host for {asset}")
    return problems, parsed


def pages_to_follow(base: str, page: str, links: list[str]) -> list[str]:
    """The links of `page` to other pages of the interface (paths with their query)."""
    found = []
    for link in links:
        target = urlsplit(urljoin(base + page, link))
        if target.netloc != urlsplit(base).netloc or not target.path.startswith(PAGE_PREFIXES):
            continue
        if "/pagina/" in target.path:  # page images: rendered on demand, not pages
            continue
        found.append(target.path + (f"?{target.query}" if target.query else ""))
    return found


def indexed_pages(client: httpx.Client) -> list[str]:
    """The reader or motion page of every record in the index (`/api/search`, by cursor)."""
    paths: list[str] = []
    cursor: str | None = ""
    while cursor is not None:
        answer = client.get(
            "/api/search", params={"size": 100, "cursor": cursor} if cursor else {"size": 100}
        )
        body = answer.json()
        for hit in body["hits"]:
            kind = "/moties/" if hit["id"].startswith("motion:") else "/documenten/"
            paths.append(kind + quote(hit["id"], safe=":"))
        cursor = body["next_cursor"] if body["hits"] else None
    return paths


@pytest.fixture(scope="module")
def crawl(demo_site: DemoSite) -> tuple[set[str], list[str]]:
    """Every record's page and every page reached from it and from `STARTS` by the links
    (their query strings dropped, each page visited once plain and once with the marking
    query); the pages seen and the problems found."""
    seen: set[str] = set()
    problems: list[str] = []
    css: dict[str, int] = {}
    with httpx.Client(base_url=demo_site.url, timeout=60) as client:
        queue = deque([*STARTS, *indexed_pages(client)])
        while queue:
            path = queue.popleft()
            if path in seen:
                continue
            seen.add(path)
            found, parsed = page_problems(client, path, css)
            problems += found
            if path.startswith(PAGE_PREFIXES) and "?" in path:
                continue  # a marked page's links are those of the plain page
            for target in pages_to_follow(demo_site.url, path, parsed.links):
                plain = target.split("?", 1)[0].split("#", 1)[0]
                queue.extend([plain, f"{plain}?q={MARKING_QUERY}"])
    return seen, problems


def test_every_page_of_the_demo_answers_dutch_html_under_100_kb(
    crawl: tuple[set[str], list[str]],
) -> None:
    _, problems = crawl
    assert not problems, "\n".join(problems[:30])


def test_the_crawl_reached_every_kind_of_page(
    crawl: tuple[set[str], list[str]], demo_site: DemoSite
) -> None:
    seen, _ = crawl
    for prefix in PAGE_PREFIXES:
        assert any(path.startswith(prefix) for path in seen), f"no page under {prefix}"
    world = demo_site.sandbox.world
    page3 = f"/documenten/document:notubiz:{world.page3_source_key}:{world.page3_document_id}"
    assert page3 in seen
    organisations = {p for p in seen if p.startswith("/organisaties/") and "?" not in p}
    assert len(organisations) == len(demo_site.sandbox.sources())
