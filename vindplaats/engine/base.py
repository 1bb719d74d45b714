"""The engine interface: what every search engine (embedded tantivy, Elasticsearch) implements.

Callers (CLI, API, the harvest run) use only these types, so engines can be swapped by setting.

Semantics every engine must honour:
- one `IndexDoc` per document, carrying its pages; search matches pages and groups hits per
  document with its best pages (highest scoring first) and highlighted snippets (`<mark>`);
- query syntax: words (all must match), `"phrases"`, `-exclude`, `a | b`, `prefix*`;
  invalid syntax degrades to plain words, never an error;
- filters and facets over the fields flagged in `mappings/fields.json` (a `multi` field holds
  several values: a document passes when any matches, and counts once under each); organisation,
  committee, type and Woo filters match as `filter_keys` and `woo_keys` say (case-insensitive,
  by name, key, TOOI label or URI);
- sort by relevance or date (both directions) over the whole result set; documents without a
  date sort last in both date orders; `added_desc` lists the records first harvested most
  recently first (`IndexDoc.added`, to the second; records without it last); ties broken by id;
- the `year` facet and filter hold the year of the document's date as text ("2026");
- opaque cursor pagination (`SearchResult.next_cursor`);
- `SearchQuery.exclude_ids` never appear, in hits, totals or facets (taken-down records).

What callers need to know of an engine, stated here rather than guessed from its name:

- `single_writer`: True when only one process may write at a time (the embedded engine: the
  caller holds the store lease `index-writer` while it writes; a writer waits for it), False
  when any number may (Elasticsearch);
- a versioned rebuild (`EngineKind.begin_rebuild` -> `Rebuild`): a new, empty version filled
  while the current one keeps serving searches and writes; `publish` makes it the one served,
  atomically (no search sees a missing, partial or empty index); `retire_old` then removes the
  versions left behind (those still in use when the engine cannot remove them yet are kept for
  a later rebuild); `abandon` removes an unpublished version. Opening a rebuild does not open
  the current version, so a rebuild also replaces an index the engine can no longer read.

`vindplaats.engine.open_engine` and `engine_kind` choose the engine by setting; they are the only
place that names the engines.
"""

from __future__ import annotations

import datetime as dt
from datetime import date
from typing import Literal, Protocol

from pydantic import BaseModel, ConfigDict, Field

from vindplaats.settings import Settings

Sort = Literal["relevance", "date_desc", "date_asc", "added_desc"]
MAX_PAGE_SIZE = 100


