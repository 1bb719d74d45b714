"""Conversion between `IndexDoc`/`Hit` and tantivy documents.

`check` checks one `IndexDoc`: a document that cannot be indexed raises `Rejected` with the
reason, before anything touches the index, so a bad document never deletes the indexed version
it would replace. `to_documents` builds the tantivy documents of a checked one from its text
analysed once (`native.Analysed`): one `doc`, one `page` per page with words.
`hit_from_stored` turns a stored `doc` back into a `Hit`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from tantivy import Document

from mappings import FIELDS
from vindplaats.engine.base import Hit, IndexDoc
from vindplaats.engine.dates import MAX_DATE, MIN_DATE, whole_second
from vindplaats.engine.embedded.native import GAP, Analysed
from vindplaats.engine.embedded.schema import (
    DATE_FIELDS,
    DOC_KEY,
    GRAMS,
    ID,
    INTEGER_FIELDS,
    KEYWORD_FIELDS,
    KIND,
    KIND_DOC,
    KIND_PAGE,
    MULTI_FACET_FIELDS,
    PAGE,
    PAGE_RAW,
    PAGE_TEXT,
    SET_SEPARATOR,
    TEXT,
    TEXT_FIELDS,
    TIMESTAMP_FIELDS,
    doc_key,
    folded_name,
    set_name,
)
from vindplaats.engine.filter_keys import keyword_values

MAX_ID_LENGTH = 1024

# Mapped fields that do not come straight from an IndexDoc attribute of the same name.
_DERIVED = {"text", "page_count", "organization_key", "committee_key", "publisher_key", "year"}
_unknown = {f.name for f in FIELDS} - _DERIVED - set(IndexDoc.model_fields)
if _unknown:  # pragma: no cover - guards mappings/fields.json against drifting from IndexDoc
    raise RuntimeError(f"fields.json fields without an IndexDoc source: {sorted(_unknown)}")


class Rejected(ValueError):
    """This document cannot be indexed; the message is the reason recorded in `IndexReport`."""


def check(doc: object) -> IndexDoc:
    if not isinstance(doc, IndexDoc):
        raise Rejected(f"not an IndexDoc: {type(doc).__name__}")
    if not isinstance(doc.id, str) or not doc.id or len(doc.id) > MAX_ID_LENGTH:
        raise Rejected(f"id must be a non-empty string of at most {MAX_ID_LENGTH} characters")
    if any(c.isspace() or not c.isprintable() for c in doc.id):
        raise Rejected("id contains whitespace or control characters")
    if not isinstance(doc.title, str):
        raise Rejected("title must be a string")
    for name in KEYWORD_FIELDS:
        if name in _DERIVED:
            continue
        value = getattr(doc, name)
        values = value if isinstance(value, list) else [value]
        if not all(v is None or isinstance(v, str) for v in values):
            raise Rejected(f"{name} must be a string or a list of strings")
    if not all(isinstance(v, str) for v in doc.woo_categories):
        raise Rejected("woo_categories must be a list of strings")
    if doc.date is not None:
        if not isinstance(doc.date, dt.date):
            raise Rejected("date must be a date")
        if not MIN_DATE <= doc.date <= MAX_DATE:
            raise Rejected(f"date {doc.date} is outside {MIN_DATE}..{MAX_DATE}")
    if doc.added is not None and not (
        isinstance(doc.added, dt.datetime) and MIN_DATE < whole_second(doc.added).date() <= MAX_DATE
    ):
        raise Rejected(f"added must be a moment after {MIN_DATE}, until {MAX_DATE}")
    if not isinstance(doc.pages, list) or not all(isinstance(p, str) for p in doc.pages):
        raise Rejected("pages must be a list of strings")
    try:
        for page in doc.pages:
            page.encode("utf-8")
    except UnicodeEncodeError as exc:  # lone surrogates: not text the analyser can read
        raise Rejected(f"cannot index: {exc}") from exc
    return doc


def _as_datetime(value: dt.date) -> dt.datetime:
    return dt.datetime(value.year, value.month, value.day, tzinfo=dt.UTC)


def _has_words(stems: str) -> bool:
    return bool(stems.replace(GAP, "").strip())


def _doc_document(doc: IndexDoc, analysed: Analysed) -> Document:
    day = doc.date.date() if isinstance(doc.date, dt.datetime) else doc.date
    main = Document()
    main.add_text(KIND, KIND_DOC)
    for name in KEYWORD_FIELDS:
        keywords = [v.replace(SET_SEPARATOR, " ") for v in keyword_values(doc, name)]
        for keyword in keywords:
            main.add_text(name, keyword)
        if name in MULTI_FACET_FIELDS and keywords:
            main.add_text(set_name(name), SET_SEPARATOR.join(sorted(set(keywords))))
    for name in TEXT_FIELDS:
        if name == TEXT:
            for stems in analysed.pages:
                if _has_words(stems):
                    main.add_text(TEXT, stems)
            if analysed.folded:
                main.add_text(folded_name(TEXT), analysed.folded)
            if analysed.grams:
                main.add_text(GRAMS, analysed.grams)
            continue
        value = getattr(doc, name)
        if value.strip():
            main.add_text(name, value)
            main.add_text(folded_name(name), value)
    for name in DATE_FIELDS:
        value = day if name == "date" else getattr(doc, name)
        if value is not None:
            main.add_date(name, _as_datetime(value))
    for name in TIMESTAMP_FIELDS:
        moment = getattr(doc, name)
        if moment is not None:
            main.add_date(name, whole_second(moment))
    for name in INTEGER_FIELDS:
        main.add_integer(name, len(doc.pages) if name == "page_count" else getattr(doc, name))
    return main


def to_documents(checked: IndexDoc, analysed: Analysed) -> list[Document]:
    """The `doc` document and the `page` documents of a `check`ed document, from its text
    `analysed`; raises `Rejected` with the reason."""
    try:
        documents = [_doc_document(checked, analysed)]
        key = doc_key(checked.id)
        for number, (text, stems) in enumerate(zip(checked.pages, analysed.pages, strict=True), 1):
            if _has_words(stems):
                page = Document()
                page.add_text(ID, checked.id)
                page.add_text(KIND, KIND_PAGE)
                page.add_integer(PAGE, number)
                page.add_integer(DOC_KEY, key)
                page.add_text(PAGE_TEXT, stems)
                page.add_bytes(PAGE_RAW, text.encode("utf-8"))
                documents.append(page)
    except (ValueError, TypeError, OverflowError) as exc:  # e.g. lone surrogates in a string
        raise Rejected(f"cannot index: {exc}") from exc
    return documents


def _first(stored: dict[str, list[Any]], name: str) -> Any:
    values = stored.get(name)
    return values[0] if values else None


def _moment(value: Any) -> dt.datetime | None:
    if not isinstance(value, dt.datetime):
        return None
    return whole_second(value)


def hit_from_stored(stored: dict[str, list[Any]], score: float) -> Hit:
    when = _first(stored, "date")
    return Hit(
        id=_first(stored, ID),
        score=score,
        title=_first(stored, "title") or "",
        organization=_first(stored, "organization") or "",
        source_key=_first(stored, "source_key") or "",
        supplier=_first(stored, "supplier") or "",
        document_type=_first(stored, "document_type"),
        document_type_label=_first(stored, "document_type_label"),
        woo_category=_first(stored, "woo_category"),
        committee=_first(stored, "committee"),
        motion_result=_first(stored, "motion_result"),
        date=when.date() if isinstance(when, dt.datetime) else None,
        added=_moment(_first(stored, "added")),
        meeting_id=_first(stored, "meeting_id"),
        file_name=_first(stored, "file_name"),
        page_count=_first(stored, "page_count") or 0,
    )


__all__ = ["Rejected", "check", "hit_from_stored", "to_documents"]
