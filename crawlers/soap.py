"""SOAP 1.1 over Scrapy: request envelopes, safe parsing of responses, and reading the WCF
data-contract objects iBabs answers with (`iBabsWCFObjects.Public`, `.Base`, `.Common`).

Requests are ordinary Scrapy `Request(method="POST")`s, so the fetch guard, politeness and
rate budgets of the downloader apply to them like to any other request. Every response is parsed
with entity resolution, DTD loading and network access off; a response that declares a DTD
(billion laughs, external entities) or nests deeper than libxml2's limit fails at once with
`SoapResponseError` and nothing of it is expanded or fetched.

`Status`/`Message` (the `.Base` fields of every result) are classified by `classify`: an access
refusal (the harvester's address is not whitelisted for the site), a normal "nothing public
here" answer, a supplier error, or OK.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from lxml import etree
from scrapy.http import Request

from normalize.cleaners import clean_text
from normalize.safe_xml import untrusted_parser
from vindplaats.errors import VindplaatsError

SOAP_ENV = "http://schemas.xmlsoap.org/soap/envelope/"
TEMPURI = "http://tempuri.org/"
ACTION_PREFIX = "http://tempuri.org/IPublic/"
DATACONTRACT = "http://schemas.datacontract.org/2004/07/"
NS_OBJECTS = DATACONTRACT + "iBabsWCFObjects"
NS_PUBLIC = NS_OBJECTS + ".Public"
NS_BASE = NS_OBJECTS + ".Base"
NS_COMMON = NS_OBJECTS + ".Common"
NS_REQUEST = NS_PUBLIC + ".Request"
NS_ARRAYS = "http://schemas.microsoft.com/2003/10/Serialization/Arrays"
NS_XSI = "http://www.w3.org/2001/XMLSchema-instance"
XML_TYPE = "text/xml; charset=utf-8"
# Namespaces whose elements the helpers read: the operation's own and the data contracts'.
_READABLE = (TEMPURI, DATACONTRACT, NS_ARRAYS)

Element = Any  # an lxml element (lxml's own classes are private)
Scalar = str | int | bool | date | datetime | None


class SoapResponseError(VindplaatsError):
    """A response that is not a usable SOAP answer: unsafe or broken XML, a fault, or not the
    operation's response element."""


@dataclass(frozen=True)
class Struct:
    """A complex parameter: child elements `(name, namespace, value)` in order."""

    fields: tuple[tuple[str, str, Scalar | Struct], ...]


Value = Scalar | Struct


def wire_text(value: Scalar) -> str:
    """A parameter as WCF expects it: booleans lowercase, times as `YYYY-MM-DDTHH:MM:SS`."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.replace(tzinfo=None, microsecond=0).isoformat()
    if isinstance(value, date):
        return f"{value.isoformat()}T00:00:00"
    return "" if value is None else str(value)


def _append(parent: Element, name: str, namespace: str, value: Value) -> None:
    node = etree.SubElement(parent, f"{{{namespace}}}{name}")
    if isinstance(value, Struct):
        for child_name, child_ns, child_value in value.fields:
            _append(node, child_name, child_ns, child_value)
    else:
        node.text = wire_text(value)


def envelope(operation: str, params: Mapping[str, Value], namespace: str = TEMPURI) -> bytes:
    """A SOAP 1.1 envelope whose body element `<operation>` (in `namespace`) holds `params`."""
    nsmap = {"s": SOAP_ENV, "b": NS_BASE, "r": NS_REQUEST}
    root = etree.Element(f"{{{SOAP_ENV}}}Envelope", nsmap=nsmap)
    body = etree.SubElement(root, f"{{{SOAP_ENV}}}Body")
    default: Any = {None: namespace}  # a default namespace, as WCF clients write it
    call = etree.SubElement(body, f"{{{namespace}}}{operation}", nsmap=default)
    for name, value in params.items():
        _append(call, name, namespace, value)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="utf-8"))


def soap_request(url: str, operation: str, params: Mapping[str, Value], **kwargs: Any) -> Request:
    """A POST of the operation's envelope with its SOAPAction; `kwargs` go to `Request`."""
    headers = {
        "Content-Type": XML_TYPE,
        "SOAPAction": f'"{ACTION_PREFIX}{operation}"',
        "Accept": "text/xml",
        **kwargs.pop("headers", {}),
    }
    meta = {**kwargs.pop("meta", {}), "soap_operation": operation}
    return Request(
        url, method="POST", body=envelope(operation, params), headers=headers, meta=meta, **kwargs
    )


