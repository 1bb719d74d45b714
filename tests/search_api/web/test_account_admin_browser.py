"""In a real browser on the harvested demo data, an admin manages the accounts at
/beheer/accounts: invites an editor of Voorbeeldstad and sees the one-time link once (a full
URL on the site's address), which works in a fresh browser and lands the editor on its
dashboard; unlocks the editor after 10 wrong passwords; disables the editor (whose session
ends at once) and enables it again; makes a fresh link. The audit log (/beheer/audit) lists
each change with who made it and when, newest first and paged. An editor gets 403 on both
pages."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.search_api.web.browser import check_page
from tests.search_api.web.demo_site import DemoSite
from tests.search_api.web.sign_in import PASSWORD, sign_in, sign_in_admin
from vindplaats.accounts import people
from vindplaats.store import open_store

TOWN = "voorbeeldstad"
ADMIN = "beheer@vindplaats.example"
ACCOUNTS = "/beheer/accounts"


@pytest.fixture
def contexts(browser: Browser, demo_site: DemoSite) -> Iterator[Callable[[], BrowserContext]]:
    """`new()` makes a fresh browser context (its own cookies) on the demo site."""
    made: list[BrowserContext] = []

    def new() -> BrowserContext:
        made.append(browser.new_context(base_url=demo_site.url, locale="nl-NL"))
        return made[-1]

    try:
        yield new
    finally:
        for context in made:
            context.close()


def _admin(contexts: Callable[[], BrowserContext], site: DemoSite) -> Page:
    page = contexts().new_page()
    sign_in_admin(page, site.settings)
    return page


def _row(page: Page, email: str) -> str:
    return page.locator("table.accounts tbody tr", has_text=email).inner_text()


def _cell(page: Page, email: str, column: str) -> str:
    """The text of one column ("locked", "disabled", "last") of the account's row."""
    number = {"locked": 4, "disabled": 5, "last": 6}[column]
    row = page.locator("table.accounts tbody tr", has_text=email)
    return row.locator(f"td:nth-child({number})").inner_text().strip()


def _lock(site: DemoSite, email: str) -> None:
    store = open_store(site.settings)
    try:
        for _ in range(people.LOCK_AFTER):
            account = store.account_by_email(email)
            assert account is not None
            assert not people.check_password(store, account, "een verkeerd wachtwoord")
    finally:
        store.close()


def _accept(page: Page, link: str) -> None:
    page.goto(link)
    page.get_by_label("Nieuw wachtwoord").fill(PASSWORD)
    page.get_by_label("Nogmaals").fill(PASSWORD)
    page.get_by_role("button", name="Wachtwoord opslaan").click()


def test_an_admin_invites_unlocks_disables_and_links_an_editor_and_the_log_says_so(
    contexts: Callable[[], BrowserContext],
    demo_site: DemoSite,
    axe_violations: Callable[[Page], str],
) -> None:
    email = f"griffier-{uuid.uuid4().hex[:6]}@{TOWN}.example"
    admin = _admin(contexts, demo_site)
    check_page(admin, admin.goto(ACCOUNTS))
    assert ADMIN in _row(admin, ADMIN)
    found = axe_violations(admin)
    assert not found, found

    admin.get_by_label("E-mailadres").fill(email)
    admin.get_by_label("Rol", exact=True).select_option("editor")
    admin.get_by_label("Organisatie (sleutel)").fill(TOWN)
    with admin.expect_response(lambda r: r.request.method == "POST") as posted:
        admin.get_by_role("button", name="Uitnodigen").click()
    assert "no-store" in posted.value.headers["cache-control"]
    link = admin.locator("#eenmalige-link").inner_text().strip()
    assert re.fullmatch(re.escape(demo_site.url) + r"/uitnodiging/[A-Za-z0-9_-]{20,}", link)
    assert link not in admin.url
    expect(admin.get_by_text("Deze link wordt maar één keer getoond.")).to_be_visible()
    found = axe_violations(admin)
    assert not found, found
    assert _cell(admin, email, "last") == "nooit" and "redacteur" in _row(admin, email)

    editor = contexts().new_page()  # a fresh browser: no cookie of the admin's
    _accept(editor, link)
    editor.wait_for_url(f"**/beheer/organisaties/{TOWN}")
    check_page(editor, editor.reload())
    editor.get_by_role("button", name="Afmelden").click()
    editor.goto("/aanmelden")
    editor.get_by_label("E-mailadres").fill(email)
    editor.get_by_label("Wachtwoord").fill(PASSWORD)
    editor.locator("main form").get_by_role("button", name="Aanmelden").click()
    editor.wait_for_url(f"**/beheer/organisaties/{TOWN}")
    admin.goto(ACCOUNTS)
    assert re.search(r"\d{4} \d\d:\d\d", _cell(admin, email, "last"))

    _lock(demo_site, email)
    admin.goto(ACCOUNTS)
    assert re.search(r"\d{4} \d\d:\d\d", _cell(admin, email, "locked"))
    admin.get_by_role("button", name=f"Ontgrendelen: {email}").click()
    expect(admin.get_by_text("Het account is ontgrendeld")).to_be_visible()
    expect(admin.get_by_role("button", name=f"Ontgrendelen: {email}")).to_have_count(0)

    assert _cell(admin, email, "locked") == ""
    admin.get_by_role("button", name=f"Uitschakelen: {email}").click()
    expect(admin.get_by_text("Het account is uitgeschakeld")).to_be_visible()
    assert _cell(admin, email, "disabled") == "ja"
    editor.goto(f"/beheer/organisaties/{TOWN}")
    assert "/aanmelden" in editor.url  # its session ended
    admin.get_by_role("button", name=f"Inschakelen: {email}").click()
    expect(admin.get_by_text("Het account is weer ingeschakeld")).to_be_visible()

    admin.get_by_role("button", name=f"Nieuwe link: {email}").click()
    fresh = admin.locator("#eenmalige-link").inner_text().strip()
    assert fresh != link and fresh.startswith(demo_site.url + "/uitnodiging/")
    _accept(editor, fresh)
    editor.wait_for_url(f"**/beheer/organisaties/{TOWN}")

    check_page(admin, admin.goto(f"/beheer/audit?organisatie={TOWN}"))
    found = axe_violations(admin)
    assert not found, found
    rows = admin.locator("table.audit tbody tr").filter(has_text=email).all_inner_texts()
    actions = ["account.link", "account.enable", "account.disable", "account.unlock"]
    for action in [*actions, "account.invite"]:
        assert any(action in row and ADMIN in row for row in rows), (action, rows)
    assert any("account.locked" in row and "public" in row for row in rows), rows
    ordered = [a for row in rows for a in actions if a in row]
    assert ordered[:4] == actions  # newest first
    assert all(re.search(r"\d{4} \d\d:\d\d", row) for row in rows)  # when


