"""Embedded Apache Tika through extractous: one file → XHTML → page texts.

Tika runs with XHTML output (pages are `<div class="page">`) and PDF OCR off (pages without text
are OCR'd by `ocr.py`, one page at a time). Its output is read as a stream and reading stops at
an output cap slightly above `max_chars` or at a deadline: a huge document (a text bomb, a PDF
of many thousands of pages) then keeps what was read so far instead of failing, and is recorded
as truncated. Tika goes on parsing in the background after such a stop, so the worker is then
retired (`parse_abandoned`).
Only ever called from the worker process, after the XFA checks (`xfa.py`, `containers.py`).
Tika's own OCR of images is off too: the worker hides tesseract from it (see `worker.py`).
"""

from __future__ import annotations

import os
import re
import stat
import time
from dataclasses import dataclass, field
from pathlib import Path

from normalize.extract.pages import xhtml_pages

_INT32_MAX = 2**31 - 1
_PARSE_ERROR = re.compile(r'Parse error occurred\s*:\s*(.*?)"?\)?$', re.S)
_KNOWN_ERRORS = (
    ("document is encrypted", "the document is encrypted (a password is needed to open it)"),
    ("EncryptedDocumentException", "the document is encrypted (a password is needed to open it)"),
    ("must have > 0 bytes", "the file is empty (0 bytes)"),
    ("TIKA-198", "corrupt or unreadable file"),
    ("Zip bomb", "the file looks like a ZIP bomb"),
    ("zip bomb", "the file looks like a ZIP bomb"),
    ("JniError", "Tika failed inside the native library (possibly out of memory)"),
)


class TikaError(Exception):
    """Tika could not parse the file; the message is meant for people."""


@dataclass
class TikaOutput:
    pages: list[str]
    content_type: str | None
    warnings: list[str] = field(default_factory=list)
    truncated: bool = False  # reading stopped at the output cap: the rest is missing
    timed_out: bool = False  # reading stopped at the deadline: the rest is missing


_READ = 1 << 16
_abandoned = False  # a parse left running in the background (reading stopped early)


def parse_abandoned() -> bool:
    """Whether a Tika parse was left running (this process should be replaced); resets."""
    global _abandoned
    was, _abandoned = _abandoned, False
    return was


def output_limit(max_chars: int) -> int:
    """Characters Tika may write: the text cap plus room for the whitespace it adds."""
    return min(max_chars + max_chars // 4 + 10_000, _INT32_MAX)


# A one-page PDF without text: parsing it once loads Tika's PDF classes during start-up.
_WARM_UP_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 10 10]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def warm_up() -> None:
    """Load the native library and initialise Tika (the cold start) on two tiny inputs."""
    import extractous

    extractor = extractous.Extractor().set_xml_output(True)
    extractor.extract_bytes_to_string(bytearray(b"warm up"))
    extractor.extract_bytes_to_string(bytearray(_WARM_UP_PDF))


def run_tika(path: Path, max_chars: int, deadline: float | None = None) -> TikaOutput:
    """Parse one file with Tika and split the XHTML into pages, reading at most about
    `output_limit(max_chars)` characters and until `deadline` (time.monotonic()). Raises
    TikaError."""
    import extractous

    global _abandoned
    limit = output_limit(max_chars) * 2  # UTF-8 bytes of XHTML: markup and non-ASCII text
    extractor = (
        extractous.Extractor()
        .set_xml_output(True)
        .set_pdf_config(
            extractous.PdfParserConfig().set_ocr_strategy(extractous.PdfOcrStrategy.NO_OCR)
        )
    )
    chunks: list[bytes] = []
    size, truncated, timed_out = 0, False, False
    try:
        stream, metadata = extractor.extract_file(str(path))
        while True:
            if deadline is not None and time.monotonic() >= deadline:
                timed_out = True
                break
            data = stream.read(_READ)
            if not data:
                break
            chunks.append(bytes(data))
            size += len(data)
            if size > limit:
                truncated = True
                break
    except Exception as exc:  # extractous raises TypeError("ParseError(...)") and friends
        raw = str(exc)
        if "Java exception was thrown" in raw:  # a stream read: the cause went to stderr
            raw = f"{raw}: {_java_cause()}"
        if "OutOfMemoryError" in raw:
            raise MemoryError(_first_line(raw)) from exc
        raise TikaError(_message(raw)) from exc
    if truncated or timed_out:
        _abandoned = True
    xhtml = b"".join(chunks).decode("utf-8", "replace")
    del chunks
    content_type = _first(metadata.get("Content-Type"))
    parsers = metadata.get("X-TIKA:Parsed-By") or []
    if any(p.endswith("EmptyParser") for p in parsers):
        raise TikaError(f"unsupported or unrecognised file type ({content_type or 'unknown'})")
    cut = truncated or timed_out or not xhtml.rstrip().endswith("</html>")
    pages, warnings = xhtml_pages(xhtml, truncated=cut)
    del xhtml
    warnings.extend(metadata_warnings(metadata))
    return TikaOutput(
        pages=pages,
        content_type=content_type,
        warnings=warnings,
        truncated=cut and not timed_out,
        timed_out=timed_out,
    )


def metadata_warnings(metadata: dict[str, list[str]]) -> list[str]:
    """What Tika reported as going wrong without failing: embedded documents it could not
    parse, warnings (`X-TIKA:EXCEPTION:warn`) and exceptions it caught (`...:write_limit_...`)."""
    found: list[str] = []
    for key, values in sorted(metadata.items()):
        if not key.startswith("X-TIKA:EXCEPTION:") or "write_limit" in key:
            continue  # reaching the output cap is recorded as the truncation
        items = [values] if isinstance(values, str) else values
        what = key.removeprefix("X-TIKA:EXCEPTION:")
        for value in items[:3]:
            if what == "embedded_exception":
                found.append(f"an embedded document could not be parsed: {_first_line(value)}")
            else:
                found.append(f"Tika {what.replace('_', ' ')}: {_first_line(value)}")
    return found


def _java_cause() -> str:
    """The innermost `Caused by:` of the Java stack trace the native library just printed on
    stderr (a file in the worker process), or "" when stderr is not a file."""
    try:
        if not stat.S_ISREG(os.fstat(2).st_mode):
            return ""
        end = os.lseek(2, 0, os.SEEK_END)
        tail = os.pread(2, 32768, max(0, end - 32768)).decode("utf-8", "replace")
    except OSError:
        return ""
    causes = [line for line in tail.splitlines() if line.startswith("Caused by: ")]
    return causes[-1].removeprefix("Caused by: ") if causes else ""


def _message(raw: str) -> str:
    match = _PARSE_ERROR.search(raw)
    detail = _first_line(match.group(1) if match else raw)
    for needle, message in _KNOWN_ERRORS:
        if needle in raw:
            return f"{message} (Tika: {detail})"
    return f"Tika could not parse the file: {detail}"


def _first(values: list[str] | str | None) -> str | None:
    if isinstance(values, str):
        return values
    return values[0] if values else None


def _first_line(text: str) -> str:
    line = text.strip().splitlines()[0] if text.strip() else "unknown error"
    return line[:300]
