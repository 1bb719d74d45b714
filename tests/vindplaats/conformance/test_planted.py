"""The checker against the sandbox's ORI publishers: on `planted` it reports exactly the rows of
`vindplaats.sandbox.ori_planted.PLANTED` (precision and recall 100 %), read back from each of
the four formats; on the good publisher `kreekmond` it reports nothing.

`planted` serves ORI API 2.0 and the event-polling draft at one base: `--standard ori-2` checks
the collections, `--standard ori-events` the event feed; together they cover the table. The
checker reads files with the size cap the table is written for (`SIZE_CAP`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import lxml.html
import pytest
from junitparser import Failure, JUnitXml

from tests.vindplaats.conformance.tiny_feed import settings
from vindplaats.conformance import Limits, Report, check, render
from vindplaats.sandbox import Sandbox
from vindplaats.sandbox.ori import OriApi
from vindplaats.sandbox.ori_planted import PLANTED, SIZE_CAP

Key = tuple[str, str, str]  # rule, resource, record
LIMITS = Limits(pace=0.0, max_requests=5000, time_limit=600.0, max_file_bytes=SIZE_CAP)
STANDARDS = ("ori-2", "ori-events")


@pytest.fixture(scope="module")
def sandbox() -> Iterator[Sandbox]:
    with Sandbox() as running:
        yield running


def _check(sandbox: Sandbox, publisher: str, standard: str) -> Report:
    plugin = next(p for p in sandbox.plugins if isinstance(p, OriApi))
    feed = plugin.feed(publisher)
    rearm = getattr(feed, "rearm", None)
    if rearm is not None:
        rearm()  # the planted 429 answers the first request after this
    return check(feed.api, standard, settings(), LIMITS)


@pytest.fixture(scope="module")
def reports(sandbox: Sandbox) -> dict[str, Report]:
    return {standard: _check(sandbox, "planted", standard) for standard in STANDARDS}


def table(standard: str) -> set[Key]:
    events = {p for p in PLANTED if p.resource == "events"}
    rows = events if standard == "ori-events" else set(PLANTED) - events
    return {(p.rule, p.resource, p.record) for p in rows}


def test_the_table_is_split_over_the_two_standards_without_rest() -> None:
    assert table("ori-2") | table("ori-events") == {(p.rule, p.resource, p.record) for p in PLANTED}
    assert len(PLANTED) == len(table("ori-2")) + len(table("ori-events"))


def from_json(text: str) -> list[Key]:
    return [(f["rule"], f["resource"], f["record"]) for f in json.loads(text)["findings"]]


def from_junit(text: str, tmp_path: Path) -> list[Key]:
    path = tmp_path / "report.xml"
    path.write_text(text, "utf-8")
    keys: list[Key] = []
    for suite in JUnitXml.fromfile(str(path)):
        for case in suite:
            record = "" if case.name == "(collection)" else case.name
            resource = "" if suite.name == "feed" else suite.name
            keys += [(f.type, resource, record) for f in case.result if isinstance(f, Failure)]
            out = case.system_out or ""
            warned = re.findall(r"^warning ([A-Z][A-Z0-9-]*)", out, re.M)
            keys += [(rule, resource, record) for rule in warned]
    return keys


def from_html(text: str) -> list[Key]:
    page = lxml.html.fromstring(text)
    keys: list[Key] = []
    for heading in page.xpath("//h2[@id]"):
        rows = heading.xpath("following-sibling::table[1]/tbody/tr")
        for row in rows:
            cells = [cell.text_content() for cell in row.xpath("td")]
            keys.append((heading.get("id"), cells[0], cells[1]))
    return keys


def from_text(text: str, report: Report) -> list[Key]:
    """Each finding line under its rule's heading, matched to the finding it must show."""
    keys: list[Key] = []
    rule = ""
    lines = iter(text.splitlines())
    for line in lines:
        heading = re.match(r"^(ORI-[A-Z-]+) \((?:error|warning), \d+ findings?\)", line)
        if heading:
            rule = heading.group(1)
            continue
        if not line.startswith("  ") or not rule:
            continue
        for finding in report.findings:
            where = " ".join(x for x in (finding.resource, finding.record) if x) or "feed"
            if finding.rule == rule and line.startswith(
                f"  {where}{' ' if finding.field else ':'}"
            ):
                keys.append((rule, finding.resource, finding.record))
                break
    return keys


@pytest.mark.parametrize("standard", STANDARDS)
@pytest.mark.parametrize("fmt", ["json", "junit", "html", "text"])
def test_the_planted_publisher_gives_exactly_the_table(
    reports: dict[str, Report], standard: str, fmt: str, tmp_path: Path
) -> None:
    report = reports[standard]
    text = render(report, fmt)  # type: ignore[arg-type]
    if fmt == "json":
        keys = from_json(text)
    elif fmt == "junit":
        keys = from_junit(text, tmp_path)
    elif fmt == "html":
        keys = from_html(text)
    else:
        keys = from_text(text, report)
    assert len(keys) == len(set(keys)), "a planted violation was reported twice"
    assert set(keys) == table(standard)
    assert len(keys) == len(report.findings)


def test_planted_findings_name_the_planted_field(reports: dict[str, Report]) -> None:
    fields = {(p.rule, p.resource, p.record): p.field for p in PLANTED}
    for report in reports.values():
        for finding in report.findings:
            assert finding.field == fields[(finding.rule, finding.resource, finding.record)]


@pytest.mark.parametrize("standard", STANDARDS)
def test_the_good_publisher_has_no_findings(sandbox: Sandbox, standard: str) -> None:
    report = _check(sandbox, "kreekmond", standard)
    assert [f.as_json() for f in report.findings] == []
    assert report.conformant and report.complete and len(report.checked) > 30
