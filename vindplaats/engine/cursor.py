"""Opaque pagination cursors: base64url of the next offset and a fingerprint of the search.

The fingerprint covers what decides the order and membership of the result list (`q`,
`filters`, `sort`), not `size`, `facets` or `pages_per_hit`, so a client may change the page
size between pages. A cursor that does not decode, or belongs to another search, raises
`QueryError`.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json

from vindplaats.engine.base import SearchQuery
from vindplaats.errors import QueryError

VERSION = 1


def fingerprint(query: SearchQuery) -> str:
    scope = {"q": query.q, "filters": query.filters.model_dump(mode="json"), "sort": query.sort}
    canonical = json.dumps(scope, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]


def encode_cursor(query: SearchQuery, offset: int) -> str:
    payload = json.dumps(
        {"v": VERSION, "o": offset, "f": fingerprint(query)}, separators=(",", ":")
    )
    return base64.urlsafe_b64encode(payload.encode("ascii")).decode("ascii").rstrip("=")


def decode_cursor(query: SearchQuery, cursor: str) -> int:
    """The offset `cursor` points at; QueryError if it is garbage or from another search."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        payload = json.loads(raw.decode("ascii"))
    except (ValueError, binascii.Error, UnicodeDecodeError) as exc:
        raise QueryError("invalid cursor") from exc
    if not isinstance(payload, dict) or payload.get("v") != VERSION:
        raise QueryError("invalid cursor")
    offset = payload.get("o")
    if not isinstance(offset, int) or isinstance(offset, bool) or offset < 0:
        raise QueryError("invalid cursor")
    if payload.get("f") != fingerprint(query):
        raise QueryError("cursor belongs to a different search")
    return offset


__all__ = ["decode_cursor", "encode_cursor", "fingerprint"]
