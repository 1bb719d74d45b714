"""What every record has: the strict model base, the `Record` fields and id check, and `ref`
(a reference checked against its record type). `normalize.records` holds the council and Woo
document records built on it, `normalize.dossier` the Woo-besluit dossier; both re-use this."""

from __future__ import annotations

from typing import Annotated, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from normalize.ids import make_id, parse_id
from normalize.record_enums import Supplier

NonEmpty = Annotated[str, Field(min_length=1)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, validate_assignment=True)


class Record(Strict):
    """Fields every record has. `record_type` fixes the first part of the id."""

    record_type: str = Field(exclude=False)
    id: NonEmpty
    supplier: Supplier
    source_key: NonEmpty
    native_id: NonEmpty
    source_url: str | None = None  # the API URL the record was read from

    @model_validator(mode="after")
    def _id_matches(self) -> Record:
        expected = make_id(self.record_type, self.supplier.value, self.source_key, self.native_id)
        if self.id != expected:
            raise ValueError(f"id {self.id!r} does not match its parts (expected {expected!r})")
        return self

    @classmethod
    def build(
        cls, supplier: Supplier, source_key: str, native_id: str | int, **fields: object
    ) -> Self:
        """Construct a record, deriving `id` from its parts."""
        rtype = cls.model_fields["record_type"].default
        native = str(native_id)
        return cls.model_validate(
            {
                "id": make_id(rtype, supplier.value, source_key, native),
                "supplier": supplier,
                "source_key": source_key,
                "native_id": native,
                **fields,
            }
        )


def ref(record_id: str | None, record_type: str) -> str | None:
    """Check that a reference points to a record of the given type."""
    if record_id is None:
        return None
    if parse_id(record_id)[0] != record_type:
        raise ValueError(f"{record_id!r} is not a {record_type} id")
    return record_id


__all__ = ["NonEmpty", "Record", "Strict", "ref"]
