"""In a real browser: a supplier enters its feed URL on `/conformance` (the sandbox's planted ORI
publisher on loopback, the allow setting on in this server), waits on the permalink while the
check runs (the page reloads itself, no JavaScript needed), reads the report grouped by rule,
reloads the permalink and follows the link to the JSON report. Without a browser: the Dutch
refusals of the form."""

from __future__ import annotations

import os
import re
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect
from starlette.testclient import TestClient

from search_api import create_app
from tests.search_api.live import served
from tests.search_api.web.browser import AXE_JS, Watch, axe_violations, check_page
from vindplaats.sandbox.server import Sandbox
from vindplaats.settings import Settings, load_settings


def _settings(data_dir: Path, **overrides: Any) -> Settings:
    values: dict[str, Any] = {"data_dir": data_dir, "allow_private_networks": True, **overrides}
    return load_settings(**values)


@pytest.fixture(scope="module")
def sandbox() -> Iterator[Sandbox]:
    with Sandbox() as running:
        yield running


@pytest.fixture
def site(tmp_path: Path) -> Iterator[str]:
    app = create_app(_settings(tmp_path, conformance_rate_limit="off"))
    with served(app, wait=30) as (url, _):
        yield url


@pytest.fixture
def page(browser: Browser, site: str) -> Iterator[Page]:
    context = browser.new_context(base_url=site, locale="nl-NL")
    opened = context.new_page()
    watch = Watch(origin=site)
    watch.attach(opened)
    try:
        yield opened
    finally:
        context.close()
    problems = watch.problems()
    assert not problems, problems


@pytest.mark.timeout(300)
def test_a_supplier_checks_its_feed_and_reads_the_report(page: Page, sandbox: Sandbox) -> None:
    feed = f"{sandbox.base_url}/ori/planted"
    page.goto("/")
    menu = page.get_by_role("navigation", name="Hoofdmenu")
    menu.get_by_role("link", name="Feed controleren").click()
    page.wait_for_url(re.compile(r"/conformance$"))
    check_page(page, page.goto("/conformance"))
    page.get_by_label("Adres van de feed").fill(feed)
    page.get_by_label("ORI API 2.0.0-beta.4").check()
    page.get_by_label(re.compile("^Hoogstens dit aantal verzoeken")).fill("40")
    page.get_by_role("button", name="Controle starten").click()
    page.wait_for_url(re.compile(r"/conformance/[A-Za-z0-9_-]{20,}$"))
    permalink = page.url
    # queued or running: the page says so and reloads itself until the report is there
    summary = page.get_by_role("heading", name="Samenvatting")
    expect(summary).to_be_visible(timeout=240_000)
    response = page.reload()
    check_page(page, response)
    assert page.url == permalink
    assert page.locator('meta[http-equiv="refresh"]').count() == 0
    assert page.get_by_text(feed, exact=True).first.is_visible()
    expect(page.locator(".verdict")).to_contain_text("voldoet niet aan ORI API 2.0.0-beta.4")
    rules = page.locator("table.rules tbody tr")
    assert rules.count() >= 2
    sections = page.locator("section.rule")
    assert sections.count() == rules.count()
    for number in range(rules.count()):
        row = rules.nth(number)
        rule_id = row.locator("th").inner_text()
        count = int(row.locator("td.number").inner_text())
        section = page.locator(f'section.rule:has(h2[id="regel-{rule_id}"])')
        heading = section.get_by_role("heading", level=2)
        assert rule_id in heading.inner_text()
        assert re.search(r"\b(fout|waarschuwing)\b", heading.inner_text())
        findings = section.locator("table.findings tbody tr")
        assert 1 <= findings.count() <= count
        assert "Herstel:" in section.inner_text()
    if AXE_JS.is_file() or os.environ.get("CI"):
        found = axe_violations(page)
        assert not found, found
    headers = page.locator("table.findings").first.locator("thead th").all_inner_texts()
    assert headers == ["Onderdeel", "Record", "Veld", "Verwacht", "Gevonden", "Gevraagd adres"]
    errors_first = [
        page.locator("table.rules tbody tr").nth(n).locator("td").first.inner_text()
        for n in range(rules.count())
    ]
    assert errors_first == sorted(errors_first, key=lambda label: label != "fout")
    with page.expect_response(re.compile(r"/report\.json$")) as answer:
        page.get_by_role("link", name="JSON", exact=True).click()
    report = answer.value.json()
    assert report["target"] == feed and report["counts"]["errors"] > 0
    assert sum(report["counts"]["by_rule"].values()) >= rules.count()


def test_a_refused_feed_shows_the_form_again_in_dutch(tmp_path: Path) -> None:
    settings = _settings(tmp_path, allow_private_networks=False, conformance_rate_limit="2/h")
    with TestClient(create_app(settings)) as client:
        form = {"url": "http://127.0.0.1:8080/ori", "standard": "ori-2"}
        refused = client.post("/conformance", data=form)
        assert refused.status_code == 422
        assert "Dit adres kan niet worden gecontroleerd." in refused.text
        assert 'value="http://127.0.0.1:8080/ori"' in refused.text
        foreign = client.post(
            "/conformance",
            data={"url": "https://ori.example.invalid/", "standard": "ori-2"},
            headers={"origin": "https://elders.example"},
        )
        assert foreign.status_code == 403
        for _ in range(2):
            first = client.post(
                "/conformance",
                data={"url": "https://ori.example.invalid/", "standard": "ori-2"},
                follow_redirects=False,
            )
            assert first.status_code == 303
            assert re.fullmatch(r"/conformance/[A-Za-z0-9_-]+", first.headers["location"])
        again = client.post(
            "/conformance", data={"url": "https://ori.example.invalid/", "standard": "diwoo"}
        )
        assert again.status_code == 429 and again.headers["retry-after"].isdigit()
        assert "maximum aantal controles" in again.text
        unknown = client.get("/conformance/onbekend")
        assert unknown.status_code == 404 and "Pagina niet gevonden" in unknown.text


def test_a_running_check_shows_its_status_and_reloads_itself(tmp_path: Path) -> None:
    with socket.socket() as listener:  # a feed that accepts connections and never answers
        listener.bind(("127.0.0.1", 0))
        listener.listen(4)
        feed = f"http://127.0.0.1:{listener.getsockname()[1]}/ori"
        settings = _settings(tmp_path, request_timeout=4)
        with TestClient(create_app(settings)) as client:
            started = client.post("/conformance", data={"url": feed, "standard": "mini-ori"})
            assert started.status_code == 200 and started.url.path.startswith("/conformance/")
            html = started.text
            assert '<meta http-equiv="refresh" content="5">' in html
            assert 'role="status"' in html and "ververst zich elke 5 seconden" in html
            assert re.search(r"De controle (staat in de wachtrij|loopt)", html)
            assert "Samenvatting" not in html
            still = client.get(started.url.path, params={"verversen": "uit"}).text
            assert 'http-equiv="refresh"' not in still and 'role="status"' in still
