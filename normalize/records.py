"""The records: strict pydantic v2 models for what the harvesters yield.

Every record carries a deterministic `id` (see `normalize.ids`), the `supplier` and `source_key`
it came from, and the supplier's own `native_id`. Records are validated when constructed
(`extra="forbid"`), so a spider cannot yield a field that does not exist.
"""

from __future__ import annotations

from datetime import date as Date
from datetime import datetime
from typing import Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, model_validator

from normalize.dates import dutch_day
from normalize.doctypes import DocType
from normalize.dossier import Dossier
from normalize.record_base import NonEmpty, Record, ref
from normalize.record_base import Strict as _Strict
from normalize.record_enums import (
    DownloadStatus,
    ExtractionStatus,
    MeetingStatus,
    MotionResult,
    OrganizationType,
    Supplier,
    VoteChoice,
)
from normalize.vocabulary import (
    document_vocabulary,
    motion_vocabulary,
    register_entry_vocabulary,
)
from normalize.woo_categories import WooCategory
from normalize.woo_metadata import WooMetadata


class Organization(Record):
    record_type: Literal["organization"] = "organization"
    name: NonEmpty
    organization_type: OrganizationType = OrganizationType.MUNICIPALITY
    cbs_code: str | None = None
    tooi_uri: str | None = None


class Committee(Record):
    record_type: Literal["committee"] = "committee"
    name: NonEmpty
    organization_id: str
    is_council: bool = False


class Meeting(Record):
    record_type: Literal["meeting"] = "meeting"
    name: NonEmpty
    start: AwareDatetime | None = None
    end: AwareDatetime | None = None
    location: str | None = None
    status: MeetingStatus = MeetingStatus.UNKNOWN
    organization_id: str
    committee_id: str | None = None
    chair: str | None = None
    description: str | None = None
    last_modified: AwareDatetime | None = None
    document_ids: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _refs(self) -> Meeting:
        ref(self.organization_id, "organization")
        ref(self.committee_id, "committee")
        for doc in self.document_ids:
            ref(doc, "document")
        return self


class AgendaItem(Record):
    """One node of a meeting's agenda tree. Headings (`is_heading`) group points below them."""

    record_type: Literal["agenda_item"] = "agenda_item"
    meeting_id: str
    parent_id: str | None = None
    name: NonEmpty
    description: str | None = None
    raw_position: str | None = None  # as the supplier shows it: "4A", "12."
    position: int | None = None  # numeric part of raw_position
    order: int = Field(ge=0)  # order among its siblings, 0-based
    is_heading: bool = False
    last_modified: AwareDatetime | None = None
    document_ids: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _refs(self) -> AgendaItem:
        ref(self.meeting_id, "meeting")
        ref(self.parent_id, "agenda_item")
        for doc in self.document_ids:
            ref(doc, "document")
        return self


class RegisterEntry(Record):
    """An entry of a register (module item): ingekomen stuk, raadsvoorstel, toezegging, ..."""

    record_type: Literal["register_entry"] = "register_entry"
    organization_id: str
    register_name: str | None = None
    title: str | None = None
    # Derived when built (normalize.vocabulary): the controlled type from the register's name, the
    # entry's own type attribute and its title; the label is that attribute, else the register.
    document_type: DocType = DocType.OVERIG
    document_type_label: str | None = None
    woo_category: WooCategory = WooCategory.VERGADERSTUKKEN_DECENTRAAL
    attributes: dict[str, str] = Field(default_factory=dict)
    date: AwareDatetime | None = None
    meeting_id: str | None = None
    agenda_item_id: str | None = None
    document_ids: list[str] = Field(default_factory=list)

    _vocabulary = model_validator(mode="before")(register_entry_vocabulary)


class Page(_Strict):
    number: int = Field(ge=1)
    text: str
    ocr: bool = False


