"""The sources registry model: one row per harvestable source system.

Field names follow the columns of the national catalogue (`ori-sources.csv`).
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from normalize.records import OrganizationType, Supplier
from vindplaats.errors import SourceError

KEY = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")


class Source(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    key: str = Field(description="Unique key, lowercase: 'alkmaar', 'noord-holland'.")
    name: str = Field(min_length=1, description="Organisation name.")
    supplier: Supplier
    organisation_type: OrganizationType = OrganizationType.MUNICIPALITY
    cbs_code: str | None = None
    allmanak_id: str | None = None
    notubiz_organisation_id: str | None = None
    ibabs_sitename: str | None = None
    include_pattern: str | None = None
    exclude_pattern: str | None = None
    base_url: str | None = Field(None, description="API base URL override (self-hosted, tests).")
    api_version: str | None = None
    municipality_prefix: str | None = None
    tooi_uri: str | None = None

    @field_validator("key")
    @classmethod
    def _key(cls, value: str) -> str:
        if not KEY.match(value):
            raise ValueError("use lowercase letters, digits, '-', '_' or '.'")
        return value

    @field_validator(
        "cbs_code",
        "allmanak_id",
        "notubiz_organisation_id",
        "ibabs_sitename",
        "include_pattern",
        "exclude_pattern",
        "base_url",
        "api_version",
        "municipality_prefix",
        "tooi_uri",
        mode="before",
    )
    @classmethod
    def _blank_is_none(cls, value: object) -> object:
        return None if value == "" else value

    @field_validator("base_url")
    @classmethod
    def _base_url(cls, value: str | None) -> str | None:
        if value is None:
            return None
        if not value.lower().startswith(("http://", "https://")):
            raise ValueError("only http(s) URLs are accepted")
        return value.rstrip("/")

    def check_harvestable(self) -> None:
        """Raise SourceError when the supplier-specific id this source needs is missing."""
        if self.supplier == Supplier.NOTUBIZ and not self.notubiz_organisation_id:
            raise SourceError(f"source {self.key!r}: notubiz_organisation_id is required")


def build_source(**fields: object) -> Source:
    try:
        return Source(**fields)  # type: ignore[arg-type]
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or 'source'}: {e['msg']}" for e in exc.errors()
        )
        raise SourceError(f"invalid source {fields.get('key')!r}: {problems}") from None


def read_catalogue(path: Path) -> list[Source]:
    """Read a catalogue CSV (columns as in ori-sources.csv); SourceError names the bad line."""
    text = path.read_text("utf-8-sig")
    reader = csv.DictReader(io.StringIO(text))
    known = set(Source.model_fields)
    sources: list[Source] = []
    first_line: dict[str, int] = {}
    for line_no, row in enumerate(reader, start=2):
        fields = {k: v for k, v in row.items() if k in known and v is not None}
        try:
            source = build_source(**fields)
        except SourceError as exc:
            raise SourceError(f"{path}:{line_no}: {exc}") from None
        if source.key in first_line:
            raise SourceError(
                f"{path}:{line_no}: key {source.key!r} is already used on line "
                f"{first_line[source.key]}; every source needs its own key"
            )
        first_line[source.key] = line_no
        sources.append(source)
    return sources
