"""Opaque pagination cursors of the Elasticsearch engine.

A cursor is base64url JSON holding what the next page needs: the `search_after` values of the last
hit shown (its sort key: `[score, id]`, `[id]` or `[date, id]`), how many hits came before
(`offset`, for `next_cursor` to know when the list ends), the point in time the pages are read
from (`pit`, None until the second page opens one) and the fingerprint of the search
(`cursor.fingerprint`: q, filters, sort). A cursor that does not decode, comes from the embedded
engine, belongs to another search or holds sort values Elasticsearch cannot take back (a score
that is not finite, a date beyond a 64-bit long) raises `QueryError`.
"""

from __future__ import annotations

import base64
import binascii
import json
import math
from dataclasses import dataclass

from vindplaats.engine.base import SearchQuery
from vindplaats.engine.cursor import fingerprint
from vindplaats.errors import QueryError

VERSION = 1
ENGINE = "es"
MAX_PIT_CHARS = 8192
MAX_ID_CHARS = 2048
MIN_LONG, MAX_LONG = -(2**63), 2**63 - 1

SortValue = int | float | str


@dataclass(frozen=True)
class Page:
    """Where the next page starts."""

    after: tuple[SortValue, ...]
    offset: int
    pit: str | None = None


def encode(query: SearchQuery, page: Page) -> str:
    payload = {
        "v": VERSION,
        "e": ENGINE,
        "f": fingerprint(query),
        "a": list(page.after),
        "o": page.offset,
        "p": page.pit,
    }
    raw = json.dumps(payload, separators=(",", ":"), ensure_ascii=True).encode("ascii")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def _sort_shape(query: SearchQuery, scored: bool) -> tuple[type, ...]:
    """Types of the `search_after` values of this search's sort."""
    if query.sort == "relevance":
        return (float, str) if scored else (str,)
    return (int, str)


def _valid_value(value: object, kind: type) -> bool:
    """A sort value Elasticsearch can take back: a finite score, a long (a date in epoch
    milliseconds, or the min/max long standing for a missing date) or an id of bounded length."""
    if isinstance(value, bool):
        return False
    if kind is float:
        return isinstance(value, (int, float)) and math.isfinite(value)
    if kind is int:
        return isinstance(value, int) and MIN_LONG <= value <= MAX_LONG
    return isinstance(value, str) and len(value) <= MAX_ID_CHARS


def decode(query: SearchQuery, cursor: str, *, scored: bool) -> Page:
    """The page `cursor` points at; QueryError if it is garbage or from another search."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        payload = json.loads(raw.decode("ascii"))
    except (ValueError, binascii.Error, UnicodeDecodeError) as exc:
        raise QueryError("invalid cursor") from exc
    if not isinstance(payload, dict) or payload.get("v") != VERSION or payload.get("e") != ENGINE:
        raise QueryError("invalid cursor")
    if payload.get("f") != fingerprint(query):
        raise QueryError("cursor belongs to a different search")
    after, offset, pit = payload.get("a"), payload.get("o"), payload.get("p")
    shape = _sort_shape(query, scored)
    if (
        not isinstance(after, list)
        or len(after) != len(shape)
        or not all(_valid_value(v, k) for v, k in zip(after, shape, strict=True))
    ):
        raise QueryError("invalid cursor")
    if not isinstance(offset, int) or isinstance(offset, bool) or offset < 0:
        raise QueryError("invalid cursor")
    if pit is not None and (not isinstance(pit, str) or not pit or len(pit) > MAX_PIT_CHARS):
        raise QueryError("invalid cursor")
    return Page(after=tuple(after), offset=offset, pit=pit)


__all__ = ["Page", "SortValue", "decode", "encode"]
