"""DiWoo XML -> Woo metadata: the `diwoo:Document` / `diwoo:DiWoo` block of a sitemap `<url>`.

`read_metadata(element)` reads one `diwoo:Document` (or a bare `diwoo:DiWoo`) into a
`WooMetadata` with the warnings of what could not be read; `read_entries(xml)` reads a whole
file: a sitemap `<urlset>` (each `<url>`: `loc`, `lastmod`, its `diwoo:Document`), the
non-standard `diwoo:Documents` root (`loc`/`lastmod` inside each `diwoo:Document`), or a single
`diwoo:Document` / `diwoo:DiWoo`. `parse_diwoo_xml` is the safe parser both use (no DTD, no
entities, no network, libxml2's size limits).

Tolerant of what publishers write (`../shared/docs/woo.md`):

- DiWoo 0.9.4 and 0.9.8 (the same namespace, with or without a version or `http`), sitemap
  elements in any namespace (`https://www.sitemaps.org/...` is seen), `lastmod` before or after
  the `diwoo:Document`;
- elements are found by their DiWoo name anywhere in the block, so a missing wrapper
  (`verkorteTitel` directly under `titelcollectie`) or a flat block without `diwoo:DiWoo`
  (metadata elements directly in `diwoo:Document`, `soortHandeling`/`atTime` without their
  `documenthandeling`) reads the same;
- invented codes (`c_advies`, `.../kern/c_nl`) are kept as unknown `Coded` values (see
  `normalize.woo_metadata`); missing optional parts are simply absent; a date that is no date
  (`creatiedatum` "december 2021") is left out with a warning; naive times are Dutch time;
- a second value where DiWoo allows one is a warning (the first is kept).

What cannot be read at all (not XML, a DTD, no DiWoo or sitemap root) is `DiWooXmlError`; inside a
file, an entry whose metadata cannot be built keeps its `loc` with the reason in its warnings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache

from lxml import etree
from pydantic import ValidationError

from normalize.dates import dutch_day, parse_datetime
from normalize.safe_xml import untrusted_parser
from normalize.tooi import AnyList
from normalize.woo_metadata import (
    Coded,
    Documenthandeling,
    DocumentRef,
    Documentrelatie,
    ExtraField,
    ExtraMetadata,
    Geldigheid,
    WooMetadata,
)

_DIWOO = re.compile(r"^https?://standaarden\.overheid\.nl/diwoo/metadata(?:/[0-9.]+)?/?$")
_MDTO = "https://www.nationaalarchief.nl/mdto"


class DiWooXmlError(ValueError):
    """The XML cannot be read as DiWoo (not well-formed, unsafe, or no DiWoo content)."""


@dataclass(frozen=True)
class DiWooReading:
    """The metadata read from one `diwoo:Document` (None: it has no DiWoo block), and what could
    not be read."""

    metadata: WooMetadata | None
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class DiWooEntry:
    """One document of a DiWoo sitemap: its `loc`, `lastmod` (as written, and read when it is a
    date), and its metadata."""

    loc: str | None
    lastmod: str | None
    lastmod_time: datetime | None
    metadata: WooMetadata | None
    warnings: tuple[str, ...] = ()


@cache
def _tag(tag: str) -> tuple[bool, str]:
    """Whether a tag (`{namespace}name`) is DiWoo's, and its local name."""
    namespace, _, local = tag[1:].partition("}") if tag.startswith("{") else ("", "", tag)
    return bool(_DIWOO.match(namespace)), local


def is_diwoo(element: etree._Element) -> bool:
    """Whether an element is in the DiWoo namespace (any version)."""
    return isinstance(element.tag, str) and _tag(element.tag)[0]


def _local(element: etree._Element) -> str:
    return _tag(element.tag)[1] if isinstance(element.tag, str) else ""


