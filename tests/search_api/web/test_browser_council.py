"""In a real browser on the demo site: a motion with votes (per member and per party, counted as
the API's votes say), its meeting reached by its link (the agenda tree, the motion on it), the
meeting searched for the motion's words (the hit marked), all axe-clean and keyboard-usable."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

from playwright.sync_api import Page

from tests.search_api.web.browser import check_page, invisible_focus, tab_until


def motion_with_votes(page: Page) -> dict[str, Any]:
    """A motion of the demo with votes of more than one party and a meeting, from the API."""
    found = page.request.get("/api/search?document_type=motie&size=100&facets=false")
    assert found.ok, found.status
    for hit in found.json()["hits"]:
        if not hit["links"]["self"].startswith("/api/motions/"):
            continue
        motion: dict[str, Any] = page.request.get(hit["links"]["self"]).json()
        parties = {vote["party"] for vote in motion["votes"]}
        if motion["meeting_id"] and len(parties) > 1:
            return motion
    raise AssertionError("the demo has no motion with votes of several parties and a meeting")


def test_a_motion_shows_its_votes_per_member_and_per_party(
    page: Page, axe_violations: Callable[[Page], str]
) -> None:
    motion = motion_with_votes(page)
    response = page.goto("/moties/" + quote(motion["id"], safe=":"))
    check_page(page, response)
    assert page.locator("h1").inner_text() == motion["title"]
    members = page.locator("#per-lid tbody tr")
    assert members.count() == len(motion["votes"])
    expected = Counter((v["party"] or "Zonder fractie", v["choice"]) for v in motion["votes"])
    for row in page.locator("#per-fractie tbody tr").all():
        party = row.locator("th").inner_text()
        voor, tegen = (int(row.locator("td").nth(i).inner_text()) for i in (0, 1))
        assert (voor, tegen) == (expected[(party, "voor")], expected[(party, "tegen")]), party
        assert row.locator("svg.tally rect.voor").count() == 1
    found = axe_violations(page)
    assert not found, found


def test_the_motion_links_to_its_meeting_whose_agenda_holds_it(
    page: Page, axe_violations: Callable[[Page], str]
) -> None:
    motion = motion_with_votes(page)
    page.goto("/moties/" + quote(motion["id"], safe=":"))
    page.locator("dl.meta").get_by_role("link", name=motion["meeting"]["name"]).click()
    page.wait_for_url(re.compile(r"/vergaderingen/"))
    assert page.locator("h1").inner_text() == motion["meeting"]["name"]
    assert page.locator("ol.agenda li.punt").count() > 0
    assert page.locator(f'a[href="/moties/{quote(motion["id"], safe=":")}"]').count() == 1
    found = axe_violations(page)
    assert not found, found


def test_searching_a_meeting_marks_the_hit_and_is_keyboard_usable(
    page: Page, axe_violations: Callable[[Page], str]
) -> None:
    motion = motion_with_votes(page)
    response = page.goto("/vergaderingen/" + quote(motion["meeting_id"], safe=":"))
    check_page(page, response)
    path = tab_until(page, "#q-vergadering")
    hidden = invisible_focus(path)
    assert not hidden, hidden
    word = max(re.findall(r"\w+", motion["title"]), key=len)
    page.keyboard.type(word)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"\?q="))
    assert "treffer" in page.locator("p.hitcount").inner_text()
    marked = page.locator("li.record.treffer")
    assert marked.count() >= 1
    assert marked.locator("a").first.get_attribute("href") is not None
    assert (
        page.locator(
            f'li.record.treffer a[href^="/moties/{quote(motion["id"], safe=":")}"]'
        ).count()
        == 1
    )
    found = axe_violations(page)
    assert not found, found
