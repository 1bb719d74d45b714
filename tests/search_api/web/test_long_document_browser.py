"""A whole 2,000-page document in a real browser: it is indexed and found by a word on page
1,873, the search hit names that page, and the hit's link opens the reader at page 1,873 with the
word marked; the reader shows 50 pages at a time (so the page stays light), lists the hits of the
whole document, goes to the stretches before and after and to any page by number, and its keys
cross from one stretch into the next.

The site is its own: a fresh data directory with the one document (store and index), served by
uvicorn on loopback.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from playwright.sync_api import Browser, Page, expect

from normalize.ids import make_id
from normalize.records import Document, ExtractionStatus, Supplier
from normalize.records import Page as TextPage
from search_api import create_app
from tests.search_api.live import served
from tests.search_api.web.browser import Watch, check_page
from vindplaats.engine import open_engine
from vindplaats.harvest.index import document_index_doc
from vindplaats.settings import load_settings
from vindplaats.store import open_store

PAGES = 2000
RARE_PAGE = 1873
WORD = "zwembadrenovatie"


def _text(number: int) -> str:
    text = f"Pagina {number} van de programmabegroting: de gemeente en haar inwoners."
    if number in (RARE_PAGE, 1999):
        text += f" De {WORD} van Zeeduin staat in het investeringsplan."
    return text


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    settings = load_settings(
        data_dir=tmp_path_factory.mktemp("long") / "data", api_rate_limit="off"
    )
    doc = Document.build(
        Supplier.NOTUBIZ,
        "lange-stad",
        "1",
        title="Programmabegroting 2027 met alle bijlagen",
        original_url="https://example.org/files/begroting-2027.pdf",
        file_name="begroting-2027.pdf",
        content_type="application/pdf",
        document_type="Raadsvoorstel",
        date=datetime(2026, 11, 10, tzinfo=UTC),
        organization_id=make_id("organization", "notubiz", "lange-stad", "1"),
    )
    pages = [_text(n) for n in range(1, PAGES + 1)]
    store = open_store(settings)
    try:
        store.upsert_record(doc)
        store.record_extraction(
            doc.id,
            status=ExtractionStatus.OK,
            pages=[TextPage(number=n, text=t) for n, t in enumerate(pages, start=1)],
            agent="extractous 0.3.0",
            route="text",
        )
    finally:
        store.close()
    engine = open_engine(settings)
    try:
        report = engine.index([document_index_doc(doc, "Gemeente Lange Stad", None, pages)])
    finally:
        engine.close()
    assert report.indexed == 1, report
    with served(create_app(settings), wait=30) as (url, _):
        yield url.rstrip("/"), doc.id


@pytest.fixture
def page(browser: Browser, site: tuple[str, str]) -> Iterator[Page]:
    url, _ = site
    context = browser.new_context(base_url=url, locale="nl-NL")
    opened = context.new_page()
    watch = Watch(origin=url)
    watch.attach(opened)
    try:
        yield opened
    finally:
        context.close()
    problems = watch.problems()
    assert not problems, "\n".join(problems[:20])


def _shown(page: Page) -> list[int]:
    ids = page.locator("section.page").evaluate_all("sections => sections.map(s => s.id)")
    return [int(i.removeprefix("pagina-")) for i in ids]


def test_a_hit_on_page_1873_opens_the_reader_there(page: Page) -> None:
    check_page(page, page.goto(f"/?q={WORD}"))
    result = page.locator("ol.hits > li.hit").first
    expect(result).to_contain_text("Programmabegroting 2027")
    link = result.get_by_role("link", name=f"p. {RARE_PAGE}", exact=True)
    link.click()
    page.wait_for_url(f"**#pagina-{RARE_PAGE}")
    assert parse_qs(urlsplit(page.url).query)["pagina"] == [str(RARE_PAGE)]
    check_page(page, page.reload())
    assert _shown(page) == list(range(1851, 1901))
    target = page.locator(f"#pagina-{RARE_PAGE}")
    expect(target.locator("mark")).to_have_text(WORD)
    expect(page.locator("nav.stretches")).to_contain_text("Pagina 1851 tot en met 1900 van 2000")
    hits = page.locator("#treffers").get_by_role("link")
    assert hits.all_inner_texts() == [str(RARE_PAGE), "1999"]


def test_the_reader_walks_the_whole_document_in_stretches(
    page: Page, site: tuple[str, str]
) -> None:
    _, doc_id = site
    check_page(page, page.goto(f"/documenten/{doc_id}?q={WORD}"))
    assert _shown(page) == list(range(1, 51))
    page.locator("#treffers").get_by_role("link", name="1999").click()
    page.wait_for_url("**#pagina-1999")
    assert _shown(page) == list(range(1951, 2001))
    expect(page.locator("#pagina-1999 mark")).to_have_text(WORD)

    page.locator("nav.stretches").get_by_role("link", name="← vorige pagina's").click()
    page.wait_for_url("**#pagina-1901")
    assert _shown(page) == list(range(1901, 1951))

    page.get_by_label("Naar pagina").fill("77")
    page.get_by_role("button", name="Ga").click()
    assert _shown(page) == list(range(51, 101))
    assert "q=" + WORD in page.url  # the marked words are kept

    page.locator("#pagina-100").focus()  # the keys cross into the next stretch
    page.keyboard.press("j")
    page.wait_for_url("**#pagina-101")
    assert _shown(page) == list(range(101, 151))
    page.locator("#pagina-101").get_by_role("link", name="← vorige pagina").click()
    page.wait_for_url("**#pagina-100")
    assert _shown(page) == list(range(51, 101))


def test_a_page_that_is_no_number_is_a_clear_400(page: Page, site: tuple[str, str]) -> None:
    _, doc_id = site
    answer = page.goto(f"/documenten/{doc_id}?pagina=twee")
    check_page(page, answer, status=400)
    expect(page.get_by_text("De pagina moet een paginanummer zijn")).to_be_visible()
    past = page.goto(f"/documenten/{doc_id}?pagina=99999")
    check_page(page, past)
    assert _shown(page) == list(range(1951, 2001))


def test_the_api_serves_every_page(site: tuple[str, str]) -> None:
    url, _ = site
    answer = httpx.get(f"{url}/api/search", params={"q": WORD}, timeout=30).json()
    [hit] = answer["hits"]
    assert hit["page_count"] == PAGES
    assert {p["number"] for p in hit["pages"]} == {RARE_PAGE, 1999}
