"""The bodies of `POST|DELETE /api/documents/{id}/takedown` (`routes_takedown`), from which
`openapi_takedown` derives their published schemas."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from vindplaats.operations.takedown import REASON_MAX, REASON_MIN
from vindplaats.store.sql_privacy import Takedown


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class TakedownRequest(_Strict):
    reason: str = Field(
        min_length=REASON_MIN,
        max_length=REASON_MAX,
        description="Why the document goes offline (required; kept with the takedown and in "
        "the audit log, never shown to the public).",
    )


class TakedownBody(_Strict):
    id: str = Field(description="The record taken down (or restored).")
    status: Literal["taken_down", "restored"]
    reason: str
    taken_by: str = Field(description="Who took it down: an email address or `token:<id>`.")
    taken_at: datetime
    restored_by: str | None = None
    restored_at: datetime | None = None
    index: Literal["updated", "pending"] = Field(
        description="`updated`: the search index holds it as it is now; `pending`: the next "
        "index pass does that. Either way every output of this API reflects it at once."
    )


def takedown_body(found: Takedown, *, indexed: bool) -> TakedownBody:
    return TakedownBody(
        id=found.record_id,
        status="taken_down" if found.active else "restored",
        reason=found.reason,
        taken_by=found.taken_by,
        taken_at=found.taken_at,
        restored_by=found.restored_by,
        restored_at=found.restored_at,
        index="updated" if indexed else "pending",
    )


__all__ = ["TakedownBody", "TakedownRequest", "takedown_body"]
