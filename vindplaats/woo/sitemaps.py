"""Checking one sitemap or sitemap index: safe parsing, the official XSDs, the Woo-index rules.

The file is parsed with entities, DTDs and network off (reliability requirement 7). A `<urlset>`
is validated against sitemap.xsd and DiWoo 0.9.8 in one pass (the sitemap schema's strict
wildcard makes every `diwoo:Document` validate against DiWoo), a `<sitemapindex>` against
siteindex.xsd. The schema's messages become findings with the line they name; those this module
states better itself (a `lastmod` out of order or malformed, a code not in its list) are
reported once, under their own rule. Then every `<url>` and `<sitemap>` is judged by
`vindplaats.woo.rules`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, cast

from lxml import etree

from normalize.safe_xml import untrusted_parser
from vindplaats.woo import rules
from vindplaats.woo.findings import CheckedFile, Listing, Reference
from vindplaats.woo.schemas import DIWOO_NS, MDTO_NS, SITEMAP_NS, Schemas

SM = f"{{{SITEMAP_NS}}}"
DW = f"{{{DIWOO_NS}}}"
XSI_LOCATION = "{http://www.w3.org/2001/XMLSchema-instance}schemaLocation"
MAX_MESSAGE = 400
BIG_LINES = 65_535  # libxml2 stores element lines below this
_SCHEMA_ERROR = re.compile(
    r"^Element '(?:\{(?P<ns>[^}]*)\})?(?P<local>[^']+)'(?:, attribute '(?P<attr>[^']+)')?: "
    r"(?P<text>.*)$",
    re.DOTALL,
)
_BAD_VALUE = re.compile(r"The value '([^']*)'|^'([^']*)' is not a valid value")


@dataclass
class Context:
    """What one validation run shares between its files."""

    schemas: Schemas
    now: datetime
    locs: dict[str, tuple[str, int]] = field(default_factory=dict)  # loc -> first file, line

    def first_listing(self, loc: str, file: str, line: int) -> tuple[str, int] | None:
        """Where `loc` was listed before, or None (and remember it here)."""
        first = self.locs.get(loc)
        if first is None:
            self.locs[loc] = (file, line)
        return first


def parse(data: bytes, file: CheckedFile) -> etree._Element | None:
    """The root element, or None after recording why the file is not (namespace-)well-formed."""
    parser = untrusted_parser()
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        line = exc.lineno or 1
        message = str(exc.msg).split(", line ")[0]
        rule = "WOO-XML-NAMESPACE" if "Namespace prefix" in message else "WOO-XML-WELLFORMED"
        file.add(
            line,
            rule,
            f"not {'namespace-' if rule == 'WOO-XML-NAMESPACE' else ''}well-formed XML: {message}",
        )
        return None
    if cast(Any, root.getroottree().docinfo).doctype:
        line = data[: max(data.find(b"<!DOCTYPE"), 0)].count(b"\n") + 1
        file.add(line, "WOO-XML-DOCTYPE", "the file has a DOCTYPE declaration")
    return root


def check_xml(data: bytes, file: CheckedFile, context: Context) -> list[Reference]:
    """Check a sitemap or index; return the sitemaps an index lists (a sitemap lists none)."""
    root = parse(data, file)
    if root is None:
        return []
    is_urlset = root.tag == f"{SM}urlset"
    if is_urlset and root.find(f"{SM}url") is None and root.find(f"{SM}sitemap") is not None:
        file.kind = "sitemapindex"  # an index written as <urlset> with <sitemap> children
        file.add(
            _line(root) or 1,
            "WOO-XML-ROOT",
            "an index written as <urlset> with <sitemap> "
            "children: the root of an index is <sitemapindex>",
        )
        return _check_index(root, file, context)
    if is_urlset:
        file.kind = "sitemap"
        _check_version(root, file)
        _check_urlset(root, file, context)
        _schema_findings(context.schemas.urlset, root, file, context)
        return []
    if root.tag == f"{SM}sitemapindex":
        file.kind = "sitemapindex"
        references = _check_index(root, file, context)
        _schema_findings(context.schemas.sitemapindex, root, file, context)
        return references
    file.add(
        _line(root) or 1,
        "WOO-XML-ROOT",
        f"the root element is {_shown(root.tag)}, not a sitemaps.org <urlset> or <sitemapindex>",
    )
    return []


def _shown(tag: str) -> str:
    namespace, _, local = tag[1:].partition("}") if tag.startswith("{") else ("", "", tag)
    if namespace == DIWOO_NS:
        return f"<diwoo:{local}>"
    return f"<{local}> in namespace {namespace!r}" if namespace else f"<{local}> without namespace"


def _line(element: etree._Element | None) -> int:
    """The line the element's start tag ends on (0 when unknown).

    Past line 65,534 libxml2 keeps no line on elements and answers with the line of the
    first child, a text node, counted where that text ends: its line breaks are taken back.
    """
    if element is None:
        return 0
    line = int(cast(Any, element).sourceline or 0)
    if line >= BIG_LINES and element.text:
        line -= element.text.count("\n")
    return line


def _text(element: etree._Element | None) -> str:
    return "" if element is None else (element.text or "").strip()


def _check_version(root: etree._Element, file: CheckedFile) -> None:
    location = root.get(XSI_LOCATION, "")
    if "/diwoo/" in location and "0.9.8" not in location:
        version = re.search(r"/(\d+\.\d+\.\d+)/", location)
        shown = version.group(1) if version else "another version"
        file.add(
            _line(root) or 1,
            "WOO-DIWOO-VERSION",
            f"xsi:schemaLocation names DiWoo {shown}; checked against 0.9.8",
        )


def _check_loc(loc_el: etree._Element | None, file: CheckedFile, context: Context) -> str:
    loc = _text(loc_el)
    if loc_el is None or not loc:
        return ""  # the schema reports a missing or empty loc
    line = _line(loc_el)
    problem = rules.loc_problem(loc)
    if problem:
        file.add(line, *problem)
    first = context.first_listing(loc, file.name, line)
    if first is not None:
        where = "above" if first[0] == file.name else f"in {first[0]}"
        file.add(
            line, "WOO-LOC-DUPLICATE", f"{loc!r} is listed twice (first {where}, line {first[1]})"
        )
    return loc


def _check_lastmod(
    element: etree._Element | None, owner: etree._Element, file: CheckedFile, context: Context
) -> None:
    if element is None:
        file.add(_line(owner), "WOO-LASTMOD-MISSING", "no <lastmod>")
        return
    problem = rules.lastmod_problem(_text(element), context.now)
    if problem:
        file.add(_line(element), *problem)


def _check_count(
    entries: list[etree._Element], limit: int, rule: str, what: str, file: CheckedFile
) -> None:
    """The file's entries counted; more than `limit` is a finding on the first one too many."""
    file.entries = len(entries)
    if len(entries) > limit:
        file.add(_line(entries[limit]), rule, f"{len(entries):,} {what}, more than {limit:,}")


