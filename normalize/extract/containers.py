"""Embedded PDFs: make sure no XFA PDF reaches Tika inside another file.

Tika parses embedded documents recursively: a PDF attached to a PDF, a PDF in a ZIP or DOCX, an
OLE object in a Word file, an e-mail attachment. Each would expose the XFA flaw just like a
top-level PDF (this was checked: a ZIP holding an XFA PDF leaks the entity's target). So before a
file goes to Tika, every PDF inside it is found and checked:

- PDFs: attachments (EmbeddedFiles, file attachment annotations), recursively;
- ZIP (OOXML, ODF, EPUB, ZIP), TAR and gzip/bzip2/xz streams: members, recursively;
- anything else: raw `%PDF-` headers followed by PDF objects, and PDFs in base64 (`JVBERi0`) or
  hex (`255044462d`) encoding, as carried by e-mail, MHTML and RTF; each one is decoded and checked;
- archives this module cannot open (7z, RAR, CAB, zstd, ...) cannot be vouched for.

Everything is bounded (depth, members, bytes); going past a bound counts as "cannot be checked".
Members that are not themselves containers or PDFs (the XML parts of OOXML and ODF) are scanned
for PDF signatures in chunks and read whole only when one is found, so a member of hundreds of
megabytes (a text bomb) costs no more memory here than a chunk.
"""

from __future__ import annotations

import binascii
import bz2
import gzip
import io
import lzma
import re
import tarfile
import zipfile
from typing import IO

from pypdf import PdfReader

from normalize.extract.sniff import HEAD_SIZE, PDF_OBJECT, Kind, sniff
from normalize.extract.xfa import Buffer, Verdict, XfaCheck, attachments, check_pdf, describe

MAX_DEPTH = 5
MAX_MEMBERS = 20_000
MAX_MEMBER_BYTES = 512 * 1024 * 1024
MAX_HITS = 200
_SCAN_CHUNK = 1 << 20
_OVERLAP = 16  # longer than the longest signature, so none is missed at a chunk boundary
_WHOLE = frozenset({Kind.PDF, Kind.ZIP, Kind.COMPRESSED, Kind.OPAQUE})

_SIGNATURE = re.compile(rb"%PDF-|JVBERi0|255044462[dD]")
_BASE64_RUN = re.compile(rb"[A-Za-z0-9+/=\s]+")
_HEX_RUN = re.compile(rb"[0-9A-Fa-f\s]+")
_SPACE = re.compile(rb"\s+")


class Unsafe(Exception):
    """Tika must not read the file; the message says why."""


def check_top_pdf(data: Buffer) -> tuple[XfaCheck, PdfReader | None]:
    """A top-level PDF: its own XFA check, then its attachments. An attachment with XFA (or
    one that cannot be checked) makes the whole PDF take the XFA route."""
    check, reader = check_pdf(data)
    if check.verdict is not Verdict.NONE or reader is None:
        return check, reader
    try:
        _attachments(reader, depth=1)
    except Unsafe as exc:
        return XfaCheck(Verdict.XFA, f"an attachment is unsafe: {exc}"), reader
    return check, reader


def embedded_risk(data: Buffer) -> str | None:
    """Why Tika must not read this non-PDF file, or None when every PDF inside it is XFA-free."""
    try:
        _check(data, depth=0)
    except Unsafe as exc:
        return str(exc)
    return None


def _check(data: Buffer, depth: int) -> None:
    if depth > MAX_DEPTH:
        raise Unsafe(f"embedded documents nested deeper than {MAX_DEPTH} levels")
    sniffed = sniff(bytes(data[:HEAD_SIZE]))
    if sniffed.kind is Kind.PDF:
        _embedded_pdf(data, depth)
    elif sniffed.kind is Kind.IMAGE:
        return
    elif sniffed.kind is Kind.ZIP:
        _zip(data, depth)
    elif sniffed.kind is Kind.COMPRESSED:
        _check(_decompress(data, sniffed.content_type or ""), depth + 1)
    elif sniffed.kind is Kind.OPAQUE:
        raise Unsafe(f"archive type {sniffed.content_type} cannot be checked for XFA PDFs")
    elif _is_tar(data):
        _tar(data, depth)
    else:
        _scan(data, depth)


def _embedded_pdf(data: Buffer, depth: int) -> None:
    check, reader = check_pdf(data)
    if check.encrypted:
        return  # Tika cannot open it without the password either
    if check.verdict is Verdict.XFA:
        raise Unsafe("it contains a PDF with an XFA form")
    if check.verdict is Verdict.UNKNOWN or reader is None:
        raise Unsafe(f"it contains a PDF that cannot be checked for XFA ({check.reason})")
    _attachments(reader, depth + 1)


