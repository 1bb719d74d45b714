"""The search page in a real browser (Debian's chromium) over the harvested demo data: search by
the form, a facet chosen and removed, sorting, paging, the long-facet filter box, keyboard use
and axe-core's serious and critical findings."""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import Page, expect

from tests.search_api.web.browser import check_page, focus_state, invisible_focus, tab_until
from tests.search_api.web.demo_site import DemoSite


def _params(page: Page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def test_searching_by_the_form_finds_the_page_3_word(
    page: Page, demo_site: DemoSite, axe_violations: Callable[[Page], str]
) -> None:
    check_page(page, page.goto("/"))
    expect(page.get_by_role("heading", name="Nieuwste documenten")).to_be_visible()
    word = demo_site.sandbox.world.page3_word
    page.get_by_label("Zoekwoorden").fill(word)
    page.get_by_label("Zoekwoorden").press("Enter")
    page.wait_for_url(f"**/?q={word}*")
    assert _params(page)["q"] == [word]
    expect(page.locator("p.count")).to_have_text("1 resultaat")
    hit = page.locator("li.hit").first
    expect(hit.locator("mark").first).to_have_text(word, ignore_case=True)
    page_link = hit.get_by_role("link", name="p. 3")
    assert (page_link.get_attribute("href") or "").endswith(f"?q={word}&pagina=3#pagina-3")
    found = axe_violations(page)
    assert not found, found


def test_a_facet_is_chosen_and_removed_again(page: Page) -> None:
    check_page(page, page.goto("/"))
    total = page.locator("p.count").inner_text()
    facet = page.locator('section.facet[data-facet="organization"] .facet-values a').first
    name = facet.locator(".label").inner_text()
    count = facet.locator(".count").inner_text()
    facet.click()
    page.wait_for_url("**/?organization=*")
    assert _params(page)["organization"] == [name]
    expect(page.locator("p.count")).to_have_text(re.compile(rf"^{re.escape(count)} resulta"))
    chip = page.locator(".chips").get_by_role("link", name=f"Organisatie: {name}")
    expect(chip).to_be_visible()
    for organization in page.locator("li.hit p.meta span:first-child").all_inner_texts():
        assert organization == name
    chip.click()
    page.wait_for_url(lambda url: "organization=" not in url)
    expect(page.locator("p.count")).to_have_text(total)


def test_choosing_an_order_sorts_all_hits(page: Page) -> None:
    check_page(page, page.goto("/?q=motie"))
    page.get_by_label("Sorteren").select_option("date_asc")
    page.get_by_role("button", name="Toepassen").click()
    page.wait_for_url("**sort=date_asc*")
    oldest = page.locator("li.hit time").first.get_attribute("datetime") or ""
    dates = [d or "" for d in page.locator("li.hit time").evaluate_all(
        "els => els.map(e => e.getAttribute('datetime'))"
    )]  # fmt: skip
    assert dates == sorted(dates) and oldest
    page.get_by_label("Sorteren").select_option("date_desc")
    page.get_by_role("button", name="Toepassen").click()
    page.wait_for_url("**sort=date_desc*")
    newest = page.locator("li.hit time").first.get_attribute("datetime") or ""
    assert newest >= oldest


def test_moving_through_the_orders_by_keyboard_does_not_reload_the_page(page: Page) -> None:
    check_page(page, page.goto("/?q=motie"))
    before = page.url
    page.get_by_label("Sorteren").focus()
    page.keyboard.press("ArrowDown")  # WCAG 3.2.2: a change of value is no change of context
    page.wait_for_timeout(300)
    assert page.url == before
    assert page.evaluate("document.activeElement.id") == "sort"


def test_paging_goes_on_and_back_to_the_first_page(page: Page) -> None:
    check_page(page, page.goto("/?size=5"))
    links = "els => els.map(e => e.getAttribute('href'))"
    first = page.locator("li.hit h3 a").evaluate_all(links)
    assert len(first) == 5
    page.get_by_role("link", name="Volgende pagina").click()
    page.wait_for_url("**cursor=*")
    assert _params(page)["pagina"] == ["2"]
    second = page.locator("li.hit h3 a").evaluate_all(links)
    assert second and not set(second) & set(first)
    page.get_by_role("link", name="Eerste pagina").click()
    page.wait_for_url(lambda url: "cursor=" not in url)
    assert page.locator("li.hit h3 a").evaluate_all(links) == first


def test_a_long_facet_filters_its_values_as_you_type(page: Page) -> None:
    check_page(page, page.goto("/"))
    facet = page.locator("section.facet:has(details.facet-more)").first
    expect(facet).to_be_attached()  # the demo data has a facet of more than 8 values
    more = facet.locator("details.facet-more")
    more.locator("summary").click()
    box = more.get_by_role("searchbox")
    expect(box).to_be_visible()  # shown by the script; without it the list is plain
    wanted = more.locator(".facet-values .label").first.inner_text()
    box.fill(wanted)
    visible = facet.locator(".facet-values li:visible .label").all_inner_texts()
    assert visible and all(wanted.lower() in label.lower() for label in visible)
    box.fill("")
    every = facet.locator(".facet-values li")
    expect(facet.locator(".facet-values li:visible")).to_have_count(every.count())
    assert every.count() > len(visible)


def test_zero_results_and_errors_are_accessible(
    page: Page, axe_violations: Callable[[Page], str]
) -> None:
    check_page(page, page.goto("/?q=qqqzzzxxx&sort=date_asc"))
    expect(page.get_by_text("Geen resultaten voor “qqqzzzxxx”")).to_be_visible()
    page.get_by_role("link", name="zoekwoorden weglaten").click()
    page.wait_for_url(lambda url: "q=" not in url)
    check_page(page, page.goto("/?date_from=2024-02-30"), status=400)
    expect(page.get_by_role("alert")).to_contain_text("geen geldige datum")
    found = axe_violations(page)
    assert not found, found
    check_page(page, page.goto("/geen-pagina"), status=404)
    found = axe_violations(page)
    assert not found, found


def test_the_keyboard_reaches_the_search_box_facets_and_results_with_visible_focus(
    page: Page,
) -> None:
    check_page(page, page.goto("/?q=motie"))
    page.keyboard.press("Tab")
    skip = focus_state(page)
    assert skip["text"] == "Naar de inhoud" and skip["visible"], skip
    path = tab_until(page, "#q")
    path += tab_until(page, 'section.facet a[href^="/?q=motie&"]')
    path += tab_until(page, "li.hit h3 a")
    assert not invisible_focus(path), invisible_focus(path)
    href = path[-1].get("href") or ""
    assert href.startswith(("/documenten/", "/moties/")), href
