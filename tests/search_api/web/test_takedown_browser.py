"""In a real browser on the demo site: the sample memo with fictional BSNs (valid elfproef) was
flagged at extraction, the annual accounts with nine-digit numbers that fail it were not; a
takedown removes the memo from the search page, the API (410), the feed and the export in the
same request, its page answers the Dutch 410 page, and a restore brings every one back.

The demo site is shared by the session: every test restores what it took down."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from normalize.records import Document
from tests.search_api.web.browser import check_page
from tests.search_api.web.demo_site import DemoSite
from tests.search_api.web.sign_in import sign_in
from vindplaats.accounts.organisations import Placement
from vindplaats.operations.takedown import restore, take_down
from vindplaats.store import Store, open_store

TOWN = "voorbeeldstad"
MEMO = "Memo afdoening toezegging evaluatie jeugdzorg"
ACCOUNTS = "Jaarstukken 2025"
QUERY = '"memo afdoening toezegging"'


@pytest.fixture
def store(demo_site: DemoSite) -> Iterator[Store]:
    opened = open_store(demo_site.settings)
    yield opened
    opened.close()


def _titled(store: Store, title: str) -> Document:
    for record in store.iter_records("document", TOWN):
        if isinstance(record, Document) and record.title == title:
            return record
    raise AssertionError(f"no {title!r} of {TOWN} in the demo")


def _everywhere(page: Page, doc_id: str) -> dict[str, bool]:
    """Where the memo shows, asked right after a change: the search page, the API, the document
    page, the feed and the export."""
    shown = page.goto("/?q=" + QUERY)
    assert shown is not None and shown.status == 200
    on_page = page.locator(f'a[href^="/documenten/{doc_id}?"]').count() > 0
    api = page.request.get("/api/search", params={"q": QUERY}).json()
    feed = page.request.get("/feed.atom", params={"q": QUERY}).text()
    export = page.request.get("/api/export", params={"format": "csv", "q": QUERY}).text()
    return {
        "search page": on_page,
        "search API": doc_id in {hit["id"] for hit in api["hits"]},
        "document API": page.request.get(f"/api/documents/{doc_id}").status == 200,
        "feed": doc_id in feed,
        "export": doc_id in export,
    }


def test_the_memo_with_bsns_is_flagged_and_the_accounts_are_not(store: Store) -> None:
    memo, accounts = _titled(store, MEMO), _titled(store, ACCOUNTS)
    flag = store.get_flag(memo.id)
    assert flag is not None and flag.reason == "bsn" and flag.detail["count"] == 2
    assert store.get_flag(accounts.id) is None


def test_a_takedown_leaves_search_api_feed_and_export_at_once_and_a_restore_returns(
    page: Page, store: Store
) -> None:
    memo = _titled(store, MEMO)
    before = _everywhere(page, memo.id)
    assert all(before.values()), before
    take_down(store, memo.id, reason="Bevat burgerservicenummers", actor="cli")
    try:
        after = _everywhere(page, memo.id)
        assert not any(after.values()), after
        check_page(page, page.goto(f"/documenten/{memo.id}"), status=410)
        assert "offline gehaald" in page.content()
        gone = page.request.get(f"/api/documents/{memo.id}")
        assert gone.status == 410 and gone.json()["error"]["code"] == "gone"
    finally:
        restore(store, memo.id, actor="cli")
    assert _everywhere(page, memo.id) == before


OTHER = "ministerie-ienw"


def _signed_in(browser: Browser, site: DemoSite, org: str) -> tuple[BrowserContext, Page]:
    context = browser.new_context(base_url=site.url, locale="nl-NL")
    opened = context.new_page()
    sign_in(opened, site.settings, org)
    return context, opened


def test_an_editor_takes_the_flagged_memo_offline_from_the_dashboard_and_restores_it(
    browser: Browser, demo_site: DemoSite, store: Store
) -> None:
    memo = _titled(store, MEMO)
    org = Placement(store).organisation_of(store.get_source(TOWN))
    context, page = _signed_in(browser, demo_site, org)
    try:
        before = _everywhere(page, memo.id)
        page.goto(f"/beheer/organisaties/{org}")
        section = page.locator(".dashboard-privacy")
        row = section.locator("tr", has=page.get_by_role("link", name=MEMO))
        expect(row).to_contain_text("2 × burgerservicenummer")
        accounts = section.get_by_role("link", name=ACCOUNTS)
        expect(accounts).to_have_count(0)  # nine-digit numbers failing the elfproef
        row.get_by_label(re.compile("Reden")).fill("Bevat burgerservicenummers")
        with page.expect_response(lambda r: r.request.method == "POST") as posted:
            row.get_by_role("button", name=re.compile("Offline halen")).click()
        assert posted.value.status == 303
        after = _everywhere(page, memo.id)  # asked right after the takedown's answer
        assert not any(after.values()), after
        entry = store.audit_entries(org, limit=5)[0]
        assert (entry.action, entry.subject) == ("document.takedown", memo.id)
        page.goto(f"/beheer/documenten/{memo.id}/offline")
        expect(page.get_by_role("heading", level=1)).to_have_text("Document offline gehaald")
        page.get_by_role("button", name="Terugzetten").click()
        page.wait_for_load_state()
        assert _everywhere(page, memo.id) == before
    finally:
        if memo.id in store.taken_down_ids():
            restore(store, memo.id, actor="cli")
        context.close()


def test_an_editor_of_another_organisation_gets_403(
    browser: Browser, demo_site: DemoSite, store: Store
) -> None:
    memo = _titled(store, MEMO)
    context, page = _signed_in(browser, demo_site, OTHER)
    try:
        shown = page.goto(f"/beheer/documenten/{memo.id}/offline")
        assert shown is not None and shown.status == 403
        answer = page.request.post(
            f"/api/documents/{memo.id}/takedown", data={"reason": "niet van ons"}
        )
        assert answer.status in (401, 403)  # a session is not a token on /api/ writes
        assert memo.id not in store.taken_down_ids()
    finally:
        context.close()
