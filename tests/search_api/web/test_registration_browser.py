"""In a real browser (Chromium), the whole way of a source an organisation registers itself: an
editor of Voorbeeldstad registers the NotuBiz source of the sandbox (a missing field is named
first), runs the verification and sees its sample meetings, and submits it; an admin approves
it at /beheer/aanmeldingen; one worker pass harvests it, as the scheduler's workers do; the
organisation's dashboard then shows its counts per year and the sample files that failed, with
their reasons.

The site is its own: a fresh data directory with no source at all (only the organisation),
served by uvicorn on loopback with the sandbox beside it, so the shared demo site is untouched.

Signing in is as people do it (`tests.search_api.web.sign_in`: an editor who accepted an
invitation and set a password, and an admin).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
from playwright.sync_api import Browser, Page, expect

from search_api import create_app
from tests.search_api.live import served
from tests.search_api.web.browser import Watch, check_page
from tests.search_api.web.sign_in import sign_in, sign_in_admin
from vindplaats.operations.workers import run_worker
from vindplaats.sandbox import Sandbox
from vindplaats.settings import Settings, load_settings
from vindplaats.store import open_store

ORG = "voorbeeldstad"
pytestmark = pytest.mark.timeout(900)


@dataclass(frozen=True)
class Site:
    url: str
    settings: Settings
    sandbox: Sandbox


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    base = tmp_path_factory.mktemp("registration-site")
    with Sandbox(host="127.0.0.1", port=0, files_dir=base / "sandbox-files") as sandbox:
        settings = load_settings(
            data_dir=base / "data",
            allow_private_networks=True,
            download_delay=0,
            autothrottle=False,
            engine="embedded",
            database_url=None,
            ocr=False,
            api_rate_limit="off",
            backfill_from=sandbox.world.date_from,
        )
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        store = open_store(settings)
        try:
            store.upsert_organisation(ORG, "Voorbeeldstad", "gemeente")
        finally:
            store.close()
        with served(create_app(settings), wait=30) as (url, _):
            yield Site(url.rstrip("/"), settings, sandbox)


def _signed_in(browser: Browser, site: Site, org: str | None) -> tuple[Page, Watch]:
    context = browser.new_context(base_url=site.url, locale="nl-NL")
    opened = context.new_page()
    watch = Watch(origin=site.url)
    watch.attach(opened)
    if org is None:
        sign_in_admin(opened, site.settings)
    else:
        sign_in(opened, site.settings, org)
    return opened, watch


def _register(editor: Page, site: Site, axe_violations: Callable[[Page], str]) -> None:
    check_page(editor, editor.goto(f"/beheer/organisaties/{ORG}/bronnen/nieuw"))
    found = axe_violations(editor)
    assert not found, found
    editor.get_by_label("Leverancier").select_option("notubiz")
    editor.get_by_role("button", name="Aanmelden").click()
    expect(editor.get_by_text("verplicht voor deze leverancier")).to_be_visible()
    editor.get_by_label("NotuBiz-organisatienummer").fill("9001")
    editor.get_by_label("Basis-URL").fill(site.sandbox.notubiz_url)
    editor.get_by_role("button", name="Aanmelden").click()
    editor.wait_for_url(re.compile(rf"/beheer/organisaties/{ORG}/bronnen/[0-9a-f]+"))
    expect(editor.locator("#status")).to_have_text("Concept: nog niet gecontroleerd")


def _verify_and_submit(editor: Page, axe_violations: Callable[[Page], str]) -> None:
    editor.get_by_role("button", name="Controle starten").click()
    # the page reloads itself while the dry-run runs
    heading = editor.get_by_role("heading", name="Wat de controle zag")
    expect(heading).to_be_visible(timeout=180_000)
    meetings = editor.get_by_role("table", name=re.compile("Vergaderingen"))
    expect(meetings).to_contain_text("Gemeenteraad")
    assert "documenten zijn niet gedownload" in editor.content()
    found = axe_violations(editor)
    assert not found, found
    editor.get_by_role("button", name="Indienen ter goedkeuring").click()
    expect(editor.locator("#status")).to_have_text("Ingediend: wacht op goedkeuring")


def test_a_registered_source_is_verified_approved_harvested_and_on_the_dashboard(
    browser: Browser, site: Site, axe_violations: Callable[[Page], str]
) -> None:
    editor, editor_watch = _signed_in(browser, site, ORG)
    _register(editor, site, axe_violations)
    _verify_and_submit(editor, axe_violations)
    store = open_store(site.settings)
    try:
        assert store.list_sources() == []  # nothing in the registry before approval
    finally:
        store.close()

    admin, admin_watch = _signed_in(browser, site, None)
    check_page(admin, admin.goto("/beheer/aanmeldingen"))
    found = axe_violations(admin)
    assert not found, found
    admin.get_by_role("button", name=f"Goedkeuren: {ORG}-notubiz").click()
    expect(admin.get_by_text("Goedgekeurd: de bron staat in het register")).to_be_visible()

    summary = run_worker(site.settings, once=True)  # the next pass of a harvest worker
    assert [run.source_key for run in summary.runs] == [f"{ORG}-notubiz"]

    check_page(editor, editor.goto(f"/beheer/organisaties/{ORG}"))
    source = editor.locator("article.dashboard-source", has_text="Voorbeeldstad").first
    years = source.locator("table.counts tbody th").all_inner_texts()
    assert "2025" in years and "2026" in years, years
    problems = editor.locator("table.problems tbody tr").all_inner_texts()
    assert any("downloaden mislukt" in row and "404" in row for row in problems), problems
    assert any("tekst uithalen mislukt" in row for row in problems), problems
    for watch in (editor_watch, admin_watch):
        assert not watch.problems(), "\n".join(watch.problems()[:20])
