"""The report of a conformance check: its findings, what was checked, and the summary.

A finding names the standard, rule (severity and fix come from it), resource (a collection
such as `vergaderingen`, `events`, `files`, or for diwoo the file kind), record (the record's
id or URL; "" for a finding on a collection as a whole), field (a JSON path such as `aanvang`
or `results[3].id`; "" when none), what was expected, what was found, and the URL requested.

Every checked item (a page, a record, an event, a file) is kept as `(resource, record)`, so a
JUnit rendering has one testcase per checked item. The same finding is kept once. The JSON form
(`as_json`) is a stable schema, `SCHEMA_VERSION`. Credentials in a URL (`user:password@`, which
the checker sends as the feed's URL asks) are masked in every finding.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from vindplaats.conformance.rules import RULES, Severity
from vindplaats.net.shown import MASK

SCHEMA_VERSION = 1
MAX_FINDINGS = 5000  # listed; beyond it findings are only counted
MAX_TEXT = 500  # characters of an expected or found value kept


_USERINFO = re.compile(r"(?P<start>[A-Za-z][A-Za-z0-9+.-]*://)[^/?#\s@]*@")


def masked(text: str) -> str:
    """`text` with the credentials of every URL in it (`user:password@`) masked."""
    return _USERINFO.sub(lambda m: f"{m['start']}{MASK}@", text)


def _cut(text: str) -> str:
    text = masked(text)
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1] + "…"


@dataclass(frozen=True)
class Finding:
    standard: str
    rule: str
    resource: str
    record: str
    field: str
    expected: str
    found: str
    url: str

    @property
    def severity(self) -> Severity:
        return RULES[self.rule].severity

    @property
    def fix(self) -> str:
        return RULES[self.rule].fix

    def as_json(self) -> dict[str, str]:
        return {
            "standard": self.standard,
            "rule": self.rule,
            "severity": self.severity,
            "resource": self.resource,
            "record": self.record,
            "field": self.field,
            "expected": self.expected,
            "found": self.found,
            "fix": self.fix,
            "url": self.url,
        }


@dataclass
class Report:
    target: str
    standard: str
    findings: list[Finding] = field(default_factory=list)
    checked: dict[tuple[str, str], None] = field(default_factory=dict)  # ordered set
    unlisted: dict[str, int] = field(default_factory=dict)  # rule -> findings not listed
    requests: int = 0
    seconds: float = 0.0
    _seen: set[tuple[str, str, str, str]] = field(default_factory=set, repr=False)

    def item(self, resource: str, record: str) -> None:
        """Note one checked item (a page, record, event or file)."""
        self.checked.setdefault((resource, record), None)

    def add(
        self,
        rule: str,
        resource: str,
        record: str = "",
        *,
        field: str = "",
        expected: str = "",
        found: str = "",
        url: str = "",
    ) -> None:
        if rule not in RULES:
            raise KeyError(f"unknown rule {rule}")
        key = (rule, resource, record, field)
        if key in self._seen:
            return
        self._seen.add(key)
        finding = Finding(
            self.standard, rule, resource, masked(record), field, _cut(expected), _cut(found),
            masked(url),
        )  # fmt: skip
        self.item(resource, record)
        if len(self.findings) >= MAX_FINDINGS:
            self.unlisted[rule] = self.unlisted.get(rule, 0) + 1
            return
        self.findings.append(finding)

    def has(self, rule: str, resource: str, record: str) -> bool:
        return any(
            f.rule == rule and f.resource == resource and f.record == record for f in self.findings
        )

    def count(self, severity: Severity) -> int:
        listed = sum(1 for f in self.findings if f.severity == severity)
        return listed + sum(n for r, n in self.unlisted.items() if RULES[r].severity == severity)

    @property
    def errors(self) -> int:
        return self.count("error")

    @property
    def warnings(self) -> int:
        return self.count("warning")

    @property
    def conformant(self) -> bool:
        return self.errors == 0

    @property
    def complete(self) -> bool:
        return not any(f.rule.endswith("-CHECK-INCOMPLETE") for f in self.findings)

    def by_rule(self) -> dict[str, int]:
        counts = dict(self.unlisted)
        for finding in self.findings:
            counts[finding.rule] = counts.get(finding.rule, 0) + 1
        return dict(sorted(counts.items()))

    def grouped(self) -> dict[str, list[Finding]]:
        """The listed findings per rule: errors' rules first, then by id."""
        groups: dict[str, list[Finding]] = {}
        for finding in self.findings:
            groups.setdefault(finding.rule, []).append(finding)
        order = sorted(groups, key=lambda rule: (RULES[rule].severity != "error", rule))
        return {rule: groups[rule] for rule in order}

    def as_json(self) -> dict[str, Any]:
        return {
            "schema_version": SCHEMA_VERSION,
            "target": self.target,
            "standard": self.standard,
            "conformant": self.conformant,
            "complete": self.complete,
            "requests": self.requests,
            "seconds": round(self.seconds, 3),
            "findings": [f.as_json() for f in self.findings],
            "counts": {
                "checked": len(self.checked),
                "errors": self.errors,
                "warnings": self.warnings,
                "unlisted_findings": sum(self.unlisted.values()),
                "by_rule": self.by_rule(),
            },
        }
