"""`--standard diwoo`: the Woo-index validator (`vindplaats.woo.validate`) on a live site.

The site is read through the fetch guard as `vindplaats validate diwoo URL` reads it
(robots.txt → sitemap indexes → sitemaps), at most `max_requests` files and `max_bytes`.
Each of its findings is carried over under its own `WOO-*` id: resource the file's kind
(robots, sitemapindex, sitemap), record the file's URL, field its line (`line 12`), found the
validator's message. Every file read is a checked item.
"""

from __future__ import annotations

from vindplaats.conformance.report import Report
from vindplaats.settings import Settings
from vindplaats.woo import validate as woo


class DiwooUnusable(Exception):
    """The site cannot be validated at all: its message is the reason."""


def check_diwoo(
    url: str, settings: Settings, report: Report, max_requests: int, max_bytes: int
) -> None:
    limits = woo.Limits(max_files=max_requests, max_bytes=max_bytes)
    try:
        result = woo.validate(url, settings, limits)
    except woo.UnusableInput as exc:
        raise DiwooUnusable(str(exc)) from None
    kinds = {checked.name: checked.kind for checked in result.files}
    for checked in result.files:
        report.item(checked.kind, checked.name)
    for finding in result.findings:
        report.add(
            finding.rule,
            kinds.get(finding.file, "unknown"),
            finding.file,
            field=f"line {finding.line}" if finding.line else "",
            found=finding.message,
            url=finding.file,
        )
    report.requests = len(result.files)
