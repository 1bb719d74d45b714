"""The ids Vindplaats gives its records in the ORI API's shape.

ORI 2.0 allows an `id` of at most 40 characters and mini-ORI 1.0.0 wants a UUID; a Vindplaats
record id (`meeting:ibabs:<site>:<GUID>`, `normalize.ids`) is often longer. Every record served
in the ORI shape is therefore known by the version-5 UUID of its record id in one fixed
namespace: the same record has the same UUID on every server, in every harvest and after every
rebuild. The store keeps the way back (UUID → record id).
"""

from __future__ import annotations

import uuid

# the namespace of Vindplaats' ORI UUIDs; never changes (it would change every public id)
NAMESPACE = uuid.UUID("4f5b2c1e-8a7d-5e3b-9c61-2d0a7f4e8b19")


def ori_uuid(record_id: str) -> str:
    """The UUID (lower-case, with hyphens) a record is known by in the ORI API."""
    return str(uuid.uuid5(NAMESPACE, record_id))


def is_uuid(text: str) -> bool:
    try:
        return str(uuid.UUID(text)) == text.lower() and len(text) == 36
    except ValueError:
        return False
