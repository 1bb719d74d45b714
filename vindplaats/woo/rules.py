"""The Woo-index's own rules on single values (KOOP's handleiding, `../shared/docs/woo.md`).

Pure functions: each returns the problem as `(rule id, message)`, or nothing. They judge a `loc`
(absolute, https, a direct link to a file of an accepted type), a `lastmod` (a W3C datetime the
sitemaps.org schema accepts), an index file's name (the `sitemapindex-diwoo...xml` convention)
and a sitemap's URL in an index.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

Problem = tuple[str, str]

# the limits of the sitemaps protocol the Woo-index keeps
MAX_URLS = 50_000
MAX_SITEMAPS = 50_000
MAX_FILE_BYTES = 50 * 1024 * 1024  # 52,428,800 bytes uncompressed

# extensions of pages a web server renders: not a file (unless diwoo:format says HTML)
WEB_PAGES = frozenset({"htm", "html", "xhtml", "php", "asp", "aspx", "jsp", "jspx", "cfm", "cgi"})
INDEX_NAME = re.compile(r"^sitemapindex-diwoo[A-Za-z0-9._-]*\.xml(\.gz)?$")
_DATE = r"\d{4}-\d{2}-\d{2}"
_ZONE = r"(Z|[+-]\d{2}:\d{2})"
_LASTMOD_DAY = re.compile(rf"^(?P<day>{_DATE})(?P<zone>{_ZONE})?$")
_LASTMOD_TIME = re.compile(
    rf"^(?P<day>{_DATE})T(?P<clock>\d{{2}}:\d{{2}}:\d{{2}}(\.\d+)?)(?P<zone>{_ZONE})?$"
)
_EXTENSION = re.compile(r"\.([A-Za-z0-9]{1,8})$")


def loc_problem(loc: str, what: str = "loc") -> Problem | None:
    """An absolute https URL, or the problem."""
    parts = urlsplit(loc)
    if not parts.scheme or not parts.netloc:
        return "WOO-LOC-ABSOLUTE", f"{what} {loc!r} is not an absolute URL"
    if parts.scheme.lower() != "https":
        return "WOO-LOC-HTTPS", f"{what} {loc!r} is not https"
    return None


def extension(url: str) -> str:
    """The lower-case extension of the URL path's last segment ('' when it has none)."""
    path = urlsplit(url).path
    match = _EXTENSION.search(path.rsplit("/", 1)[-1])
    if match is None or match.group(1).isdigit():
        return ""
    return match.group(1).lower()


def file_problem(loc: str, format_uri: str | None, formats: Mapping[str, str]) -> Problem | None:
    """Whether `loc` links directly to a file of a type on the PLOOI file-type list.

    The type comes from `<diwoo:format resource>` when it names a listed type (a wrong code is
    the schema's finding), else from the URL's extension, as the national harvester does.
    """
    if format_uri:
        return None  # a listed type (even HTML: then the HTML file is the document), or an
        # unlisted code, which the DiWoo schema reports naming formatlijst
    ext = extension(loc)
    if urlsplit(loc).path.endswith("/") or ext in WEB_PAGES:
        shown = f".{ext}" if ext else "a directory path"
        return "WOO-LOC-FILE", (
            f"loc {loc!r} ends in {shown}: a web page, not a direct link to the file "
            "(and no diwoo:format names the type)"
        )
    if not ext:
        return "WOO-FORMAT-UNKNOWN", (
            f"the file type of {loc!r} cannot be told: no extension and no diwoo:format"
        )
    if ext.upper() not in formats:
        accepted = ", ".join(sorted(code.lower() for code in formats))
        return "WOO-FORMAT-ACCEPTED", (
            f"file type .{ext} of {loc!r} is not on the PLOOI file-type list ({accepted})"
        )
    return None


def lastmod_problem(text: str, now: datetime) -> Problem | None:
    """A W3C datetime the sitemaps.org schema accepts, not in the future, or the problem."""
    match = _LASTMOD_DAY.match(text) or _LASTMOD_TIME.match(text)
    if match is None:
        spaced = re.match(rf"^{_DATE} \d", text) is not None
        hint = " (a space instead of T, and no time zone)" if spaced else ""
        return "WOO-LASTMOD-FORMAT", f"lastmod {text!r} is not a W3C datetime{hint}"
    found = match.groupdict()
    day, clock, zone = found["day"], found.get("clock"), found["zone"]
    try:
        when = datetime.fromisoformat(f"{day}T{clock or '00:00:00'}{zone or '+00:00'}")
    except ValueError:
        return "WOO-LASTMOD-FORMAT", f"lastmod {text!r} is not a real date and time"
    if clock and not zone:
        return "WOO-LASTMOD-FORMAT", (
            f"lastmod {text!r} has a time but no time zone (a W3C datetime needs one)"
        )
    if when.astimezone(UTC) > now + timedelta(days=1):
        return "WOO-LASTMOD-FUTURE", f"lastmod {text!r} lies in the future"
    return None


def index_name_problem(url: str) -> Problem | None:
    """Whether an index URL (or file name) follows the `sitemapindex-diwoo...xml` convention."""
    parts = urlsplit(url)
    name = parts.path.rsplit("/", 1)[-1]
    if parts.query:
        return "WOO-INDEX-NAME", f"index {url!r} has a query string: index files are read by name"
    if not INDEX_NAME.match(name):
        return "WOO-INDEX-NAME", (
            f"index {url!r} is named {name!r}, not sitemapindex-diwoo...xml: the national "
            "harvester does not read it"
        )
    return None


def sitemap_url_problem(url: str) -> Problem | None:
    """A sitemap's URL in an index: a plain path, no query string, nothing after `.xml`."""
    parts = urlsplit(url)
    if parts.query:
        return "WOO-SITEMAP-URL", f"sitemap {url!r} has a query string"
    if ".xml/" in parts.path:
        return "WOO-SITEMAP-URL", f"sitemap {url!r} has a path after .xml"
    return None
