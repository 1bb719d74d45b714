"""Writing the sitemaps, indexes and robots.txt of a Woo-index export, incrementally.

Each `<url>` is serialised once and appended to the open sitemap of its information category;
a sitemap is closed before the next URL would take it past `Cuts.max_urls` URLs or
`Cuts.max_bytes` bytes (the Woo-index's limits: 50,000 URLs and 50 MB uncompressed, each).
Only the open file of each category and one `(name, lastmod)` per written sitemap are held, so
memory does not grow with the number of documents.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO
from xml.sax.saxutils import escape

from lxml import etree

from normalize.diwoo_schema import DIWOO_NAMESPACE
from normalize.diwoo_writer import diwoo_document
from normalize.woo_categories import WooCategory
from normalize.woo_metadata import WooMetadata
from vindplaats.woo.export_layout import ROBOTS, absolute, index_name, sitemap_name
from vindplaats.woo.rules import MAX_FILE_BYTES, MAX_SITEMAPS, MAX_URLS

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
_DIWOO_DECLARATION = f' xmlns:diwoo="{DIWOO_NAMESPACE}"'.encode()
URLSET_HEAD = (
    f'<?xml version="1.0" encoding="UTF-8"?>\n'
    f'<urlset xmlns="{SITEMAP_NS}" xmlns:diwoo="{DIWOO_NAMESPACE}">\n'
).encode()
URLSET_TAIL = b"</urlset>\n"


class EntryTooLarge(ValueError):
    """One `<url>` alone is larger than a sitemap may be."""


@dataclass(frozen=True)
class Cuts:
    """Where sitemaps are cut: at most `max_urls` URLs and `max_bytes` bytes each."""

    max_urls: int = MAX_URLS
    max_bytes: int = MAX_FILE_BYTES

    def __post_init__(self) -> None:
        if not 1 <= self.max_urls <= MAX_URLS:
            raise ValueError(f"max_urls must be 1..{MAX_URLS}, not {self.max_urls}")
        floor = len(URLSET_HEAD) + len(URLSET_TAIL) + 1
        if not floor <= self.max_bytes <= MAX_FILE_BYTES:
            raise ValueError(f"max_bytes must be {floor}..{MAX_FILE_BYTES}, not {self.max_bytes}")


def w3c(value: datetime) -> str:
    """A W3C datetime in UTC, to the second (`2025-03-05T08:00:00+00:00`)."""
    return value.astimezone(UTC).replace(microsecond=0).isoformat()


def url_entry(loc: str, lastmod: datetime, metadata: WooMetadata) -> bytes:
    """One `<url>` with `loc`, `lastmod` and the `diwoo:Document` (DiWooIncomplete if lacking)."""
    document = etree.tostring(diwoo_document(metadata), encoding="UTF-8")
    document = document.replace(_DIWOO_DECLARATION, b"", 1)  # declared on <urlset>
    head = f"<url><loc>{escape(loc)}</loc><lastmod>{w3c(lastmod)}</lastmod>"
    return head.encode() + document + b"</url>\n"


@dataclass
class _Written:
    name: str
    lastmod: datetime


@dataclass
class CategorySitemaps:
    """The sitemaps of one category, written one after the other into `root`."""

    root: Path
    category: WooCategory
    cuts: Cuts
    written: list[_Written] = field(default_factory=list)
    _handle: BinaryIO | None = None
    _urls: int = 0
    _bytes: int = 0
    _lastmod: datetime | None = None
    urls: int = 0

    def add(self, entry: bytes, lastmod: datetime) -> None:
        room = self.cuts.max_bytes - len(URLSET_HEAD) - len(URLSET_TAIL)
        if len(entry) > room:
            raise EntryTooLarge(f"{len(entry):,} bytes; a sitemap holds at most {room:,}")
        if self._handle is not None and (
            self._urls >= self.cuts.max_urls or self._bytes + len(entry) > room
        ):
            self._close()
        if self._handle is None:
            self._open()
        assert self._handle is not None
        self._handle.write(entry)
        self._urls += 1
        self.urls += 1
        self._bytes += len(entry)
        self._lastmod = lastmod if self._lastmod is None else max(self._lastmod, lastmod)

    def _open(self) -> None:
        if len(self.written) >= MAX_SITEMAPS:
            raise EntryTooLarge(f"more than {MAX_SITEMAPS:,} sitemaps in one category")
        path = self.root / sitemap_name(self.category, len(self.written) + 1)
        path.parent.mkdir(parents=True, exist_ok=True)
        self._handle = path.open("wb")
        self._handle.write(URLSET_HEAD)
        self._urls = self._bytes = 0
        self._lastmod = None

    def _close(self) -> None:
        assert self._handle is not None and self._lastmod is not None
        self._handle.write(URLSET_TAIL)
        self._handle.close()
        self._handle = None
        self.written.append(
            _Written(sitemap_name(self.category, len(self.written) + 1), self._lastmod)
        )

    def finish(self, root_url: str) -> bytes | None:
        """Close the open sitemap; the category's index (None: no URL written)."""
        if self._handle is not None:
            self._close()
        if not self.written:
            return None
        entries = "".join(
            f"<sitemap><loc>{escape(absolute(root_url, w.name))}</loc>"
            f"<lastmod>{w3c(w.lastmod)}</lastmod></sitemap>\n"
            for w in self.written
        )
        return (
            f'<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="{SITEMAP_NS}">\n'
            f"{entries}</sitemapindex>\n"
        ).encode()

    def abort(self) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None


def robots_txt(root_url: str, categories: list[WooCategory]) -> bytes:
    """robots.txt naming each category's index by its absolute https URL."""
    lines = ["User-agent: *", "Allow: /", ""]
    lines += [f"Sitemap: {absolute(root_url, index_name(c))}" for c in categories]
    return ("\n".join(lines) + "\n").encode()


def write_indexes(
    root: Path, root_url: str, series: dict[WooCategory, CategorySitemaps]
) -> list[WooCategory]:
    """Close every category's sitemaps, write the indexes and robots.txt; the categories."""
    categories: list[WooCategory] = []
    for category in WooCategory:  # robots.txt in the order of the Woo
        sitemaps = series.get(category)
        index = sitemaps.finish(root_url) if sitemaps is not None else None
        if index is None:
            continue
        (root / index_name(category)).write_bytes(index)
        categories.append(category)
    (root / ROBOTS).write_bytes(robots_txt(root_url, categories))
    return categories


__all__ = [
    "CategorySitemaps",
    "Cuts",
    "EntryTooLarge",
    "robots_txt",
    "url_entry",
    "w3c",
    "write_indexes",
]
