"""The council concepts every part of the sample world shares, whatever supplier serves it: an
organisation (a sample source) known by its key and served by one supplier (`by_key` finds one
in a part), committees, persons, documents, meetings and their agenda items, registers and
their entries (motions among them) and votes.

The supplier models (`model` for NotuBiz, `go_model` for GemeenteOplossingen and Parlaeus,
`ibabs_model`) build their worlds from these types; what only one supplier has is an optional
field saying so. Plain dataclasses, comparable: two worlds built the same way are equal.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Generic, Protocol, TypeVar


class Keyed(Protocol):
    @property
    def key(self) -> str: ...


K = TypeVar("K", bound=Keyed)


def by_key(items: Sequence[K], key: str, what: str) -> K:
    """The item whose `key` is `key`; KeyError naming `what` and the known keys otherwise."""
    for item in items:
        if item.key == key:
            return item
    raise KeyError(f"no {what} {key!r}; known: {[i.key for i in items]}")


@dataclass(frozen=True)
class Organisation:
    """One sample organisation and the supplier that serves it (a `Supplier` value)."""

    key: str  # its source key, unique across the whole world
    name: str
    supplier: str


# The native id of a world object: NotuBiz, GO and Parlaeus number their objects, iBabs uses
# GUIDs (`ibabs_model.guid`). Each concept is generic in it: `Committee[int]`, `Committee[str]`.
NativeId = TypeVar("NativeId", int, str)


@dataclass(frozen=True)
class Committee(Generic[NativeId]):
    """A council body meetings belong to: a NotuBiz gremium, a GO `dmu`, a Parlaeus `cie`, an
    iBabs meeting type.

    `code` is its short form (GO and Parlaeus `code`, iBabs `Abbreviation`; "" for NotuBiz).
    iBabs only: `kind` is its Meetingtype ("Gemeenteraad", "Raadscommissie"), `source_key` the
    sample municipality it belongs to on a shared site; `name` is what iBabs calls Description
    and the catalogue's include/exclude patterns are matched on."""

    id: NativeId
    name: str
    code: str = ""
    kind: str = ""
    source_key: str = ""


@dataclass(frozen=True)
class Person(Generic[NativeId]):
    """A member of the council or its staff: a Parlaeus member (`raid`), an iBabs user.

    `party` is "" (Parlaeus) or None (iBabs) for someone of no party. iBabs only: `email`, and
    `source_key`, the sample municipality of a shared site the person serves."""

    id: NativeId
    name: str
    function: str
    party: str | None
    email: str = ""
    source_key: str = ""


@dataclass
class Vote(Generic[NativeId]):
    """One member's vote on a motion (iBabs `GetListEntryVotesByListEntryId`): `vote` None is a
    member who did not vote (absent)."""

    user_id: NativeId
    vote: bool | None


class FileKind(StrEnum):
    """What the download URL of a document serves (GO, Parlaeus and iBabs serve PDFs only)."""

    PDF = "pdf"  # a PDF with a real text layer
    DOCX = "docx"  # a Word document
    SCANNED = "scanned"  # a PDF whose only content is an image of text (needs OCR)
    CORRUPT = "corrupt"  # starts with %PDF- and then garbage
    EMPTY = "empty"  # zero bytes
    MISSING = "missing"  # the download URL answers 404


PDF_MIME = "application/pdf"
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@dataclass
class DocumentVersion:
    """One version of a document's file; `number` is the NotuBiz version id in the URL."""

    number: int
    file_name: str
    created: datetime


