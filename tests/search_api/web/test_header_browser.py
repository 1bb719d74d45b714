"""In a real browser on the harvested demo data, the header of every page says who is signed
in: a visitor sees "Aanmelden"; an editor sees "Beheer" (to its dashboard) and an "Afmelden"
button, which signs out. A public page stays cacheable for visitors (`Vary: Cookie`, so a shared
cache keeps visitors' and signed-in people's copies apart); the same page rendered for someone
signed in carries their CSRF token and is `private, no-store`."""

from __future__ import annotations

from playwright.sync_api import BrowserContext, Page, Response, expect

from tests.search_api.web.browser import check_page
from tests.search_api.web.demo_site import DemoSite
from tests.search_api.web.sign_in import sign_in

TOWN = "voorbeeldstad"


def _vary(answer: Response) -> list[str]:
    return [v.strip().lower() for v in answer.headers.get("vary", "").split(",")]


def _assert_visitor(page: Page) -> None:
    header = page.locator("header.site")
    expect(header.get_by_role("link", name="Aanmelden")).to_have_attribute("href", "/aanmelden")
    expect(header.get_by_role("button", name="Afmelden")).to_have_count(0)
    expect(header.get_by_role("link", name="Beheer")).to_have_count(0)


def test_a_visitor_sees_aanmelden_and_public_pages_stay_cacheable(
    context: BrowserContext,
) -> None:
    page = context.new_page()
    answer = page.goto("/monitor")
    check_page(page, answer)
    assert answer is not None
    assert answer.headers["cache-control"] == "public, max-age=60"
    assert "cookie" in _vary(answer) and answer.headers.get("etag")
    _assert_visitor(page)
    page.locator("header.site").get_by_role("link", name="Aanmelden").click()
    expect(page.get_by_role("heading", name="Aanmelden", level=1)).to_be_visible()


def test_a_signed_in_editor_sees_beheer_and_afmelden_and_pages_are_private(
    context: BrowserContext, demo_site: DemoSite
) -> None:
    page = context.new_page()
    sign_in(page, demo_site.settings, TOWN)
    answer = page.goto("/monitor")
    check_page(page, answer)
    assert answer is not None
    assert answer.headers["cache-control"] == "private, no-store"
    assert "cookie" in _vary(answer)
    header = page.locator("header.site")
    expect(header.get_by_role("link", name="Aanmelden")).to_have_count(0)
    sign_out = header.locator("form", has=page.get_by_role("button", name="Afmelden"))
    assert sign_out.get_attribute("method") == "post"
    assert sign_out.get_attribute("action") == "/afmelden"
    assert sign_out.locator("input[name=csrf_token]").count() == 1

    header.get_by_role("link", name="Beheer").click()
    page.wait_for_url(f"**/beheer/organisaties/{TOWN}")
    page.locator("header.site").get_by_role("button", name="Afmelden").click()
    page.wait_for_url(demo_site.url + "/")
    _assert_visitor(page)
    again = page.goto("/monitor")
    assert again is not None and again.headers["cache-control"] == "public, max-age=60"