DTD_REFUSED = "refused: the response declares a DTD (entities are not allowed)"
PROLOG_LIMIT = 65_536  # bytes of XML declaration, comments and whitespace before the root


def declares_dtd(body: bytes) -> bool:
    """Whether the prolog (before the root element) holds a `<!DOCTYPE`: checked before parsing,
    so no entity declaration reaches the parser at all."""
    if body.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = body[:PROLOG_LIMIT].decode("utf-16", "ignore").encode("utf-8", "ignore")
    else:
        text = body[:PROLOG_LIMIT].removeprefix(b"\xef\xbb\xbf")
    position = 0
    while position < len(text):
        if text[position : position + 1].isspace():
            position += 1
        elif text.startswith(b"<?", position):
            position = _after(text, b"?>", position)
        elif text.startswith(b"<!--", position):
            position = _after(text, b"-->", position)
        else:
            return text.startswith(b"<!DOCTYPE", position)
    return False


def _after(text: bytes, end: bytes, start: int) -> int:
    found = text.find(end, start)
    return len(text) if found < 0 else found + len(end)


def parse_xml(body: bytes) -> Element:
    """Parse untrusted XML: no DTD at all, no entities, no network, libxml2's depth and size
    limits. SoapResponseError for anything unsafe or not well-formed."""
    if declares_dtd(body):
        raise SoapResponseError(DTD_REFUSED)
    parser = untrusted_parser()
    if not body.strip():
        raise SoapResponseError("empty response")
    try:
        root = etree.fromstring(body, parser)
    except etree.XMLSyntaxError as exc:
        if "Memory allocation failed" in str(exc):  # libxml2 at the crawl's memory limit
            raise MemoryError(str(exc)) from None
        raise SoapResponseError(f"not well-formed XML ({exc})") from None
    docinfo = root.getroottree().docinfo
    if docinfo.internalDTD is not None or docinfo.externalDTD is not None or docinfo.doctype:
        raise SoapResponseError(DTD_REFUSED)
    return root


def _readable(tag: object) -> bool:
    if not isinstance(tag, str):
        return False  # comments, processing instructions, unexpanded entities
    namespace = etree.QName(tag).namespace or ""
    return namespace == "" or namespace.startswith(_READABLE)


def children(element: Element | None, name: str) -> list[Element]:
    """Child elements called `name` in the operation's or a data-contract namespace."""
    if element is None:
        return []
    return [c for c in element if _readable(c.tag) and etree.QName(c.tag).localname == name]


def elements(element: Element | None) -> list[Element]:
    """Every child element in the operation's or a data-contract namespace."""
    if element is None:
        return []
    return [c for c in element if _readable(c.tag)]


def child(element: Element | None, name: str) -> Element | None:
    found = children(element, name)
    return found[0] if found else None


def is_nil(element: Element | None) -> bool:
    return element is None or element.get(f"{{{NS_XSI}}}nil") == "true"


def _content(element: Element | None) -> str | None:
    """All text inside an element as written; None when missing or nil."""
    if element is None or is_nil(element):
        return None
    return "".join(element.itertext())


def text(element: Element | None, name: str) -> str | None:
    """The cleaned text of child `name` (whitespace collapsed); None when missing, nil, empty."""
    return clean_text(_content(child(element, name)))


