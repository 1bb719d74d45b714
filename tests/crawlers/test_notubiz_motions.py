"""NotuBiz motion registers: register items in the real shapes → Motion fields.

The fixtures `module_items_686_6_page*.json` mirror recorded Alkmaar and Altena answers (see the
fixtures' `_comment`); `module_item_9_9201.json` is the older `{value}` form.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from crawlers.notubiz_motions import kind_of, motion_fields, motion_result, split_names
from crawlers.notubiz_registers import Register, register_item_fields, registers
from normalize.cleaners import AMSTERDAM
from normalize.records import MotionResult

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "notubiz"
MODULES = registers(json.loads((FIXTURES / "modules_686.json").read_text("utf-8")))


def load(name: str) -> Any:
    return json.loads((FIXTURES / name).read_text("utf-8"))


def motion_of(item: dict[str, Any], register: Register | None) -> dict[str, Any]:
    fields, docs, attributes = register_item_fields(item, {}, register)
    names = (register.title, register.name) if register else ()
    return motion_fields(item, fields, attributes, docs, names)


def test_the_register_list_gives_titles_and_recognises_the_motion_register() -> None:
    assert {k: r.title for k, r in MODULES.items()} == {
        "1": "Ingekomen stukken",  # custom_name "" → NotuBiz's name
        "3": "Toezeggingen",
        "6": "Moties en Amendementen",  # the rename
        "19": "Voorstellen vanaf 2023",
    }
    assert [k for k, r in MODULES.items() if r.holds_motions] == ["6"]
    assert Register("9", "Amendementen", "").holds_motions  # by NotuBiz's name
    assert Register("70", "Overige registers", "Moasjes en amendeminten").holds_motions  # rename
    assert not Register("8", "Bestuursdocumenten", "Voorstellen tot 2023").holds_motions


def test_an_alkmaar_form_amendment_gives_title_kind_parties_and_result() -> None:
    item = load("module_items_686_6_page1.json")["items"][0]
    motion = motion_of(item, MODULES["6"])
    assert motion == {
        "title": "240305 4-A-1 Amendement - Parkeernormen Dorpsstraat",
        "description": None,
        "motion_type": "Amendement",  # the Type attribute (id 45)
        "submitters": [],  # this form names parties only
        "parties": ["GroenLinks", "Partij van de Arbeid"],  # meta_data.label, not the ids 7, 9
        "result": MotionResult.VERWORPEN,  # "verworpen", lower case
        "result_raw": "verworpen",
        "date": datetime(2024, 3, 5, tzinfo=AMSTERDAM),
    }


def test_an_altena_form_motion_without_type_gives_submitters_and_parties() -> None:
    item = load("module_items_686_6_page2.json")["items"][0]
    motion = motion_of(item, MODULES["6"])
    assert motion["motion_type"] == "Motie"  # no Type attribute: from the title
    assert motion["submitters"] == ["Anna de Vries-Bakker", "Pieter van den Berg"]
    assert motion["parties"] == ["CDA", "SGP"]  # "Fractie(s)", same id 37
    assert (motion["result"], motion["result_raw"]) == (MotionResult.AANGENOMEN, "Aangenomen")
    fields, docs, _ = register_item_fields(item, {}, MODULES["6"])
    assert fields["attributes"]["Portefeuillehouder"] == "K.L. Jansen (Wethouder)"
    assert fields["attributes"]["Stemmingsuitslag"].startswith("Stemmen voor: 21 CDA, SGP")
    assert [d["id"] for d in docs] == [16500003]


def test_the_older_value_form_still_gives_the_motion() -> None:
    item = load("module_item_9_9201.json")["item"]
    motion = motion_of(item, None)  # no modules list: the item's own module title is used
    assert motion["motion_type"] == "Amendement"
    assert motion["submitters"] == ["A. de Vries", "B. Bakker"]
    assert motion["parties"] == ["D66", "CDA"]
    assert motion["result"] is MotionResult.AANGENOMEN  # "Besluit" comes before "Afdoening"
    assert motion["date"] == datetime(2024, 3, 14, tzinfo=AMSTERDAM)


def test_prose_in_the_vote_field_falls_back_to_the_status_field() -> None:
    item = {
        "id": 1,
        "module_id": 6,
        "attributes": [
            {
                "id": 62,
                "label": "Stemming",
                "values": [{"meta_data": None, "content": "zie notulen"}],
            },
            {
                "id": 71,
                "label": "Status",
                "values": [{"meta_data": None, "content": "Ingetrokken"}],
            },
        ],
    }
    motion = motion_of(item, MODULES["6"])
    assert (motion["result"], motion["result_raw"]) == (MotionResult.INGETROKKEN, "Ingetrokken")
    assert motion["title"] == "Motie 1" and motion["motion_type"] == "Motie"  # register name


def test_no_published_outcome_leaves_the_result_empty() -> None:
    motion = motion_of({"id": 2, "module_id": 6, "attributes": []}, MODULES["6"])
    assert motion["result"] is None and motion["result_raw"] is None


@pytest.mark.parametrize(
    ("raw", "result"),
    [
        ("aangenomen", MotionResult.AANGENOMEN),  # Alkmaar, lower case
        ("Aangenomen", MotionResult.AANGENOMEN),  # Altena
        ("verworpen", MotionResult.VERWORPEN),
        ("VERWORPEN", MotionResult.VERWORPEN),
        ("Oannommen", MotionResult.AANGENOMEN),  # Fryslân
        ("Fersmiten", MotionResult.VERWORPEN),
        ("Ynlutsen", MotionResult.INGETROKKEN),
        ("adopted", MotionResult.AANGENOMEN),  # NotuBiz votings
        ("rejected", MotionResult.VERWORPEN),
        ("withdrawn", MotionResult.INGETROKKEN),
        ("zie notulen", MotionResult.OVERIG),
    ],
)
def test_outcomes_in_any_case_and_language(raw: str, result: MotionResult) -> None:
    assert motion_result(raw) is result


@pytest.mark.parametrize(
    ("label", "kind"),
    [
        ("Amendement", "Amendement"),
        ("Motie", "Motie"),
        ("Amendemint", "Amendement"),
        ("Moasje frjemd", "Motie"),
        ("Moties en Amendementen", "Motie"),
        ("Amendement op motie 3", "Amendement"),
        ("15-A-1 Amendement - Parkeren", "Amendement"),
        ("Vrije motie", "Motie"),
        ("Ingekomen stukken", None),
        (None, None),
        ("", None),
    ],
)
def test_the_kind_from_a_label(label: str | None, kind: str | None) -> None:
    assert kind_of(label) == kind


# Every person-name and party form seen in NotuBiz answers (issue 8 research, section 6): a
# reference value is one name whatever its commas or brackets; text lists split on ";".
@pytest.mark.parametrize(
    ("values", "names"),
    [
        (["Claudia Schipper-Heijmans"], ["Claudia Schipper-Heijmans"]),  # person reference
        (["Henri de Raad"], ["Henri de Raad"]),
        (["J.P. Neven (Wethouder)"], ["J.P. Neven (Wethouder)"]),  # role reference
        (["A. Becker"], ["A. Becker"]),  # agenda-point attribute
        (["Jansen, P. (Pieter) (D66)"], ["Jansen, P. (Pieter) (D66)"]),  # comma: still one
        (["A. de Vries", "B. Bakker"], ["A. de Vries", "B. Bakker"]),  # one value each
        (["A. de Vries; B. Bakker"], ["A. de Vries", "B. Bakker"]),  # ;-joined text
        (["A. de Vries\nB. Bakker"], ["A. de Vries", "B. Bakker"]),
        (["A. de Vries", "A. de Vries"], ["A. de Vries"]),  # each once
        ([""], []),
        ([], []),
    ],
)
def test_person_name_forms(values: list[str], names: list[str]) -> None:
    assert split_names(values) == names


@pytest.mark.parametrize(
    ("values", "parties"),
    [
        (["GroenLinks"], ["GroenLinks"]),
        (["Forum voor Democratie"], ["Forum voor Democratie"]),
        (["CDA", "SGP"], ["CDA", "SGP"]),
        (["D66, CDA"], ["D66", "CDA"]),  # older text form
        (["PvdA; VVD"], ["PvdA", "VVD"]),
        ([""], []),
    ],
)
def test_party_forms(values: list[str], parties: list[str]) -> None:
    assert split_names(values, parties=True) == parties
