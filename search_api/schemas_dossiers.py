"""The answer of `GET /api/dossiers/{id}`: the Dossier record's fields with its documents and
inventory rows linked to `/api/documents/{id}`."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import Field

from normalize.dossier import Dossier, InventoryEntry
from search_api.schemas import DocumentRef, Ref


class DocumentRole(StrEnum):
    DECISION = "decision"  # the decision letter
    INVENTORY = "inventory"  # an inventory list file
    DOCUMENT = "document"  # an attachment, or a document joined from the inventory


class DossierDocument(DocumentRef):
    role: DocumentRole


class InventoryRowDetail(InventoryEntry):
    """An inventory row; `document` is the harvested document it is joined to."""

    document: DocumentRef | None = Field(description="The joined document; null: not joined.")


class DossierDetail(Dossier):
    """The Dossier record's fields, plus its documents and inventory rows as links."""

    withdrawn: bool = Field(description="No longer formed by the source's documents; kept.")
    withdrawn_at: datetime | None = Field(
        default=None, description="When it was marked withdrawn; null while it is current."
    )
    organization: Ref | None
    decision: DocumentRef | None = Field(description="The decision letter; null: not harvested.")
    documents: list[DossierDocument] = Field(
        description="Every document of the dossier once: the decision letter, the inventory "
        "files, then the others."
    )
    inventory: list[InventoryRowDetail] = Field(  # type: ignore[assignment]
        description="Every row of every inventory file, in file and line order."
    )


__all__ = ["DocumentRole", "DossierDetail", "DossierDocument", "InventoryRowDetail"]
