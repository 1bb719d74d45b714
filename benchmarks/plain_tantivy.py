"""The baseline of `side_by_side`: plain tantivy over the same corpus, text analysed once.

One tantivy document per corpus document (not per page): the answer both sides give is about
documents (20 documents, how many match, facets counted per document), and at the document
level plain tantivy gives it with nothing on top (no grouping, no best pages, no snippets).
Each page's text is analysed once, as one value of the multi-valued `text` field, by the
Dutch stemming analyzer our embedded engine registers (`register_analyzers`, imported from the
engine, so both sides analyse with the same code); the title likewise. The facet fields are
those of `mappings.FACET_FIELDS`, raw keyword fast fields filled straight from the document
(`year` from its date, `publisher` the organisation's name as in ours); the date is a fast date
field for date order and ranges.

A search is tantivy's own query parser over `title` and `text` (every word must match), with
our syntax written as tantivy's: `a | b` as `a OR b`, `prefix*` as a regex over the indexed
(stemmed) terms, `"phrases"` and `-word` as they are; filters as term-set and range queries;
then the top 20 (at the page's offset; by score or by the date field) with their stored id,
the count, and one terms aggregation per facet field.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from tantivy import Document, FieldType, Index, Occur, Order, Query, SchemaBuilder

from mappings import FACET_FIELDS
from vindplaats.engine.base import Filters, IndexDoc, SearchQuery
from vindplaats.engine.embedded.analysis import STEMMED, register_analyzers

WRITER_HEAP = 256_000_000  # the embedded engine's writer heap, so both write alike
FACET_SIZE = 1000
PREFIX_RE = re.compile(r"(?<![\w/])(\w+)\*")
FILTER_FIELDS = ("organization", "supplier", "document_type", "committee", "source_key", "year")


def _keywords(doc: IndexDoc, name: str) -> list[str]:
    if name == "year":
        return [str(doc.date.year)] if doc.date else []
    if name == "publisher" and not doc.publisher:  # as ours: the organisation's name
        return [doc.organization]
    value = getattr(doc, name, None)
    values = value if isinstance(value, list) else [value]
    return [v for v in values if isinstance(v, str) and v]


def _as_datetime(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def tantivy_syntax(q: str) -> str:
    """Our query syntax in tantivy's: `a | b` -> `a OR b`, `woning*` -> `text:/woning.*/`."""
    q = q.replace(" | ", " OR ")
    return PREFIX_RE.sub(lambda m: f"text:/{m.group(1).lower()}.*/", q)


class PlainTantivy:
    """A plain tantivy index in `path` (reopened when it holds one)."""

    def __init__(self, path: Path) -> None:
        builder = SchemaBuilder()
        builder.add_text_field("id", stored=True, tokenizer_name="raw")
        builder.add_text_field("title", tokenizer_name=STEMMED)
        builder.add_text_field("text", tokenizer_name=STEMMED)
        self.keyword_fields = tuple(dict.fromkeys((*FACET_FIELDS, *FILTER_FIELDS)))
        for name in self.keyword_fields:
            builder.add_text_field(name, fast=True, tokenizer_name="raw")
        builder.add_date_field("date", indexed=True, fast=True)
        self.schema = builder.build()
        path.mkdir(parents=True, exist_ok=True)
        self.index = Index(self.schema, str(path), reuse=True)
        register_analyzers(self.index)

    def add(self, docs: list[IndexDoc]) -> None:
        """Add `docs` and commit (as the embedded engine's `index()` does per call)."""
        writer = self.index.writer(heap_size=WRITER_HEAP)
        for doc in docs:
            document = Document()
            document.add_text("id", doc.id)
            document.add_text("title", doc.title)
            for page in doc.pages:
                if page.strip():
                    document.add_text("text", page)
            for name in self.keyword_fields:
                for value in _keywords(doc, name):
                    document.add_text(name, value)
            if doc.date is not None:
                document.add_date("date", _as_datetime(doc.date))
            writer.add_document(document)
        writer.commit()
        writer.wait_merging_threads()
        self.index.reload()

    def count(self) -> int:
        self.index.reload()
        return int(self.index.searcher().num_docs)

    def _filters(self, filters: Filters) -> list[tuple[Occur, Query]]:
        clauses = []
        for name in FILTER_FIELDS:
            wanted = getattr(filters, name)
            if wanted:
                clauses.append((Occur.Must, Query.term_set_query(self.schema, name, wanted)))
        if filters.date_from or filters.date_to:
            lower = _as_datetime(filters.date_from) if filters.date_from else None
            upper = (
                _as_datetime(filters.date_to) + dt.timedelta(days=1) if filters.date_to else None
            )
            clauses.append(
                (
                    Occur.Must,
                    Query.range_query(
                        self.schema, "date", FieldType.Date, lower, upper, include_upper=False
                    ),
                )
            )
        return clauses

    def query(self, query: SearchQuery) -> Query:
        if query.q:
            text = self.index.parse_query(
                tantivy_syntax(query.q),
                ["title", "text"],
                conjunction_by_default=True,
                allow_regexes=True,
            )
        else:
            text = Query.all_query()
        clauses = self._filters(query.filters)
        return Query.boolean_query([(Occur.Must, text), *clauses]) if clauses else text

    def search(self, query: SearchQuery, offset: int = 0) -> tuple[int, list[str], dict[str, Any]]:
        """Top `query.size` ids at `offset`, the count, and the facet aggregation."""
        searcher = self.index.searcher()
        matcher = self.query(query)
        options: dict[str, Any] = {}
        if query.sort in ("date_desc", "date_asc"):
            options = {
                "order_by_field": "date",
                "order": Order.Desc if query.sort == "date_desc" else Order.Asc,
            }
        found = searcher.search(matcher, query.size, count=True, offset=offset, **options)
        ids = [str(searcher.doc(address)["id"][0]) for _, address in found.hits]
        facets: dict[str, Any] = {}
        if query.facets:
            facets = searcher.aggregate(
                matcher,
                {name: {"terms": {"field": name, "size": FACET_SIZE}} for name in FACET_FIELDS},
            )
        return int(getattr(found, "count", None) or 0), ids, facets  # `count`: not in the stubs


__all__ = ["PlainTantivy", "tantivy_syntax"]