class IndexDoc(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    title: str
    organization: str
    source_key: str
    supplier: str
    document_type: str | None = None  # a controlled `normalize.doctypes.DocType` value
    document_type_label: str | None = None  # the supplier's own label
    woo_category: str | None = None  # a `normalize.woo_categories.WooCategory` value
    # Every category when there are several (a Woo publication), woo_category first; empty: the
    # index holds woo_category alone. The Woo fields below are what `vindplaats.engine.woo_keys`
    # says (the harvest fills them: `vindplaats.harvest.index_woo`).
    woo_categories: list[str] = Field(default_factory=list)
    publisher: str | None = None
    publisher_uri: str | None = None
    woo_document_type: list[str] = Field(default_factory=list)  # TOOI documentsoorten
    woo_theme: list[str] = Field(default_factory=list)  # TOOI themas
    woo_judgement: str | None = None  # a `normalize.inventory_values.Judgement` value
    woo_ground: list[str] = Field(default_factory=list)  # refusal ground codes (5.1.2e)
    committee: str | None = None
    motion_result: str | None = None  # motions only: a `MotionResult` value
    date: dt.date | None = None  # `dt.`: the field name shadows the type here
    # When the record was first harvested (the store's first sighting); indexed to the second.
    added: dt.datetime | None = None
    meeting_id: str | None = None
    file_name: str | None = None
    content_type: str | None = None
    pages: list[str] = Field(default_factory=list)  # page 1 is pages[0]


class Filters(BaseModel):
    model_config = ConfigDict(extra="forbid")

    organization: list[str] = Field(default_factory=list)
    supplier: list[str] = Field(default_factory=list)
    document_type: list[str] = Field(default_factory=list)  # values, labels or names of types
    woo_category: list[str] = Field(default_factory=list)
    publisher: list[str] = Field(default_factory=list)  # names (any case) or TOOI URIs
    woo_document_type: list[str] = Field(default_factory=list)  # labels (any case) or URIs
    woo_theme: list[str] = Field(default_factory=list)  # labels (any case) or URIs
    woo_judgement: list[str] = Field(default_factory=list)  # judgements in any spelling
    woo_ground: list[str] = Field(default_factory=list)  # refusal grounds in any spelling
    committee: list[str] = Field(default_factory=list)
    motion_result: list[str] = Field(default_factory=list)
    source_key: list[str] = Field(default_factory=list)
    year: list[str] = Field(default_factory=list)  # years of the date, as text ("2026")
    date_from: date | None = None  # inclusive
    date_to: date | None = None  # inclusive


class SearchQuery(BaseModel):
    model_config = ConfigDict(extra="forbid")

    q: str = ""  # empty: match all documents
    filters: Filters = Field(default_factory=Filters)
    sort: Sort = "relevance"
    size: int = Field(20, ge=1, le=MAX_PAGE_SIZE)
    cursor: str | None = None
    facets: bool = True
    pages_per_hit: int = Field(3, ge=0, le=10)
    # Ids no answer may hold (records taken down), matched before counting, facets and paging;
    # not part of a cursor's scope, so a takedown between two pages does not break paging.
    exclude_ids: list[str] = Field(default_factory=list)


class PageHit(BaseModel):
    number: int  # 1-based
    score: float
    snippet: str  # HTML-escaped text with <mark>…</mark> around matches


class Hit(BaseModel):
    id: str
    score: float
    title: str
    organization: str
    source_key: str
    supplier: str
    document_type: str | None = None
    document_type_label: str | None = None
    woo_category: str | None = None
    committee: str | None = None
    motion_result: str | None = None
    date: dt.date | None = None  # `dt.`: the field name shadows the type here
    added: dt.datetime | None = None  # first harvested (UTC, whole seconds)
    meeting_id: str | None = None
    file_name: str | None = None
    page_count: int = 0
    pages: list[PageHit] = Field(default_factory=list)  # best pages first


class FacetValue(BaseModel):
    value: str
    count: int


class SearchResult(BaseModel):
    total: int
    hits: list[Hit]
    facets: dict[str, list[FacetValue]] = Field(default_factory=dict)
    next_cursor: str | None = None


class IndexReport(BaseModel):
    submitted: int
    indexed: int
    failed: dict[str, str] = Field(default_factory=dict)  # id -> reason


class Rebuild(Protocol):
    """A new index version being filled while the current one serves (see the module docstring).

    Call `index`/`delete` to fill it, then `publish` (or `abandon` on failure), then
    `retire_old`. Writes are not visible to search before `publish`."""

    version: str  # what the new version is called (a directory or an index name)

    def index(self, docs: list[IndexDoc]) -> IndexReport:
        """Add or replace documents in the new version (by id)."""

    def delete(self, ids: list[str]) -> None:
        """Remove documents from the new version (unknown ids are ignored)."""

    def publish(self) -> None:
        """Make the new version the one searched and written, atomically."""

    def abandon(self) -> None:
        """Remove the new version (never one that is served) and release what it holds."""

    def retire_old(self) -> str:
        """After `publish`: remove the versions left behind; says what was removed and kept."""


class Engine(Protocol):
    name: str
    single_writer: bool  # only one writing process at a time (see the module docstring)

    def index(self, docs: list[IndexDoc]) -> IndexReport:
        """Add or replace documents (by id). Visible to search after the call returns."""

    def delete(self, ids: list[str]) -> None:
        """Remove documents by id (unknown ids are ignored)."""

    def search(self, query: SearchQuery) -> SearchResult:
        """Run a search; raises QueryError only for an invalid cursor."""

    def count(self) -> int:
        """Number of searchable records in the index (documents and motions)."""

    def close(self) -> None: ...


class EngineKind(Protocol):
    """An engine class: how to open one from settings, and its versioned rebuild."""

    single_writer: bool

    def from_settings(self, settings: Settings) -> Engine:
        """The engine the settings configure (created when missing)."""

    def begin_rebuild(self, settings: Settings) -> Rebuild:
        """A new, empty version to fill (see `Rebuild`)."""
