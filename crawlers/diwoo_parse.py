"""Pure functions of the DiWoo spider (`crawlers.diwoo`): robots.txt → sitemap indexes →
sitemaps → the fields of each document. No Scrapy requests, no I/O.

- `sitemap_urls(robots, url)`: the `Sitemap:` lines of a robots.txt (Scrapy's
  `sitemap_urls_from_robots`: relative lines made absolute, padding and blank lines ignored, no
  `User-agent` needed), each once, in order;
- `unpack(body, cap)`: a gzip sitemap decompressed, at most `cap` bytes (`SitemapError` past it);
- `read_listing(body)`: what one file is: an index (`<sitemapindex>`, or a `<urlset>` written
  with `<sitemap>` children) listing sitemaps, or a sitemap (`<urlset>`, the non-standard
  `diwoo:Documents` root) listing documents, read with `normalize.diwoo_reader` (safe parser: no
  DTD, no entities, no network). A file using the `diwoo:` prefix without declaring it is read
  with the declaration added (`Listing.prefix_added`); what cannot be read is `SitemapError`;
- `url_native(loc, site)`: a document's native id, derived from its URL (a document is
  identified by its URL on the Woo-index): stable across runs and sitemaps, safe in an id and an
  API path;
- `document_fields(entry)`: the Document fields of one `<url>` (title from the officiële titel,
  else the file name; dates; the DiWoo metadata as `woo`).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any
from urllib.parse import unquote, urlsplit

from lxml import etree
from scrapy.utils.gz import gunzip
from scrapy.utils.sitemap import sitemap_urls_from_robots

from normalize.cleaners import clean_text
from normalize.dates import AMSTERDAM
from normalize.diwoo_reader import DiWooEntry, DiWooXmlError, parse_diwoo_xml, read_entries
from normalize.woo_metadata import WooMetadata

DIWOO_NAMESPACE = b"https://standaarden.overheid.nl/diwoo/metadata/"
GZIP_MAGIC = b"\x1f\x8b"
# a W3C datetime as sitemaps.org allows it: a date, or a date and time with a zone
_W3C = re.compile(r"\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?)?)?")
_ROOT_TAG = re.compile(rb"<(?![?!/])([A-Za-z_][\w.:-]*)")
NATIVE_LENGTH = 32  # hex digits of the URL's sha256 (128 bits)


class SitemapError(ValueError):
    """A robots.txt, index or sitemap that cannot be read (the message says why)."""


@dataclass(frozen=True)
class IndexEntry:
    """One `<sitemap>` of an index: the sitemap's URL and its lastmod as written."""

    loc: str
    lastmod: str | None


@dataclass(frozen=True)
class Listing:
    """One file read: an index (`sitemaps`) or a sitemap (`entries`); `prefix_added` when the
    file used `diwoo:` without declaring it and was read with the declaration added."""

    kind: str  # "index" | "sitemap"
    sitemaps: tuple[IndexEntry, ...] = ()
    entries: tuple[DiWooEntry, ...] = ()
    prefix_added: bool = False
    without_loc: int = 0  # <sitemap> elements of an index without a loc


def sitemap_urls(robots: bytes, robots_url: str) -> list[str]:
    """The URLs of the `Sitemap:` lines of a robots.txt, absolute, each once, in order."""
    found = (u for u in sitemap_urls_from_robots(robots, base_url=robots_url) if u != robots_url)
    return list(dict.fromkeys(u for u in found if urlsplit(u).scheme in ("http", "https")))


def unpack(body: bytes, cap: int) -> bytes:
    """`body` itself, or decompressed when it is gzip (at most `cap` bytes decompressed)."""
    if not body.startswith(GZIP_MAGIC):
        return body
    try:
        return gunzip(body, max_size=cap)
    except Exception as exc:  # a bomb (over the cap) or a broken gzip stream
        if "max" in str(exc).lower() or "exceed" in str(exc).lower():
            raise SitemapError(f"gzip sitemap decompresses to more than {cap} bytes") from None
        raise SitemapError(f"not a readable gzip file ({exc})") from None


