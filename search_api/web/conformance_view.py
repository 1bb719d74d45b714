"""What the conformance pages show, in Dutch: a check's status in words and its report grouped by
rule (rule id, severity, count, what the rule finds and how to fix it, each finding's resource,
record, field, expected and found value and the URL asked), read from the report's JSON."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from search_api.web.dutch_time import moment_text
from vindplaats.conformance import RULES
from vindplaats.store.sql_conformance import ConformanceCheck

MAX_SHOWN = 200  # findings listed per rule on the page; the rest are in the JSON report
STANDARD_NAMES = {
    "mini-ori": "mini-ORI 1.0.0",
    "ori-2": "ORI API 2.0.0-beta.4",
    "ori-events": "ORI event-polling",
    "diwoo": "DiWoo (Woo-index)",
}
SEVERITY = {"error": "fout", "warning": "waarschuwing"}
STATUS = {
    "queued": "In de wachtrij",
    "running": "Bezig",
    "done": "Klaar",
    "failed": "Mislukt",
}


@dataclass
class RuleGroup:
    rule: str
    severity: str  # "error" or "warning"
    count: int
    finds: str
    fix: str
    findings: list[dict[str, str]] = field(default_factory=list)

    @property
    def severity_label(self) -> str:
        return SEVERITY.get(self.severity, self.severity)

    @property
    def not_shown(self) -> int:
        return self.count - len(self.findings)


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def groups(report: dict[str, Any]) -> list[RuleGroup]:
    """The findings per rule, errors first, then by rule id; counts include unlisted ones."""
    by_rule: dict[str, RuleGroup] = {}
    counts = report.get("counts", {}).get("by_rule", {})
    for finding in report.get("findings", []):
        rule_id = _text(finding.get("rule"))
        group = by_rule.get(rule_id)
        if group is None:
            rule = RULES.get(rule_id)
            group = by_rule[rule_id] = RuleGroup(
                rule=rule_id,
                severity=_text(finding.get("severity")),
                count=int(counts.get(rule_id, 0)),
                finds=rule.finds if rule else "",
                fix=_text(finding.get("fix")) or (rule.fix if rule else ""),
            )
        if len(group.findings) < MAX_SHOWN:
            group.findings.append({key: _text(value) for key, value in finding.items()})
    for rule_id, count in counts.items():  # rules whose findings were all left unlisted
        if rule_id not in by_rule and rule_id in RULES:
            rule = RULES[rule_id]
            by_rule[rule_id] = RuleGroup(rule_id, rule.severity, int(count), rule.finds, rule.fix)
    for group in by_rule.values():
        group.count = max(group.count, len(group.findings))
    return sorted(by_rule.values(), key=lambda g: (g.severity != "error", g.rule))


def when(check: ConformanceCheck) -> str:
    """When the check was started (or asked for), in Dutch words and Amsterdam time."""
    return moment_text(check.started_at or check.created_at)


def counted(count: int, one: str, many: str) -> str:
    return f"{count:,}".replace(",", ".") + " " + (one if count == 1 else many)