def _check_urlset(root: etree._Element, file: CheckedFile, context: Context) -> None:
    urls = root.findall(f"{SM}url")
    _check_count(urls, rules.MAX_URLS, "WOO-LIMIT-URLS", "URLs in one sitemap", file)
    for url in urls:
        _check_url(url, file, context)


def _check_url(url: etree._Element, file: CheckedFile, context: Context) -> None:
    children = [child for child in url if isinstance(child.tag, str)]
    document = url.find(f"{DW}Document")
    lastmod = url.find(f"{SM}lastmod")
    loc_el = url.find(f"{SM}loc")
    loc = _check_loc(loc_el, file, context)
    _check_lastmod(lastmod, url, file, context)
    after = lastmod is not None and document is not None
    if after and children.index(lastmod) > children.index(document):  # type: ignore[arg-type]
        file.add(
            _line(lastmod),
            "WOO-LASTMOD-ORDER",
            "<lastmod> comes after diwoo:Document (the DiWoo 0.9.1 template order)",
        )
    format_el = None if document is None else document.find(f"{DW}DiWoo/{DW}format")
    if loc_el is not None and loc:
        format_uri = None if format_el is None else format_el.get("resource")
        problem = rules.file_problem(loc, format_uri, context.schemas.formats)
        if problem:
            file.add(_line(loc_el), *problem)
    if document is None:
        file.add(_line(url), "WOO-DIWOO-MISSING", f"no diwoo:Document for {loc!r}")
        return
    for element in document.iter(f"{DW}*"):
        local = etree.QName(element).localname
        resource = element.get("resource", "")
        if local in context.schemas.reference_elements and resource.startswith("http://"):
            file.add(
                _line(element),
                "WOO-REF-HTTPS",
                f"diwoo:{local} refers to {resource!r}, not https",
            )