def parse_diwoo_xml(data: bytes) -> etree._Element:
    """The root element of untrusted XML; DiWooXmlError when it is not well-formed or declares
    a DTD."""
    if not data.strip():
        raise DiWooXmlError("empty document")
    parser = untrusted_parser(remove_comments=True, remove_pis=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise DiWooXmlError(f"not well-formed XML ({exc})") from None
    docinfo = root.getroottree().docinfo
    if docinfo.internalDTD is not None or docinfo.externalDTD is not None or docinfo.doctype:
        raise DiWooXmlError("a DTD is not accepted in DiWoo XML")
    return root


class _Block:
    """Finds DiWoo elements by name anywhere in a block (leaving out extraMetadata): the block is
    walked once, into lists by name in document order."""

    def __init__(self, root: etree._Element) -> None:
        self.warnings: list[str] = []
        self.by_name = _by_name(root)
        self.parts: dict[int, dict[str, list[etree._Element]]] = {}

    def all(self, name: str, within: etree._Element | None = None) -> list[etree._Element]:
        if within is None:
            return self.by_name.get(name, [])
        key = id(within)  # `within` is one of this block's elements, alive while it is
        if key not in self.parts:
            self.parts[key] = _by_name(within)
        return self.parts[key].get(name, [])

    def one(self, name: str, within: etree._Element | None = None) -> etree._Element | None:
        found = self.all(name, within)
        if len(found) > 1:
            self.warnings.append(f"{name}: {len(found)} given where DiWoo allows one; first kept")
        return found[0] if found else None

    def text(self, name: str, within: etree._Element | None = None) -> str | None:
        element = self.one(name, within)
        return (_text(element) or None) if element is not None else None

    def texts(self, name: str) -> list[str]:
        return [t for t in (_text(e) for e in self.all(name)) if t]

    def coded(
        self, name: str, list_name: AnyList, within: etree._Element | None = None
    ) -> Coded | None:
        element = self.one(name, within)
        return _coded(element, list_name) if element is not None else None

    def codes(self, name: str, list_name: AnyList) -> list[Coded]:
        return [c for c in (_coded(e, list_name) for e in self.all(name)) if c is not None]

    def time(self, element: etree._Element | None, name: str) -> datetime | None:
        if element is None:
            return None
        text = _text(element)
        parsed = parse_datetime(text)
        if parsed is None and text:
            self.warnings.append(f"{name} {text!r} is not a date and time; left out")
        return parsed

    def day(self, name: str) -> date | None:
        text = self.text(name)
        parsed = parse_datetime(text) if text else None
        if parsed is None and text:
            self.warnings.append(f"{name} {text!r} is not a date; left out")
        return dutch_day(parsed) if parsed is not None else None


def _by_name(root: etree._Element) -> dict[str, list[etree._Element]]:
    out: dict[str, list[etree._Element]] = {}
    for element in root.iter():  # document order
        if isinstance(element.tag, str):
            diwoo, local = _tag(element.tag)
            if diwoo:
                out.setdefault(local, []).append(element)
    extras = out.pop("extraMetadata", [])
    if extras:  # the publisher's own fields are read apart (`_extra`)
        inside = {id(e) for extra in extras for e in extra.iter()}
        out = {k: [e for e in v if id(e) not in inside] for k, v in out.items()}
    return out


def _text(element: etree._Element) -> str:
    if len(element) == 0:  # a leaf: its text alone
        return " ".join((element.text or "").split())
    return " ".join("".join(map(str, element.itertext())).split())


def _coded(element: etree._Element, list_name: AnyList) -> Coded | None:
    label, uri = _text(element), (element.get("resource") or "").strip() or None
    if not label and uri is None:
        return None  # an empty element carries nothing
    return Coded.of(list_name, label, uri)


def _reference(element: etree._Element | None) -> DocumentRef | None:
    if element is None:
        return None
    label, resource = _text(element), (element.get("resource") or "").strip() or None
    return DocumentRef(label=label, resource=resource) if label or resource else None


def _actions(block: _Block) -> list[Documenthandeling]:
    out = []
    for element in block.all("documenthandeling"):
        kind = block.coded("soortHandeling", "documenthandelingen", element)
        if kind is None:
            block.warnings.append("documenthandeling without soortHandeling; left out")
            continue
        at = block.time(block.one("atTime", element), "atTime")
        by = block.coded("wasAssociatedWith", "organisaties", element)
        out.append(Documenthandeling(soort_handeling=kind, at_time=at, was_associated_with=by))
    if out or block.all("documenthandeling"):
        return out
    # the flat variant: soortHandeling / atTime / wasAssociatedWith without their wrapper
    kinds = block.codes("soortHandeling", "documenthandelingen")
    times = block.all("atTime")
    people = block.all("wasAssociatedWith")
    for i, kind in enumerate(kinds):
        at = block.time(times[i], "atTime") if i < len(times) else None
        by = _coded(people[i], "organisaties") if i < len(people) else None
        out.append(Documenthandeling(soort_handeling=kind, at_time=at, was_associated_with=by))
    return out


def _relations(block: _Block) -> list[Documentrelatie]:
    out = []
    for element in block.all("documentrelatie"):
        role = block.coded("role", "documentrelaties", element)
        relation = _reference(block.one("relation", element))
        if role is None or relation is None:
            block.warnings.append("documentrelatie without role or relation; left out")
            continue
        out.append(Documentrelatie(role=role, relation=relation))
    return out


def _extra(document: etree._Element) -> list[ExtraMetadata]:
    out = []
    for element in document:
        if not isinstance(element.tag, str) or not is_diwoo(element):
            continue
        if _local(element) != "extraMetadata":
            continue
        found = {_local(c): c for c in element if isinstance(c.tag, str)}
        fields = []
        for item in element.iter(f"{{{etree.QName(element).namespace}}}extraMetadataveld"):
            key = next((_text(c) for c in item if _local(c) == "key"), "")
            values = [_text(v) for v in item.iter() if _local(v) == "value"]
            fields.append(ExtraField(key=key, values=values))
        namespace = _text(found["namespace"]) if "namespace" in found else None
        prefix = _text(found["prefix"]) if "prefix" in found else None
        out.append(ExtraMetadata(namespace=namespace, prefix=prefix, fields=fields))
    return out


def _metadata(block: _Block, document: etree._Element | None) -> WooMetadata:
    validity = None
    begin = block.time(block.one("begindatum"), "begindatum")
    end = block.time(block.one("einddatum"), "einddatum")
    if begin is not None or end is not None:
        validity = Geldigheid(begindatum=begin, einddatum=end)
    parts = [r for r in (_reference(e) for e in block.all("hasPart")) if r is not None]
    return WooMetadata(
        identifiers=block.texts("identifier"),
        publisher=block.coded("publisher", "organisaties"),
        verantwoordelijke=block.coded("verantwoordelijke", "organisaties"),
        medeverantwoordelijken=block.codes("medeverantwoordelijke", "organisaties"),
        opsteller=block.coded("opsteller", "organisaties"),
        naam_opsteller=block.text("naamOpsteller"),
        officiele_titel=block.text("officieleTitel"),
        verkorte_titels=block.texts("verkorteTitel"),
        alternatieve_titels=block.texts("alternatieveTitel"),
        omschrijvingen=block.texts("omschrijving"),
        informatiecategorieen=block.codes("informatiecategorie", "informatiecategorieen"),
        documentsoorten=block.codes("documentsoort", "documentsoorten"),
        themas=block.codes("thema", "themas"),
        trefwoorden=block.texts("trefwoord"),
        creatiedatum=block.day("creatiedatum"),
        geldigheid=validity,
        language=block.coded("language", "talen"),
        format=block.coded("format", "bestandsformaten"),
        aggregatiekenmerk=block.text("aggregatiekenmerk"),
        is_part_of=_reference(block.one("isPartOf")),
        has_parts=parts,
        documenthandelingen=_actions(block),
        documentrelaties=_relations(block),
        reden_verwijdering_vervanging=block.coded(
            "redenVerwijderingVervanging", "redenen_verwijdering_vervanging"
        ),
        extra_metadata=_extra(document) if document is not None else [],
    )


_FIELDS = {"publisher", "titelcollectie", "officieleTitel", "classificatiecollectie",
           "informatiecategorie", "documenthandelingen", "soortHandeling", "creatiedatum",
           "identifiers", "format", "language", "omschrijvingen"}  # fmt: skip


def read_metadata(element: etree._Element) -> DiWooReading:
    """The Woo metadata of a `diwoo:Document` (its `diwoo:DiWoo` block, or DiWoo elements
    directly inside it) or of a bare `diwoo:DiWoo` element; metadata None when there is none
    (an empty document, or MDTO metadata only: noted in the warnings)."""
    name = _local(element) if is_diwoo(element) else ""
    if name == "DiWoo":
        root, document = element, None
    elif name == "Document":
        document = element
        blocks = [
            c for c in element if isinstance(c.tag, str) and is_diwoo(c) and _local(c) == "DiWoo"
        ]
        flat = any(isinstance(c.tag, str) and is_diwoo(c) and _local(c) in _FIELDS for c in element)
        if blocks:
            root = blocks[0]
        elif flat:
            root = element
        else:
            mdto = any(etree.QName(c).namespace == _MDTO for c in element if isinstance(c.tag, str))
            note = ("MDTO metadata is not read",) if mdto else ()
            return DiWooReading(None, note)
    else:
        raise DiWooXmlError(f"<{etree.QName(element).text}> is not a diwoo:Document or diwoo:DiWoo")
    block = _Block(root)
    try:
        metadata = _metadata(block, document)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        return DiWooReading(None, (*block.warnings, f"metadata not readable: {problems}"))
    return DiWooReading(metadata, tuple(block.warnings))


def _child_text(element: etree._Element, name: str) -> str | None:
    for child in element:
        if isinstance(child.tag, str) and _local(child) == name and not is_diwoo(child):
            return _text(child) or None
    return None


def _entry(element: etree._Element, document: etree._Element | None) -> DiWooEntry:
    loc, lastmod = _child_text(element, "loc"), _child_text(element, "lastmod")
    reading = read_metadata(document) if document is not None else DiWooReading(None)
    return DiWooEntry(
        loc=loc,
        lastmod=lastmod,
        lastmod_time=parse_datetime(lastmod) if lastmod else None,
        metadata=reading.metadata,
        warnings=reading.warnings,
    )


def _document_in(url: etree._Element) -> etree._Element | None:
    for child in url:
        if isinstance(child.tag, str) and is_diwoo(child) and _local(child) == "Document":
            return child
    return None


def read_entries(xml: bytes | etree._Element) -> list[DiWooEntry]:
    """Every document of a DiWoo sitemap (`urlset`), of a `diwoo:Documents` root, or the one of a
    `diwoo:Document` / `diwoo:DiWoo`; DiWooXmlError when the XML is none of these."""
    root = parse_diwoo_xml(xml) if isinstance(xml, bytes) else xml
    name = _local(root)
    if is_diwoo(root) and name == "Documents":
        return [
            _entry(d, d)
            for d in root
            if isinstance(d.tag, str) and is_diwoo(d) and _local(d) == "Document"
        ]
    if is_diwoo(root) and name in ("Document", "DiWoo"):
        return [_entry(root, root)]
    if not is_diwoo(root) and name == "urlset":
        return [
            _entry(u, _document_in(u))
            for u in root
            if isinstance(u.tag, str) and _local(u) == "url"
        ]
    raise DiWooXmlError(
        f"<{name}> is not a DiWoo sitemap (urlset), diwoo:Documents or diwoo:Document"
    )


__all__ = [
    "DiWooEntry",
    "DiWooReading",
    "DiWooXmlError",
    "is_diwoo",
    "parse_diwoo_xml",
    "read_entries",
    "read_metadata",
]
