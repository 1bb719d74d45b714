"""Store → engine: build `IndexDoc`s from stored records and pages, and push them to the engine.

The index is always rebuildable from the store: `index_pending` sends documents whose state says
`indexed = 0`; `rebuild` sends everything.

Every IndexDoc carries the record's controlled `document_type`, the supplier's label beside it
(`document_type_label`; a motion's `motion_type`) and its `woo_category` (`normalize.vocabulary`);
a document whose own texts name no type takes its agenda point's role (`vindplaats.agenda_types`).
Every IndexDoc carries the Woo fields of search too (publisher, information categories, TOOI
documentsoorten and themes, judgement and refusal grounds: `vindplaats.harvest.index_woo`).
Every IndexDoc carries `added`, when the record was first harvested (the `added_desc` order, the
feed of a search): a document's state's `first_seen`, which a re-harvest never changes; a motion
has no state of its own and takes the earliest `first_seen` of its documents (none: no `added`).
Motions (moties, amendementen) are indexed too, as one-page IndexDocs with `motion_result` set.
They have no document state: `index_motions` sends every motion of a source on each run (there
are few) and removes the withdrawn ones. Records taken down (`vindplaats.operations.takedown`)
are removed from the index like withdrawn ones, by every pass, until they are restored.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from functools import lru_cache

from normalize.dates import dutch_day
from normalize.records import Committee, Document, Motion, Organization
from vindplaats.agenda_types import AgendaTypes
from vindplaats.engine.base import Engine, IndexDoc, IndexReport
from vindplaats.errors import NotFound
from vindplaats.harvest.index_woo import (
    Assessment,
    AssessmentLookup,
    OrganizationInfo,
    StoredAssessments,
    woo_fields,
)
from vindplaats.store.base import Store

BATCH = 500


class IndexDocBuilder:
    """Builds IndexDocs, caching organisation and committee names; the judgement and refusal
    grounds of a document come from `assessments` (`index_woo`; default: the store's dossiers)."""

    def __init__(self, store: Store, assessments: AssessmentLookup | None = None) -> None:
        self.store = store
        self.assessments = assessments if assessments is not None else StoredAssessments(store)
        self._name = lru_cache(maxsize=4096)(self._lookup_name)
        self._organization = lru_cache(maxsize=4096)(self._lookup_organization)
        self.agenda_types = AgendaTypes(store)

    def _lookup_name(self, record_id: str) -> str | None:
        try:
            record = self.store.get_record(record_id)
        except NotFound:
            return None
        if isinstance(record, (Organization, Committee)):
            return record.name
        return None

    def _lookup_organization(self, organization_id: str, source_key: str) -> OrganizationInfo:
        """The organisation's name and TOOI URI: its record's, else its source's."""
        try:
            record = self.store.get_record(organization_id)
        except NotFound:
            record = None
        if not isinstance(record, Organization):
            source = self.store.get_source(source_key)
            return OrganizationInfo(source.name, source.tooi_uri)
        if record.tooi_uri is not None:
            return OrganizationInfo(record.name, record.tooi_uri)
        try:
            return OrganizationInfo(record.name, self.store.get_source(source_key).tooi_uri)
        except NotFound:
            return OrganizationInfo(record.name)

    def _first_seen(self, doc_id: str) -> datetime | None:
        try:
            return self.store.get_document_state(doc_id).first_seen
        except NotFound:
            return None

    def build(self, doc: Document, added: datetime | None = None) -> IndexDoc:
        """The IndexDoc of `doc`; `added` is its state's `first_seen` (looked up if not given)."""
        added = added if added is not None else self._first_seen(doc.id)
        doc = self.agenda_types.apply(doc)
        pages = [p.text for p in self.store.get_pages(doc.id)]
        organization = self._organization(doc.organization_id, doc.source_key)
        committee = self._name(doc.committee_id) if doc.committee_id else None
        return document_index_doc(
            doc,
            organization.name,
            committee,
            pages,
            organization_uri=organization.tooi_uri,
            assessment=self.assessments(doc.id),
            added=added,
        )

    def build_motion(self, motion: Motion) -> IndexDoc:
        info = self._organization(motion.organization_id, motion.source_key)
        organization = info.name
        committee: str | None = None
        if motion.meeting_id:
            committee = self._meeting_committee(motion.meeting_id)
        seen = [s for s in (self._first_seen(d) for d in motion.document_ids) if s is not None]
        return IndexDoc(
            id=motion.id,
            title=motion.title,
            organization=organization,
            source_key=motion.source_key,
            supplier=motion.supplier.value,
            document_type=motion.document_type.value,
            document_type_label=motion.motion_type,
            committee=committee,
            motion_result=motion.result.value if motion.result is not None else None,
            date=dutch_day(motion.date) if motion.date is not None else None,
            added=min(seen, default=None),
            meeting_id=motion.meeting_id,
            pages=[motion_text(motion)],
            **woo_fields(motion, info, self.assessments(motion.id)),
        )

    def _meeting_committee(self, meeting_id: str) -> str | None:
        try:
            meeting = self.store.get_record(meeting_id)
        except NotFound:
            return None
        committee_id = getattr(meeting, "committee_id", None)
        return self._name(committee_id) if isinstance(committee_id, str) else None


def document_index_doc(
    doc: Document,
    organization: str,
    committee: str | None,
    pages: list[str],
    *,
    organization_uri: str | None = None,
    assessment: Assessment | None = None,
    added: datetime | None = None,
) -> IndexDoc:
    """The IndexDoc of a document, given the names of its organisation and committee, the text
    of its pages, the organisation's TOOI URI, the document's assessment (`index_woo`) and when
    it was first harvested (`added`)."""
    info = OrganizationInfo(organization, organization_uri)
    return IndexDoc(
        id=doc.id,
        title=doc.title,
        organization=organization,
        source_key=doc.source_key,
        supplier=doc.supplier.value,
        document_type=doc.document_type.value,
        document_type_label=doc.document_type_label,
        committee=committee,
        date=doc.sort_date,
        added=added,
        meeting_id=doc.meeting_id,
        file_name=doc.file_name,
        content_type=doc.content_type,
        pages=pages,
        **woo_fields(doc, info, assessment),
    )


def motion_text(motion: Motion) -> str:
    """The searchable text of a motion: description, submitters and parties, result."""
    parts: list[str] = []
    if motion.description:
        parts.append(motion.description)
    if motion.submitters:
        parts.append("Indieners: " + ", ".join(motion.submitters))
    if motion.parties:
        parts.append("Fracties: " + ", ".join(motion.parties))
    if motion.result_raw or motion.result is not None:
        parts.append("Uitslag: " + (motion.result_raw or str(motion.result)))
    return "\n".join(parts) or motion.title


def _batches(items: Iterable[str], size: int) -> Iterator[list[str]]:
    batch: list[str] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def index_documents(
    store: Store,
    engine: Engine,
    doc_ids: list[str],
    on_progress: Callable[[int, int], None] | None = None,
    assessments: AssessmentLookup | None = None,
) -> IndexReport:
    """Index the given documents (withdrawn and taken-down ones are removed from the index
    instead); their judgements and refusal grounds come from `assessments` (`index_woo`)."""
    builder = IndexDocBuilder(store, assessments)
    taken_down = store.taken_down_ids()
    submitted = indexed = 0
    failed: dict[str, str] = {}
    for batch in _batches(doc_ids, BATCH):
        docs: list[IndexDoc] = []
        remove: list[str] = []
        for doc_id in batch:
            state = store.get_document_state(doc_id)
            if state.withdrawn or doc_id in taken_down:
                remove.append(doc_id)
                continue
            record = store.get_record(doc_id)
            assert isinstance(record, Document)
            docs.append(builder.build(record, added=state.first_seen))
        if remove:
            engine.delete(remove)
        report = engine.index(docs)
        submitted += report.submitted + len(remove)
        indexed += report.indexed + len(remove)
        failed.update(report.failed)
        store.mark_indexed([d.id for d in docs if d.id not in report.failed] + remove)
        if on_progress:
            on_progress(submitted, len(doc_ids))
    return IndexReport(submitted=submitted, indexed=indexed, failed=failed)


def index_motions(
    store: Store,
    engine: Engine,
    source_key: str | None = None,
    assessments: AssessmentLookup | None = None,
) -> IndexReport:
    """Send every motion of the source (all sources: None) to the engine; remove withdrawn and
    taken-down ones."""
    builder = IndexDocBuilder(store, assessments)
    withdrawn = store.withdrawn_record_ids("motion", source_key)
    taken_down = store.taken_down_ids()
    docs: list[IndexDoc] = []
    for record in store.iter_records("motion", source_key):
        if record.id in taken_down:
            withdrawn.add(record.id)
        elif isinstance(record, Motion) and record.id not in withdrawn:
            docs.append(builder.build_motion(record))
    remove = sorted(withdrawn)
    if remove:
        engine.delete(remove)
    submitted = indexed = 0
    failed: dict[str, str] = {}
    for start in range(0, len(docs), BATCH):
        report = engine.index(docs[start : start + BATCH])
        submitted += report.submitted
        indexed += report.indexed
        failed.update(report.failed)
    return IndexReport(submitted=submitted, indexed=indexed, failed=failed)


def pending_ids(store: Store, source_key: str | None = None) -> list[str]:
    return [s.id for s in store.iter_document_states(source_key, indexed=False)]


def all_ids(store: Store) -> list[str]:
    return [s.id for s in store.iter_document_states()]


__all__ = [
    "IndexDocBuilder",
    "all_ids",
    "index_documents",
    "index_motions",
    "motion_text",
    "pending_ids",
]
