"""The tantivy schema, derived from the one field list (`mappings.FIELDS`).

Every mapped field becomes a tantivy field of its kind:

- `title`: analysed by the index with the Dutch `STEMMED` analyzer (positions, for phrases),
  stored, plus an internal `title__folded` twin with the unstemmed `FOLDED` analyzer (doc ids
  only) for `prefix*` queries;
- `text`, the bulk: analysed once per page by `native` (the same word forms), and indexed
  `PRE_ANALYSED` (split on whitespace only) into `text` (the document's stems, positions),
  `text__folded` (its distinct folded words, doc ids only: what `prefix*` matches), `GRAMS`
  (its common grams with their counts: `common_words`) and each page's `page_text`. Document
  text is never read back: snippets come from the pages' stored `page_raw`;
- `keyword`: one untokenised term, stored and fast (filters, facets, sort); a `multi` field holds
  one term per value, and when it is a facet, an internal `<name>__set` twin holds the set of its
  values as one term (sorted, joined by `SET_SEPARATOR`), single-valued and fast, for counting:
  tantivy's terms aggregation over a multi-valued column costs several times one over a
  single-valued column, more the more segments there are (`facets`, `docs/benchmarks.md`);
- `date` and `timestamp` (a moment, whole seconds in UTC): indexed, stored and fast; `integer`:
  indexed, stored and fast.

The index holds two kinds of tantivy documents, told apart by the internal `kind` field:
`doc` (one per document: metadata, title, all text; used for matching, counting, facets, sort
and paging) and `page` (one per page with words: `id` of its document, `page` number,
`page_text` and the stored `page_raw`; used only to pick the best pages of the hits shown, and
their snippets). Pages also
carry `doc_key`, a 64-bit hash of their document's id in a fast field, so the pages found for
a whole page of hits can be told apart without loading them.
"""

from __future__ import annotations

import hashlib

from tantivy import Schema, SchemaBuilder

from mappings import FIELDS, FieldDef
from vindplaats.engine.common_words import GRAMS_VERSION
from vindplaats.engine.embedded.analysis import FOLDED, PRE_ANALYSED, RAW, STEMMED

ID = "id"
KIND = "kind"
KIND_DOC = "doc"
KIND_PAGE = "page"
PAGE = "page"
PAGE_TEXT = "page_text"
PAGE_RAW = "page_raw"
TEXT = "text"
GRAMS = f"text__grams{GRAMS_VERSION}"
DOC_KEY = "doc_key"
FOLDED_SUFFIX = "__folded"
SET_SUFFIX = "__set"
SET_SEPARATOR = "\x1f"  # a control character, never part of a value (values are cleaned of it)

TEXT_FIELDS = tuple(f.name for f in FIELDS if f.kind == "text")
KEYWORD_FIELDS = tuple(f.name for f in FIELDS if f.kind == "keyword")
DATE_FIELDS = tuple(f.name for f in FIELDS if f.kind == "date")
TIMESTAMP_FIELDS = tuple(f.name for f in FIELDS if f.kind == "timestamp")
INTEGER_FIELDS = tuple(f.name for f in FIELDS if f.kind == "integer")
STORED_TEXT_FIELDS = ("title",)
MULTI_FACET_FIELDS = tuple(f.name for f in FIELDS if f.kind == "keyword" and f.facet and f.multi)


def folded_name(field: str) -> str:
    return field + FOLDED_SUFFIX


def set_name(field: str) -> str:
    return field + SET_SUFFIX


def doc_key(doc_id: str) -> int:
    """The `DOC_KEY` of a document's pages: a signed 64-bit blake2b hash of its id."""
    digest = hashlib.blake2b(doc_id.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def _add_mapped(builder: SchemaBuilder, field: FieldDef) -> None:
    if field.kind == "text" and field.name == TEXT:
        builder.add_text_field(TEXT, tokenizer_name=PRE_ANALYSED)
        builder.add_text_field(folded_name(TEXT), tokenizer_name=PRE_ANALYSED, index_option="basic")
        builder.add_text_field(GRAMS, tokenizer_name=PRE_ANALYSED, index_option="freq")
    elif field.kind == "text":
        builder.add_text_field(
            field.name, stored=field.name in STORED_TEXT_FIELDS, tokenizer_name=STEMMED
        )
        builder.add_text_field(folded_name(field.name), tokenizer_name=FOLDED, index_option="basic")
    elif field.kind == "keyword":
        builder.add_text_field(field.name, stored=True, fast=True, tokenizer_name=RAW)
    elif field.kind in ("date", "timestamp"):
        builder.add_date_field(field.name, stored=True, indexed=True, fast=True)
    elif field.kind == "integer":
        builder.add_integer_field(field.name, stored=True, indexed=True, fast=True)
    else:  # pragma: no cover - FieldKind is a closed Literal
        raise ValueError(f"unknown field kind {field.kind!r} for {field.name!r}")


def build_schema() -> Schema:
    builder = SchemaBuilder()
    for field in FIELDS:
        _add_mapped(builder, field)
    for name in MULTI_FACET_FIELDS:
        builder.add_text_field(set_name(name), fast=True, tokenizer_name=RAW, index_option="basic")
    builder.add_text_field(KIND, tokenizer_name=RAW, index_option="basic")
    builder.add_integer_field(PAGE, stored=True)
    builder.add_integer_field(DOC_KEY, fast=True)
    builder.add_text_field(PAGE_TEXT, tokenizer_name=PRE_ANALYSED)
    builder.add_bytes_field(PAGE_RAW, stored=True)
    return builder.build()


__all__ = [
    "DATE_FIELDS",
    "DOC_KEY",
    "GRAMS",
    "ID",
    "INTEGER_FIELDS",
    "KEYWORD_FIELDS",
    "KIND",
    "KIND_DOC",
    "KIND_PAGE",
    "MULTI_FACET_FIELDS",
    "PAGE",
    "PAGE_RAW",
    "PAGE_TEXT",
    "SET_SEPARATOR",
    "TEXT",
    "TEXT_FIELDS",
    "TIMESTAMP_FIELDS",
    "build_schema",
    "doc_key",
    "folded_name",
    "set_name",
]
