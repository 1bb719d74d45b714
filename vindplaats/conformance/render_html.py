"""A report as one self-contained HTML page: grouped by rule, every value escaped (control
characters replaced), its style inline, no scripts and no external resources."""

from __future__ import annotations

import re
from html import escape as _escape

from vindplaats.conformance.report import Finding, Report
from vindplaats.conformance.rules import RULES

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def escape(text: str) -> str:
    """`text` as HTML text: escaped, control characters replaced."""
    return _escape(_CONTROL.sub("\ufffd", text))


STYLE = (
    "body{font-family:system-ui,sans-serif;margin:2rem;max-width:80rem;color:#1a1a1a}"
    "table{border-collapse:collapse;width:100%;margin-bottom:1.5rem}"
    "th,td{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top;"
    "overflow-wrap:anywhere}th{background:#f0f0f0}.error{color:#a00000}.warning{color:#7a5200}"
)


def _row(finding: Finding) -> str:
    cells = (
        finding.resource,
        finding.record,
        finding.field,
        finding.expected,
        finding.found,
        finding.url,
    )
    return "<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in cells) + "</tr>"


def _group(rule: str, findings: list[Finding], more: int) -> list[str]:
    severity = RULES[rule].severity
    count = len(findings) + more
    return [
        f'<h2 id="{escape(rule)}"><span class="{severity}">{escape(rule)}</span> '
        f"({severity}, {count:,})</h2>",
        f"<p>Fix: {escape(RULES[rule].fix)}</p>",
        "<table><thead><tr><th>Resource</th><th>Record</th><th>Field</th><th>Expected</th>"
        "<th>Found</th><th>URL</th></tr></thead><tbody>",
        *(_row(finding) for finding in findings),
        "</tbody></table>",
        f"<p>… and {more:,} more.</p>" if more else "",
    ]


def render_html(report: Report, summary: str) -> str:
    counts = "".join(
        f'<tr><td><a href="#{escape(rule)}">{escape(rule)}</a></td>'
        f"<td>{RULES[rule].severity}</td><td>{count:,}</td></tr>"
        for rule, count in report.by_rule().items()
    )
    body = [
        f"<h1>Conformance of {escape(report.target)}</h1>",
        f"<p>Standard: {escape(report.standard)}. {escape(summary)}.</p>",
        "<table><thead><tr><th>Rule</th><th>Severity</th><th>Findings</th></tr></thead>"
        f"<tbody>{counts}</tbody></table>"
        if counts
        else "<p>No findings.</p>",
    ]
    for rule, findings in report.grouped().items():
        body.extend(_group(rule, findings, report.unlisted.get(rule, 0)))
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>Conformance: {escape(report.target)}</title><style>{STYLE}</style></head>"
        f"<body><main>{''.join(body)}</main></body></html>\n"
    )
