"""Keyboard only: a user who cannot use a mouse searches, narrows by a facet, opens a result and
moves through the reader's pages and hits, seeing where the focus is at every step (each element
Tab reaches has a visible outline)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import Page

from tests.search_api.web.browser import focus_state, invisible_focus, tab_until
from tests.search_api.web.demo_site import DemoSite


def press_and_follow(page: Page, key: str) -> None:
    """Press `key` on the focused link or field and wait for the page it opens."""
    with page.expect_navigation():
        page.keyboard.press(key)


def test_search_facet_and_result_by_keyboard_with_visible_focus(page: Page) -> None:
    page.goto("/")
    path = tab_until(page, "input#q")
    assert path[0]["text"] == "Naar de inhoud", "the skip link comes first"
    assert not invisible_focus(path), invisible_focus(path)
    page.keyboard.type("begroting")
    press_and_follow(page, "Enter")
    assert parse_qs(urlsplit(page.url).query)["q"] == ["begroting"]
    assert page.locator("ol.hits > li").count() > 0

    path = tab_until(page, "aside.facets a[href*='organization=']")
    assert not invisible_focus(path), invisible_focus(path)
    organisation = page.evaluate("() => document.activeElement.querySelector('.label').innerText")
    press_and_follow(page, "Enter")
    assert parse_qs(urlsplit(page.url).query)["organization"] == [organisation]
    chosen = page.locator("aside.facets a[aria-current='true']")
    assert organisation in chosen.first.inner_text()

    path = tab_until(page, "ol.hits h3 a")
    assert not invisible_focus(path), invisible_focus(path)
    title = path[-1]["text"]
    press_and_follow(page, "Enter")
    assert page.locator("h1").inner_text() == title


def test_reader_pages_and_hits_by_keys(page: Page, demo_site: DemoSite) -> None:
    word = demo_site.sandbox.world.page3_word
    page.goto(f"/?q={word}")
    path = tab_until(page, "ol.hits a.page")
    assert path[-1]["text"] == "p. 3"
    press_and_follow(page, "Enter")
    assert urlsplit(page.url).fragment == "pagina-3"

    page.keyboard.press(".")  # next hit: the word on page 3
    hit = focus_state(page)
    assert (hit["tag"], hit["text"].lower(), hit["visible"]) == ("mark", word.lower(), True)
    assert page.evaluate("() => document.activeElement.closest('section.page').id") == "pagina-3"

    page.keyboard.press("j")  # next page
    moved = focus_state(page)
    assert (moved["id"], moved["visible"]) == ("pagina-4", True)
    assert urlsplit(page.url).fragment == "pagina-4"
    page.keyboard.press("k")  # previous page
    assert focus_state(page)["id"] == "pagina-3"
    assert urlsplit(page.url).fragment == "pagina-3"
