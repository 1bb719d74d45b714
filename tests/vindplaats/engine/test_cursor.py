"""Cursors: opaque, bound to one search (query, filters, sort), rejected otherwise."""

from __future__ import annotations

import base64
import json

import pytest

from vindplaats.engine.base import Filters, SearchQuery
from vindplaats.engine.cursor import decode_cursor, encode_cursor
from vindplaats.errors import QueryError

QUERY = SearchQuery(q="begroting", filters=Filters(organization=["Delft"]), sort="date_desc")


def test_round_trip_and_url_safety() -> None:
    cursor = encode_cursor(QUERY, 40)
    assert cursor.isascii() and not set(cursor) & set("+/=")
    assert decode_cursor(QUERY, cursor) == 40
    other_size = QUERY.model_copy(update={"size": 5, "facets": False, "pages_per_hit": 0})
    assert decode_cursor(other_size, cursor) == 40


@pytest.mark.parametrize(
    "changed",
    [
        {"q": "begrotingen"},
        {"sort": "relevance"},
        {"filters": Filters(organization=["Gouda"])},
        {"filters": Filters(organization=["Delft"], date_to=None, committee=["Raad"])},
    ],
)
def test_cursor_of_another_search_is_rejected(changed: dict[str, object]) -> None:
    with pytest.raises(QueryError, match="different search"):
        decode_cursor(QUERY.model_copy(update=changed), encode_cursor(QUERY, 20))


def _forge(payload: object) -> str:
    return base64.urlsafe_b64encode(json.dumps(payload).encode()).decode().rstrip("=")


@pytest.mark.parametrize(
    "cursor",
    [
        "",
        "not a cursor",
        "%%%",
        base64.urlsafe_b64encode(b"\xff\xfe").decode(),
        _forge([1, 2]),
        _forge({"v": 2, "o": 1, "f": "x"}),
        _forge({"v": 1, "o": -1}),
        _forge({"v": 1, "o": "3"}),
        _forge({"v": 1, "o": True}),
    ],
)
def test_garbage_is_rejected(cursor: str) -> None:
    with pytest.raises(QueryError, match="invalid cursor"):
        decode_cursor(QUERY, cursor)
