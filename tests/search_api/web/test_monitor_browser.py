"""In a real browser on the demo site (every sandbox supplier harvested once): the national
monitor lists all 330 catalogue organisations, none of them connected (no catalogue key is
registered in the demo), plus every demo source, connected and as fresh as `/api/sources`
says; the filter form and a sort heading work and keep their state in the URL; the CSV download
holds exactly the page's rows, in its order. Axe-clean, in Dutch, under 100 KB."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable

from playwright.sync_api import Page

from tests.search_api.web.browser import check_page

CATALOGUE = 330
FRESHNESS = {"ok": "actueel", "stale": "verouderd", "failing": "oogst mislukt"}


def _table(page: Page) -> list[list[str]]:
    cells: list[list[str]] = page.evaluate(
        """() => [...document.querySelectorAll('#monitor-table tbody tr')].map(
            tr => [...tr.children].map(c => c.textContent.replace(/\\s+/g, ' ').trim()))"""
    )
    return cells


def test_every_catalogue_entry_and_every_demo_source(
    page: Page, axe_violations: Callable[[Page], str]
) -> None:
    sources = page.request.get("/api/sources").json()["sources"]
    check_page(page, page.goto("/monitor"))
    found = axe_violations(page)
    assert not found, found
    table = _table(page)
    listed = page.request.get("/api/monitor").json()["rows"]  # the same rows, in the same order
    assert [row[0] for row in table] == [row["name"] for row in listed]
    assert sum(row["in_catalogue"] for row in listed) == CATALOGUE
    shown = {row["source_key"]: cells for row, cells in zip(listed, table, strict=True)}
    for source in sources:  # each demo source on its own row or on its catalogue entry's
        cells = shown[source["key"]]
        assert cells[3] == "aangesloten", cells
        assert cells[4] == FRESHNESS[source["health"]["state"]], (cells, source["health"])
    matched = {key for key in shown if key is not None}
    assert matched <= {source["key"] for source in sources}
    pairs = zip(listed, table, strict=True)
    unregistered = [cells for row, cells in pairs if row["source_key"] is None]
    assert len(unregistered) == len(table) - len(matched)
    assert {cells[3] for cells in unregistered} == {"niet aangesloten"}
    assert {cells[4] for cells in unregistered} == {"nooit geoogst"}
    totals = page.locator("#monitor-total-1 tbody tr")
    assert sum(int(t) for t in totals.locator("td.number").all_inner_texts()) == len(matched)


def test_filter_sort_and_the_csv_row_for_row(page: Page) -> None:
    page.goto("/monitor")
    page.get_by_label("Soort").select_option("provincie")
    page.get_by_role("button", name="Filteren").click()
    page.wait_for_url(re.compile(r"type=provincie"))
    rows = _table(page)
    assert rows and {row[1] for row in rows} == {"Provincie"}
    page.get_by_role("link", name=re.compile("^Leverancier")).click()
    page.wait_for_url(re.compile(r"type=provincie.*sort=supplier|sort=supplier.*type=provincie"))
    header = page.locator("#monitor-table th[aria-sort]")
    assert header.get_attribute("aria-sort") == "ascending"
    rows = _table(page)
    assert [row[2].casefold() for row in rows] == sorted(row[2].casefold() for row in rows)
    page.reload()  # a permalink: the same state from the URL alone
    assert _table(page) == rows
    href = page.locator("#monitor-csv").get_attribute("href")
    assert href is not None and "type=provincie" in href and "sort=supplier" in href
    with page.expect_download() as download:
        page.locator("#monitor-csv").click()
    path = download.value.path()
    lines = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    assert len(lines) - 1 == len(rows)
    for shown, line in zip(rows, lines[1:], strict=True):
        assert shown[:6] == line[:6] and shown[-1] == line[-1]
        assert shown[6].endswith(str(sum(int(n) for n in line[6:-1])))
