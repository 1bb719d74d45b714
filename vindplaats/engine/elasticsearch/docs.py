"""Conversion between `IndexDoc`/`Hit` and Elasticsearch documents.

`to_source` builds the indexed JSON of one `IndexDoc` from the field list (as the embedded
engine does: empty keyword values are left out, `multi` fields are lists, `text` holds the
non-blank pages, `page_count` counts all pages) plus the `pages` nested objects (number and
text of each non-blank page).
`hit_from` turns a search hit back into a `Hit`, its best pages (the `inner_hits`) with snippets
made by the shared highlighter (`vindplaats.engine.snippets`), so both engines mark and cut
pages the same way.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from mappings import FIELDS
from vindplaats.engine.base import Hit, IndexDoc, PageHit
from vindplaats.engine.dates import whole_second
from vindplaats.engine.elasticsearch.compile import PAGE_HITS
from vindplaats.engine.elasticsearch.mapping import PAGE_NUMBER, PAGE_TEXT, PAGES
from vindplaats.engine.filter_keys import keyword_values
from vindplaats.engine.snippets import Highlighter, make_snippet

MAX_ID_BYTES = 512  # Elasticsearch refuses longer `_id`s, failing the whole bulk request

_DERIVED = {"text", "page_count"}
MOMENT_FORMAT = "%Y-%m-%dT%H:%M:%SZ"  # strict_date_time_no_millis, in UTC


class Rejected(ValueError):
    """This document cannot be sent; the message is the reason recorded in `IndexReport`."""


def check(doc: object) -> IndexDoc:
    """Checks Elasticsearch would apply to the whole bulk request rather than to one item."""
    if not isinstance(doc, IndexDoc):
        raise Rejected(f"not an IndexDoc: {type(doc).__name__}")
    if not isinstance(doc.id, str) or not doc.id:
        raise Rejected("id must be a non-empty string")
    if len(doc.id.encode("utf-8", "surrogatepass")) > MAX_ID_BYTES:
        raise Rejected(f"id is longer than {MAX_ID_BYTES} bytes")
    return doc


def _day(value: dt.date | None) -> str | None:
    if value is None:
        return None
    day = value.date() if isinstance(value, dt.datetime) else value
    return day.isoformat()


def to_source(doc: IndexDoc) -> dict[str, Any]:
    source: dict[str, Any] = {}
    pages = [(number, text) for number, text in enumerate(doc.pages, start=1) if text.strip()]
    for field in FIELDS:
        name = field.name
        if name == "text":
            source[name] = [text for _, text in pages]
        elif name == "page_count":
            source[name] = len(doc.pages)
        elif field.kind == "date":
            if (day := _day(getattr(doc, name))) is not None:
                source[name] = day
        elif field.kind == "timestamp":
            if (moment := getattr(doc, name)) is not None:
                source[name] = whole_second(moment).strftime(MOMENT_FORMAT)
        elif field.kind == "keyword":
            if values := keyword_values(doc, name):
                source[name] = values if field.multi else values[0]
        else:
            source[name] = getattr(doc, name)
    source[PAGES] = [{PAGE_NUMBER: number, PAGE_TEXT: text} for number, text in pages]
    return source


def _pages(hit: dict[str, Any], highlighter: Highlighter | None) -> list[PageHit]:
    inner = hit.get("inner_hits", {}).get(PAGE_HITS, {}).get("hits", {}).get("hits", [])
    if highlighter is None:
        return []
    out: list[PageHit] = []
    for page in inner:
        source = page.get("_source", {})
        snippet = make_snippet(str(source.get(PAGE_TEXT, "")), highlighter)
        out.append(
            PageHit(number=int(source[PAGE_NUMBER]), score=float(page["_score"]), snippet=snippet)
        )
    return out


def _first(value: Any) -> Any:
    """The first value of a multi-valued field (the one shown), or the single value."""
    if isinstance(value, list):
        return value[0] if value else None
    return value


def _moment(value: Any) -> dt.datetime | None:
    return whole_second(dt.datetime.fromisoformat(value)) if isinstance(value, str) else None


def hit_from(hit: dict[str, Any], score: float, highlighter: Highlighter | None) -> Hit:
    source: dict[str, Any] = hit.get("_source", {})
    when = source.get("date")
    return Hit(
        id=source["id"],
        score=score,
        title=source.get("title") or "",
        organization=source.get("organization") or "",
        source_key=source.get("source_key") or "",
        supplier=source.get("supplier") or "",
        document_type=source.get("document_type"),
        document_type_label=source.get("document_type_label"),
        woo_category=_first(source.get("woo_category")),
        committee=source.get("committee"),
        motion_result=source.get("motion_result"),
        date=dt.date.fromisoformat(when) if isinstance(when, str) else None,
        added=_moment(source.get("added")),
        meeting_id=source.get("meeting_id"),
        file_name=source.get("file_name"),
        page_count=int(source.get("page_count") or 0),
        pages=_pages(hit, highlighter),
    )


__all__ = ["MAX_ID_BYTES", "Rejected", "check", "hit_from", "to_source"]
