"""What only the NotuBiz part of the sample world has: a municipality (an organisation with its
attribute ids), holding the shared concepts (`concepts`) by number: its gremia
(`Committee`), registers (NotuBiz modules), meetings with their agenda trees, register items
(`RegisterEntry`) and documents.

Plain, comparable dataclasses (two worlds built the same way are equal). They know nothing of
HTTP or of NotuBiz's wire format; the NotuBiz plug-in renders them (`notubiz`, `notubiz_json`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from vindplaats.sandbox.concepts import Committee, Document, Meeting, Register, RegisterEntry

MOTION_ITEM_TYPE = "motie"  # the item type of a motion register ("Moties en amendementen")


@dataclass
class Municipality:
    """One NotuBiz organisation; `register_items` and `documents` by id."""

    key: str
    name: str
    organisation_id: int
    attribute_ids: dict[str, int]  # label (Titel, Locatie, ...) → attribute id
    gremia: list[Committee[int]]
    registers: list[Register[int]]
    meetings: list[Meeting[int]] = field(default_factory=list)
    register_items: dict[int, RegisterEntry[int]] = field(default_factory=dict)
    documents: dict[int, Document[int]] = field(default_factory=dict)

    def meeting(self, meeting_id: int) -> Meeting[int] | None:
        return next((m for m in self.meetings if m.id == meeting_id), None)

    def register(self, module_id: int) -> Register[int] | None:
        return next((r for r in self.registers if r.id == module_id), None)
