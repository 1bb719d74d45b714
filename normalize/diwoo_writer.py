"""Woo metadata -> a `diwoo:Document` element that validates against the official DiWoo 0.9.8 XSD.

`diwoo_document(metadata)` builds the element (a `diwoo:DiWoo` block, then any
`diwoo:extraMetadata`), for a sitemap `<url>` after `<loc>`/`<lastmod>`; `diwoo_xml(metadata)`
is the same as a standalone XML document (bytes). Elements are written in the XSD's order, empty
parts are left out, and only what DiWoo allows is written:

- a known coded value carries `resource="URI"` and its label; an unknown code (`known=False`)
  is written with its label only, never with a URI the value list lacks (the XSD would refuse
  it), so the export stays valid and the code stays counted on the record;
- dates as `xs:date`, times as `xs:dateTime` with their offset; characters XML cannot hold
  (control characters) are dropped from texts;
- metadata lacking a part DiWoo requires (`WooMetadata.missing_mandatory()`) is refused with
  `DiWooIncomplete`, naming the parts.

The reader of the same shape is `normalize.diwoo_reader`; the schema loader used by the tests
(and the validator) is `normalize.diwoo_schema`.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from lxml import etree

from normalize.diwoo_schema import DIWOO_NAMESPACE
from normalize.woo_metadata import (
    Coded,
    DocumentRef,
    ExtraMetadata,
    WooMetadata,
)

_NS = {"diwoo": DIWOO_NAMESPACE}
# Characters XML 1.0 cannot hold (all C0 controls but tab, newline, carriage return; U+FFFE/F)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


class DiWooIncomplete(ValueError):
    """The metadata lacks parts DiWoo requires; `missing` names them."""

    def __init__(self, missing: list[str]) -> None:
        super().__init__(f"DiWoo metadata incomplete: missing {', '.join(missing)}")
        self.missing = missing


def _q(name: str) -> str:
    return f"{{{DIWOO_NAMESPACE}}}{name}"


def _text(value: str) -> str:
    return _NOT_XML.sub("", value)


def _add(parent: etree._Element, name: str, text: str | None = None) -> etree._Element:
    child = etree.SubElement(parent, _q(name))
    if text is not None:
        child.text = _text(text)
    return child


def _coded(parent: etree._Element, name: str, value: Coded) -> None:
    child = _add(parent, name, value.label)  # a known value without label has the list's
    if value.known and value.uri is not None:
        child.set("resource", value.uri)


def _reference(parent: etree._Element, name: str, ref: DocumentRef) -> None:
    child = _add(parent, name, ref.label)
    if ref.resource:
        child.set("resource", _text(ref.resource))


def _strings(parent: etree._Element, wrapper: str, item: str, values: list[str]) -> None:
    if values:
        holder = _add(parent, wrapper)
        for value in values:
            _add(holder, item, value)


def _coded_list(parent: etree._Element, wrapper: str, item: str, values: list[Coded]) -> None:
    if values:
        holder = _add(parent, wrapper)
        for value in values:
            _coded(holder, item, value)


def _iso(value: date | datetime) -> str:
    return value.isoformat()


def _titles(block: etree._Element, meta: WooMetadata) -> None:
    titles = _add(block, "titelcollectie")
    _add(titles, "officieleTitel", meta.officiele_titel or "")
    _strings(titles, "verkorteTitels", "verkorteTitel", meta.verkorte_titels)
    _strings(titles, "alternatieveTitels", "alternatieveTitel", meta.alternatieve_titels)


def _classification(block: etree._Element, meta: WooMetadata) -> None:
    collection = _add(block, "classificatiecollectie")
    categories = _add(collection, "informatiecategorieen")
    for category in meta.informatiecategorieen:
        _coded(categories, "informatiecategorie", category)
    _coded_list(collection, "documentsoorten", "documentsoort", meta.documentsoorten)
    _coded_list(collection, "themas", "thema", meta.themas)
    _strings(collection, "trefwoorden", "trefwoord", meta.trefwoorden)


def _actions(block: etree._Element, meta: WooMetadata) -> None:
    actions = _add(block, "documenthandelingen")
    for action in meta.documenthandelingen:
        element = _add(actions, "documenthandeling")
        _coded(element, "soortHandeling", action.soort_handeling)
        assert action.at_time is not None  # missing_mandatory() refused it otherwise
        _add(element, "atTime", _iso(action.at_time))
        if action.was_associated_with is not None:
            _coded(element, "wasAssociatedWith", action.was_associated_with)


def _extra(document: etree._Element, extra: ExtraMetadata) -> None:
    fields = [f for f in extra.fields if f.values]
    if not fields:
        return
    element = _add(document, "extraMetadata")
    if extra.namespace and extra.prefix:
        _add(element, "namespace", extra.namespace)
        _add(element, "prefix", extra.prefix)
    holder = _add(element, "extraMetadatavelden")
    for field in fields:
        item = _add(holder, "extraMetadataveld")
        _add(item, "key", field.key)
        values = _add(item, "values")
        for value in field.values:
            _add(values, "value", value)


def diwoo_block(meta: WooMetadata) -> etree._Element:
    """The `diwoo:DiWoo` element of the metadata (DiWooIncomplete when a required part lacks)."""
    missing = meta.missing_mandatory()
    if missing:
        raise DiWooIncomplete(missing)
    block = etree.Element(_q("DiWoo"), nsmap=_NS)
    _strings(block, "identifiers", "identifier", meta.identifiers)
    assert meta.publisher is not None
    _coded(block, "publisher", meta.publisher)
    if meta.verantwoordelijke is not None:
        _coded(block, "verantwoordelijke", meta.verantwoordelijke)
    _coded_list(
        block, "medeverantwoordelijken", "medeverantwoordelijke", meta.medeverantwoordelijken
    )
    if meta.opsteller is not None:
        _coded(block, "opsteller", meta.opsteller)
    if meta.naam_opsteller:
        _add(block, "naamOpsteller", meta.naam_opsteller)
    _titles(block, meta)
    _strings(block, "omschrijvingen", "omschrijving", meta.omschrijvingen)
    _classification(block, meta)
    if meta.creatiedatum is not None:
        _add(block, "creatiedatum", _iso(meta.creatiedatum))
    validity = meta.geldigheid
    if validity is not None and (validity.begindatum or validity.einddatum):
        element = _add(block, "geldigheid")
        if validity.begindatum is not None:
            _add(element, "begindatum", _iso(validity.begindatum))
        if validity.einddatum is not None:
            _add(element, "einddatum", _iso(validity.einddatum))
    if meta.language is not None:
        _coded(block, "language", meta.language)
    if meta.format is not None:
        _coded(block, "format", meta.format)
    if meta.aggregatiekenmerk:
        _add(block, "aggregatiekenmerk", meta.aggregatiekenmerk)
    if meta.is_part_of is not None:
        _reference(block, "isPartOf", meta.is_part_of)
    if meta.has_parts:
        parts = _add(block, "hasParts")
        for part in meta.has_parts:
            _reference(parts, "hasPart", part)
    _actions(block, meta)
    if meta.documentrelaties:
        relations = _add(block, "documentrelaties")
        for relation in meta.documentrelaties:
            element = _add(relations, "documentrelatie")
            _coded(element, "role", relation.role)
            _reference(element, "relation", relation.relation)
    if meta.reden_verwijdering_vervanging is not None:
        _coded(block, "redenVerwijderingVervanging", meta.reden_verwijdering_vervanging)
    return block


def diwoo_document(meta: WooMetadata) -> etree._Element:
    """The `diwoo:Document` element: the DiWoo block, then the extraMetadata blocks."""
    document = etree.Element(_q("Document"), nsmap=_NS)
    document.append(diwoo_block(meta))
    for extra in meta.extra_metadata:
        _extra(document, extra)
    return document


def diwoo_xml(meta: WooMetadata, *, pretty: bool = True) -> bytes:
    """The `diwoo:Document` as a standalone UTF-8 XML document."""
    return bytes(
        etree.tostring(
            diwoo_document(meta), xml_declaration=True, encoding="UTF-8", pretty_print=pretty
        )
    )


__all__ = ["DiWooIncomplete", "diwoo_block", "diwoo_document", "diwoo_xml"]
