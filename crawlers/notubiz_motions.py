"""Reading NotuBiz motion registers: pure functions from a register item to Motion fields.

A motion register is recognised from `/organisations/{id}/modules` (`Register.holds_motions`:
NotuBiz's name "Moties"/"Amendementen", or a rename such as "Moties en Amendementen"). Each of
its items is a RegisterEntry and a Motion too. Fields are found by stable attribute id first,
then by label, because labels differ per municipality for the same attribute:

| id | labels seen | used for |
|---|---|---|
| 36, 87 | Indiener(s); Medeondertekenaars (person references) | submitters |
| 37 | Indienende partij, Fractie(s) (party references) | parties |
| 45 | Type ("Amendement"; Frisian "Amendemint", "Moasje") — absent in some registers | kind |
| 62, 71 | Stemming, Uitslag; Status (some put prose in 62 and the outcome in 71) | result |

Without a Type attribute the kind comes from the title, the main document's `types`, the
"Ingediend in" label or the register's name. Outcomes come in any case and also in Frisian
(Oannommen, Fersmiten, Ynlutsen) or English (adopted, rejected, withdrawn).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from crawlers.notubiz_registers import SUBMITTED_IN_IDS, SUBMITTED_IN_LABELS, ItemAttributes
from normalize.cleaners import clean_text
from normalize.motions import normalize_motion_result
from normalize.records import MotionResult

Json = dict[str, Any]

SUBMITTER_IDS = ("36",)
SUBMITTER_LABELS = ("Indiener(s)", "Indiener", "Indieners")
CO_SIGNER_IDS = ("87",)
CO_SIGNER_LABELS = ("Medeondertekenaars", "Mede-indieners", "Mede-indiener(s)")
PARTY_IDS = ("37",)
PARTY_LABELS = ("Indienende partij", "Fractie(s)", "Fractie", "Fracties", "Partij")
TYPE_IDS, TYPE_LABELS = ("45",), ("Type", "Soort")
RESULT_SOURCES = (
    (("62",), ("Stemming", "Uitslag", "Uitslag stemming")),
    (("71",), ("Status",)),
    ((), ("Besluit", "Afdoening", "Resultaat")),
)
DESCRIPTION_LABELS = ("Omschrijving", "Toelichting", "Beschrijving")
_SPLIT = re.compile(r"\s*(?:;|\n)\s*")  # names: never on commas ("Jansen, P." is one name)
_KIND = re.compile(r"amendement|amendemint|motie|moasje", re.IGNORECASE)
_PARTY_SPLIT = re.compile(r"\s*(?:;|\n|,)\s*")  # party lists: "D66, CDA"
_FOREIGN_OUTCOMES = (  # Frisian and English outcome words → the Dutch word
    (re.compile(r"oannommen|adopted|accepted", re.IGNORECASE), "aangenomen"),
    (re.compile(r"fersmiten|rejected", re.IGNORECASE), "verworpen"),
    (re.compile(r"ynlutsen|withdrawn", re.IGNORECASE), "ingetrokken"),
)


def split_names(values: list[str], *, parties: bool = False) -> list[str]:
    """Names from reference values (one name each) or from `;`-separated text (party lists
    also `,`-separated), each once."""
    names: list[str] = []
    for value in values:
        for part in (_PARTY_SPLIT if parties else _SPLIT).split(value):
            name = clean_text(part)
            if name and name not in names:
                names.append(name)
    return names


def kind_of(label: str | None) -> str | None:
    """ "Amendement" or "Motie" by the first such word in `label` (Dutch or Frisian), else None;
    "Moties en Amendementen" is Motie, "Amendement op motie 3" is Amendement."""
    found = _KIND.search(label or "")
    if found is None:
        return None
    return "Amendement" if found.group(0).lower().startswith("amendem") else "Motie"


def motion_type(attributes: ItemAttributes, docs: list[Json], title: str | None,
                register_names: tuple[str | None, ...]) -> str:  # fmt: skip
    """The kind: the Type attribute, the title, the main document's type, the "Ingediend in"
    label, then the register's names; "Motie" when none says."""
    candidates: list[str | None] = [attributes.text(TYPE_IDS, TYPE_LABELS), title]
    for doc in docs[:1]:
        types = doc.get("types")
        if isinstance(types, list):
            candidates += [clean_text(t.get("value")) for t in types if isinstance(t, Mapping)]
    candidates.append(attributes.text(SUBMITTED_IN_IDS, SUBMITTED_IN_LABELS))
    candidates += list(register_names)
    for label in candidates:
        kind = kind_of(label)
        if kind is not None:
            return kind
    return "Motie"


def motion_result(raw: str) -> MotionResult:
    """The outcome of `raw` in any case, in Dutch, Frisian or English."""
    text = raw
    for pattern, dutch in _FOREIGN_OUTCOMES:
        text = pattern.sub(dutch, text)
    return normalize_motion_result(text)


def outcome(attributes: ItemAttributes) -> tuple[MotionResult | None, str | None]:
    """The first recognised outcome of the outcome attributes; else the first one present (as
    `overig`); (None, None) when nothing is published."""
    present = [t for ids, labels in RESULT_SOURCES if (t := attributes.text(ids, labels))]
    for raw in present:
        result = motion_result(raw)
        if result is not MotionResult.OVERIG:
            return result, raw
    return (MotionResult.OVERIG, present[0]) if present else (None, None)


def motion_fields(
    item: Mapping[str, Any],
    entry_fields: Mapping[str, Any],
    attributes: ItemAttributes,
    docs: list[Json],
    register_names: tuple[str | None, ...] = (),
) -> Json:
    """Motion fields (except ids and references) from the item, its RegisterEntry fields and
    attributes (`crawlers.notubiz_registers.register_item_fields`)."""
    title = entry_fields.get("title") or f"Motie {item.get('id')}"
    submitters = attributes.texts(SUBMITTER_IDS, SUBMITTER_LABELS)
    submitters += attributes.texts(CO_SIGNER_IDS, CO_SIGNER_LABELS)
    result, raw = outcome(attributes)
    return {
        "title": title,
        "description": attributes.text((), DESCRIPTION_LABELS),
        "motion_type": motion_type(attributes, docs, entry_fields.get("title"), register_names),
        "submitters": split_names(submitters),
        "parties": split_names(attributes.texts(PARTY_IDS, PARTY_LABELS), parties=True),
        "result": result,
        "result_raw": raw,
        "date": entry_fields.get("date"),
    }
