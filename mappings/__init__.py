"""Index definitions shared by every engine: `fields.json` is the one field list."""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from typing import Literal

FieldKind = Literal["text", "keyword", "date", "timestamp", "integer"]


@dataclass(frozen=True)
class FieldDef:
    name: str
    kind: FieldKind
    facet: bool = False  # counted in search facets
    filter: bool = False  # usable as a search filter
    multi: bool = False  # holds several values
    description: str = ""


def load_fields() -> tuple[FieldDef, ...]:
    raw = json.loads(resources.files("mappings").joinpath("fields.json").read_text("utf-8"))
    return tuple(FieldDef(**item) for item in raw["fields"])


FIELDS = load_fields()
FACET_FIELDS = tuple(f.name for f in FIELDS if f.facet)
FILTER_FIELDS = tuple(f.name for f in FIELDS if f.filter)
