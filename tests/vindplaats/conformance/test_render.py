"""The four formats of a report: text grouped by rule, JSON (stable schema), JUnit XML (read
back with junitparser, as a supplier's CI reads it) and a self-contained, escaped HTML page."""

from __future__ import annotations

import json
import re
from pathlib import Path

import lxml.html
import pytest
from junitparser import Failure, JUnitXml

from tests.vindplaats.conformance.tiny_feed import TinyFeed, run, uid
from vindplaats.conformance import SCHEMA_VERSION, Report, render

NASTY = '<script>alert("x")</script>&\x07'


@pytest.fixture(scope="module")
def report() -> Report:
    feed = TinyFeed()
    feed.record("fracties", "f1")["fractienaam"] = 42
    feed.record("fracties", "f1")["gemeente"] = {"gemeentecode": NASTY[:4], "gemeentenaam": "A"}
    feed.record("vergaderingen", "v1")["aanvangVergadering"] = NASTY
    return run(feed)


def test_text_groups_by_rule_with_fix_and_summary(report: Report) -> None:
    text = render(report, "text")
    lines = text.splitlines()
    assert lines[0].endswith("against ori-2")
    date = lines.index(
        next(line for line in lines if line.startswith("ORI-DATE (error, 1 finding)"))
    )
    assert "fix: write dates as 2025-03-14" in lines[date]
    assert f"vergaderingen {uid('v1')} aanvangVergadering: expected an RFC 3339" in lines[date + 1]
    assert "\x07" not in text  # control characters from the feed never reach a terminal
    assert "per rule: ORI-DATE 1, ORI-SCHEMA 1, ORI-TOOI 1" in text
    assert lines[-1].startswith("not conformant to ori-2: ")
    assert "3 errors, 0 warnings" in lines[-1]


def test_json_is_the_stable_schema(report: Report) -> None:
    data = json.loads(render(report, "json"))
    assert data["schema_version"] == SCHEMA_VERSION == 1
    assert set(data) == {
        "schema_version", "target", "standard", "conformant", "complete", "requests",
        "seconds", "findings", "counts",
    }  # fmt: skip
    assert data["counts"]["by_rule"] == {"ORI-DATE": 1, "ORI-SCHEMA": 1, "ORI-TOOI": 1}
    assert data["counts"]["errors"] == 3 and data["conformant"] is False
    keys = {"standard", "rule", "severity", "resource", "record", "field", "expected", "found",
            "fix", "url"}  # fmt: skip
    assert all(set(finding) == keys for finding in data["findings"])
    tooi = next(f for f in data["findings"] if f["rule"] == "ORI-TOOI")
    assert tooi["field"] == "gemeente.gemeentecode" and tooi["url"].endswith("/fracties")


def test_junit_parses_one_suite_per_resource_one_case_per_item(
    report: Report, tmp_path: Path
) -> None:
    path = tmp_path / "conformance.xml"
    path.write_text(render(report, "junit"), "utf-8")
    xml = JUnitXml.fromfile(str(path))  # as a CI server reads the file
    suites = {suite.name: suite for suite in xml}
    assert set(suites) >= {"vergaderingen", "fracties", "agendapunten", "besluiten"}
    cases = {case.name: case for case in suites["vergaderingen"]}
    assert set(cases) == {"(collection)", uid("v1"), uid("v2"), uid("v3")}
    failures = [r for r in cases[uid("v1")].result if isinstance(r, Failure)]
    assert [f.type for f in failures] == ["ORI-DATE"]
    assert cases[uid("v2")].is_passed
    types = sorted(r.type for case in suites["fracties"] for r in case.result)
    assert types == ["ORI-SCHEMA", "ORI-TOOI"]
    assert sum(suite.failures for suite in xml) == 3
    assert sum(suite.tests for suite in xml) == len(report.checked)


def test_html_is_one_escaped_page_without_outside_resources(report: Report) -> None:
    page = render(report, "html")
    assert page.startswith("<!DOCTYPE html>") and '<html lang="en">' in page
    assert "<script" not in page and "&lt;script&gt;" in page
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)
    assert "<link" not in page
    assert page.index('id="ORI-DATE"') < page.index('id="ORI-SCHEMA"') < page.index('id="ORI-TOOI"')
    cells = lxml.html.fromstring(page).xpath("//td/text()")
    assert '"<script>alert(\\"x\\")</script>&\\u0007"' in cells  # the value, shown as text


def test_an_unknown_format_is_refused(report: Report) -> None:
    with pytest.raises(ValueError, match="unknown format"):
        render(report, "pdf")  # type: ignore[arg-type]