class Truncation(BaseModel):
    """What an extraction cut short kept: the first `pages_kept` pages (the last one possibly
    cut), `characters_kept` characters in all, of `pages_total` pages (None: unknown, the
    extractor stopped before the end). `max_pages` / `max_characters` / `time_limit`: the cap that
    cut it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    pages_kept: int = Field(ge=0)
    pages_total: int | None = Field(default=None, ge=0)
    characters_kept: int = Field(ge=0)
    max_pages: int | None = Field(default=None, description="Set when the page cap cut it.")
    max_characters: int | None = Field(default=None, description="Set when the text cap cut it.")
    time_limit: float | None = Field(
        default=None, description="Set when the time limit (seconds) cut it."
    )
    message: str = Field(description="The same, for people.")


class Document(Record):
    """A file published by the source, with where it was referenced from."""

    record_type: Literal["document"] = "document"
    title: NonEmpty
    original_url: NonEmpty
    file_name: str | None = None
    content_type: str | None = None
    size: int | None = Field(default=None, ge=0)
    version: str | None = None  # the supplier's version marker; a change means re-download
    # Spiders give the supplier's label as `document_type`; building the record moves it to
    # `document_type_label` and derives the controlled type and Woo category (normalize.vocabulary).
    document_type: DocType = DocType.OVERIG
    document_type_label: str | None = None  # as the supplier wrote it: "Moties Duinwijk", ...
    woo_category: WooCategory = WooCategory.VERGADERSTUKKEN_DECENTRAAL
    description: str | None = None
    date: AwareDatetime | None = None  # the document's own date
    published: AwareDatetime | None = None
    modified: AwareDatetime | None = None
    meeting_date: AwareDatetime | None = None
    organization_id: str
    committee_id: str | None = None
    meeting_id: str | None = None
    agenda_item_id: str | None = None
    register_entry_id: str | None = None
    # Woo publications only: the DiWoo metadata; left out of every output when None (council)
    woo: WooMetadata | None = Field(default=None, exclude_if=lambda value: value is None)

    _vocabulary = model_validator(mode="before")(document_vocabulary)

    @model_validator(mode="after")
    def _refs(self) -> Document:
        ref(self.organization_id, "organization")
        ref(self.committee_id, "committee")
        ref(self.meeting_id, "meeting")
        ref(self.agenda_item_id, "agenda_item")
        ref(self.register_entry_id, "register_entry")
        return self

    @property
    def sort_date(self) -> Date | None:
        for value in (self.date, self.meeting_date, self.published, self.modified):
            if value is not None:
                return dutch_day(value)  # the Dutch day, also of a time given in UTC
        return None


class Person(Record):
    """A council member, alderman or other person the source publishes a profile of."""

    record_type: Literal["person"] = "person"
    name: NonEmpty
    party: str | None = None
    function: str | None = None  # "Raadslid", "Wethouder", "Burgemeester", ...
    organization_id: str | None = None

    @model_validator(mode="after")
    def _refs(self) -> Person:
        ref(self.organization_id, "organization")
        return self


class Motion(Record):
    """A motion or amendment (motie, amendement) with its outcome."""

    record_type: Literal["motion"] = "motion"
    title: NonEmpty
    description: str | None = None
    motion_type: str | None = None  # "motie", "amendement", "motie vreemd aan de orde", ...
    document_type: DocType = DocType.MOTIE  # derived from motion_type and title (motie, amendement)
    woo_category: WooCategory = WooCategory.VERGADERSTUKKEN_DECENTRAAL  # derived
    submitters: list[str] = Field(default_factory=list)  # names of the submitting members
    parties: list[str] = Field(default_factory=list)  # the submitting parties (fracties)
    result: MotionResult | None = None  # None: no outcome published (yet)
    result_raw: str | None = None  # the outcome as the source wrote it
    date: AwareDatetime | None = None
    organization_id: str
    meeting_id: str | None = None
    agenda_item_id: str | None = None
    register_entry_id: str | None = None
    document_ids: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _refs(self) -> Motion:
        ref(self.organization_id, "organization")
        ref(self.meeting_id, "meeting")
        ref(self.agenda_item_id, "agenda_item")
        ref(self.register_entry_id, "register_entry")
        for doc in self.document_ids:
            ref(doc, "document")
        return self

    _vocabulary = model_validator(mode="before")(motion_vocabulary)


class Vote(Record):
    """How one member voted on one motion."""

    record_type: Literal["vote"] = "vote"
    motion_id: str
    voter_name: NonEmpty
    voter_person_id: str | None = None
    party: str | None = None
    choice: VoteChoice

    @model_validator(mode="after")
    def _refs(self) -> Vote:
        ref(self.motion_id, "motion")
        ref(self.voter_person_id, "person")
        return self


AnyRecord = (
    Organization
    | Committee
    | Meeting
    | AgendaItem
    | RegisterEntry
    | Document
    | Person
    | Motion
    | Vote
    | Dossier
)

RECORD_CLASSES: dict[str, type[Record]] = {
    cls.model_fields["record_type"].default: cls
    for cls in (
        Organization,
        Committee,
        Meeting,
        AgendaItem,
        RegisterEntry,
        Document,
        Person,
        Motion,
        Vote,
        Dossier,
    )
}


def record_from_dict(data: dict[str, object]) -> Record:
    """Rebuild a record from its stored JSON form."""
    cls = RECORD_CLASSES[str(data["record_type"])]
    return cls.model_validate(data)


__all__ = [
    "RECORD_CLASSES",
    "AgendaItem",
    "AnyRecord",
    "Committee",
    "Document",
    "Dossier",
    "DownloadStatus",
    "ExtractionStatus",
    "Meeting",
    "MeetingStatus",
    "Motion",
    "MotionResult",
    "Organization",
    "OrganizationType",
    "Page",
    "Person",
    "Record",
    "RegisterEntry",
    "Supplier",
    "Truncation",
    "Vote",
    "VoteChoice",
    "datetime",
]
