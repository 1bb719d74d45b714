"""`render(report, fmt)`: a report as text, JSON, JUnit XML or an HTML page.

- text: per rule (errors first) a heading with its severity, count and fix, one line per
  finding (resource, record, field, expected, found, URL), then the summary; control
  characters from the supplier's data are replaced, so nothing reaches a terminal raw;
- json: `Report.as_json()`, the stable schema (`schema_version`);
- junit: see `vindplaats.conformance.render_junit`;
- html: see `vindplaats.conformance.render_html`.
"""

from __future__ import annotations

import json
import re
from typing import Literal

from vindplaats.conformance.render_html import render_html
from vindplaats.conformance.render_junit import render_junit
from vindplaats.conformance.report import Finding, Report
from vindplaats.conformance.rules import RULES

Format = Literal["text", "json", "junit", "html"]
FORMATS: tuple[str, ...] = ("text", "json", "junit", "html")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def clean(value: str) -> str:
    return _CONTROL.sub(" ", value)


def _plural(count: int, word: str) -> str:
    return f"{count:,} {word if count == 1 else word + 's'}"


def summary(report: Report) -> str:
    verdict = "conformant" if report.conformant else "not conformant"
    if report.conformant and report.warnings:
        verdict = "conformant, with warnings only"
    line = (
        f"{verdict} to {report.standard}: {_plural(len(report.checked), 'item')} checked in "
        f"{_plural(report.requests, 'request')}, {_plural(report.errors, 'error')}, "
        f"{_plural(report.warnings, 'warning')}"
    )
    if not report.complete:
        line += " (incomplete: not everything was read)"
    return line


def _line(finding: Finding) -> str:
    where = " ".join(part for part in (finding.resource, finding.record) if part) or "feed"
    if finding.field:
        where += f" {finding.field}"
    parts = [f"  {clean(where)}:"]
    if finding.expected:
        parts.append(f"expected {clean(finding.expected)};")
    parts.append(f"found {clean(finding.found) or '(nothing)'}")
    if finding.url:
        parts.append(f"<{clean(finding.url)}>")
    return " ".join(parts)


def render_text(report: Report) -> str:
    lines = [f"{clean(report.target)} against {report.standard}"]
    for rule, findings in report.grouped().items():
        more = report.unlisted.get(rule, 0)
        count = _plural(len(findings) + more, "finding")
        lines.append(f"{rule} ({RULES[rule].severity}, {count}): fix: {RULES[rule].fix}")
        lines.extend(_line(finding) for finding in findings)
        if more:
            lines.append(f"  ... and {more:,} more")
    counts = ", ".join(f"{rule} {count}" for rule, count in report.by_rule().items())
    if counts:
        lines.append(f"per rule: {counts}")
    lines.append(summary(report))
    return "\n".join(lines)


def render(report: Report, fmt: Format) -> str:
    if fmt == "text":
        return render_text(report)
    if fmt == "json":
        return json.dumps(report.as_json(), ensure_ascii=False, indent=2)
    if fmt == "junit":
        return render_junit(report)
    if fmt == "html":
        return render_html(report, summary(report))
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
