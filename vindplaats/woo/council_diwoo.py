"""A stored document → the DiWoo metadata the Woo-index export publishes for it.

`map_document(doc, state, publisher)` gives the metadata (as complete as the record allows), the
document's Woo information category and file type, its `lastmod`, and the reasons it cannot be
exported (`Problem`s; none: it can). Council records (no `Document.woo`) get:

- publisher: the organisation's TOOI URI (`publisher`, from the Organization record, the
  registered source or the catalogue);
- officiële titel: the record's title; omschrijving: its description;
- information category: the record's `woo_category` with its TOOI URI;
- documentsoort: the TOOI concept of the controlled document type;
- documenthandeling: `ontvangst` for ingekomen stukken (type or category 3.3.2a), else
  `vaststelling`, at the best date (the document's own date, else its meeting's, else its
  publication or modification date); creatiedatum: that date's Dutch (Europe/Amsterdam) day;
- format: the EU file type of the stored original (`export_formats`).

Woo publications keep their DiWoo metadata as harvested; only what DiWoo requires and the record
knows is filled in (publisher, title, category, handeling, format), and an unknown category code
is kept after the record's own, known, category.

A document cannot be exported when it is withdrawn, its original is not stored, it has no date
(no time for its documenthandeling), its file type is not one the Woo-index accepts, or its
metadata still lacks a part DiWoo requires.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache

from normalize.dates import dutch_day
from normalize.doctypes import VOCABULARY, DocType
from normalize.records import Document, DownloadStatus
from normalize.woo_categories import CATEGORIES, WooCategory
from normalize.woo_metadata import Coded, Documenthandeling, WooMetadata
from vindplaats.store.models import DocumentState
from vindplaats.woo.export_formats import FileType, file_type, shown_type, type_of_uri

ONTVANGST = "ontvangst"
VASTSTELLING = "vaststelling"
# reasons a document is not exported, as the export's report counts them
WITHDRAWN = "withdrawn"
NOT_DOWNLOADED = "not_downloaded"
NO_DATE = "no_date"
FORMAT_NOT_ACCEPTED = "format_not_accepted"
INCOMPLETE = "incomplete_metadata"
REASONS = (WITHDRAWN, NOT_DOWNLOADED, NO_DATE, FORMAT_NOT_ACCEPTED, INCOMPLETE)


@dataclass(frozen=True)
class Problem:
    reason: str  # one of REASONS
    message: str


@dataclass(frozen=True)
class Mapped:
    """What the export knows of one document."""

    document: Document
    metadata: WooMetadata
    category: WooCategory
    file_type: FileType | None
    lastmod: datetime | None
    problems: tuple[Problem, ...]

    @property
    def exportable(self) -> bool:
        return not self.problems


def best_date(doc: Document) -> datetime | None:
    """The document's own date, else its meeting's, else its publication or modification."""
    for value in (doc.date, doc.meeting_date, doc.published, doc.modified):
        if value is not None:
            return value
    return None


def _handeling_kind(doc: Document) -> str:
    received = doc.document_type is DocType.INGEKOMEN_STUK
    return (
        ONTVANGST
        if received or doc.woo_category is WooCategory.INGEKOMEN_STUKKEN
        else (VASTSTELLING)
    )


@cache
def _category(category: WooCategory) -> Coded:
    return Coded.of("informatiecategorieen", uri=CATEGORIES[category].tooi_uri)


@cache
def _documentsoort(kind: DocType) -> Coded:
    return Coded.of("documentsoorten", uri=VOCABULARY[kind].tooi_uri)


@cache
def _soort_handeling(label: str) -> Coded:
    return Coded.of("documenthandelingen", label=label)


@cache
def _format(uri: str) -> Coded:
    return Coded.of("bestandsformaten", uri=uri)


def _council_metadata(doc: Document, publisher: Coded | None, when: datetime | None) -> WooMetadata:
    handelingen = []
    if when is not None:
        soort = _soort_handeling(_handeling_kind(doc))
        handelingen.append(Documenthandeling(soort_handeling=soort, at_time=when))
    return WooMetadata(
        publisher=publisher,
        officiele_titel=doc.title,
        omschrijvingen=[doc.description] if doc.description else [],
        informatiecategorieen=[_category(doc.woo_category)],
        documentsoorten=[_documentsoort(doc.document_type)],
        creatiedatum=dutch_day(when) if when is not None else None,
        documenthandelingen=handelingen,
    )


def _completed_woo(
    doc: Document, woo: WooMetadata, publisher: Coded | None, when: datetime | None
) -> WooMetadata:
    """Harvested DiWoo metadata with what DiWoo requires and the record knows filled in."""
    update: dict[str, object] = {}
    if woo.publisher is None and publisher is not None:
        update["publisher"] = publisher
    if not woo.officiele_titel:
        update["officiele_titel"] = doc.title
    if not any(c.known for c in woo.informatiecategorieen):
        update["informatiecategorieen"] = [_category(doc.woo_category), *woo.informatiecategorieen]
    handelingen = [h for h in woo.documenthandelingen if h.at_time is not None]
    if not handelingen and when is not None:
        soort = _soort_handeling(_handeling_kind(doc))
        handelingen = [Documenthandeling(soort_handeling=soort, at_time=when)]
    if handelingen != woo.documenthandelingen:
        update["documenthandelingen"] = handelingen
    return woo.model_copy(update=update) if update else woo


def _woo_category(doc: Document, meta: WooMetadata) -> WooCategory:
    found = meta.woo_categories()
    return found[0] if found else doc.woo_category


def _type_of(doc: Document, state: DocumentState | None) -> tuple[FileType | None, str]:
    if doc.woo is not None and doc.woo.format is not None:
        declared = type_of_uri(doc.woo.format.uri) if doc.woo.format.known else None
        if declared is not None:
            return declared, declared.code
    types = (state.content_type if state else None, doc.content_type)
    names = (doc.file_name, doc.original_url)
    return file_type(types, names), shown_type(types, names)


def _downloaded(state: DocumentState | None) -> bool:
    return state is not None and state.download_status == DownloadStatus.OK and bool(state.sha256)


def _lastmod(doc: Document, state: DocumentState | None, when: datetime | None) -> datetime | None:
    candidates = [doc.modified, state.downloaded_at if state else None]
    found = max((c for c in candidates if c is not None), default=None) or when
    if found is None and state is not None:
        found = state.first_seen
    if found is None:
        return None
    now = datetime.now(UTC)
    return min(found.astimezone(UTC), now)


def map_document(doc: Document, state: DocumentState | None, publisher: Coded | None) -> Mapped:
    """The document's export metadata, category, file type, lastmod and problems."""
    when = best_date(doc)
    if doc.woo is not None:
        meta = _completed_woo(doc, doc.woo, publisher, when)
    else:
        meta = _council_metadata(doc, publisher, when)
    ftype, shown = _type_of(doc, state)
    if ftype is not None and (meta.format is None or not meta.format.known):
        meta = meta.model_copy(update={"format": _format(ftype.uri)})
    problems: list[Problem] = []
    if state is not None and state.withdrawn:
        problems.append(Problem(WITHDRAWN, "gone from the source (marked withdrawn)"))
    if not _downloaded(state):
        status = state.download_status.value if state is not None else "no download recorded"
        problems.append(Problem(NOT_DOWNLOADED, f"the original is not stored ({status})"))
    if when is None and not meta.documenthandelingen:
        problems.append(Problem(NO_DATE, "no date: nothing to give its documenthandeling a time"))
    if ftype is None:
        problems.append(
            Problem(FORMAT_NOT_ACCEPTED, f"file type {shown} is not on the Woo-index's list")
        )
    missing = [m for m in meta.missing_mandatory() if not m.startswith("documenthandelingen")]
    if missing:
        problems.append(Problem(INCOMPLETE, f"DiWoo requires {', '.join(missing)}"))
    return Mapped(
        document=doc,
        metadata=meta,
        category=_woo_category(doc, meta),
        file_type=ftype,
        lastmod=_lastmod(doc, state, when),
        problems=tuple(problems),
    )


__all__ = ["REASONS", "Mapped", "Problem", "best_date", "map_document"]
