"""In a real browser on the demo site, "Mist u een stuk?": a visitor reports a missing document
from a document page and from an organisation page (the form opens without JavaScript's help,
is sent, and thanks with a link back); the reports reach the subject's organisation; the sixth
report within the hour is refused with a clear Dutch message; an editor of the organisation
sees them on its dashboard, answers and closes one; an editor of another organisation gets 403.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from normalize.records import Document
from tests.search_api.web.browser import check_page
from tests.search_api.web.demo_site import DemoSite
from tests.search_api.web.sign_in import sign_in
from vindplaats.accounts.organisations import Placement
from vindplaats.operations.reports import ReportInput, file_report
from vindplaats.store import Store, open_store

TOWN = "voorbeeldstad"


@pytest.fixture
def store(demo_site: DemoSite) -> Iterator[Store]:
    opened = open_store(demo_site.settings)
    yield opened
    opened.close()


def _all_reports(store: Store) -> int:
    """Every report in the demo's store (the browser is its only reporter)."""
    placement = Placement(store)
    orgs = {placement.organisation_of(s) for s in store.list_sources()}
    return sum(sum(store.missing_report_counts(org).values()) for org in orgs)


def _a_document(store: Store) -> Document:
    withdrawn = set(store.withdrawn_record_ids("document", TOWN))
    for record in store.iter_records("document", TOWN):
        if isinstance(record, Document) and record.id not in withdrawn:
            return record
    raise AssertionError(f"no document of {TOWN} in the demo")


def _report(page: Page, message: str, contact: str = "") -> None:
    """Open the disclosure, fill the form and send it."""
    page.locator("details#mist-u-een-stuk > summary").click()
    page.get_by_label("Welk stuk mist u?").fill(message)
    if contact:
        page.get_by_label("E-mailadres of telefoonnummer").fill(contact)
    page.get_by_role("button", name="Melding versturen").click()


def test_a_visitor_reports_from_a_document_page_and_an_organisation_page(
    page: Page, store: Store, axe_violations: Callable[[Page], str]
) -> None:
    doc = _a_document(store)
    check_page(page, page.goto(f"/documenten/{doc.id}"))
    expect(page.get_by_label("Welk stuk mist u?")).to_be_hidden()  # closed until asked
    page.locator("details#mist-u-een-stuk > summary").click()
    found = axe_violations(page)
    assert not found, found
    page.get_by_label("Welk stuk mist u?").fill("De bijlage bij dit raadsvoorstel ontbreekt.")
    page.get_by_label("E-mailadres of telefoonnummer").fill("lezer@example.org")
    page.get_by_role("button", name="Melding versturen").click()
    page.wait_for_url(re.compile(r"/meldingen/ontvangen"))
    expect(page.get_by_role("heading", name="Bedankt voor uw melding")).to_be_visible()
    assert "lezer@example.org" not in page.content()
    page.get_by_role("link", name="Terug naar de pagina van uw melding").click()
    page.wait_for_url(re.compile("/documenten/"))
    assert page.get_by_role("heading", level=1).inner_text() == doc.title

    check_page(page, page.goto(f"/organisaties/{TOWN}"))
    _report(page, "De notulen van de raad van maart staan er niet bij.")
    expect(page.get_by_role("heading", name="Bedankt voor uw melding")).to_be_visible()

    org = Placement(store).organisation_of(store.get_source(TOWN))
    reports = store.missing_reports(org)
    on_doc = [r for r in reports if r.subject_id == doc.id]
    on_org = [r for r in reports if r.subject_kind == "organisation" and r.subject_id == TOWN]
    assert on_doc and on_doc[0].contact == "lezer@example.org" and on_doc[0].status == "open"
    assert on_org and on_org[0].contact is None
    assert "lezer@example.org" not in page.content()


def test_the_sixth_report_within_the_hour_is_refused_clearly(
    page: Page, store: Store, axe_violations: Callable[[Page], str]
) -> None:
    for n in range(max(0, 5 - _all_reports(store))):
        page.goto(f"/organisaties/{TOWN}")
        _report(page, f"Melding {n + 1} van deze bezoeker.")
        expect(page.get_by_role("heading", name="Bedankt voor uw melding")).to_be_visible()
    assert _all_reports(store) == 5
    page.goto(f"/organisaties/{TOWN}")
    with page.expect_response(re.compile(r"/meldingen$")) as sent:
        _report(page, "Nog een melding, de zesde.")
    assert sent.value.status == 429 and sent.value.headers["retry-after"].isdigit()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("U heeft het maximum van 5 meldingen per uur bereikt")
    expect(alert).to_contain_text("Probeer het over")
    expect(page.get_by_label("Welk stuk mist u?")).to_have_value("Nog een melding, de zesde.")
    found = axe_violations(page)
    assert not found, found
    assert _all_reports(store) == 5


OTHER = "ministerie-ienw"


def _signed_in(browser: Browser, site: DemoSite, org: str) -> tuple[BrowserContext, Page]:
    context = browser.new_context(base_url=site.url, locale="nl-NL")
    opened = context.new_page()
    sign_in(opened, site.settings, org)
    return context, opened


def test_an_editor_answers_and_closes_a_report_another_organisation_gets_403(
    browser: Browser, demo_site: DemoSite, store: Store, axe_violations: Callable[[Page], str]
) -> None:
    doc = _a_document(store)
    org = Placement(store).organisation_of(store.get_source(TOWN))
    asked = ReportInput("document", doc.id, "Het verslag bij dit stuk ontbreekt.", "m@example.org")
    report = file_report(store, asked, "browser-test-editor")
    context, editor = _signed_in(browser, demo_site, org)
    try:
        check_page(editor, editor.goto(f"/beheer/organisaties/{org}"))
        section = editor.locator("section.dashboard-reports")
        row = section.locator("tr", has_text="Het verslag bij dit stuk ontbreekt.")
        expect(row).to_contain_text("open")
        expect(row.get_by_role("link", name=doc.title, exact=True)).to_have_attribute(
            "href", f"/documenten/{doc.id}"
        )
        assert "m@example.org" not in section.inner_text()
        row.get_by_role("link", name=re.compile("^Beantwoorden")).click()
        editor.wait_for_url(re.compile(f"/meldingen/{report.id}$"))
        expect(editor.get_by_role("link", name="m@example.org")).to_be_visible()
        found = axe_violations(editor)
        assert not found, found
        editor.get_by_label("Antwoord of notitie").fill("Het verslag staat er nu bij.")
        editor.get_by_role("button", name="Opslaan en sluiten").click()
        expect(editor.get_by_role("status")).to_have_text("De melding is gesloten.")
        expect(editor.locator("dl.meta")).to_contain_text("gesloten")
    finally:
        context.close()
    closed = store.get_missing_report(report.id)
    assert closed is not None and closed.status == "closed"
    assert closed.answer == "Het verslag staat er nu bij."
    assert [e.action for e in store.audit_entries(org)][:1] == ["report.close"]

    context, stranger = _signed_in(browser, demo_site, OTHER)
    try:
        refused = stranger.goto(f"/beheer/organisaties/{org}/meldingen/{report.id}")
        assert refused is not None and refused.status == 403
        assert "m@example.org" not in stranger.content()
    finally:
        context.close()
