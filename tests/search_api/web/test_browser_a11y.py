"""Every page type of the web interface on the demo data, reached the way a user reaches it (by
its links where it has no fixed address), passes axe-core with zero serious or critical WCAG 2.1
A/AA violations, is Dutch (`lang="nl"`), has one `h1`, weighs at most 100 KB of HTML+CSS and asks
no other host for anything (the `page` fixture fails the test on that and on script errors).
The signed-in pages (an organisation's API tokens, the accounts, the audit log) are reached
signed in, as an editor or an admin."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, Response

from tests.search_api.web.browser import check_page
from tests.search_api.web.demo_site import DemoSite
from tests.search_api.web.sign_in import sign_in, sign_in_admin

Opener = Callable[[Page, DemoSite], Response | None]


def follow(page: Page, start: str, selector: str) -> Response | None:
    """Open `start`, then click the first link matching `selector`; the answer it led to."""
    check_page(page, page.goto(start))
    link = page.locator(selector).first
    with page.expect_navigation() as navigation:
        link.click()
    return navigation.value


def search_with_results(page: Page, site: DemoSite) -> Response | None:
    answer = page.goto("/?q=begroting")
    assert page.locator("ol.hits > li").count() > 0, "no results for 'begroting'"
    return answer


def search_without_results(page: Page, site: DemoSite) -> Response | None:
    answer = page.goto("/?q=xyzzyqwertyplof&organization=Voorbeeldstad")
    assert page.get_by_text("Geen resultaten").first.is_visible()
    return answer


def reader(page: Page, site: DemoSite) -> Response | None:
    return follow(page, f"/?q={site.sandbox.world.page3_word}", "ol.hits h3 a")


def meeting(page: Page, site: DemoSite) -> Response | None:
    return follow(page, "/organisaties/voorbeeldstad", "main a[href^='/vergaderingen/']")


def motion(page: Page, site: DemoSite) -> Response | None:
    return follow(page, "/?q=motie", "ol.hits a[href^='/moties/']")


def organisations(page: Page, site: DemoSite) -> Response | None:
    return page.goto("/organisaties")


def organisation(page: Page, site: DemoSite) -> Response | None:
    return follow(page, "/organisaties", "main a[href='/organisaties/voorbeeldstad']")


def dossier(page: Page, site: DemoSite) -> Response | None:
    return follow(page, "/organisaties/zandaam-woo", "main a[href^='/dossiers/']")


def sign_in_form(page: Page, site: DemoSite) -> Response | None:
    return follow(page, "/", "header.site a[href='/aanmelden']")


def tokens(page: Page, site: DemoSite) -> Response | None:
    sign_in(page, site.settings, "voorbeeldstad")  # lands on the dashboard, which links it
    return follow(page, "/beheer/organisaties/voorbeeldstad", "main a[href$='/tokens']")


def accounts(page: Page, site: DemoSite) -> Response | None:
    sign_in_admin(page, site.settings)  # lands on /beheer/aanmeldingen, which links it
    return follow(page, "/beheer", "main a[href='/beheer/accounts']")


def audit_log(page: Page, site: DemoSite) -> Response | None:
    sign_in_admin(page, site.settings)
    return follow(page, "/beheer", "main a[href='/beheer/audit']")


PAGES: dict[str, Opener] = {
    "search-results": search_with_results,
    "search-zero-results": search_without_results,
    "reader": reader,
    "meeting": meeting,
    "motion": motion,
    "organisations": organisations,
    "organisation": organisation,
    "dossier": dossier,
    "sign-in": sign_in_form,
    "tokens": tokens,
    "accounts": accounts,
    "audit-log": audit_log,
}
NOT_FOUND = {
    "unknown-path": "/geen-pagina-hier",
    "unknown-document": "/documenten/document:notubiz:voorbeeldstad:1",
    "unknown-meeting": "/vergaderingen/meeting:notubiz:voorbeeldstad:1",
    "unknown-motion": "/moties/motion:notubiz:voorbeeldstad:1",
    "unknown-organisation": "/organisaties/bestaat-niet",
    "unknown-dossier": "/dossiers/dossier:diwoo:zandaam-woo:1",
}


def assert_accessible(page: Page, axe_violations: Callable[[Page], str]) -> None:
    assert page.locator("h1").count() == 1, "a page has exactly one h1"
    assert page.locator("main").count() == 1
    found = axe_violations(page)
    assert not found, f"axe-core on {page.url}:\n{found}"


@pytest.mark.parametrize("kind", PAGES)
def test_every_page_type_passes_axe(
    page: Page, demo_site: DemoSite, axe_violations: Callable[[Page], str], kind: str
) -> None:
    answer = PAGES[kind](page, demo_site)
    check_page(page, answer)
    assert_accessible(page, axe_violations)


@pytest.mark.parametrize("kind", NOT_FOUND)
def test_not_found_pages_are_dutch_and_pass_axe(
    page: Page, axe_violations: Callable[[Page], str], kind: str
) -> None:
    check_page(page, page.goto(NOT_FOUND[kind]), status=404)
    assert "Traceback" not in page.content()
    assert page.locator("main a[href='/']").count() >= 1, "a way back to the search page"
    assert_accessible(page, axe_violations)
