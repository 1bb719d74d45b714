"""In a real browser on the harvested demo data, an editor of Voorbeeldstad manages its API
tokens: from the dashboard to the tokens page, a new token is shown once on the answer (not in
its URL, not cached), works on the organisation's API as `Authorization: Bearer`, is listed
with who made it and when it was last used, is no longer shown when the page is opened again,
and once revoked is refused by the API (401). Both changes are in the audit log. Another
organisation's editor gets 403 on the page; a visitor is sent to sign in."""

from __future__ import annotations

import uuid
from collections.abc import Callable

import httpx
from playwright.sync_api import BrowserContext, Page, expect

from tests.search_api.web.browser import check_page
from tests.search_api.web.demo_site import DemoSite
from tests.search_api.web.sign_in import sign_in
from vindplaats.store import open_store

TOWN = "voorbeeldstad"
OTHER = "ministerie-ienw"
TOKENS = f"/beheer/organisaties/{TOWN}/tokens"
EDITOR = f"redactie@{TOWN}.example"


def _dashboard_status(site: DemoSite, token: str) -> int:
    with httpx.Client(timeout=30) as client:
        answer = client.get(
            f"{site.url}/api/organisations/{TOWN}/dashboard",
            headers={"Authorization": f"Bearer {token}"},
        )
    return answer.status_code


def _row(page: Page, label: str) -> str:
    return page.locator("table.tokens tbody tr", has_text=label).inner_text()


def test_an_editor_makes_a_token_sees_it_once_uses_it_and_revokes_it(
    context: BrowserContext, demo_site: DemoSite, axe_violations: Callable[[Page], str]
) -> None:
    label = f"koppeling {uuid.uuid4().hex[:6]}"
    page = context.new_page()
    sign_in(page, demo_site.settings, TOWN)
    page.goto(f"/beheer/organisaties/{TOWN}")
    with page.expect_navigation() as opened:
        page.get_by_role("link", name="API-tokens van deze organisatie").click()
    check_page(page, opened.value)
    assert page.url.endswith(TOKENS)
    found = axe_violations(page)
    assert not found, found

    page.get_by_label("Naam van het token").fill(label)
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        page.get_by_role("button", name="Token maken").click()
    answer = posted.value
    assert answer.status == 200
    assert "no-store" in answer.headers["cache-control"]
    token = page.locator("#nieuw-token").inner_text().strip()
    assert token.startswith("vpt_") and token not in page.url
    expect(page.get_by_text("Dit token wordt maar één keer getoond.")).to_be_visible()
    expect(page.get_by_text(f"Authorization: Bearer {token}")).to_be_visible()
    found = axe_violations(page)
    assert not found, found

    assert _dashboard_status(demo_site, token) == 200
    page.goto(TOKENS)
    assert token not in page.content()  # shown once only
    row = _row(page, label)
    assert EDITOR in row and "actief" in row and "nooit" not in row  # used just now

    page.get_by_role("button", name=f"Intrekken: {label}").click()
    expect(page.get_by_text("Het token is ingetrokken")).to_be_visible()
    assert "ingetrokken" in _row(page, label)
    expect(page.get_by_role("button", name=f"Intrekken: {label}")).to_have_count(0)
    assert _dashboard_status(demo_site, token) == 401

    store = open_store(demo_site.settings)
    try:
        entries = store.audit_entries(TOWN, 50)
    finally:
        store.close()
    actions = {(e.action, e.actor) for e in entries}
    assert ("token.create", EDITOR) in actions and ("token.revoke", EDITOR) in actions


def test_a_token_without_a_name_is_refused_with_a_reason(
    context: BrowserContext, demo_site: DemoSite
) -> None:
    page = context.new_page()
    sign_in(page, demo_site.settings, TOWN)
    page.goto(TOKENS)
    page.get_by_label("Naam van het token").evaluate("input => input.removeAttribute('required')")
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        page.get_by_role("button", name="Token maken").click()
    assert posted.value.status == 400
    expect(page.get_by_role("alert")).to_contain_text("Geef het token een naam")
    assert page.locator("#nieuw-token").count() == 0


def test_another_organisation_gets_403_and_a_visitor_is_sent_to_sign_in(
    context: BrowserContext, demo_site: DemoSite
) -> None:
    page = context.new_page()
    visitor = page.goto(TOKENS)
    assert visitor is not None and "/aanmelden" in page.url
    sign_in(page, demo_site.settings, OTHER)
    refused = page.goto(TOKENS)
    assert refused is not None and refused.status == 403
    forged = page.request.post(f"{TOKENS}/x/intrekken", form={"csrf_token": "vals"})
    assert forged.status == 403
