"""Checking a supplier's live feed against a standard: `vindplaats conformance`.

`check(url, standard, settings, limits, progress)` reads the feed at `url` (an API base; a site
for `diwoo`) through the fetch guard, within its `Limits`, and returns a `Report` of findings
by the stable rule ids of `vindplaats.conformance.rules` (`docs/conformance.md`). `render`
writes a report as text, JSON (`Report.as_json()`, a stable schema), JUnit XML or an HTML page.
`UnusableTarget`: the target cannot be checked at all (CLI exit status 2, HTTP 422).
"""

from __future__ import annotations

from vindplaats.conformance.checker import STANDARDS, UnusableTarget, check
from vindplaats.conformance.client import Limits
from vindplaats.conformance.render import FORMATS, Format, render
from vindplaats.conformance.report import SCHEMA_VERSION, Finding, Report
from vindplaats.conformance.rules import ORI_RULES, RULES, Rule

__all__ = [
    "FORMATS",
    "ORI_RULES",
    "RULES",
    "SCHEMA_VERSION",
    "STANDARDS",
    "Finding",
    "Format",
    "Limits",
    "Report",
    "Rule",
    "UnusableTarget",
    "check",
    "render",
]
