"""In a real browser on the harvested demo data: an editor of Voorbeeldstad opens the dashboard
and sees the counts per year, the broken sample files with their reasons (the 404 and the
corrupt PDF), the months without a meeting flagged (the sample year has none in December 2025
nor in August 2026), and after "Nu valideren" the validation result of the Woo-index export.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from playwright.sync_api import Browser, Page

from search_api import create_app
from tests.search_api.live import served
from tests.search_api.web.browser import Watch, check_page
from tests.search_api.web.demo_site import DemoSite
from tests.search_api.web.sign_in import sign_in
from vindplaats.settings import Settings

TOWN = "voorbeeldstad"


@pytest.fixture(scope="module")
def site(demo_site: DemoSite) -> Iterator[tuple[str, Settings]]:
    """The demo data served with a public base URL, so the Woo-index export exists."""
    settings = demo_site.settings.model_copy(
        update={"api_rate_limit": "off", "public_base_url": "https://vindplaats.example"}
    )
    with served(create_app(settings), wait=30) as (url, _):
        yield url.rstrip("/"), settings


@pytest.fixture
def editor(browser: Browser, site: tuple[str, Settings]) -> Iterator[Page]:
    url, settings = site
    context = browser.new_context(base_url=url, locale="nl-NL")
    opened = context.new_page()
    watch = Watch(origin=url)
    watch.attach(opened)
    sign_in(opened, settings, TOWN)
    try:
        yield opened
    finally:
        context.close()
    problems = watch.problems()
    assert not problems, "\n".join(problems[:20])


def test_the_dashboard_shows_counts_failures_gaps_and_the_export_check(
    editor: Page, axe_violations: Callable[[Page], str]
) -> None:
    check_page(editor, editor.goto(f"/beheer/organisaties/{TOWN}"))
    source = editor.locator("article.dashboard-source", has_text="Voorbeeldstad").first
    years = source.locator("table.counts tbody th").all_inner_texts()
    assert "2025" in years and "2026" in years
    assert "niet gemeld door de leverancier" in source.locator("table.totals").inner_text()
    gaps = source.locator("li.gap-month").all_inner_texts()
    assert "december 2025" in gaps and "augustus 2026" in gaps and "maart 2026" not in gaps
    problems = editor.locator("table.problems tbody tr").all_inner_texts()
    assert any("downloaden mislukt" in row and "404" in row for row in problems), problems
    assert any("tekst uithalen mislukt" in row for row in problems), problems
    assert "Nog niet gevalideerd." in editor.locator(".woo-check").inner_text()
    found = axe_violations(editor)
    assert not found, found

    editor.get_by_role("button", name="Nu valideren").click()
    editor.wait_for_url(f"**/beheer/organisaties/{TOWN}#woo-export")
    result = editor.locator(".woo-check").inner_text()
    assert "Laatste validatie" in result and ("geldig" in result or "ongeldig" in result)
    assert "documenten in de sitemaps" in result
