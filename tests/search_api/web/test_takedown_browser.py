"""In a real browser on the demo site: the sample memo with fictional BSNs (valid elfproef) was
flagged at extraction, the annual accounts with nine-digit numbers that fail it were not; a
takedown removes the memo from the search page, the API (410), the feed and the export in the
same request, its page answers the Dutch 410 page, and a restore brings every one back.

The demo site is shared by the session: every test restores what it took down."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page

from normalize.records import Document
from tests.search_api.web.browser import check_page
from tests.search_api.web.demo_site import DemoSite
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
