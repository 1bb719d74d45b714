"""The rule table: stable ids and severities (the contract with the sandbox's planted table and
the web's report page), each documented in docs/conformance.md with its severity."""

from __future__ import annotations

import re
from pathlib import Path

from vindplaats.conformance import ORI_RULES, RULES, Limits
from vindplaats.conformance.client import MAX_JSON_BYTES
from vindplaats.woo.findings import RULES as WOO_RULES

DOC = (Path(__file__).resolve().parents[3] / "docs" / "conformance.md").read_text("utf-8")
WARNINGS = {"ORI-RATE-LIMITED", "ORI-SIZE", "ORI-CHECK-INCOMPLETE"}


def test_the_ori_rules_and_their_severities() -> None:
    assert len(ORI_RULES) == 19
    assert {r.id for r in ORI_RULES.values() if r.severity == "warning"} == WARNINGS
    assert all(rule.fix and rule.finds for rule in ORI_RULES.values())


def test_the_woo_rules_are_carried_over_under_their_own_ids() -> None:
    for rule_id, rule in WOO_RULES.items():
        assert (RULES[rule_id].severity, RULES[rule_id].fix) == (rule.severity, rule.fix)


def test_docs_name_every_rule_with_its_severity() -> None:
    for rule in ORI_RULES.values():
        assert re.search(rf"^\| `{rule.id}` \| {rule.severity} \|", DOC, re.M), rule.id


def test_docs_state_the_defaults() -> None:
    limits = Limits()
    assert f"default {limits.max_requests})" in DOC
    assert f"default {limits.time_limit:g})" in DOC
    assert f"at most {limits.max_pages} pages per collection" in DOC
    assert (
        f"{MAX_JSON_BYTES // 2**20} MiB" in DOC and f"{limits.max_file_bytes // 2**20} MiB" in DOC
    )
    assert f"{limits.max_bytes // 2**20} MiB in\n  all" in DOC