@dataclass
class Document(Generic[NativeId]):
    """One document: a file whose text is composed from a blueprint.

    Every supplier: `id`, `title`, `blueprint` (the key of its text: in `blueprints` for
    NotuBiz, GO and Parlaeus, in `ibabs_texts.PARAGRAPHS` for iBabs), `kind` (what its download
    serves), `confidential`. `file_name` is the file's name (NotuBiz names the file of each
    version instead: `versions`); `source_key` the sample municipality it belongs to (NotuBiz,
    iBabs; a GO or Parlaeus town holds its own papers); `published` when it was published
    (NotuBiz `publication_date`, GO and Parlaeus, which list papers by it; iBabs has none).

    Supplier quirks: GO `document_type` (its documentTypeLabel); Parlaeus `doubled_host` (its
    link is written `http://hosthttp://host/...`); iBabs `fill` (the placeholder values of its
    text) and `locked` (the municipality locked the file: its download answers 403); NotuBiz
    the metadata of its answers (`pages` to `last_modified`), `versions` (oldest first),
    `quirk_url` (its url is written `httphttp://`) and `unique_word_page` (the 1-based page
    that carries the world's unique word).
    """

    id: NativeId
    title: str
    blueprint: str
    file_name: str = ""
    kind: FileKind = FileKind.PDF
    source_key: str = ""
    confidential: bool = False
    published: datetime | None = None
    document_type: str = ""
    doubled_host: bool = False
    fill: dict[str, str] = field(default_factory=dict)
    locked: bool = False
    pages: int = 0
    type_id: int = 0
    type_label: str = ""
    category: str = ""
    policy_field: str = ""
    case_code: str = ""
    description: str = ""
    date: datetime | None = None
    last_modified: datetime | None = None
    versions: list[DocumentVersion] = field(default_factory=list)
    quirk_url: bool = False
    unique_word_page: int | None = None

    @property
    def published_at(self) -> datetime:
        """`published`, of a document its supplier dates (NotuBiz, GO, Parlaeus)."""
        return when(self.published, f"document {self.id!r}", "published")

    @property
    def changed_at(self) -> datetime:
        """`last_modified`, of a document whose supplier says when it changed (NotuBiz)."""
        return when(self.last_modified, f"document {self.id!r}", "last_modified")

    @property
    def version(self) -> int:
        """The number of its newest version (NotuBiz)."""
        return self.versions[-1].number

    @property
    def mime_type(self) -> str:
        return DOCX_MIME if self.kind is FileKind.DOCX else PDF_MIME

    @property
    def extension(self) -> str:
        return "docx" if self.kind is FileKind.DOCX else "pdf"


@dataclass(frozen=True)
class ModuleRef:
    """NotuBiz: a link to a register (module) item, `modules/<module_id>/items/<item_id>`."""

    module_id: int
    item_id: int


@dataclass
class AgendaItem(Generic[NativeId]):
    """One point of a meeting's agenda.

    Every supplier: `id`, `number` (the number shown: NotuBiz title_prefix, iBabs Features
    "4A"), `title`, `description` (NotuBiz description, GO and Parlaeus text, iBabs
    Explanation), `documents` (ids). `kind` is the supplier's type of the point (NotuBiz
    "agenda_point" or "label", a heading; Parlaeus "Bespreekpunt", ...), `order` its place
    (NotuBiz order, GO sortorder: None makes GO list it with an empty sortorder, as no real
    agenda point, its documents the meeting's).

    Supplier quirks: NotuBiz `last_modified`, `module_items` (the register items it links) and
    `children` (nested agendas); Parlaeus `level` (nests points: a point is the child of the last
    one above it with a lower level) and `decision`; iBabs `confidential` and `entries` (the
    register entries it lists).
    """

    id: NativeId
    number: str
    title: str
    description: str = ""
    kind: str = ""
    order: int | None = None
    documents: list[NativeId] = field(default_factory=list)
    last_modified: datetime | None = None
    module_items: list[ModuleRef] = field(default_factory=list)
    children: list[AgendaItem[NativeId]] = field(default_factory=list)
    level: int = 1
    decision: str = ""
    confidential: bool = False
    entries: list[NativeId] = field(default_factory=list)

    def walk(self) -> list[AgendaItem[NativeId]]:
        """This item and all its descendants, depth first."""
        items = [self]
        for child in self.children:
            items.extend(child.walk())
        return items


