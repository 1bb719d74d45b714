"""Golden-style parse test: a NotuBiz motion register item → RegisterEntry and Motion fields."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

from crawlers.notubiz_motions import is_motion_register, item_type, motion_fields, motion_type
from crawlers.notubiz_parse import register_fields
from normalize.cleaners import AMSTERDAM
from normalize.records import MotionResult

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "notubiz"


def load(name: str) -> Any:
    return json.loads((FIXTURES / name).read_text("utf-8"))


def test_a_motion_register_item_gives_the_golden_motion_fields() -> None:
    item = load("module_item_9_9201.json")["item"]
    fields, docs = register_fields(item, {})
    assert fields["register_name"] == "Moties en amendementen"
    assert is_motion_register(fields["register_name"], item_type(item))
    motion = motion_fields(item, fields)
    assert motion == {
        "title": "Amendement A3 Groen schoolplein",
        "description": "Tegels eruit, groen erin.",
        "motion_type": "Amendement",
        "submitters": ["A. de Vries", "B. Bakker"],
        "parties": ["D66", "CDA"],
        "result": MotionResult.AANGENOMEN,  # "Besluit" comes before "Afdoening"
        "result_raw": "Aangenomen (15-12)",
        "date": datetime(2024, 3, 14, tzinfo=AMSTERDAM),
    }
    assert [d["id"] for d in docs] == [5101]


def test_other_registers_are_not_motions_and_the_type_label_counts() -> None:
    item = load("module_item_8_9101.json")["item"]
    fields, _ = register_fields(item, {})
    assert not is_motion_register(fields["register_name"], item_type(item))
    assert is_motion_register("Raadsregister", "Motie vreemd aan de orde")
    assert is_motion_register("MOTIES", None)
    assert motion_type("Motie M2", None, "Moties en amendementen") == "Motie"
    assert motion_type(None, {"title": "x"}.get("title"), "Amendementen") == "Amendement"


def test_no_published_outcome_leaves_the_result_empty() -> None:
    item = {"id": 1, "type": "Motie", "attributes": []}
    fields, _ = register_fields(item, {})
    motion = motion_fields(item, fields)
    assert motion["result"] is None and motion["result_raw"] is None
    assert motion["title"] == "Motie 1" and motion["motion_type"] == "Motie"
