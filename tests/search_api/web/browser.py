"""Helpers of the browser tests: Debian's chromium driven by Playwright (by executable path, no
browser download ever), axe-core from `.tools`, and the checks every page of the interface must
pass (Dutch `lang`, weight of HTML+CSS, visible keyboard focus).

Outside CI a missing chromium or axe-core skips the test with the reason; under `CI=1` it fails.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import ConsoleMessage, Page, Response

ROOT = Path(__file__).resolve().parents[3]
AXE_JS = ROOT / ".tools" / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "data" / "test-artifacts"
MAX_PAGE_BYTES = 100_000  # issue 11: no page over 100 KB of HTML+CSS on the demo data
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SERIOUS = {"serious", "critical"}


def missing(reason: str) -> None:
    """A tool the browser tests need is absent: fail under CI, else skip saying what to do."""
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


def chromium_path() -> str:
    """Debian's chromium (`apt-get install chromium`), found on PATH."""
    found = shutil.which("chromium")
    if found is None:
        missing("browser tests need Debian's chromium on PATH (apt-get install chromium)")
    assert found is not None
    return found


def launch_args() -> list[str]:
    """Chromium refuses to run as root with its sandbox on (containers, CI)."""
    return ["--no-sandbox"] if os.geteuid() == 0 else []


def axe_script() -> Path:
    """axe-core's browser bundle, installed by `.ci/run` into `.tools`."""
    if not AXE_JS.is_file():
        missing(
            f"axe-core is not installed at {AXE_JS.relative_to(ROOT)} "
            "(npm install --prefix .tools axe-core@4.14.1)"
        )
    return AXE_JS


def axe_violations(page: Page) -> str:
    """The WCAG 2.0/2.1 A and AA violations of impact serious or critical on the page, as
    readable lines for an assertion message ("" when there are none)."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(path=str(axe_script()))
    result: dict[str, Any] = page.evaluate(
        """async (tags) => {
            const r = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
            return {violations: r.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => ({target: n.target.join(' '),
                                          summary: n.failureSummary || ''}))}))};
        }""",
        WCAG_TAGS,
    )
    lines = []
    for violation in result["violations"]:
        if violation["impact"] not in SERIOUS:
            continue
        lines.append(f"{violation['impact']} {violation['id']}: {violation['help']}")
        for node in violation["nodes"][:5]:
            summary = " ".join(node["summary"].split())
            lines.append(f"    {node['target']}: {summary[:300]}")
    return "\n".join(lines)


def page_weight(page: Page, response: Response) -> int:
    """Bytes of the page's HTML (as served, decoded) plus its linked stylesheets."""
    total = len(response.body())
    hrefs: list[str] = page.evaluate(
        "() => [...document.querySelectorAll('link[rel=stylesheet]')].map(l => l.href)"
    )
    for href in hrefs:
        sheet = page.request.get(href)
        assert sheet.ok, f"stylesheet {href} answered {sheet.status}"
        total += len(sheet.body())
    return total


def check_page(page: Page, response: Response | None, status: int = 200) -> None:
    """What every page of the interface must be: the expected status, HTML, `lang="nl"`, a
    title, and at most 100 KB of HTML+CSS."""
    assert response is not None, "no response"
    assert response.status == status, f"{response.url} answered {response.status}"
    assert response.headers.get("content-type", "").startswith("text/html"), response.headers
    assert page.evaluate("() => document.documentElement.lang") == "nl"
    assert page.title().strip(), "the page has no title"
    weight = page_weight(page, response)
    assert weight <= MAX_PAGE_BYTES, f"{response.url}: {weight} bytes of HTML+CSS"


def focus_state(page: Page) -> dict[str, Any]:
    """The focused element (tag, text, href, id) and whether its focus is visible: a computed
    outline of non-zero width, or a box-shadow, as `:focus-visible` styles draw it (or
    chromium's own ring on a date field's calendar button)."""
    state: dict[str, Any] = page.evaluate(
        """() => {
            const el = document.activeElement;
            if (!el || el === document.body) return {tag: 'body', visible: false};
            const s = getComputedStyle(el);
            const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
            const shadow = s.boxShadow && s.boxShadow !== 'none';
            // a date field's last Tab stop is its calendar button inside the browser's own
            // shadow tree: the field is not :focus-visible then, chromium rings the button
            const inner = /^(date|time|datetime-local|month|week)$/.test(el.type || '')
                && !el.matches(':focus-visible');
            return {tag: el.tagName.toLowerCase(), id: el.id, name: el.getAttribute('name'),
                    type: el.getAttribute('type'), href: el.getAttribute('href'),
                    text: (el.innerText || el.value || '').trim().slice(0, 80),
                    visible: outline || Boolean(shadow) || inner,
                    outline: s.outlineStyle + ' ' + s.outlineWidth + ' ' + s.outlineColor};
        }"""
    )
    return state


def tab_until(page: Page, selector: str, limit: int = 80) -> list[dict[str, Any]]:
    """Press Tab until the focused element matches CSS `selector`; the `focus_state` of every
    element focus went to on the way, the matching one last. Fails after `limit` presses,
    naming where focus went."""
    path = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        state = focus_state(page)
        path.append(state)
        if page.evaluate("(s) => document.activeElement?.matches(s) ?? false", selector):
            return path
    seen = [f"{s['tag']}:{s.get('text') or s.get('name') or ''}" for s in path]
    raise AssertionError(f"Tab never reached {selector}; focus went to {seen[:40]}")


def invisible_focus(path: list[dict[str, Any]]) -> list[str]:
    """The elements of a Tab `path` whose focus could not be seen (empty when all could)."""
    return [
        f"{s['tag']} {s.get('text') or s.get('name') or s.get('href') or ''} ({s.get('outline')})"
        for s in path
        if not s["visible"]
    ]


@dataclass
class Watch:
    """What a page did that a test must not allow: script errors and console errors, and
    requests to a host other than the site under test.

    Chromium logs "Failed to load resource" for every answer >= 400; for a page itself (a test
    may open a 404 page on purpose) and for the `/favicon.ico` it asks for by itself that is no
    defect, for a stylesheet, script or image of a page it is.
    """

    origin: str
    errors: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)
    failed_loads: list[tuple[str, str]] = field(default_factory=list)
    documents: set[str] = field(default_factory=set)

    def attach(self, page: Page) -> None:
        page.on("pageerror", lambda exc: self.errors.append(f"script error: {exc}"))
        page.on("console", self._console)
        page.on("request", lambda request: self._request(request.url))
        page.on("response", self._response)

    def _console(self, message: ConsoleMessage) -> None:
        if message.type != "error":
            return
        if message.text.startswith("Failed to load resource"):
            self.failed_loads.append((message.location.get("url", ""), message.text))
        else:
            self.errors.append(f"console error: {message.text}")

    def _response(self, response: Response) -> None:
        if response.request.resource_type == "document":
            self.documents.add(response.url)

    def _request(self, url: str) -> None:
        parts = urlsplit(url)
        if parts.scheme in {"data", "blob", "about"}:
            return
        if f"{parts.scheme}://{parts.netloc}" != self.origin:
            self.foreign.append(url)

    def problems(self) -> list[str]:
        """Every script error, console error, failed load of a page's resource and request to
        another host, as lines."""
        loads = [
            f"console error: {text} ({url})"
            for url, text in self.failed_loads
            if url not in self.documents and urlsplit(url).path != "/favicon.ico"
        ]
        return self.errors + loads + [f"request to another host: {url}" for url in self.foreign]