def raw_text(element: Element | None, name: str) -> str | None:
    """Like `text`, but keeps the text as written (HTML and line breaks included)."""
    value = (_content(child(element, name)) or "").strip()
    return value or None


def flag(element: Element | None, name: str) -> bool | None:
    value = (text(element, name) or "").lower()
    return {"true": True, "1": True, "false": False, "0": False}.get(value)


def items(element: Element | None, container: str, item: str) -> list[Element]:
    """The `item` objects inside the `container` child (a WCF `ArrayOf...`)."""
    return children(child(element, container), item)


def key_values(element: Element | None, container: str = "Values") -> dict[str, str]:
    """A serialized dictionary (`KeyValueOfstringstring{Key, Value}`, or `iBabsKeyValue`) as
    {key: cleaned text}; empty values are left out, the first of a repeated key wins."""
    result: dict[str, str] = {}
    holder = child(element, container)
    for pair in [*children(holder, "KeyValueOfstringstring"), *children(holder, "iBabsKeyValue")]:
        key, value = text(pair, "Key"), text(pair, "Value")
        if key and value and key not in result:
            result[key] = value
    return result


class Outcome(StrEnum):
    OK = "ok"
    EMPTY = "empty"  # "No public meetings" and the like: a normal, empty answer
    NO_ACCESS = "no_access"  # the harvester is not whitelisted for the site
    ERROR = "error"


NO_ACCESS_MARKERS = ("no access to site", "no public account")
EMPTY_MARKERS = ("no public", "no meetings", "no votes", "no entries", "no results", "no items")


def classify(status: str | None, message: str | None) -> Outcome:
    lowered = (message or "").lower()
    if any(marker in lowered for marker in NO_ACCESS_MARKERS):
        return Outcome.NO_ACCESS
    if (status or "OK").upper() == "OK":
        return Outcome.OK
    if any(marker in lowered for marker in EMPTY_MARKERS):
        return Outcome.EMPTY
    return Outcome.ERROR


@dataclass(frozen=True)
class SoapResult:
    """The `<operation>Result` element of a response, with its `.Base` Status and Message."""

    operation: str
    element: Element
    status: str | None
    message: str | None

    @property
    def outcome(self) -> Outcome:
        return classify(self.status, self.message)


def fault_text(root: Element) -> str | None:
    body = root.find(f"{{{SOAP_ENV}}}Body")
    fault = body.find(f"{{{SOAP_ENV}}}Fault") if body is not None else None
    if fault is None:
        return None
    return text(fault, "faultstring") or clean_text("".join(fault.itertext())) or "SOAP fault"


def read_result(body: bytes, operation: str) -> SoapResult:
    """Parse a response to `operation`; SoapResponseError unless it holds `<operation>Result`."""
    root = parse_xml(body)
    if root.tag != f"{{{SOAP_ENV}}}Envelope":
        raise SoapResponseError(f"not a SOAP 1.1 envelope (root element {root.tag!r})")
    fault = fault_text(root)
    if fault is not None:
        raise SoapResponseError(f"SOAP fault: {fault}")
    body_el = root.find(f"{{{SOAP_ENV}}}Body")
    response = child(body_el, f"{operation}Response")
    result = child(response, f"{operation}Result")
    if result is None:
        raise SoapResponseError(f"no {operation}Result in the response")
    return SoapResult(operation, result, text(result, "Status"), text(result, "Message"))


def describe_fault(body: bytes) -> str | None:
    """The fault string of an error response body (HTTP 500), if it is a readable SOAP fault."""
    try:
        return fault_text(parse_xml(body))
    except SoapResponseError:
        return None


__all__ = [
    "Outcome",
    "SoapResponseError",
    "SoapResult",
    "Struct",
    "child",
    "children",
    "classify",
    "describe_fault",
    "elements",
    "envelope",
    "flag",
    "items",
    "key_values",
    "parse_xml",
    "raw_text",
    "read_result",
    "soap_request",
    "text",
    "wire_text",
]
