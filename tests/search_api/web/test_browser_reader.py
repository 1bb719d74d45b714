"""In a real browser on the demo site: the reader opened at page 3 of the document whose page 3
alone holds the demo's unique word (image and text side by side, the word marked, the pages with
hits listed), moved page by page and hit by hit with the keys, axe-clean; and without scripts the
"volgende pagina" link does what the key does."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import quote

from playwright.sync_api import Browser, Page

from tests.search_api.web.browser import check_page
from tests.search_api.web.demo_site import DemoSite

UNIQUE_WORD = "zwaluwstaartvlinder"  # vindplaats.sandbox.blueprints.UNIQUE_WORD, on page 3


def page_three_document(page: Page) -> dict[str, Any]:
    """The demo document whose page 3 holds the unique word, with at least 4 pages (the API)."""
    found = page.request.get(f"/api/search?q={UNIQUE_WORD}&facets=false")
    assert found.ok, found.status
    for hit in found.json()["hits"]:
        if [p["number"] for p in hit["pages"]] != [3]:
            continue
        doc: dict[str, Any] = page.request.get(hit["links"]["self"]).json()
        if doc["page_count"] >= 4:
            return doc
    raise AssertionError(f"no demo document of 4+ pages has {UNIQUE_WORD!r} on page 3 only")


def reader_path(doc_id: str) -> str:
    return "/documenten/" + quote(doc_id, safe=":")


def focused_page(page: Page) -> str | None:
    value: str | None = page.evaluate(
        "() => { const s = document.activeElement && document.activeElement.closest"
        "('section.page'); return s ? s.id : null; }"
    )
    return value


def test_the_reader_opens_at_page_3_with_its_image_and_the_word_marked(
    page: Page, axe_violations: Callable[[Page], str]
) -> None:
    doc = page_three_document(page)
    response = page.goto(f"{reader_path(doc['id'])}?q={UNIQUE_WORD}#pagina-3")
    check_page(page, response)
    assert page.locator("h1").inner_text() == doc["title"]
    assert page.locator("#treffers").inner_text().strip() == "Treffers op pagina 3"
    third = page.locator("#pagina-3")
    assert third.locator("h3").inner_text().startswith("Pagina 3")
    assert third.locator("mark").first.inner_text().lower() == UNIQUE_WORD
    assert page.locator("section.page mark").count() == third.locator("mark").count()
    image = third.locator("img")
    image.scroll_into_view_if_needed()
    page.wait_for_function(
        "(img) => img.complete && img.naturalWidth > 0", arg=image.element_handle()
    )
    assert image.get_attribute("alt") == f"Pagina 3 van {doc['title']}"
    assert page.locator("#reader-keys").is_visible()  # the script shows the key help
    found = axe_violations(page)
    assert not found, found


def test_the_keys_move_to_the_next_and_previous_page_and_hit(page: Page) -> None:
    doc = page_three_document(page)
    page.goto(f"{reader_path(doc['id'])}?q={UNIQUE_WORD}#pagina-3")
    page.keyboard.press("j")
    assert focused_page(page) == "pagina-4"
    assert page.evaluate("() => location.hash") == "#pagina-4"
    top = page.evaluate("() => document.getElementById('pagina-4').getBoundingClientRect().top")
    assert 0 <= top < 100  # scrolled to page 4
    page.keyboard.press("n")
    assert focused_page(page) == "pagina-5"
    page.keyboard.press("k")
    page.keyboard.press("p")
    assert focused_page(page) == "pagina-3"
    page.keyboard.press(".")
    focused = page.evaluate("() => document.activeElement.tagName.toLowerCase()")
    assert focused == "mark"
    assert focused_page(page) == "pagina-3"
    page.keyboard.press("j")
    page.keyboard.press(",")  # the previous hit counts back from page 4: the one on page 3
    assert page.evaluate("() => document.activeElement.tagName.toLowerCase()") == "mark"
    assert focused_page(page) == "pagina-3"
    page.locator("#reader-q").focus()
    page.keyboard.press("j")  # typing in the field is typing, not navigating
    assert "j" in page.locator("#reader-q").input_value()
    assert page.evaluate("() => document.activeElement.id") == "reader-q"


def test_without_scripts_the_next_page_link_goes_to_the_next_page(
    browser: Browser, demo_site: DemoSite, page: Page
) -> None:
    doc = page_three_document(page)
    context = browser.new_context(base_url=demo_site.url, java_script_enabled=False)
    try:
        plain = context.new_page()
        plain.goto(f"{reader_path(doc['id'])}#pagina-3")
        assert not plain.locator("#reader-keys").is_visible()  # no keys without the script
        plain.locator("#pagina-3").get_by_role("link", name="volgende pagina →").click()
        assert plain.evaluate("() => location.hash") == "#pagina-4"
        top = plain.evaluate(
            "() => document.getElementById('pagina-4').getBoundingClientRect().top"
        )
        assert 0 <= top < 100
    finally:
        context.close()
