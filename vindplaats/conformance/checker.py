"""`check(url, standard, settings)`: one bounded conformance check of a supplier's live feed.

The URL is the API base (`https://api.example.nl/ori/v2`) for `mini-ori`, `ori-2` and
`ori-events`, and the site (or its robots.txt) for `diwoo`. Before anything is fetched the URL
is judged by the fetch guard; a loopback or private address is refused unless
`VINDPLAATS_ALLOW_PRIVATE_NETWORKS` is on. Unusable input raises `UnusableTarget` (the CLI
exits 2, the web answers 422): not an http(s) URL, refused by the guard, an unknown standard,
nothing answering at the base. A missing standards directory is a `ConfigError`.

The check is synchronous and bounded by its `Limits`; `progress(requests)` is called after each
request is sent.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from vindplaats.conformance.client import Client, Exhausted, Limits
from vindplaats.conformance.diwoo import DiwooUnusable, check_diwoo
from vindplaats.conformance.feed import FeedCheck, NothingAnswers
from vindplaats.conformance.report import Report, masked
from vindplaats.errors import UnsafeURLError, VindplaatsError
from vindplaats.net.guard import check_url_resolved, shown_url
from vindplaats.settings import Settings

STANDARDS: tuple[str, ...] = ("mini-ori", "ori-2", "ori-events", "diwoo")


class UnusableTarget(VindplaatsError):
    """The target cannot be checked at all (CLI exit status 2, HTTP 422)."""


def check(
    url: str,
    standard: str,
    settings: Settings,
    limits: Limits | None = None,
    progress: Callable[[int], None] | None = None,
) -> Report:
    """Check the feed at `url` against `standard`; the findings in a `Report`."""
    if standard not in STANDARDS:
        raise UnusableTarget(f"unknown standard {standard!r}; choose one of {', '.join(STANDARDS)}")
    url = url.strip()
    try:
        check_url_resolved(url, allow_private=settings.allow_private_networks)
    except UnsafeURLError as exc:
        raise UnusableTarget(masked(str(exc))) from None
    limits = limits or Limits()
    report = Report(shown_url(url, limit=500), standard)
    if standard == "diwoo":
        started = time.monotonic()
        try:
            check_diwoo(url, settings, report, limits.max_requests, limits.max_bytes)
        except (DiwooUnusable, UnsafeURLError) as exc:
            raise UnusableTarget(masked(str(exc))) from None
        report.seconds = time.monotonic() - started
        if progress is not None:
            progress(report.requests)  # the validator reports no progress while it reads
        return report
    with Client(settings, limits, report, progress, base=url) as client:
        feed = FeedCheck(url, standard, settings, client, report)
        try:
            feed.run()
        except NothingAnswers as exc:
            raise UnusableTarget(masked(str(exc))) from None
        except Exhausted as exc:
            report.add(
                "ORI-CHECK-INCOMPLETE",
                "",
                "",
                expected="the whole feed read",
                found=f"stopped: {exc}",
                url=url,
            )
    return report
