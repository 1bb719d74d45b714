"""In a real browser on the demo site: the organisations list (every demo source, sortable), the
ministry's organisation page (its charts counting what the store holds, its scoped search box
used by keyboard), and one of its Woo-besluiten reached by its link: the inventory with
judgements and links to the harvested documents, as `/api/dossiers/{id}` gives them. Every
page axe-clean, in Dutch, under 100 KB."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from urllib.parse import quote

from playwright.sync_api import Page

from normalize.records import Document
from tests.search_api.web.browser import check_page, invisible_focus, tab_until
from tests.search_api.web.demo_site import DemoSite
from vindplaats.store import open_store

MINISTRY = "ministerie-ienw"


def test_the_list_shows_every_demo_source_and_sorts(
    page: Page, axe_violations: Callable[[Page], str]
) -> None:
    sources = page.request.get("/api/sources").json()["sources"]
    response = page.goto("/organisaties")
    check_page(page, response)
    links = page.locator("table.organisations tbody th a")
    assert links.count() == len(sources)
    assert sorted(links.all_inner_texts()) == sorted(s["name"] for s in sources)
    found = axe_violations(page)
    assert not found, found
    page.get_by_role("link", name=re.compile("^Documenten")).click()
    page.wait_for_url(re.compile(r"sort=documenten"))
    counts = [
        int(text.replace(".", ""))
        for text in page.locator("table.organisations tbody td.number").all_inner_texts()
    ]
    assert counts == sorted(counts, reverse=True) and counts[0] > 0


def test_the_organisation_page_charts_what_the_store_holds(
    page: Page, demo_site: DemoSite, axe_violations: Callable[[Page], str]
) -> None:
    page.goto("/organisaties")
    page.locator(f'a[href="/organisaties/{MINISTRY}"]').click()
    page.wait_for_url(re.compile(f"/organisaties/{MINISTRY}$"))
    check_page(page, page.reload())
    assert page.locator("section.source").count() >= 1
    assert "actueel" in page.locator("section.source").first.inner_text()
    found = axe_violations(page)
    assert not found, found
    store = open_store(demo_site.settings)
    try:
        withdrawn = store.withdrawn_record_ids("document", MINISTRY)
        docs = [
            d
            for d in store.iter_records("document", MINISTRY)
            if isinstance(d, Document) and d.id not in withdrawn
        ]
    finally:
        store.close()
    years = Counter(str(d.sort_date.year) if d.sort_date else "zonder datum" for d in docs)
    shown = {
        row.locator("th").inner_text(): int(row.locator("td.number").inner_text())
        for row in page.locator("#grafiek-1 tbody tr").all()
    }
    assert shown == dict(years) and sum(shown.values()) > 0
    per_type = page.locator("#grafiek-2 tbody td.number").all_inner_texts()
    assert sum(int(n) for n in per_type) == len(docs)


def test_the_scoped_search_box_works_by_keyboard(page: Page) -> None:
    page.goto(f"/organisaties/{MINISTRY}")
    path = tab_until(page, "#q-organisatie")
    hidden = invisible_focus(path)
    assert not hidden, hidden  # every element on the way showed its focus
    page.keyboard.type("windpark")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/\?"))
    assert f"organization={MINISTRY}" in page.url and "q=windpark" in page.url


def test_a_woo_besluit_shows_its_inventory_as_the_api_gives_it(
    page: Page, axe_violations: Callable[[Page], str]
) -> None:
    page.goto(f"/organisaties/{MINISTRY}")
    dossier_links = page.locator('a[href^="/dossiers/"]')
    assert dossier_links.count() >= 1
    href = dossier_links.first.get_attribute("href")
    assert href is not None
    dossier_links.first.click()
    page.wait_for_url(re.compile(r"/dossiers/"))
    check_page(page, page.reload())
    found = axe_violations(page)
    assert not found, found
    dossier = page.request.get("/api" + href).json()
    assert page.locator("h1").inner_text() == dossier["title"]
    rows = page.locator("table.inventory tbody tr")
    assert rows.count() == len(dossier["inventory"])
    for row, entry in zip(rows.all(), dossier["inventory"], strict=True):
        cells = row.locator("td")
        assert cells.nth(0).inner_text() == entry["number"]
        judgement = entry["judgement"] or entry["judgement_text"] or "onbekend"
        assert row.locator("td.judgement").inner_text() == judgement
        if entry["document"] and entry["document"]["title"]:
            link = row.locator("th a")
            expected = "/documenten/" + quote(entry["document"]["id"], safe=":")
            assert link.get_attribute("href") == expected
    assert page.locator('table.inventory th a[href^="/documenten/"]').count() >= 1