def test_the_audit_log_pages_on_and_refuses_a_bad_page_number(
    contexts: Callable[[], BrowserContext], demo_site: DemoSite
) -> None:
    org = f"paging-{uuid.uuid4().hex[:6]}"
    store = open_store(demo_site.settings)
    try:
        for number in range(55):
            store.add_audit("cli", "test.entry", organisation_key=org, subject=f"nr {number}")
    finally:
        store.close()
    admin = _admin(contexts, demo_site)
    check_page(admin, admin.goto(f"/beheer/audit?organisatie={org}"))
    subjects = admin.locator("table.audit tbody tr td:nth-child(5)").all_inner_texts()
    assert subjects == [f"nr {n}" for n in range(54, 4, -1)]
    admin.get_by_role("link", name="Oudere wijzigingen").click()
    subjects = admin.locator("table.audit tbody tr td:nth-child(5)").all_inner_texts()
    assert subjects == [f"nr {n}" for n in range(4, -1, -1)]
    expect(admin.get_by_role("link", name="Oudere wijzigingen")).to_have_count(0)
    expect(admin.get_by_role("link", name="Nieuwste")).to_be_visible()
    bad = admin.goto("/beheer/audit?voor=veel")
    assert bad is not None and bad.status == 400


def test_an_editor_gets_403_on_the_accounts_and_the_audit_log(
    contexts: Callable[[], BrowserContext], demo_site: DemoSite
) -> None:
    page = contexts().new_page()
    for path in (ACCOUNTS, "/beheer/audit"):
        visitor = page.goto(path)
        assert visitor is not None and "/aanmelden" in page.url, path
    sign_in(page, demo_site.settings, TOWN)
    for path in (ACCOUNTS, "/beheer/audit"):
        refused = page.goto(path)
        assert refused is not None and refused.status == 403, path
    forged = page.request.post(ACCOUNTS, form={"email": "x@y.example", "role": "admin"})
    assert forged.status == 403


def test_an_invitation_for_an_unknown_organisation_is_refused_with_a_reason(
    contexts: Callable[[], BrowserContext], demo_site: DemoSite
) -> None:
    admin = _admin(contexts, demo_site)
    admin.goto(ACCOUNTS)
    admin.get_by_label("E-mailadres").fill("iemand@nergens.example")
    admin.get_by_label("Organisatie (sleutel)").fill("bestaat-niet")
    with admin.expect_response(lambda r: r.request.method == "POST") as posted:
        admin.get_by_role("button", name="Uitnodigen").click()
    assert posted.value.status == 400
    expect(admin.get_by_role("alert")).to_contain_text("De uitnodiging kon niet worden gemaakt.")
    assert admin.locator("#eenmalige-link").count() == 0
    expect(admin.get_by_label("E-mailadres")).to_have_value("iemand@nergens.example")


def test_an_admin_cannot_disable_their_own_account(
    contexts: Callable[[], BrowserContext], demo_site: DemoSite
) -> None:
    admin = _admin(contexts, demo_site)
    admin.goto(ACCOUNTS)
    expect(admin.get_by_role("button", name=f"Uitschakelen: {ADMIN}")).to_have_count(0)
    store = open_store(demo_site.settings)
    try:
        me = store.account_by_email(ADMIN)
    finally:
        store.close()
    assert me is not None
    csrf = admin.locator("input[name=csrf_token]").first.get_attribute("value") or ""
    refused = admin.request.post(f"{ACCOUNTS}/{me.id}/uitschakelen", form={"csrf_token": csrf})
    assert refused.status == 409
    assert "eigen account niet uitschakelen" in refused.text()
    again = admin.goto(ACCOUNTS)  # still signed in, still enabled
    assert again is not None and again.status == 200
