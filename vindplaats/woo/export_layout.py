"""Where each file of a Woo-index export lives, by name and by URL.

An export is one directory tree, the same whether the API serves it under
`/woo/{organisation}/` or `vindplaats export woo-index` writes it as static files:

    robots.txt                                   Sitemap: lines, one per information category
    sitemapindex-diwoo-infocat008.xml            one index per category (NNN: the table of
    sitemaps/infocat008-00001.xml ...            woo.md, 001-017; art. 3.1: `infocat-art3.1`)
    documenten/<document>/<name>.<ext>           the files, named by their type's extension

`root` is the https URL the tree is published at; every link in the export is absolute on it.
`<document>` is the document's native id when that is a plain path segment, else `b64-` and
its URL-safe base64 (no padding), so a link names its document without any lookup table.
"""

from __future__ import annotations

import base64
import re
import unicodedata
from binascii import Error as Base64Error
from urllib.parse import urlsplit

from normalize.records import Document
from normalize.woo_categories import WooCategory
from vindplaats.errors import ConfigError
from vindplaats.woo.export_formats import FileType

ROBOTS = "robots.txt"
SITEMAP_DIR = "sitemaps"
FILE_DIR = "documenten"
MARKER = ".vindplaats-woo-export"  # marks a directory holding an export (to be replaced)
_CATEGORY_ORDER = tuple(WooCategory)
_SAFE_SEGMENT = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$")
_NAME_CHARS = re.compile(r"[^A-Za-z0-9_-]+")
_B64 = "b64-"
MAX_STEM = 80


def category_code(category: WooCategory) -> str:
    """`infocat001` .. `infocat017` in the order of the Woo's article 3.3; `infocat-art3.1`."""
    if category is WooCategory.INSPANNINGSVERPLICHTING:
        return "infocat-art3.1"
    return f"infocat{_CATEGORY_ORDER.index(category) + 1:03d}"


def category_of_code(code: str) -> WooCategory | None:
    return next((c for c in _CATEGORY_ORDER if category_code(c) == code), None)


def index_name(category: WooCategory) -> str:
    return f"sitemapindex-diwoo-{category_code(category)}.xml"


def category_of_index(name: str) -> WooCategory | None:
    if not (name.startswith("sitemapindex-diwoo-") and name.endswith(".xml")):
        return None
    return category_of_code(name[len("sitemapindex-diwoo-") : -len(".xml")])


def sitemap_name(category: WooCategory, number: int) -> str:
    """The `number`th (from 1) sitemap of a category, relative to the root."""
    return f"{SITEMAP_DIR}/{category_code(category)}-{number:05d}.xml"


def segment_of(native_id: str) -> str:
    """The path segment naming a document."""
    if _SAFE_SEGMENT.match(native_id) and not native_id.startswith(_B64):
        return native_id
    encoded = base64.urlsafe_b64encode(native_id.encode("utf-8")).decode("ascii").rstrip("=")
    return _B64 + encoded


def native_of(segment: str) -> str | None:
    """The native id a path segment names (None: no segment `segment_of` writes)."""
    if segment.startswith(_B64):
        body = segment[len(_B64) :]
        try:
            native = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)).decode("utf-8")
        except (Base64Error, UnicodeDecodeError, ValueError):
            return None
        return native if segment_of(native) == segment else None
    return segment if _SAFE_SEGMENT.match(segment) else None


def file_name(doc: Document, ftype: FileType) -> str:
    """The file's name in its link: its own name (else its title) in ASCII, with the type's
    extension (`Raadsvoorstel_Begroting_2026.pdf`)."""
    raw = (doc.file_name or doc.title).replace("\\", "/").rsplit("/", 1)[-1]
    stem = raw.rsplit(".", 1)[0] if "." in raw else raw
    decomposed = unicodedata.normalize("NFKD", stem)
    ascii_stem = "".join(c for c in decomposed if not unicodedata.combining(c))
    cleaned = _NAME_CHARS.sub("_", ascii_stem).strip("_")[:MAX_STEM].strip("_")
    return f"{cleaned or 'document'}.{ftype.extension}"


def file_path(doc: Document, ftype: FileType) -> str:
    """The file's path relative to the root."""
    return f"{FILE_DIR}/{segment_of(doc.native_id)}/{file_name(doc, ftype)}"


def checked_root(url: str, what: str = "--base-url") -> str:
    """The public root URL without a trailing slash; ConfigError when it is not absolute https
    without credentials, query or fragment (every link of the export must be)."""
    parts = urlsplit(url.strip())
    if parts.scheme.lower() != "https" or not parts.hostname:
        raise ConfigError(
            f"{what} {url!r} is not an absolute https URL: the Woo-index reads only https links"
        )
    if parts.username or parts.password or parts.query or parts.fragment:
        raise ConfigError(f"{what} {url!r} may not carry credentials, a query or a fragment")
    return url.strip().rstrip("/")


def absolute(root: str, path: str) -> str:
    return f"{root}/{path}"


__all__ = [
    "FILE_DIR",
    "MARKER",
    "ROBOTS",
    "SITEMAP_DIR",
    "absolute",
    "category_code",
    "category_of_index",
    "checked_root",
    "file_name",
    "file_path",
    "index_name",
    "native_of",
    "segment_of",
    "sitemap_name",
]
