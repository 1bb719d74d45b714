"""Where the files of a validation come from: an export directory, or the web.

A `Loader` turns a reference (a URL as robots.txt or an index lists it, or a relative path)
into bytes, reading at most `MAX_FILE_BYTES + 1` of them, so a file over the Woo-index limit is
seen as such without being read whole. `unpack` gunzips (`.gz` sitemaps), capped the same way.

- `DirectoryLoader`: an export on disk. A URL is found by its path: the longest tail of its
  path segments that names a file inside the directory (an export written for
  `https://example.nl/woo/alkmaar/` holds `sitemapindex-diwoo.xml` at its top), never outside
  it (`..` is refused).
- `WebLoader`: HTTP through the fetch guard (`vindplaats.woo.fetch`).
"""

from __future__ import annotations

import zlib
from pathlib import Path
from typing import Protocol
from urllib.parse import unquote, urljoin, urlsplit

from vindplaats.errors import UnsafeURLError, VindplaatsError
from vindplaats.net.guard import shown_url
from vindplaats.woo.fetch import Fetcher, FetchError
from vindplaats.woo.findings import CheckedFile
from vindplaats.woo.rules import MAX_FILE_BYTES

GZIP_MAGIC = b"\x1f\x8b"


class LoadError(VindplaatsError):
    """A referenced file could not be read."""


class Loader(Protocol):
    def name_of(self, reference: str) -> str: ...

    def load(self, reference: str) -> bytes: ...

    def join(self, base: str, reference: str) -> str: ...


def read_capped(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            return handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise LoadError(f"cannot read {path}: {exc.strerror or exc}") from None


class DirectoryLoader:
    def __init__(self, root: Path) -> None:
        self.root = root.resolve()

    def locate(self, reference: str) -> Path | None:
        parts = urlsplit(reference)
        path = unquote(parts.path)
        segments = [segment for segment in path.split("/") if segment]
        if not segments or any(segment in (".", "..") for segment in segments):
            return None
        for start in range(len(segments)):
            candidate = self.root.joinpath(*segments[start:])
            if candidate.is_file() and candidate.resolve().is_relative_to(self.root):
                return candidate
        return None

    def name_of(self, reference: str) -> str:
        found = self.locate(reference)
        return found.relative_to(self.root).as_posix() if found else reference

    def load(self, reference: str) -> bytes:
        found = self.locate(reference)
        if found is None:
            raise LoadError(f"{reference!r} is not in the directory {self.root}")
        return read_capped(found)

    def join(self, base: str, reference: str) -> str:
        return reference


class WebLoader:
    def __init__(self, fetcher: Fetcher) -> None:
        self.fetcher = fetcher

    def name_of(self, reference: str) -> str:
        return shown_url(reference, limit=500)

    def load(self, reference: str) -> bytes:
        try:
            return self.fetcher.get(reference, MAX_FILE_BYTES)
        except (FetchError, UnsafeURLError) as exc:
            raise LoadError(str(exc)) from None

    def join(self, base: str, reference: str) -> str:
        return urljoin(base, reference)


def unpack(raw: bytes, file: CheckedFile) -> bytes | None:
    """The file's content (gunzipped when it is gzip), or None after recording why not."""
    data = raw
    if len(raw) > MAX_FILE_BYTES:
        file.bytes = len(raw)
        file.add(
            0,
            "WOO-LIMIT-SIZE",
            f"the file is larger than {MAX_FILE_BYTES:,} bytes (50 MB); not checked further",
        )
        return None
    if raw[:2] == GZIP_MAGIC:
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        try:
            data = inflater.decompress(raw, MAX_FILE_BYTES + 1)
        except zlib.error as exc:
            file.add(0, "WOO-INPUT-GZIP", f"the gzip data cannot be read ({exc})")
            return None
        if len(data) <= MAX_FILE_BYTES and not inflater.eof:
            file.add(0, "WOO-INPUT-GZIP", "the gzip data ends early (a cut-off file)")
            return None
    file.bytes = len(data)
    if len(data) > MAX_FILE_BYTES:
        file.add(
            0,
            "WOO-LIMIT-SIZE",
            f"the file is larger than {MAX_FILE_BYTES:,} bytes (50 MB) "
            "uncompressed; not checked further",
        )
        return None
    return data
