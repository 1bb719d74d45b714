"""In a real browser (chromium) the pages and their styles arrive gzip-compressed and are read:
the compressed search page renders with its compressed stylesheet parsed, and the JSON API the
page's scripts could call decodes the same."""

from __future__ import annotations

from playwright.sync_api import Page, Response


def test_the_browser_reads_the_gzipped_page_and_styles(page: Page) -> None:
    answers: list[Response] = []

    def keep(answer: Response) -> None:
        answers.append(answer)

    page.on("response", keep)
    page.goto("/?q=begroting")
    document = next(a for a in answers if a.request.resource_type == "document")
    styles = [a for a in answers if a.request.resource_type == "stylesheet"]
    assert document.status == 200
    assert document.all_headers()["content-encoding"] == "gzip"
    assert styles and all(a.all_headers().get("content-encoding") == "gzip" for a in styles)
    rules = page.evaluate("[...document.styleSheets].map(s => s.cssRules.length)")
    assert rules and min(rules) > 0  # every stylesheet decoded and parsed
    assert page.get_by_role("heading", level=1).count() == 1
    api = page.request.get("/api/search?q=begroting", headers={"Accept-Encoding": "gzip"})
    assert api.ok and api.headers["content-encoding"] == "gzip"
    assert api.json()["total"] >= 1
