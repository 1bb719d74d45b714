"""Atom 1.0 (RFC 4287) documents of a search: the XML of `/feed.atom`, written with lxml.

`feed_xml(feed)` turns a `Feed` (its id, title, links, update time and `Entry`s) into the bytes
of an `atom:feed` document in UTF-8. Every text goes through lxml as text (never pasted into
markup), after dropping the characters XML 1.0 cannot hold (control characters, lone
surrogates), so no harvested title or snippet can break the document.

Ids are `urn:uuid:` URIs (RFC 4122 name-based, SHA-1) that depend on nothing but their name:
`search_id(q, filters)` of the normalised search (the same words and filters in any order or
spelling of the query string give the same id) and `record_id(id)` of a record's id, which
never changes between requests, harvests or index rebuilds.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import uuid
from dataclasses import dataclass, field

from lxml import etree

from vindplaats.engine.base import Filters

ATOM_NS = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# The namespace of Vindplaats' name-based ids (uuid5 of the DNS name of the project, fixed).
ID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_DNS, "vindplaats.ori")
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
GENERATOR = "Vindplaats"


@dataclass(frozen=True)
class Entry:
    """One record in a feed."""

    id: str  # an IRI (`record_id`)
    title: str
    updated: dt.datetime  # aware
    published: dt.datetime | None
    link: str  # absolute URL of the record's page
    summary: str  # plain text
    category: str | None = None  # term
    category_label: str | None = None


@dataclass(frozen=True)
class Feed:
    id: str
    title: str
    updated: dt.datetime
    self_link: str
    alternate_link: str
    author: str
    subtitle: str | None = None
    entries: list[Entry] = field(default_factory=list)


def clean_text(text: str) -> str:
    """`text` without the characters XML 1.0 cannot hold."""
    return _NOT_XML.sub("", text)


def _name_id(kind: str, name: str) -> str:
    return uuid.uuid5(ID_NAMESPACE, f"{kind}:{name}").urn


def record_id(record_id_: str) -> str:
    """The entry id of a record: a `urn:uuid:` of its id alone."""
    return _name_id("record", record_id_)


def normalised_search(q: str, filters: Filters) -> str:
    """The search as canonical JSON: words with single spaces, each filter's values sorted and
    once, empty filters left out."""
    scope: dict[str, object] = {"q": " ".join(q.split())}
    for name, value in filters.model_dump(mode="json").items():
        if isinstance(value, list):
            if value:
                scope[name] = sorted(set(value))
        elif value is not None:
            scope[name] = value
    return json.dumps(scope, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def search_id(q: str, filters: Filters) -> str:
    """The feed id of a search: a `urn:uuid:` of its normalised form."""
    return _name_id("search", normalised_search(q, filters))


def timestamp(moment: dt.datetime) -> str:
    """An RFC 3339 date-time, as Atom wants it (`2026-01-02T09:30:05Z`)."""
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)
    text = aware.replace(microsecond=0).isoformat()
    return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text


def _add(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> None:
    element = etree.SubElement(parent, f"{{{ATOM_NS}}}{tag}")
    for name, value in attrs.items():
        element.set(name, clean_text(value))
    if text is not None:
        element.text = clean_text(text)


def _entry(parent: etree._Element, entry: Entry) -> None:
    element = etree.SubElement(parent, f"{{{ATOM_NS}}}entry")
    _add(element, "id", entry.id)
    _add(element, "title", entry.title or "(zonder titel)", type="text")
    _add(element, "updated", timestamp(entry.updated))
    if entry.published is not None:
        _add(element, "published", timestamp(entry.published))
    _add(element, "link", rel="alternate", type="text/html", href=entry.link)
    if entry.summary:
        _add(element, "summary", entry.summary, type="text")
    if entry.category:
        labels = {"label": entry.category_label} if entry.category_label else {}
        _add(element, "category", term=entry.category, **labels)


def feed_xml(feed: Feed) -> bytes:
    """The Atom document of `feed`, UTF-8 with an XML declaration."""
    root = etree.Element(f"{{{ATOM_NS}}}feed", nsmap={None: ATOM_NS})  # type: ignore[dict-item]
    root.set(XML_LANG, "nl")
    _add(root, "id", feed.id)
    _add(root, "title", feed.title, type="text")
    if feed.subtitle:
        _add(root, "subtitle", feed.subtitle, type="text")
    _add(root, "updated", timestamp(feed.updated))
    author = etree.SubElement(root, f"{{{ATOM_NS}}}author")
    _add(author, "name", feed.author)
    _add(root, "link", rel="self", type="application/atom+xml", href=feed.self_link)
    _add(root, "link", rel="alternate", type="text/html", href=feed.alternate_link)
    _add(root, "generator", GENERATOR)
    for entry in feed.entries:
        _entry(root, entry)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="utf-8"))


__all__ = [
    "ATOM_NS",
    "Entry",
    "Feed",
    "clean_text",
    "feed_xml",
    "normalised_search",
    "record_id",
    "search_id",
    "timestamp",
]
