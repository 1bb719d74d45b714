"""The objects of the NotuBiz part of the sample world: municipalities, meetings, agenda trees,
registers, documents.

These are plain, comparable dataclasses (two worlds built the same way are equal). They know
nothing of HTTP or of NotuBiz's wire format; the NotuBiz plug-in renders them (`notubiz`,
`notubiz_json`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from vindplaats.sandbox.concepts import Committee, Document


@dataclass(frozen=True)
class ModuleRef:
    """A link to a register (module) item: `modules/<module_id>/items/<item_id>`."""

    module_id: int
    item_id: int


@dataclass
class AgendaItem:
    id: int
    kind: str  # "agenda_point" or "label"
    order: int
    title_prefix: str
    title: str
    description: str
    last_modified: datetime
    documents: list[int] = field(default_factory=list)
    module_items: list[ModuleRef] = field(default_factory=list)
    children: list[AgendaItem] = field(default_factory=list)

    def walk(self) -> list[AgendaItem]:
        """This item and all its descendants, depth first."""
        items = [self]
        for child in self.children:
            items.extend(child.walk())
        return items


@dataclass
class Meeting:
    id: int
    source_key: str
    gremium_id: int
    title: str
    location: str
    description: str
    chair: str
    start: datetime
    end: datetime
    creation_date: datetime
    last_modified: datetime
    permission_group: str = "public"
    confidential: bool = False
    announcement: bool = True
    canceled: bool = False
    inactive: bool = False
    documents: list[int] = field(default_factory=list)
    module_items: list[ModuleRef] = field(default_factory=list)
    agenda: list[AgendaItem] = field(default_factory=list)

    @property
    def public(self) -> bool:
        return self.permission_group == "public"

    def agenda_items(self) -> list[AgendaItem]:
        """Every agenda item of the tree (headings included), depth first."""
        items: list[AgendaItem] = []
        for item in self.agenda:
            items.extend(item.walk())
        return items


MOTION_ITEM_TYPE = "motie"  # the item type of a motion register ("Moties en amendementen")


@dataclass(frozen=True)
class Register:
    """A NotuBiz module (register): ingekomen stukken, raadsvoorstellen, ...

    `name` is NotuBiz's own name of the module kind ("Moties"), `custom_name` the
    municipality's rename ("Moties en amendementen"; "" when not renamed). Module ids are per
    kind and the same in every organisation, as in the real API."""

    module_id: int
    name: str
    item_type: str
    custom_name: str = ""

    @property
    def title(self) -> str:
        """What users see: the rename, else NotuBiz's name."""
        return self.custom_name or self.name


@dataclass
class RegisterItem:
    id: int
    module_id: int
    title: str
    description: str
    date: datetime
    creation_date: datetime
    last_modified: datetime
    extra: dict[str, str] = field(default_factory=dict)  # label → text value
    main_document: int | None = None  # the "Hoofddocument" attribute
    attachments: list[int] = field(default_factory=list)

    def document_ids(self) -> list[int]:
        main = [self.main_document] if self.main_document is not None else []
        return main + list(self.attachments)


@dataclass
class Municipality:
    key: str
    name: str
    organisation_id: int
    attribute_ids: dict[str, int]  # label (Titel, Locatie, ...) → attribute id
    gremia: list[Committee[int]]
    registers: list[Register]
    meetings: list[Meeting] = field(default_factory=list)
    register_items: dict[int, RegisterItem] = field(default_factory=dict)
    documents: dict[int, Document[int]] = field(default_factory=dict)

    def meeting(self, meeting_id: int) -> Meeting | None:
        return next((m for m in self.meetings if m.id == meeting_id), None)

    def register(self, module_id: int) -> Register | None:
        return next((r for r in self.registers if r.module_id == module_id), None)