def _attachments(reader: PdfReader, depth: int) -> None:
    try:
        found = list(attachments(reader))
    except Exception as exc:
        raise Unsafe(f"PDF attachments cannot be read ({describe(exc)})") from exc
    for content in found:
        _check(content, depth)


def _zip(data: Buffer, depth: int) -> None:
    try:
        archive = zipfile.ZipFile(_stream(data))
        members = archive.infolist()
    except Exception as exc:
        raise Unsafe(f"unreadable ZIP container ({describe(exc)})") from exc
    if len(members) > MAX_MEMBERS:
        raise Unsafe(f"ZIP container has more than {MAX_MEMBERS} members")
    for info in members:
        if info.is_dir() or info.flag_bits & 0x1:  # encrypted members: Tika cannot read them
            continue
        try:
            with archive.open(info) as member:
                content = _read_member(member)
        except (Unsafe, MemoryError):
            raise
        except Exception as exc:
            raise Unsafe(f"unreadable ZIP member {info.filename!r} ({describe(exc)})") from exc
        if content is not None:
            _check(content, depth + 1)


def _tar(data: Buffer, depth: int) -> None:
    with tarfile.open(fileobj=_stream(data), mode="r:") as archive:
        try:
            members = [m for m in archive.getmembers() if m.isfile()]
        except Exception as exc:
            raise Unsafe(f"unreadable TAR archive ({describe(exc)})") from exc
        if len(members) > MAX_MEMBERS:
            raise Unsafe(f"TAR archive has more than {MAX_MEMBERS} members")
        for info in members:
            member = archive.extractfile(info)
            content = _read_member(member) if member is not None else None
            if content is not None:
                _check(content, depth + 1)


def _read_member(member: IO[bytes]) -> bytes | None:
    """A member's bytes, for `_check`; None when there is nothing in it Tika would parse as an
    embedded document: an image, or a member without any PDF signature."""
    head = member.read(HEAD_SIZE)
    kind = sniff(head).kind
    if kind is Kind.IMAGE:
        return None
    if kind not in _WHOLE and head[257:262] != b"ustar" and not _has_signature(member, head):
        return None
    member.seek(0)
    content = member.read(MAX_MEMBER_BYTES + 1)
    if len(content) > MAX_MEMBER_BYTES:
        raise Unsafe(f"an embedded file is larger than {MAX_MEMBER_BYTES} bytes")
    return content


def _has_signature(member: IO[bytes], head: bytes) -> bool:
    """Whether a raw or encoded PDF signature occurs anywhere in the member (read in chunks)."""
    tail, data = b"", head
    while data:
        window = tail + data
        if _SIGNATURE.search(window):
            return True
        tail = window[-_OVERLAP:]
        data = member.read(_SCAN_CHUNK)
    return False


def _decompress(data: Buffer, content_type: str) -> bytes:
    opener = {
        "application/gzip": gzip.GzipFile,
        "application/x-bzip2": bz2.BZ2File,
        "application/x-xz": lzma.LZMAFile,
    }[content_type]
    try:
        with opener(fileobj=_stream(data)) as stream:
            content: bytes = stream.read(MAX_MEMBER_BYTES + 1)
    except Exception as exc:
        raise Unsafe(f"unreadable {content_type} stream ({describe(exc)})") from exc
    if len(content) > MAX_MEMBER_BYTES:
        raise Unsafe(f"compressed content larger than {MAX_MEMBER_BYTES} bytes")
    return content


def _scan(data: Buffer, depth: int) -> None:
    """Raw and encoded PDF signatures anywhere in the bytes."""
    for hits, match in enumerate(_SIGNATURE.finditer(data), start=1):
        if hits > MAX_HITS:
            raise Unsafe(f"more than {MAX_HITS} embedded PDF signatures")
        start, signature = match.start(), match.group()
        if signature == b"%PDF-":
            if not PDF_OBJECT.search(data, start, start + 65_536):
                continue  # the text "%PDF-", not a PDF
            with memoryview(data)[start:] as rest:  # released even on errors: mmap can close
                _embedded_pdf(rest, depth)
            continue
        run = (_BASE64_RUN if signature == b"JVBERi0" else _HEX_RUN).match(data, start)
        encoded = _SPACE.sub(b"", run.group() if run else b"")
        try:
            if signature == b"JVBERi0":
                decoded = binascii.a2b_base64(encoded[: len(encoded) // 4 * 4])
            else:
                decoded = bytes.fromhex(encoded[: len(encoded) // 2 * 2].decode("ascii"))
        except ValueError as exc:
            raise Unsafe(f"an encoded embedded PDF cannot be decoded ({exc})") from exc
        _embedded_pdf(decoded, depth)


def _is_tar(data: Buffer) -> bool:
    return bytes(data[257:262]) == b"ustar"


def _stream(data: Buffer) -> IO[bytes]:
    """A seekable file over (a copy of) the bytes."""
    return io.BytesIO(data)
