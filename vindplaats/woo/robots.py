"""Checking a Woo-index robots.txt: its `Sitemap:` lines name sitemap index files.

The national harvester starts at `robots.txt` at the root of the registered (sub)domain. Each
`Sitemap:` line must be an absolute https URL of an index named by the `sitemapindex-diwoo...xml`
convention, written without padding. Relative and padded lines are read by tolerant
harvesters, but an exporter must write none (`../shared/docs/woo.md`, variants in the wild).
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

from vindplaats.woo import rules
from vindplaats.woo.findings import CheckedFile, Listing, Reference

FIELDS = frozenset({"user-agent", "sitemap", "allow", "disallow", "crawl-delay", "host"})
_LINE = re.compile(r"^\s*([A-Za-z-]+)\s*:(.*)$")


def looks_like_robots(data: bytes) -> bool:
    """True for UTF-8 text with at least one robots.txt field line."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    for line in text.splitlines():
        match = _LINE.match(line.split("#", 1)[0])
        if match and match.group(1).lower() in FIELDS:
            return True
    return False


def check_robots(data: bytes, file: CheckedFile, base: str | None) -> list[Reference]:
    """Check the Sitemap: lines; return the index URLs they list (made absolute on `base`)."""
    file.kind = "robots"
    text = data.decode("utf-8-sig", errors="replace")
    has_agent = False
    listing = Listing()
    for number, raw in enumerate(text.split("\n"), start=1):
        raw = raw.rstrip("\r")
        content = raw.split("#", 1)[0]
        match = _LINE.match(content)
        if match is None:
            continue
        field = match.group(1).lower()
        has_agent = has_agent or field == "user-agent"
        if field != "sitemap":
            continue
        file.entries += 1
        url = match.group(2).strip()
        if content[:1].isspace() or ("#" not in raw and raw[-1:].isspace()):
            file.add(
                number,
                "WOO-ROBOTS-PADDING",
                f"the Sitemap line {raw!r} has leading or trailing spaces",
            )
        reference = _check_url(url, number, file, base)
        if reference is None:
            continue
        first = listing.add(reference, number)
        if first is not None:
            file.add(
                number, "WOO-ROBOTS-DUPLICATE", f"{url!r} is listed twice (first on line {first})"
            )
    if not file.entries:
        file.add(0, "WOO-ROBOTS-NONE", "robots.txt has no Sitemap: line")
    if not has_agent:
        file.add(1, "WOO-ROBOTS-AGENT", "robots.txt has no User-agent: line")
    return listing.references


def _check_url(url: str, number: int, file: CheckedFile, base: str | None) -> str | None:
    """Findings of one Sitemap: URL; the URL to follow (None when there is none)."""
    if not url:
        file.add(number, "WOO-ROBOTS-RELATIVE", "the Sitemap line has no URL")
        return None
    parts = urlsplit(url)
    if not parts.scheme or not parts.netloc:
        file.add(number, "WOO-ROBOTS-RELATIVE", f"Sitemap {url!r} is not an absolute URL")
        name_problem = rules.index_name_problem(url)
        if name_problem:
            file.add(number, *name_problem)
        return urljoin(base, url) if base else url
    if parts.scheme.lower() != "https":
        file.add(number, "WOO-LOC-HTTPS", f"Sitemap {url!r} is not https")
    name_problem = rules.index_name_problem(url)
    if name_problem:
        file.add(number, *name_problem)
    return url
