"""The browser tests' own tools do what the other tests rely on: the demo site holds every sandbox
supplier, axe-core finds a real violation and passes a clean page, the watch catches script
errors and requests to other hosts, and the page checks measure what they claim."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import Browser, Page

from tests.search_api.web.browser import Watch, focus_state
from tests.search_api.web.demo_site import DemoSite

CLEAN = """<!doctype html><html lang="nl"><head><title>Proef</title></head><body>
<main><h1>Proef</h1><p>Een schone pagina.</p><a href="#x">verder</a></main></body></html>"""


def test_the_demo_site_serves_every_sandbox_supplier(page: Page, demo_site: DemoSite) -> None:
    answer = page.request.get("/api/sources")
    assert answer.ok
    suppliers = {source["supplier"] for source in answer.json()["sources"]}
    assert suppliers == {"notubiz", "ibabs", "gemeenteoplossingen", "parlaeus", "diwoo"}
    word = demo_site.sandbox.world.page3_word
    found = page.request.get(f"/api/search?q={word}").json()
    assert [hit["pages"][0]["number"] for hit in found["hits"]] == [3]


def test_axe_reports_an_image_without_text_and_passes_a_clean_page(
    page: Page, axe_violations: Callable[[Page], str]
) -> None:
    page.set_content(CLEAN)
    assert axe_violations(page) == ""
    page.set_content(CLEAN.replace("<p>", '<p><img src="data:," width="10" height="10">'))
    found = axe_violations(page)
    assert "image-alt" in found and found.startswith("critical")


def test_the_watch_catches_script_errors_and_foreign_requests(browser: Browser) -> None:
    context = browser.new_context()
    try:
        opened = context.new_page()
        watch = Watch(origin="http://127.0.0.1:1")
        watch.attach(opened)
        opened.route("http://elsewhere.invalid/**", lambda route: route.abort())
        opened.set_content(
            CLEAN.replace(
                "</body>",
                '<img alt="" src="http://elsewhere.invalid/x.png">'
                "<script>undefinedFunction()</script></body>",
            )
        )
        problems = "\n".join(watch.problems())
    finally:
        context.close()
    assert "undefinedFunction" in problems
    assert "request to another host: http://elsewhere.invalid/x.png" in problems


def test_focus_state_sees_the_focused_link_and_its_outline(page: Page) -> None:
    page.set_content(CLEAN.replace("<head>", "<head><style>a:focus{outline:none}</style>"))
    page.keyboard.press("Tab")
    state = focus_state(page)
    assert (state["tag"], state["text"], state["visible"]) == ("a", "verder", False)
    page.set_content(CLEAN.replace("<head>", "<head><style>a:focus{outline:3px solid}</style>"))
    page.keyboard.press("Tab")
    assert focus_state(page)["visible"] is True


def test_the_watch_allows_a_404_page_but_not_a_broken_stylesheet(
    browser: Browser, demo_site: DemoSite
) -> None:
    context = browser.new_context()
    try:
        opened = context.new_page()
        watch = Watch(origin=demo_site.url)
        watch.attach(opened)
        answer = opened.goto(demo_site.link("/geen-pagina-hier"))
        assert answer is not None and answer.status == 404
        assert watch.problems() == []
        missing_css = demo_site.link("/static/ontbreekt.css")
        opened.set_content(
            CLEAN.replace("</head>", f'<link rel="stylesheet" href="{missing_css}">')
        )
        opened.wait_for_load_state("load")
        problems = watch.problems()
    finally:
        context.close()
    assert any(missing_css in line for line in problems), problems
