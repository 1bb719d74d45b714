"""XFA detection in one PDF, with pypdf, without parsing the XFA packet.

Apache Tika 2.9.2 (embedded in extractous) parses XFA XML with external entities on
(CVE-2025-54988 / CVE-2025-66516): an XFA form can make it read local files into the extracted
text. A PDF is XFA when its catalog's AcroForm has an /XFA entry. To be robust against PDFs that
pypdf and PDFBox read differently, three signals count: the catalog entry, the name /XFA anywhere
in the raw bytes (also spelt with #xx escapes), and the name inside any compressed object stream
(those pypdf lists, and every Flate object stream found by scanning the bytes).
A PDF pypdf cannot read at all is UNKNOWN: never safe.
"""

from __future__ import annotations

import io
import mmap
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import IO, cast

from pypdf import PasswordType, PdfReader
from pypdf.generic import DictionaryObject, IndirectObject, StreamObject

# /XFA with optional #xx escapes per character; a prefix match also catches /XFAImages etc.
XFA_NAME = re.compile(rb"/(?:X|#58)(?:F|#46)(?:A|#41)")
MAX_ATTACHMENTS = 1000
_OBJSTM = re.compile(rb"/Type\s*/ObjStm")
_STREAM = re.compile(rb"stream\r?\n")
_MAX_OBJSTM = 64 * 1024 * 1024
_CHUNK = 64 * 1024


class Verdict(StrEnum):
    NONE = "none"  # no XFA: Tika may read it
    XFA = "xfa"
    UNKNOWN = "unknown"  # could not be checked: treat as unsafe


@dataclass(frozen=True)
class XfaCheck:
    verdict: Verdict
    reason: str
    encrypted: bool = False  # needs a password we do not have


Buffer = bytes | memoryview | mmap.mmap


def check_pdf(data: Buffer) -> tuple[XfaCheck, PdfReader | None]:
    """XFA verdict for one PDF (attachments are the caller's business), and the open reader
    (None when pypdf cannot read the PDF or it needs a password)."""
    raw_xfa = XFA_NAME.search(data) is not None or _xfa_in_raw_object_streams(data)
    try:
        # An mmap is a seekable file already (no copy); other buffers get wrapped.
        source = cast(IO[bytes], data) if isinstance(data, mmap.mmap) else io.BytesIO(data)
        reader = PdfReader(source, strict=False)
        if reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED:
            return XfaCheck(Verdict.UNKNOWN, "the PDF is encrypted", encrypted=True), None
        len(reader.pages)  # every later route needs the page tree
        if raw_xfa:
            return XfaCheck(Verdict.XFA, "the PDF contains an /XFA entry"), reader
        root = reader.trailer["/Root"].get_object()
        if not isinstance(root, DictionaryObject):
            return XfaCheck(Verdict.UNKNOWN, "the PDF has no document catalog"), None
        form = root.get("/AcroForm")
        form = form.get_object() if form is not None else None
        if isinstance(form, DictionaryObject) and "/XFA" in form:
            return XfaCheck(Verdict.XFA, "the AcroForm has an /XFA entry"), reader
        for number in sorted({entry[0] for entry in reader.xref_objStm.values()}):
            stream = reader.get_object(IndirectObject(number, 0, reader))
            if isinstance(stream, StreamObject) and XFA_NAME.search(stream.get_data()):
                return XfaCheck(Verdict.XFA, "an object stream contains an /XFA entry"), reader
    except MemoryError:
        raise  # the worker answers with the memory-limit error
    except Exception as exc:
        return XfaCheck(Verdict.UNKNOWN, f"unreadable PDF ({describe(exc)})"), None
    return XfaCheck(Verdict.NONE, "no XFA form"), reader


def _xfa_in_raw_object_streams(data: Buffer) -> bool:
    """Decompress every Flate object stream found by scanning the bytes (not only those the
    cross-reference table lists, which a damaged file may hide from pypdf but not from PDFBox)."""
    for match in _OBJSTM.finditer(data):
        start = _STREAM.search(data, match.end(), match.end() + 4096)
        if start is not None and XFA_NAME.search(_inflate(data, start.end())):
            return True
    return False


def _inflate(data: Buffer, position: int) -> bytes:
    """The Flate stream starting at `position`, at most `_MAX_OBJSTM` bytes of it; whatever
    decompressed before an error (a different filter, garbage) on failure."""
    inflater = zlib.decompressobj()
    out = bytearray()
    try:
        while not inflater.eof and position < len(data) and len(out) < _MAX_OBJSTM:
            pending = bytes(data[position : position + _CHUNK])
            position += _CHUNK
            while pending and not inflater.eof and len(out) < _MAX_OBJSTM:
                out += inflater.decompress(pending, _MAX_OBJSTM - len(out))
                pending = inflater.unconsumed_tail
    except zlib.error:
        pass
    return bytes(out)


def attachments(reader: PdfReader) -> Iterator[bytes]:
    """Bytes of every embedded file Tika would also parse: the EmbeddedFiles name tree and
    file attachment annotations. Raises ValueError beyond `MAX_ATTACHMENTS`."""
    count = 0
    for contents in reader.attachments.values():
        for content in contents:
            count += 1
            if count > MAX_ATTACHMENTS:
                raise ValueError(f"more than {MAX_ATTACHMENTS} attachments")
            yield content
    for page in reader.pages:
        annots = page.get("/Annots")
        annots = annots.get_object() if annots is not None else None
        if not isinstance(annots, list):
            continue
        for ref in annots:
            annot = ref.get_object()
            if not isinstance(annot, DictionaryObject):
                continue
            if annot.get("/Subtype") != "/FileAttachment":
                continue
            spec = annot.get("/FS")
            spec = spec.get_object() if spec is not None else None
            files = spec.get("/EF") if isinstance(spec, DictionaryObject) else None
            files = files.get_object() if files is not None else None
            if not isinstance(files, DictionaryObject):
                continue
            for key in ("/F", "/UF"):
                stream = files.get(key)
                stream = stream.get_object() if stream is not None else None
                if isinstance(stream, StreamObject):
                    count += 1
                    if count > MAX_ATTACHMENTS:
                        raise ValueError(f"more than {MAX_ATTACHMENTS} attachments")
                    yield stream.get_data()
                    break


def describe(exc: BaseException) -> str:
    """`Type: first line of the message`, for error texts."""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
