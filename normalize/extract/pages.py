"""Tika's XHTML → page texts, and the whitespace rules every route shares.

Pages are Tika's top-level `<div class="page">` elements (PDF pages, spreadsheet sheets). A
document without them (DOCX, HTML, TXT) is one page. Content outside the page divs (form fields,
attachments Tika appends after the last page) joins the nearest page, so page numbers stay the
physical ones. The XHTML is parsed with lxml with entities, network and huge trees off; if lxml
refuses it (a text node over libxml2's 10 MB limit), the text is taken by stripping tags instead.
"""

from __future__ import annotations

import html
import re

from lxml import etree

from normalize.safe_xml import untrusted_parser

_INVALID_XML = re.compile("[^\x09\x0a\x0d\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
_HSPACE = re.compile(r"[^\S\n]+")
_BLANKS = re.compile(r"\n{3,}")

_SKIP = frozenset({"head", "script", "style", "meta", "title", "noscript", "template"})
_BLOCK = frozenset(
    {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd"}
    | {"table", "thead", "tbody", "tfoot", "tr", "caption", "pre", "blockquote", "hr", "body"}
    | {"section", "article", "header", "footer", "aside", "nav", "figure", "figcaption"}
    | {"form", "address"}
)
_CELL = frozenset({"td", "th"})
_EMBEDDED = frozenset({"embedded", "package-entry"})  # Tika's wrappers of embedded documents
_H1 = "{http://www.w3.org/1999/xhtml}h1"
_PARA, _LINE, _TAB = "\n\n", "\n", "\t"

# Fallback (no parse): page starts, block boundaries, any other tag, the <head>.
_RE_PAGE = re.compile(r"<div\s+class=\"page\"\s*>")
_RE_BLOCK = re.compile(r"</?(?:p|div|h[1-6]|li|tr|table|pre|blockquote|br)\b[^>]*>", re.I)
_RE_TAG = re.compile(r"<[^>]*>")
_RE_HEAD = re.compile(r"<head\b.*?</head>", re.I | re.S)


def clean_text(raw: str) -> str:
    """Collapse runs of spaces/tabs, strip every line, keep at most one blank line in a row."""
    raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    lines = (_HSPACE.sub(" ", line).strip() for line in raw.split("\n"))
    return _BLANKS.sub("\n\n", "\n".join(lines)).strip()


class _Collector:
    """Walks the XHTML body and sorts text into page buffers."""

    def __init__(self) -> None:
        self.before: list[str] = []  # text before the first page div
        self.pages: list[list[str]] = []
        self.current = self.before

    def walk(self, el: etree._Element, nested: bool) -> None:
        """`nested`: inside a page or an embedded document, where page divs are not ours."""
        if not isinstance(el.tag, str):  # comment or processing instruction
            return
        name = etree.QName(el).localname.lower()
        if name in _SKIP:
            return
        classes = (el.get("class") or "").split() if name == "div" else []
        starts_page = not nested and "page" in classes
        nested = nested or starts_page or any(c in _EMBEDDED for c in classes)
        if starts_page:
            self.current = []
            self.pages.append(self.current)
        block = name in _BLOCK
        if block:
            self.current.append(_PARA)
        if el.text:
            self.current.append(el.text)
        for index, child in enumerate(el):
            if index == 0 and "package-entry" in classes and child.tag == _H1:
                pass  # Tika's heading with the embedded file's name ("image1.png"): not text
            else:
                self.walk(child, nested)
            if child.tail:
                self.current.append(child.tail)
        if block:
            self.current.append(_PARA)
        elif name in _CELL:
            self.current.append(_TAB)
        elif name == "br":
            self.current.append(_LINE)

    def texts(self) -> list[str]:
        if not self.pages:
            return [clean_text("".join(self.before))]
        self.pages[0][:0] = self.before
        return [clean_text("".join(chunks)) for chunks in self.pages]


def _prepare(xhtml: str) -> bytes:
    return _INVALID_XML.sub("", _XML_DECL.sub("", xhtml, count=1)).encode("utf-8")


def _parse(data: bytes, recover: bool) -> list[str]:
    parser = untrusted_parser(recover=recover)
    root = etree.fromstring(data, parser)
    if root is None:
        raise ValueError("empty XHTML document")
    body = next((el for el in root.iter() if etree.QName(el).localname == "body"), root)
    collector = _Collector()
    collector.walk(body, nested=False)
    return collector.texts()


def _strip_tags(xhtml: str) -> list[str]:
    """Fallback: split on page divs, turn block tags into breaks, drop all other markup."""
    body = _RE_HEAD.sub("", xhtml)
    parts = _RE_PAGE.split(body)
    if len(parts) > 1:
        parts = [parts[0] + parts[1], *parts[2:]]
    texts = []
    for part in parts:
        part = _RE_TAG.sub("", _RE_BLOCK.sub(_PARA, part))
        texts.append(clean_text(html.unescape(part)))
    return texts


def xhtml_pages(xhtml: str, truncated: bool = False) -> tuple[list[str], list[str]]:
    """Page texts of Tika's XHTML output, and warnings.

    `truncated` says the output was cut at the character limit (unclosed elements): the parser
    then recovers instead of rejecting the document, and if recovery lost text (libxml2 drops
    what follows a text node over 10 MB) the tags are stripped instead.
    """
    data = _prepare(xhtml)
    try:
        pages = _parse(data, recover=truncated)
        if not truncated or _solid(pages) >= 0.95 * _solid(_strip_tags(data.decode("utf-8"))):
            return pages, []
        reason = "recovering the cut-off output lost text"
    except (etree.XMLSyntaxError, ValueError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    warning = f"XHTML not parsed as XML ({reason}); text taken by stripping tags"
    return _strip_tags(data.decode("utf-8")), [warning]


def _solid(texts: list[str]) -> int:
    return sum(len(text) - text.count(" ") - text.count("\n") for text in texts)
