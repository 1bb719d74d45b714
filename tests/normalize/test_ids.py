from __future__ import annotations

import pytest

from normalize.ids import make_id, parse_id


def test_ids_are_deterministic_and_round_trip() -> None:
    record_id = make_id("document", "notubiz", "amsterdam", 6183601)
    assert record_id == "document:notubiz:amsterdam:6183601"
    assert make_id("document", "notubiz", "amsterdam", "6183601") == record_id
    assert parse_id(record_id) == ("document", "notubiz", "amsterdam", "6183601")


def test_native_ids_may_contain_colons() -> None:
    record_id = make_id("meeting", "ibabs", "aalsmeer", "a:b")
    assert parse_id(record_id)[3] == "a:b"


@pytest.mark.parametrize(
    ("rtype", "supplier", "key", "native"),
    [
        ("meeting", "NotuBiz", "x", "1"),
        ("meeting", "notubiz", "a:b", "1"),
        ("meeting", "notubiz", "x", " "),
        ("meeting", "notubiz", "x", "a b"),
        ("thing", "notubiz", "x", "1"),
    ],
)
def test_invalid_parts_are_refused(rtype: str, supplier: str, key: str, native: str) -> None:
    with pytest.raises(ValueError):
        make_id(rtype, supplier, key, native)


@pytest.mark.parametrize("bad", ["", "document", "document:notubiz:x", "foo:a:b:c"])
def test_parse_refuses_non_ids(bad: str) -> None:
    with pytest.raises(ValueError):
        parse_id(bad)
