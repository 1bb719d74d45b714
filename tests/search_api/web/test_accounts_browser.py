"""In a real browser on the harvested demo data, accounts as their users meet them:

- an editor invited for Voorbeeldstad opens the one-time link, is refused a short password and
  two different ones, sets a good one and lands signed in on its organisation's dashboard; the
  link then no longer works; signed out, the editor signs in again with the password;
- an editor of another organisation gets 403 on Voorbeeldstad's pages, and that organisation's
  API token gets 403 on Voorbeeldstad's API (no token at all: 401);
- a form posted from a signed-in session without its CSRF token gets 403, and with it the
  change is made;
- 10 wrong passwords lock the account: the right password is then refused for 15 minutes (the
  lock ends when that time has passed, as the store's clock says).
"""

from __future__ import annotations

from datetime import timedelta

import httpx
from playwright.sync_api import BrowserContext, Page, expect

from tests.search_api.web.demo_site import DemoSite
from tests.search_api.web.sign_in import PASSWORD, api_token, sign_in
from vindplaats.accounts import people
from vindplaats.store import open_store

TOWN = "voorbeeldstad"
OTHER = "ministerie-ienw"
DASHBOARD = f"/beheer/organisaties/{TOWN}"


def _invite(demo_site: DemoSite, email: str, org: str) -> str:
    store = open_store(demo_site.settings)
    try:
        return people.invite(store, email, "editor", org, "cli").path()
    finally:
        store.close()


def _sign_in_form(page: Page, email: str, password: str) -> int:
    """The status of the page the sign-in form leads to (after a redirect: the page it goes to)."""
    page.goto("/aanmelden")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(password)
    with page.expect_navigation() as navigation:
        page.locator("main form").get_by_role("button", name="Aanmelden").click()
    answer = navigation.value
    assert answer is not None
    return answer.status


def test_an_invited_editor_sets_a_password_and_signs_in_again(
    context: BrowserContext, demo_site: DemoSite
) -> None:
    email = "griffie@voorbeeldstad.example"
    link = _invite(demo_site, email, TOWN)
    page = context.new_page()
    page.goto(link)
    page.get_by_label("Nieuw wachtwoord").fill("kort")
    page.get_by_label("Nogmaals").fill("kort")
    page.get_by_role("button", name="Wachtwoord opslaan").click()
    expect(page.get_by_text("minstens 12 tekens")).to_be_visible()
    page.get_by_label("Nieuw wachtwoord").fill(PASSWORD)
    page.get_by_label("Nogmaals").fill(PASSWORD + "!")
    page.get_by_role("button", name="Wachtwoord opslaan").click()
    expect(page.get_by_text("De twee wachtwoorden verschillen.")).to_be_visible()
    page.get_by_label("Nieuw wachtwoord").fill(PASSWORD)
    page.get_by_label("Nogmaals").fill(PASSWORD)
    page.get_by_role("button", name="Wachtwoord opslaan").click()
    page.wait_for_url(f"**{DASHBOARD}")
    cookie = next(c for c in context.cookies() if c["name"] == "vp_sessie")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Lax"

    again = page.goto(link)
    assert again is not None and again.status == 410  # a one-time link

    page.goto(DASHBOARD)
    page.get_by_role("button", name="Afmelden").click()
    page.wait_for_url(demo_site.url + "/")
    signed_out = page.goto(DASHBOARD)
    assert signed_out is not None and "/aanmelden" in page.url  # sent to sign in

    assert _sign_in_form(page, email, "verkeerd wachtwoord 1") == 401
    expect(page.get_by_text("Het e-mailadres of het wachtwoord klopt niet.")).to_be_visible()
    assert _sign_in_form(page, email, PASSWORD) == 200
    assert page.url.endswith(DASHBOARD)


def test_another_organisation_gets_403_on_pages_and_api(
    context: BrowserContext, demo_site: DemoSite
) -> None:
    page = context.new_page()
    sign_in(page, demo_site.settings, OTHER)
    for path in (DASHBOARD, f"{DASHBOARD}/bronnen", f"{DASHBOARD}/bronnen/nieuw"):
        answer = page.goto(path)
        assert answer is not None and answer.status == 403, path
    own = page.goto(f"/beheer/organisaties/{OTHER}")
    assert own is not None and own.status == 200

    token = api_token(demo_site.settings, OTHER)
    api = f"{demo_site.url}/api/organisations/{TOWN}"
    with httpx.Client(timeout=30) as client:
        for path in ("/dashboard", "/registrations", "/reports"):
            refused = client.get(api + path, headers={"Authorization": f"Bearer {token}"})
            assert refused.status_code == 403, (path, refused.text)
            assert refused.json()["error"]["message"]
            anonymous = client.get(api + path)
            assert anonymous.status_code == 401, (path, anonymous.text)
        mine = client.get(
            f"{demo_site.url}/api/organisations/{OTHER}/dashboard",
            headers={"Authorization": f"Bearer {token}"},
        )
        assert mine.status_code == 200, mine.text


def test_a_form_without_its_csrf_token_is_refused(
    context: BrowserContext, demo_site: DemoSite
) -> None:
    page = context.new_page()
    sign_in(page, demo_site.settings, TOWN)
    page.goto(DASHBOARD)
    form = page.locator("form", has=page.get_by_role("button", name="Afmelden"))
    assert form.locator("input[name=csrf_token]").count() == 1
    form.locator("input[name=csrf_token]").evaluate("input => input.remove()")
    with page.expect_response(lambda r: r.url.endswith("/afmelden")) as answer:
        form.get_by_role("button", name="Afmelden").click()
    assert answer.value.status == 403
    expect(page.get_by_text("CSRF")).to_be_visible()
    still = page.goto(DASHBOARD)  # nothing happened: still signed in
    assert still is not None and still.status == 200

    forged = page.request.post(
        f"{DASHBOARD}/woo-validatie", form={"csrf_token": "forged"}, max_redirects=0
    )
    assert forged.status == 403
    page.get_by_role("button", name="Afmelden").click()  # with its token the form works
    page.wait_for_url(demo_site.url + "/")
    assert not [c for c in context.cookies() if c["name"] == "vp_sessie"]


def test_ten_wrong_passwords_lock_the_account_for_a_set_time(
    context: BrowserContext, demo_site: DemoSite
) -> None:
    email = "slot@voorbeeldstad.example"
    page = context.new_page()
    page.goto(_invite(demo_site, email, TOWN))
    page.get_by_label("Nieuw wachtwoord").fill(PASSWORD)
    page.get_by_label("Nogmaals").fill(PASSWORD)
    page.get_by_role("button", name="Wachtwoord opslaan").click()
    page.wait_for_url(f"**{DASHBOARD}")
    context.clear_cookies()

    for attempt in range(people.LOCK_AFTER):
        assert _sign_in_form(page, email, f"fout wachtwoord {attempt}") == 401
    assert _sign_in_form(page, email, PASSWORD) == 423
    expect(page.get_by_text("tijdelijk geblokkeerd")).to_be_visible()

    store = open_store(demo_site.settings)
    try:
        account = store.account_by_email(email)
        assert account is not None and account.locked_until is not None
        left = account.locked_until - store.clock()
        assert timedelta(minutes=14) < left <= timedelta(seconds=people.LOCK_SECONDS)
        passed = store.clock().timestamp() - 1
        with store.transaction() as conn:  # the 15 minutes pass
            conn.execute("UPDATE accounts SET locked_until = ? WHERE id = ?", (passed, account.id))
    finally:
        store.close()
    assert _sign_in_form(page, email, PASSWORD) == 200
    assert page.url.endswith(DASHBOARD)
