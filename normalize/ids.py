"""Deterministic record ids: `<type>:<supplier>:<source_key>:<native_id>`.

Ids never depend on harvest order or database sequences, so re-harvests upsert the same records
and permalinks survive every reindex.
"""

from __future__ import annotations

import re

_PART = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")
RECORD_TYPES = (
    "organization",
    "committee",
    "meeting",
    "agenda_item",
    "document",
    "register_entry",
    "person",
    "motion",
    "vote",
    "dossier",  # a Woo-besluit dossier (normalize.dossier)
)


def make_id(record_type: str, supplier: str, source_key: str, native_id: str | int) -> str:
    if record_type not in RECORD_TYPES:
        raise ValueError(f"unknown record type {record_type!r}")
    for label, part in (("supplier", supplier), ("source_key", source_key)):
        if not _PART.match(part):
            raise ValueError(f"invalid {label} {part!r} for an id")
    native = str(native_id).strip()
    if not native or any(c.isspace() for c in native):
        raise ValueError(f"invalid native id {native_id!r}")
    return f"{record_type}:{supplier}:{source_key}:{native}"


def parse_id(record_id: str) -> tuple[str, str, str, str]:
    """Split an id into (type, supplier, source_key, native_id); ValueError if malformed."""
    parts = record_id.split(":", 3)
    if len(parts) != 4 or parts[0] not in RECORD_TYPES or not all(parts):
        raise ValueError(f"not a Vindplaats id: {record_id!r}")
    return parts[0], parts[1], parts[2], parts[3]