def _check_index(root: etree._Element, file: CheckedFile, context: Context) -> list[Reference]:
    entries = root.findall(f"{SM}sitemap")
    _check_count(entries, rules.MAX_SITEMAPS, "WOO-LIMIT-SITEMAPS", "sitemaps in one index", file)
    listing = Listing()
    for entry in entries:
        loc_el = entry.find(f"{SM}loc")
        loc = _text(loc_el)
        _check_lastmod(entry.find(f"{SM}lastmod"), entry, file, context)
        if loc_el is None or not loc:
            continue
        line = _line(loc_el)
        for problem in (rules.loc_problem(loc, "sitemap loc"), rules.sitemap_url_problem(loc)):
            if problem:
                file.add(line, *problem)
        first = listing.add(loc, line)
        if first is not None:
            message = f"sitemap {loc!r} is listed twice (first on line {first})"
            file.add(line, "WOO-LOC-DUPLICATE", message)
    return listing.references


def _short(text: str) -> str:
    text = text.replace(f"{{{DIWOO_NS}}}", "diwoo:").replace(f"{{{SITEMAP_NS}}}", "")
    text = " ".join(text.replace(f"{{{MDTO_NS}}}", "mdto:").split())
    return text if len(text) <= MAX_MESSAGE else text[: MAX_MESSAGE - 1] + "…"


def _schema_findings(
    schema: etree.XMLSchema, root: etree._Element, file: CheckedFile, context: Context
) -> None:
    try:
        if schema.validate(etree.ElementTree(root)):
            return
    except etree.XMLSchemaValidateError as exc:  # e.g. entity references, never expanded
        file.add(0, "WOO-XSD-SITEMAP", f"the schemas cannot check this file: {exc}")
        return
    for error in cast(Iterable[Any], schema.error_log):
        rule, message = _classify(error.message, context.schemas)
        line = _error_line(root, error)
        if rule == "WOO-LASTMOD-ORDER" and not file.has(line, rule):
            rule = "WOO-XSD-SITEMAP"  # unexpected for another reason (twice, before <loc>)
        elif rule in ("WOO-LASTMOD-ORDER", "WOO-LASTMOD-FORMAT") and file.has(line, rule):
            continue  # already stated by this module's own check of the same element
        file.add(line, rule, message)


def _error_line(root: etree._Element, error: Any) -> int:
    """The line a schema error names; past `BIG_LINES` that of the element its path names."""
    line = int(error.line or 0)
    if line >= BIG_LINES and error.path:
        try:
            found = root.getroottree().xpath(error.path, namespaces={"diwoo": DIWOO_NS})
        except etree.XPathError:
            return line
        if isinstance(found, list) and found and isinstance(found[0], etree._Element):
            return _line(found[0])
    return line


def _classify(message: str, schemas: Schemas) -> tuple[str, str]:
    match = _SCHEMA_ERROR.match(message)
    if match is None:
        return "WOO-XSD-SITEMAP", _short(message)
    namespace, local, attribute, text = match.group("ns", "local", "attr", "text")
    if namespace == SITEMAP_NS and local == "lastmod":
        if "not expected" in text:
            return "WOO-LASTMOD-ORDER", f"<lastmod> is not expected here: {_short(text)}"
        return "WOO-LASTMOD-FORMAT", f"<lastmod>: {_short(text)}"
    if namespace == DIWOO_NS and attribute == "resource" and local in schemas.code_lists:
        value = _BAD_VALUE.search(text)
        shown = repr(value.group(1) or value.group(2)) if value else "the value"
        return "WOO-CODE-UNKNOWN", (
            f"resource {shown} of diwoo:{local} is not in the list "
            f"{schemas.code_lists[local].describe()}"
        )
    element = f"diwoo:{local}" if namespace == DIWOO_NS else f"<{local}>"
    where = f"{element}{f' attribute {attribute!r}' if attribute else ''}"
    if namespace in (DIWOO_NS, MDTO_NS):
        return "WOO-XSD-DIWOO", f"DiWoo 0.9.8: {where}: {_short(text)}"
    return "WOO-XSD-SITEMAP", f"sitemaps.org 0.9: {where}: {_short(text)}"
