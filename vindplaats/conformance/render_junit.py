"""A report as JUnit XML, so a supplier can run the check in its own CI.

One `<testsuite>` per resource (`vergaderingen`, `events`, `files`, ...; "feed" for findings on
the feed as a whole), one `<testcase>` per checked item (a page, record, event or file; its name
the record's id or URL), with a `<failure>` per error finding on that item (type: the rule id)
and the warnings in `<system-out>`. Built with the standard library's ElementTree, so every
value is escaped; characters XML 1.0 cannot carry are replaced.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from vindplaats.conformance.report import Finding, Report

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _text(value: str) -> str:
    return _NOT_XML.sub("\ufffd", value)


def _message(finding: Finding) -> str:
    where = f" {finding.field}" if finding.field else ""
    return _text(
        f"{finding.rule}{where}: expected {finding.expected or '-'}; found {finding.found or '-'}"
    )


def _case(suite: ET.Element, resource: str, record: str, findings: list[Finding]) -> None:
    case = ET.SubElement(
        suite,
        "testcase",
        {"classname": _text(f"{resource or 'feed'}"), "name": _text(record or "(collection)")},
    )
    warnings: list[str] = []
    for finding in findings:
        if finding.severity == "error":
            failure = ET.SubElement(
                case, "failure", {"type": finding.rule, "message": _message(finding)}
            )
            failure.text = _text(f"{_message(finding)}\nurl: {finding.url}\nfix: {finding.fix}")
        else:
            warnings.append(f"warning {_message(finding)} <{finding.url}>")
    if warnings:
        ET.SubElement(case, "system-out").text = "\n".join(warnings)


def render_junit(report: Report) -> str:
    found: dict[tuple[str, str], list[Finding]] = {}
    for finding in report.findings:
        found.setdefault((finding.resource, finding.record), []).append(finding)
    items: dict[str, list[str]] = {}
    for resource, record in [*report.checked, *found]:
        records = items.setdefault(resource, [])
        if record not in records:
            records.append(record)
    root = ET.Element("testsuites", {"name": _text(f"{report.standard} {report.target}")})
    for resource, records in items.items():
        suite = ET.SubElement(root, "testsuite", {"name": resource or "feed"})
        failures = 0
        for record in records:
            findings = found.get((resource, record), [])
            failures += sum(1 for f in findings if f.severity == "error")
            _case(suite, resource, record, findings)
        suite.set("tests", str(len(records)))
        suite.set("failures", str(failures))
        suite.set("errors", "0")
    root.set("tests", str(sum(len(records) for records in items.values())))
    root.set("failures", str(report.errors))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode")
