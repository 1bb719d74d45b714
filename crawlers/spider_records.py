"""`SpiderRecords`: the records every supplier spider builds the same way.

Part of `crawlers.base.BaseSupplierSpider` (kept apart so each module stays small): record ids
(`record_id`, `ref_id`), validated records (`build`), the organisation record, documents with
the context that wins (`sight_document` → `document`, the leaf's `document_fields` says what
the supplier's document holds) and the motion record a register entry is too. A leaf spider
sets `organization_id` (usually `record_id("organization", organization_native())`) and
implements `document_fields`; it may override `organization_native` and `public_url`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from pydantic import ValidationError

from crawlers.contexts import Context, ContextTracker
from normalize.ids import make_id
from normalize.records import (
    AgendaItem,
    Document,
    Motion,
    Organization,
    Record,
    RegisterEntry,
    Supplier,
)
from vindplaats.sources import Source

R = TypeVar("R", bound=Record)
Output = Iterator[Any]


class SpiderRecords:
    supplier: ClassVar[Supplier]
    source: Source
    organization_id: str
    _documents: ContextTracker[Any]

    if TYPE_CHECKING:

        def record_error(self, message: str, *, count: str = ...) -> None: ...

    # -- ids ----------------------------------------------------------------------------------
    def record_id(self, record_type: str, native: str) -> str:
        """The id of this source's record (ValueError for an unusable native id)."""
        return make_id(record_type, self.supplier.value, self.source.key, native)

    def ref_id(self, record_type: str, native: str | None) -> str | None:
        """The id of a record this source has (or will have); None for an unusable native id."""
        if not native:
            return None
        try:
            return self.record_id(record_type, native)
        except ValueError:
            return None

    def record_ids(self, record_type: str, natives: Iterable[str | None]) -> list[str]:
        """The ids of the natives given (None left out), each once, in order."""
        return list(dict.fromkeys(self.record_id(record_type, n) for n in natives if n is not None))

    # -- records ------------------------------------------------------------------------------
    def build(self, cls: type[R], native_id: object, **fields: Any) -> R | None:
        """`cls.build(...)` for this supplier and source; an invalid record is an error."""
        try:
            record: R = cls.build(self.supplier, self.source.key, str(native_id), **fields)
        except ValidationError as exc:
            reason = "; ".join(
                f"{'.'.join(str(p) for p in e['loc']) or 'record'}: {e['msg']}"
                for e in exc.errors()
            )
            self._invalid(cls, native_id, fields.get("source_url"), reason)
            return None
        except ValueError as exc:
            self._invalid(cls, native_id, fields.get("source_url"), str(exc))
            return None
        return record

    def _invalid(self, cls: type[Record], native_id: object, url: object, reason: str) -> None:
        rtype = cls.model_fields["record_type"].default
        where = f" ({url})" if url else ""
        self.record_error(f"invalid {rtype} {native_id!r}{where}: {reason}")

    def public_url(self, url: str) -> str:
        """`url` as a record may carry it (Parlaeus: without its secret token)."""
        return url

    def organization_native(self) -> str:
        """The organisation record's native id: the source key unless the supplier has one."""
        return self.source.key

    def organization_record(self, url: str) -> Output:
        """The source's organisation, from the catalogue's facts, read at `url`."""
        record = self.build(
            Organization,
            self.organization_native(),
            name=self.source.name,
            organization_type=self.source.organisation_type,
            cbs_code=self.source.cbs_code,
            tooi_uri=self.source.tooi_uri,
            source_url=self.public_url(url),
        )
        if record is not None:
            yield record

    def owned_record(self, cls: type[R], native: object, url: str, **fields: Any) -> R | None:
        """A record of the source's organisation (committee, person, meeting) read at `url`."""
        return self.build(
            cls, native, **fields, organization_id=self.organization_id, source_url=url
        )

    def agenda_item_record(
        self, native: str, meeting: Context, docs: list[str], url: str, **fields: Any
    ) -> AgendaItem | None:
        """An agenda item of the meeting `meeting` is the context of, listing `docs` (ids)."""
        return self.build(
            AgendaItem,
            native,
            **fields,
            meeting_id=meeting.meeting_id,
            document_ids=docs,
            source_url=url,
        )

    # -- documents ----------------------------------------------------------------------------
    def sight_document(self, native: str, context: Context, payload: Any) -> Output:
        """One sighting of a document; emits it when it is new or its best context changed."""
        if self._documents.add(native, context, payload):
            yield from self.document(native)

    def document(self, native: str) -> Output:
        context, payload = self._documents.best(native)
        self._documents.emitted(native, context)
        fields = self.document_fields(native, payload, context)
        if fields is None:
            return
        record = self.build(
            Document,
            native,
            **fields,
            **context.record_fields(),
            organization_id=self.organization_id,
        )
        if record is not None:
            yield record

    def document_fields(self, native: str, payload: Any, context: Context) -> dict[str, Any] | None:
        """The Document fields (with `original_url` and `source_url`) of the sighting that won;
        None after recording why the document cannot be a record."""
        raise NotImplementedError(f"{type(self).__name__} must implement document_fields()")

    # -- motions ------------------------------------------------------------------------------
    def motion_record(
        self,
        native: str,
        fields: dict[str, Any],
        entry: RegisterEntry,
        context: Context,
        url: str | None,
    ) -> Motion | None:
        """The Motion a register entry is too (same native id, its documents and context)."""
        return self.build(
            Motion,
            native,
            **fields,
            organization_id=self.organization_id,
            meeting_id=context.meeting_id,
            agenda_item_id=context.agenda_item_id,
            register_entry_id=entry.id,
            document_ids=entry.document_ids,
            source_url=url,
        )
