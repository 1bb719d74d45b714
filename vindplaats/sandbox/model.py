"""The objects of the NotuBiz part of the sample world: municipalities, meetings, agenda trees,
registers, documents.

These are plain, comparable dataclasses (two worlds built the same way are equal). They know
nothing of HTTP or of NotuBiz's wire format; the NotuBiz plug-in renders them (`notubiz`,
`notubiz_json`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from vindplaats.sandbox.concepts import Committee, Document, Meeting

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
    meetings: list[Meeting[int]] = field(default_factory=list)
    register_items: dict[int, RegisterItem] = field(default_factory=dict)
    documents: dict[int, Document[int]] = field(default_factory=dict)

    def meeting(self, meeting_id: int) -> Meeting[int] | None:
        return next((m for m in self.meetings if m.id == meeting_id), None)

    def register(self, module_id: int) -> Register | None:
        return next((r for r in self.registers if r.module_id == module_id), None)
