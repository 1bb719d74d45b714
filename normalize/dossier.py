"""The Woo-besluit dossier: a decision on a Woo (or old Wob) request with its documents and its
inventory list, as one record (`dossier:<supplier>:<source>:<digest of the decision letter's
URL>`, `normalize.dossier_build.native_of`).

A dossier is assembled after a harvest from the DiWoo relations of the source's Woo documents
(`normalize.dossier_groups`) and from its inventory lists (`normalize.inventory`), by
`normalize.dossier_build`; the harvest stage `vindplaats.harvest.dossiers` stores it. It holds:

- the decision: title, summary, decision date, outcome (`Outcome`, and whether the decision's
  metadata gave it or the judgements of the inventory did), Wob or Woo, the period the judged
  documents cover, the case number, the publisher and the decision letter;
- its documents (decision letter, inventory files, attachments, documents joined from the
  inventory), each once;
- its inventory: one `InventoryEntry` per row of every inventory file (number, name, date,
  judgement, refusal grounds, explanation, link), each joined to the harvested document whose
  link or inventory number matches (`normalize.dossier_join`), and the rows not joined, listed
  with the reason;
- the inventory files read (`InventoryFile`, with the sha256 of the original read, so an
  unchanged file is not read again) and its problems (`DossierProblem`): an unreadable or
  missing inventory is a recorded failure with the reason, never a silent empty list.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from normalize.grounds import Law
from normalize.inventory_values import Judgement
from normalize.record_base import NonEmpty, Record, ref
from normalize.woo_metadata import Organisatie


class Outcome(StrEnum):
    """What the decision gave: the four judgements of a document, or no documents at all."""

    OPENBAAR = "openbaar"
    DEELS_OPENBAAR = "deels openbaar"
    NIET_OPENBAAR = "niet openbaar"
    REEDS_OPENBAAR = "reeds openbaar"
    GEEN_DOCUMENTEN = "geen documenten"


class OutcomeSource(StrEnum):
    METADATA = "metadata"  # the decision letter's metadata states it
    JUDGEMENTS = "judgements"  # derived from the judgements of the inventory rows


class JoinedBy(StrEnum):
    LINK = "link"  # the row's link is the document's URL (normalised)
    NUMBER = "number"  # the row's number is in the document's identifiers, file name or title


class ProblemKind(StrEnum):
    INVENTORY_UNREADABLE = "inventory_unreadable"  # the file is no readable inventory
    INVENTORY_NOT_DOWNLOADED = "inventory_not_downloaded"  # no stored original to read
    INVENTORY_ROW = "inventory_row"  # a cell or row of a readable inventory
    NO_INVENTORY = "no_inventory"  # no document of the dossier is an inventory list
    NOT_HARVESTED = "not_harvested"  # a relation (isPartOf, hasParts) names no harvested file


class _Part(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class DossierGround(_Part):
    """A refusal ground as written in the inventory, with its code when it names a known one."""

    written: str
    code: str | None = Field(description="`5.1.2e`, `10.2e`, ...; null: no known ground.")
    law: Law | None = None
    label: str | None = Field(default=None, description="What the ground protects.")


class InventoryEntry(_Part):
    """One row of an inventory list, joined to the harvested document it describes."""

    number: str = Field(description="The inventory number (document id), as written.")
    line: int = Field(description="The sheet row or CSV line of the row.")
    inventory_document_id: str = Field(description="The inventory file the row is in.")
    name: str | None = None
    date: datetime | None = None
    judgement: Judgement | None = None
    judgement_text: str | None = Field(default=None, description="The judgement as written.")
    grounds: list[DossierGround] = Field(default_factory=list)
    explanation: str | None = None
    link: str | None = None
    case_number: str | None = None
    related_id: str | None = None
    file_type: str | None = None
    document_id: str | None = Field(default=None, description="The joined harvested document.")
    joined_by: JoinedBy | None = None


class NotJoined(_Part):
    """A row joined to no harvested document, and why."""

    number: str
    line: int
    reason: str


class InventoryFile(_Part):
    """An inventory file of the dossier as it was read."""

    document_id: str
    sha256: str | None = Field(description="The stored original read; null: none stored.")
    format: Literal["xlsx", "csv"] | None = None
    sheet: str | None = None
    rows: int = 0
    error_code: str | None = Field(default=None, description="Why it was not read (stable).")
    error: str | None = Field(default=None, description="Why it was not read, for people.")


class DossierProblem(_Part):
    kind: ProblemKind
    message: str
    document_id: str | None = None
    line: int | None = None
    column: str | None = None
    value: str | None = None


class Period(_Part):
    start: date | None = None
    end: date | None = None


class JoinCounts(_Part):
    rows: int = 0
    joined: int = 0
    by_link: int = 0
    by_number: int = 0
    not_joined: int = 0


class Dossier(Record):
    """A Woo-besluit dossier (see the module docstring)."""

    record_type: Literal["dossier"] = "dossier"
    title: NonEmpty
    summary: str | None = None
    decision_date: date | None = None
    outcome: Outcome | None = Field(default=None, description="Null: neither stated nor derivable.")
    outcome_source: OutcomeSource | None = None
    law: Law | None = Field(default=None, description="Woo or the old Wob.")
    period: Period | None = None
    case_number: str | None = None
    publisher: Organisatie | None = None
    organization_id: str
    decision_document_id: str | None = Field(description="The decision letter, when harvested.")
    document_ids: list[str] = Field(default_factory=list)
    inventory_files: list[InventoryFile] = Field(default_factory=list)
    inventory: list[InventoryEntry] = Field(default_factory=list)
    not_joined: list[NotJoined] = Field(default_factory=list)
    join_counts: JoinCounts = Field(default_factory=JoinCounts)
    judgement_counts: dict[str, int] = Field(
        default_factory=dict, description="Rows per judgement (`onbekend`: none or unreadable)."
    )
    ground_counts: dict[str, int] = Field(
        default_factory=dict, description="Rows per refusal ground code."
    )
    problems: list[DossierProblem] = Field(default_factory=list)

    @model_validator(mode="after")
    def _refs(self) -> Dossier:
        ref(self.organization_id, "organization")
        ref(self.decision_document_id, "document")
        for doc in self.document_ids:
            ref(doc, "document")
        return self


UNKNOWN_JUDGEMENT = "onbekend"

__all__ = [
    "UNKNOWN_JUDGEMENT",
    "Dossier",
    "DossierGround",
    "DossierProblem",
    "InventoryEntry",
    "InventoryFile",
    "JoinCounts",
    "JoinedBy",
    "NotJoined",
    "Outcome",
    "OutcomeSource",
    "Period",
    "ProblemKind",
]