@dataclass
class Meeting(Generic[NativeId]):
    """One meeting of a committee.

    Every supplier: `id`, `committee_id`, `start`, `end`, `location`, `chair` (iBabs
    Chairman), `documents` on the meeting itself and `items`, its agenda (top level). `title`
    (NotuBiz; GO's "" makes it name the meeting "Vergadering - <committee> - <date>"; iBabs has
    none), `description` (NotuBiz; iBabs Explanation, HTML), `source_key` (the sample
    municipality: NotuBiz, iBabs), `last_modified` (NotuBiz, GO and Parlaeus last_change),
    `cancelled` and `inactive` (NotuBiz, GO; an inactive GO meeting is not harvested).

    Supplier quirks: NotuBiz `created`, `permission_group` (not "public": its detail answers an
    error), `confidential`, `announcement` and `module_items`; Parlaeus `secretary`; iBabs
    `published` (PublishDate), `invitees` and `attendees` (user ids).
    """

    id: NativeId
    committee_id: NativeId
    start: datetime
    end: datetime
    location: str
    chair: str
    title: str = ""
    description: str = ""
    source_key: str = ""
    last_modified: datetime | None = None
    cancelled: bool = False
    inactive: bool = False
    documents: list[NativeId] = field(default_factory=list)
    items: list[AgendaItem[NativeId]] = field(default_factory=list)
    created: datetime | None = None
    permission_group: str = "public"
    confidential: bool = False
    announcement: bool = True
    module_items: list[ModuleRef] = field(default_factory=list)
    secretary: str = ""
    published: datetime | None = None
    invitees: list[NativeId] = field(default_factory=list)
    attendees: list[NativeId] = field(default_factory=list)

    @property
    def public(self) -> bool:
        return self.permission_group == "public"

    @property
    def changed_at(self) -> datetime:
        """`last_modified`, of a meeting whose supplier says when it changed (NotuBiz, GO)."""
        return when(self.last_modified, f"meeting {self.id!r}", "last_modified")

    def agenda_items(self) -> list[AgendaItem[NativeId]]:
        """Every agenda item of the tree (headings included), depth first."""
        items: list[AgendaItem[NativeId]] = []
        for item in self.items:
            items.extend(item.walk())
        return items


def when(moment: datetime | None, of: str, what: str) -> datetime:
    """`moment`, which the supplier of `of` always gives; ValueError naming both otherwise."""
    if moment is None:
        raise ValueError(f"{of} has no {what}")
    return moment


@dataclass(frozen=True)
class Register(Generic[NativeId]):
    """A register (NotuBiz module, iBabs list): ingekomen stukken, moties, toezeggingen, ...

    `id` is the NotuBiz module id (per kind, the same in every organisation, as in the real
    API) or the iBabs list GUID; `name` NotuBiz's own name of the module kind ("Moties") or the
    iBabs list name. NotuBiz: `kind` is the item type of its entries ("motie"), `custom_name`
    the municipality's rename ("Moties en amendementen"; "" when not renamed). iBabs:
    `can_vote` (ListCanVote), `source_key` the municipality of a shared site it serves (None:
    every municipality of its site; a NotuBiz municipality holds its own registers)."""

    id: NativeId
    name: str
    kind: str = ""
    custom_name: str = ""
    can_vote: bool = False
    source_key: str | None = None

    @property
    def title(self) -> str:
        """What users see: the rename, else the register's own name."""
        return self.custom_name or self.name


@dataclass
class RegisterEntry(Generic[NativeId]):
    """One entry of a register; a motion is an entry of a motion register.

    Every supplier: `id`, `register_id`, `title`, `values` (label → text: the NotuBiz item's
    other attributes, the iBabs entry's Values), `documents` (NotuBiz attachments, iBabs
    documents) and `last_modified` (iBabs MutationDate). NotuBiz: `main_document` (the
    "Hoofddocument" attribute), `description`, `date` and `created`. iBabs: `votes`.
    """

    id: NativeId
    register_id: NativeId
    title: str
    values: dict[str, str] = field(default_factory=dict)
    documents: list[NativeId] = field(default_factory=list)
    last_modified: datetime | None = None
    main_document: NativeId | None = None
    description: str = ""
    date: datetime | None = None
    created: datetime | None = None
    votes: list[Vote[NativeId]] = field(default_factory=list)

    @property
    def changed_at(self) -> datetime:
        """`last_modified`: every supplier says when an entry changed."""
        return when(self.last_modified, f"register entry {self.id!r}", "last_modified")

    def document_ids(self) -> list[NativeId]:
        """Its main document, then the others."""
        main = [self.main_document] if self.main_document is not None else []
        return main + list(self.documents)