def _local(element: etree._Element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def _child(element: etree._Element, name: str) -> str | None:
    for child in element:
        if _local(child) == name:
            return clean_text("".join(map(str, child.itertext()))) or None
    return None


def _declare_prefix(body: bytes) -> bytes | None:
    """`body` with `xmlns:diwoo` declared on its root element (found past the XML declaration,
    comments and processing instructions); None when there is no root element."""
    at = 0
    while True:
        while at < len(body) and body[at : at + 1].isspace():
            at += 1
        for start, end in ((b"<?", b"?>"), (b"<!--", b"-->")):
            if body.startswith(start, at):
                close = body.find(end, at)
                if close < 0:
                    return None
                at = close + len(end)
                break
        else:
            break
    match = _ROOT_TAG.match(body, at)
    if match is None:
        return None
    at = match.end()
    return body[:at] + b' xmlns:diwoo="' + DIWOO_NAMESPACE + b'"' + body[at:]


def _parse(body: bytes) -> tuple[etree._Element, bool]:
    try:
        return parse_diwoo_xml(body), False
    except DiWooXmlError as exc:
        if "Namespace prefix diwoo" not in str(exc) or b"xmlns:diwoo" in body:
            raise SitemapError(str(exc)) from None
    declared = _declare_prefix(body)
    if declared is None:
        raise SitemapError("the diwoo: prefix is used without being declared")
    try:
        return parse_diwoo_xml(declared), True
    except DiWooXmlError as exc:
        raise SitemapError(f"{exc} (read with the undeclared diwoo: prefix declared)") from None


def read_listing(body: bytes) -> Listing:
    """What one (decompressed) file lists; SitemapError when it is none of the known forms."""
    root, added = _parse(body)
    name = _local(root)
    children = {_local(c) for c in root if isinstance(c.tag, str)}
    if name == "sitemapindex" or (
        name == "urlset" and "sitemap" in children and "url" not in children
    ):
        found, missing = [], 0
        for child in root:
            if _local(child) != "sitemap":
                continue
            loc = _child(child, "loc")
            if loc is None:
                missing += 1
            else:
                found.append(IndexEntry(loc, _child(child, "lastmod")))
        return Listing("index", sitemaps=tuple(found), prefix_added=added, without_loc=missing)
    try:
        entries = read_entries(root)
    except DiWooXmlError as exc:
        raise SitemapError(str(exc)) from None
    return Listing("sitemap", entries=tuple(entries), prefix_added=added)


def url_native(loc: str, site: str) -> str:
    """The native id of the document at `loc`: a digest of its URL (a document is identified by
    its URL), the same in every run and every sitemap that lists it. A file on the source's own
    site (`loc` under `site`, the source's base URL) is digested by its path and query below the
    site, so its id does not depend on how the site's address is written (`http`/`https`, a
    port); a file elsewhere by its whole URL (scheme and host in lower case)."""
    base = site.rstrip("/") + "/"
    if loc.lower().startswith(base.lower()):
        key = "/" + loc[len(base) :]
    else:
        parts = urlsplit(loc.strip())
        key = parts._replace(scheme=parts.scheme.lower(), netloc=parts.netloc.lower()).geturl()
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:NATIVE_LENGTH]


def file_name(loc: str) -> str | None:
    """The last part of the URL's path, decoded (`besluit.pdf`); None when the path has none."""
    name = unquote(urlsplit(loc).path.rstrip("/").rsplit("/", 1)[-1])
    return clean_text(name) or None


def lastmod_problem(entry: DiWooEntry) -> str | None:
    """ "missing" (no lastmod), "malformed" (not a W3C datetime, whether or not it could still
    be read as a time), or None for a valid lastmod."""
    if entry.lastmod is None:
        return "missing"
    return None if _W3C.fullmatch(entry.lastmod) else "malformed"


def _day(value: date | None) -> datetime | None:
    return datetime.combine(value, time(), tzinfo=AMSTERDAM) if value is not None else None


def _first_action(metadata: WooMetadata) -> datetime | None:
    times = [h.at_time for h in metadata.documenthandelingen if h.at_time is not None]
    return min(times) if times else None


def document_fields(entry: DiWooEntry, loc: str) -> dict[str, Any]:
    """The Document fields of one `<url>` whose (clean, absolute) URL is `loc`. `version` is the
    lastmod as written, so a changed lastmod makes the download stage fetch the file again."""
    name = file_name(loc)
    fields: dict[str, Any] = {
        "original_url": loc,
        "file_name": name,
        "version": entry.lastmod,
        "modified": entry.lastmod_time,
        "title": name or loc,
    }
    meta = entry.metadata
    if meta is None:
        return fields
    kinds = [c.label for c in meta.documentsoorten if c.label]
    fields.update(
        title=meta.officiele_titel or next(iter(meta.verkorte_titels), None) or name or loc,
        description=next(iter(meta.omschrijvingen), None),
        document_type=kinds[0] if kinds else None,
        date=_day(meta.creatiedatum),
        published=_first_action(meta),
        woo=meta,
    )
    return fields


__all__ = [
    "IndexEntry",
    "Listing",
    "SitemapError",
    "document_fields",
    "file_name",
    "lastmod_problem",
    "read_listing",
    "sitemap_urls",
    "unpack",
    "url_native",
]
