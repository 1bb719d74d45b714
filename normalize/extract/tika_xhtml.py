"""Reading a Tika server's answers: XHTML → pages, 422 stack traces → error texts, version.

`PUT /tika` with `Accept: text/html` answers the same XHTML the embedded Tika writes (pages are
`<div class="page">`; `pages.py` splits them) with the metadata as `<meta>` elements in the head.
Four differences are smoothed over here: the HTML answer uses HTML's named entities
(`&euml;`), which XML does not know; it writes characters XML forbids as numeric references
(`<title>&#0;</title>` for a file without a title), which would make the XML parser reject the
whole document; it leaves the `<div class="xfa_content">` of XFA forms unclosed
(Tika 3.3.2), so malformed answers are parsed again in recovery mode; and it reports parse
failures as HTTP 422, whose body holds the Java stack trace when the server runs with
`returnStackTrace` (else it is empty).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.entities import html5

from normalize.extract.embedded import metadata_warnings
from normalize.extract.pages import xhtml_pages

_NAMED_REF = re.compile(r"&([A-Za-z][A-Za-z0-9]{1,31});")
_XML_NAMED = frozenset({"amp", "lt", "gt", "quot", "apos"})
_CHAR_REF = re.compile(r"&#(?:[xX]([0-9A-Fa-f]{1,8})|([0-9]{1,10}));")
_META = re.compile(r'<meta\s+name="([^"]*)"\s+content="([^"]*)"\s*/?>')
_BODY = re.compile(r"<body[\s/>]")
_VERSION = re.compile(r"Apache Tika\s+(\d+)\.(\d+)(?:\.(\d+))?")
_CAUSE = re.compile(r"^Caused by:\s*(.+)$", re.M)
_JAVA_NAME = re.compile(r"^(?:[a-z_$][\w$]*\.)+([A-Z][\w$]*)(?=:|$)")

# Needles in the server's stack trace → the text people see (the same wording as `embedded.py`).
_KNOWN_ERRORS = (
    ("EncryptedDocumentException", "the document is encrypted (a password is needed to open it)"),
    ("ZeroByteFileException", "the file is empty (0 bytes)"),
    ("TIKA-198", "corrupt or unreadable file"),
    ("ZipBomb", "the file looks like a ZIP bomb"),
    ("Zip bomb", "the file looks like a ZIP bomb"),
    ("OutOfMemoryError", "Tika ran out of memory on this file"),
)


class TikaServerError(Exception):
    """The Tika server could not produce text for the file; the message is meant for people."""


@dataclass
class ServerOutput:
    """What the Tika server made of one file."""

    pages: list[str]
    content_type: str | None
    warnings: list[str] = field(default_factory=list)
    truncated: bool = False  # the answer was cut at the size cap: the rest is missing


def _valid_in_xml(codepoint: int) -> bool:
    return (
        codepoint in (0x9, 0xA, 0xD)
        or 0x20 <= codepoint <= 0xD7FF
        or 0xE000 <= codepoint <= 0xFFFD
        or 0x10000 <= codepoint <= 0x10FFFF
    )


def xml_references(xhtml: str) -> str:
    """HTML named entities (except XML's own five) → their characters; numeric references to
    characters XML 1.0 does not allow → removed. Unknown names stay (and fail the strict parse)."""

    def named(match: re.Match[str]) -> str:
        name = match.group(1)
        if name in _XML_NAMED:
            return match.group()
        value = html5.get(name + ";")
        return match.group() if value is None else html.escape(value)  # &AMP; stays markup-safe

    return _drop_invalid_references(_NAMED_REF.sub(named, xhtml))


def _drop_invalid_references(xhtml: str) -> str:

    def replace(match: re.Match[str]) -> str:
        hex_digits, decimal = match.groups()
        codepoint = int(hex_digits, 16) if hex_digits else int(decimal)
        return match.group() if _valid_in_xml(codepoint) else ""

    return _CHAR_REF.sub(replace, xhtml)


def head_metadata(xhtml: str) -> dict[str, list[str]]:
    """The `<meta name=... content=...>` elements before `<body>`, as lists per name."""
    body = _BODY.search(xhtml)
    head = xhtml[: body.start()] if body else xhtml
    found: dict[str, list[str]] = {}
    for name, content in _META.findall(head):
        found.setdefault(html.unescape(name), []).append(html.unescape(content))
    return found


def server_output(xhtml: str, truncated: bool) -> ServerOutput:
    """Pages, content type and warnings of one answer. Raises TikaServerError when no parser
    took the file. `truncated`: the answer was cut off at the size cap."""
    xhtml = xml_references(xhtml)
    metadata = head_metadata(xhtml)
    content_type = next(iter(metadata.get("Content-Type", [])), None)
    if any(p.endswith("EmptyParser") for p in metadata.get("X-TIKA:Parsed-By", [])):
        raise TikaServerError(
            f"unsupported or unrecognised file type ({content_type or 'unknown'})"
        )
    pages, warnings = xhtml_pages(xhtml, truncated=truncated)
    if warnings and not truncated:
        # Tika 3.x leaves some elements open (the `xfa_content` div of XFA forms): let the
        # parser recover, which `xhtml_pages` accepts only when no text is lost that way.
        pages, warnings = xhtml_pages(xhtml, truncated=True)
    warnings.extend(metadata_warnings(metadata))
    return ServerOutput(
        pages=pages, content_type=content_type, warnings=warnings, truncated=truncated
    )


def parse_failure(status: int, body: str) -> str:
    """The error text for a 422 (or other refusal) from the server, from its stack trace."""
    if not body.strip():
        return (
            f"the Tika server could not parse the file (HTTP {status}; corrupt, encrypted or "
            "unsupported file; the server sends no details without returnStackTrace)"
        )
    top = first_line(body)
    causes = _CAUSE.findall(body)
    detail = _short(causes[-1] if causes else top)
    for needle, message in _KNOWN_ERRORS:
        if needle in body:
            return f"{message} (Tika server: {detail})"
    return f"the Tika server could not parse the file: {detail}"


def parse_version(text: str) -> tuple[int, int, int] | None:
    """(3, 3, 2) from "Apache Tika 3.3.2"; None when the answer does not name a version."""
    match = _VERSION.search(text)
    if match is None:
        return None
    major, minor, patch = match.groups()
    return int(major), int(minor), int(patch or 0)


def first_line(text: str) -> str:
    line = text.strip().splitlines()[0] if text.strip() else "unknown error"
    return line.strip()[:300]


def _short(line: str) -> str:
    """`org.apache.pdfbox.io.IOException: msg` → `IOException: msg`."""
    line = first_line(line)
    return _JAVA_NAME.sub(lambda m: m.group(1), line, count=1)
