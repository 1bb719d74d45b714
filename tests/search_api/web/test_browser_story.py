"""Issue 11's acceptance stories, in a real browser on the demo data: a new user finds a document
by a word that occurs only on its page 3, narrows by municipality and year with the facets,
opens the reader at page 3 (image and marked text) and shares a permalink that shows the same;
follows a search by its Atom feed and sees a newly harvested document first; and downloads the
search's CSV export from the page."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

import feedparser
from playwright.sync_api import Page, expect

from search_api.routes_export import COLUMNS
from tests.search_api.web.browser import check_page
from tests.search_api.web.demo_site import DemoSite


def choose_facet(page: Page, facet: str, label: str) -> None:
    """Click the value `label` of facet `facet` and wait for the narrowed page."""
    link = page.locator(f"section.facet[data-facet='{facet}'] a", has_text=label).first
    with page.expect_navigation() as navigation:
        link.click()
    check_page(page, navigation.value)


def assert_reader_at_page_3(page: Page, word: str, title: str) -> None:
    """The reader shows `title` scrolled to page 3, its image loaded and `word` marked there
    and on no other page."""
    assert urlsplit(page.url).fragment == "pagina-3"
    expect(page.locator("h1")).to_have_text(title)
    section = page.locator("section#pagina-3")
    expect(section).to_be_in_viewport()
    image = section.locator("img")
    expect(image).to_be_visible()
    page.wait_for_function(
        "(img) => img.complete && img.naturalWidth > 0", arg=image.element_handle()
    )
    marks = page.locator(".page-text mark")
    expect(section.locator(".page-text mark").first).to_be_visible()
    assert {m.lower() for m in section.locator(".page-text mark").all_inner_texts()} == {
        word.lower()
    }
    assert marks.count() == section.locator(".page-text mark").count(), "marked on page 3 only"


def test_find_a_page_3_word_narrow_by_facets_and_share_the_reader(
    page: Page, demo_site: DemoSite
) -> None:
    world = demo_site.sandbox.world
    word = world.page3_word
    document_id = f"document:notubiz:{world.page3_source_key}:{world.page3_document_id}"
    municipality = world.municipality(world.page3_source_key).name
    hit = page.request.get(f"/api/search?q={word}").json()["hits"][0]
    year = hit["date"][:4]

    check_page(page, page.goto("/"))
    page.get_by_label("Zoekwoorden").fill(word)
    with page.expect_navigation():
        page.get_by_role("button", name="Zoeken", exact=True).click()
    results = page.locator("ol.hits > li")
    expect(results).to_have_count(1)
    choose_facet(page, "organization", municipality)
    choose_facet(page, "year", year)
    query = parse_qs(urlsplit(page.url).query)
    assert query["q"] == [word] and query["organization"] == [municipality]
    assert query.get("year") == [year] or query.get("date_from") == [f"{year}-01-01"]
    expect(results).to_have_count(1)
    expect(results.first.locator("h3")).to_have_text(hit["title"])
    search_permalink = page.url

    page_link = results.first.locator("a.page", has_text="p. 3")
    with page.expect_navigation():
        page_link.click()
    assert urlsplit(page.url).path == "/documenten/" + quote(document_id, safe=":")
    assert_reader_at_page_3(page, word, hit["title"])

    fresh = page.context.new_page()
    check_page(fresh, fresh.goto(page.url))
    assert_reader_at_page_3(fresh, word, hit["title"])
    check_page(fresh, fresh.goto(search_permalink))
    expect(fresh.locator("ol.hits > li h3")).to_have_text([hit["title"]])
    expect(fresh.locator("aside.facets a[aria-current='true']")).to_have_count(2)


def test_the_csv_export_link_downloads_the_whole_result_set(page: Page) -> None:
    check_page(page, page.goto("/?q=begroting"))
    first_title = page.locator("ol.hits > li h3").first.inner_text()
    total = page.request.get("/api/search?q=begroting").json()["total"]
    with page.expect_download() as download:
        page.get_by_role("link", name="CSV", exact=True).click()
    saved = Path(download.value.path())
    text = saved.read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == list(COLUMNS)
    assert len(rows) - 1 == total > 0
    assert rows[1][COLUMNS.index("title")] == first_title  # the page's order
    assert download.value.suggested_filename.endswith(".csv")


def test_a_followed_search_lists_a_newly_harvested_document_first(
    page: Page, demo_site: DemoSite
) -> None:
    world = demo_site.sandbox.world
    term = "raadsinformatiebrief"
    check_page(page, page.goto(f"/?q={term}"))
    feed_link = page.get_by_role("link", name="Volg deze zoekopdracht (Atom)")
    feed_url = demo_site.link(feed_link.get_attribute("href") or "")
    assert page.locator("link[rel=alternate][type='application/atom+xml']").count() == 1
    before = feedparser.parse(page.request.get(feed_url).body())
    assert before.bozo == 0, before.get("bozo_exception")

    meeting = world.municipality("voorbeeldstad").meetings[0]
    added = world.add_document(meeting.id, title="Raadsinformatiebrief over de nieuwe bibliotheek")
    added_id = f"document:notubiz:voorbeeldstad:{added}"
    try:
        demo_site.reharvest("voorbeeldstad")
        after = feedparser.parse(page.request.get(feed_url).body())
    finally:
        world.remove_document(added)
        demo_site.reharvest("voorbeeldstad")  # the other tests see the demo data as harvested
    assert after.bozo == 0, after.get("bozo_exception")
    newest = after.entries[0]
    assert newest.title == "Raadsinformatiebrief over de nieuwe bibliotheek"
    assert quote(added_id, safe=":") in newest.link
    assert all(quote(added_id, safe=":") not in entry.link for entry in before.entries)
    assert [e.id for e in after.entries[1:]] == [e.id for e in before.entries][
        : len(after.entries) - 1
    ]
