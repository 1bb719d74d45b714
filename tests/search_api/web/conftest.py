"""Fixtures of the web interface's tests: `demo_site` (the sandbox's demo data harvested once per
session and served by uvicorn on loopback), `browser` (Debian's chromium, one per session),
`page` (a fresh Playwright page on the demo site; a script error, a console error or a request
to another host fails the test; a failing test keeps its screenshot and HTML in
`data/test-artifacts/`) and `axe_violations` (serious and critical axe-core findings).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Generator, Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from tests.search_api.web.browser import (
    ARTIFACTS,
    Watch,
    axe_script,
    chromium_path,
    launch_args,
)
from tests.search_api.web.browser import axe_violations as find_axe_violations
from tests.search_api.web.demo_site import DemoSite
from tests.search_api.web.demo_site import demo_site as serve_demo

os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")


DEMO_TIMEOUT = 900  # seconds: the first test to use demo_site also waits for its harvest


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests on the demo site get time for the one harvest of the session (a few minutes on a
    busy machine), which pytest-timeout counts against whichever test sets it up first."""
    for item in items:
        if "demo_site" in getattr(item, "fixturenames", ()) and not item.get_closest_marker(
            "timeout"
        ):
            item.add_marker(pytest.mark.timeout(DEMO_TIMEOUT))


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoSite]:
    """The demo data (every sandbox supplier) harvested once and served; see `DemoSite`."""
    with serve_demo(tmp_path_factory.mktemp("demo-site")) as site:
        yield site


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    executable = chromium_path()
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=executable, headless=True, args=launch_args()
        )
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture
def page(browser: Browser, demo_site: DemoSite) -> Iterator[Page]:
    """A page in a fresh context (Dutch locale) whose base URL is the demo site, so
    `page.goto("/organisaties")` works; fails the test on script or console errors and on
    requests to any other host."""
    context = browser.new_context(base_url=demo_site.url, locale="nl-NL", accept_downloads=True)
    opened = context.new_page()
    watch = Watch(origin=demo_site.url)
    watch.attach(opened)
    context.on("page", watch.attach)
    try:
        yield opened
    finally:
        context.close()
    problems = watch.problems()
    if problems:
        pytest.fail("the page misbehaved:\n" + "\n".join(problems[:20]), pytrace=False)


@pytest.fixture
def context(browser: Browser, demo_site: DemoSite) -> Iterator[BrowserContext]:
    """A fresh browser context (Dutch locale, the demo site as base URL) for tests that open
    several pages or manage cookies themselves (signed in and out)."""
    opened = browser.new_context(base_url=demo_site.url, locale="nl-NL")
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture(scope="session")
def axe_violations() -> Callable[[Page], str]:
    """`axe_violations(page)`: the serious and critical WCAG 2.x A/AA violations as readable
    lines ("" when none): `assert not axe_violations(page), axe_violations(page)`, or keep it:
    `found = axe_violations(page); assert not found, found`."""
    axe_script()  # skip (or fail under CI) before the test runs when axe-core is missing
    return find_axe_violations


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """A failing browser test keeps its page: `data/test-artifacts/<test>.png` and `.html`."""
    report = yield
    opened = getattr(item, "funcargs", {}).get("page")
    if report.when == "call" and report.failed and isinstance(opened, Page):
        keep_page(opened, item.nodeid, report)
    return report


def keep_page(opened: Page, nodeid: str, report: pytest.TestReport) -> None:
    """Screenshot and HTML of `opened` in `data/test-artifacts/`, named after the test."""
    if opened.is_closed():
        return
    name = re.sub(r"[^A-Za-z0-9_.-]+", "_", nodeid.split("::", 1)[-1])[:150]
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    try:
        opened.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
        (ARTIFACTS / f"{name}.html").write_text(opened.content(), encoding="utf-8")
    except Exception as exc:  # a crashed page must not hide the test's own failure
        report.sections.append(("artifacts", f"could not keep the page: {exc}"))
    else:
        report.sections.append(("artifacts", f"page kept in {ARTIFACTS}/{name}.png and .html"))
