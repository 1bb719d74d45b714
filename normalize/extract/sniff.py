"""Magic-byte sniffing: what a file (or an embedded member) is, judged by content, never by name.

Used to pick the route (PDF → XFA check, image → OCR, everything else → Tika) and to find the
PDFs that containers carry. PDF is recognised the way PDF readers do: `%PDF-` anywhere in the
first 1024 bytes (when not at the start, followed by PDF objects), so leading junk does not hide
a PDF from the XFA check.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

HEAD_SIZE = 8192
PDF_OBJECT = re.compile(rb"\d+\s+\d+\s+obj\b")  # "1 0 obj": PDF syntax, not prose about PDFs


class Kind(StrEnum):
    PDF = "pdf"
    IMAGE = "image"  # OCR'd directly with tesseract
    ZIP = "zip"  # OOXML, ODF, EPUB, plain ZIP
    OLE2 = "ole2"  # DOC, XLS, PPT, MSG: may carry raw embedded PDFs
    COMPRESSED = "compressed"  # one compressed stream the standard library can open
    OPAQUE = "opaque"  # archives whose members cannot be inspected here (7z, RAR, ...)
    TEXT = "text"
    BINARY = "binary"


@dataclass(frozen=True)
class Sniffed:
    kind: Kind
    content_type: str | None


_IMAGES = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"II*\x00", "image/tiff"),
    (b"MM\x00*", "image/tiff"),
    (b"BM", "image/bmp"),
    (b"\x00\x00\x00\x0cjP  \r\n\x87\n", "image/jp2"),
)
_COMPRESSED = (
    (b"\x1f\x8b", "application/gzip"),
    (b"BZh", "application/x-bzip2"),
    (b"\xfd7zXZ\x00", "application/x-xz"),
)
_OPAQUE = (
    (b"7z\xbc\xaf\x27\x1c", "application/x-7z-compressed"),
    (b"Rar!\x1a\x07", "application/vnd.rar"),
    (b"MSCF", "application/vnd.ms-cab-compressed"),
    (b"\x28\xb5\x2f\xfd", "application/zstd"),
    (b"\x04\x22\x4d\x18", "application/x-lz4"),
    (b"\xff\x06\x00\x00sNaPpY", "application/x-snappy-framed"),
    (b"\x60\xea", "application/x-arj"),
    (b"\x5d\x00\x00", "application/x-lzma"),
)


def sniff(head: bytes) -> Sniffed:
    """Classify by the first bytes (pass at least `HEAD_SIZE` bytes when available)."""
    start = head.find(b"%PDF-", 0, 1024)
    if start == 0 or (start > 0 and PDF_OBJECT.search(head, start)):
        return Sniffed(Kind.PDF, "application/pdf")
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return Sniffed(Kind.IMAGE, "image/webp")
    for magic, ctype in _IMAGES:
        if head.startswith(magic):
            # "BM" also starts plain text ("BMW ..."): a BMP header has a sane size field.
            if magic == b"BM" and (len(head) < 26 or head[14] not in (12, 40, 52, 56, 108, 124)):
                break
            return Sniffed(Kind.IMAGE, ctype)
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")):
        return Sniffed(Kind.ZIP, "application/zip")
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return Sniffed(Kind.OLE2, "application/x-tika-msoffice")
    for magic, ctype in _COMPRESSED:
        if head.startswith(magic):
            return Sniffed(Kind.COMPRESSED, ctype)
    for magic, ctype in _OPAQUE:
        if head.startswith(magic):
            return Sniffed(Kind.OPAQUE, ctype)
    if is_text(head):
        return Sniffed(Kind.TEXT, None)
    return Sniffed(Kind.BINARY, None)


def is_text(head: bytes) -> bool:
    """No NUL bytes and valid UTF-8 (a cut multi-byte character at the end allowed), or
    mostly printable single-byte text (Latin-1/Windows-1252)."""
    if not head or b"\x00" in head:
        return not head
    try:
        head.decode("utf-8")
        return True
    except UnicodeDecodeError as exc:
        if exc.start >= len(head) - 3 and exc.reason == "unexpected end of data":
            return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return controls * 100 < len(head)
