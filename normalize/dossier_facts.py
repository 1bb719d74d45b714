"""The facts of a Woo-besluit dossier derived from its decision letter and inventory: outcome,
law (Wob or Woo), decision date, period and case number.

- Outcome: stated in the decision letter's DiWoo `extraMetadata` (a field named `besluit`,
  `beslissing`, `uitkomst`, `oordeel`, `decision`, ...: `Deels openbaar`, `partial_public`,
  `Geen documenten aangetroffen`, ...), else derived from the judgements of the inventory rows:
  all `openbaar` (or already public) → openbaar; all `reeds openbaar` → reeds openbaar; nothing
  newly disclosed and something withheld → niet openbaar; disclosed and withheld together (or a
  `deels openbaar` row) → deels openbaar; an inventory read with no rows → geen documenten. No
  inventory (or no row with a readable judgement) and no stated outcome: unknown (None), never
  a guess.
- Law: the words `Wob` / `Woo` in the decision's title and summary; else the refusal grounds of
  the rows (Wob grounds 10.x/11.1 against Woo 5.x, the most); else the decision date (the Woo
  applies from 1 May 2022).
- Decision date: the decision letter's `vaststelling` or `ondertekening` handeling, else its
  creatiedatum, else the document's own date.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date

from normalize.dates import dutch_day
from normalize.dossier import InventoryEntry, Outcome, Period
from normalize.grounds import Law
from normalize.inventory_values import Judgement, judgement_of
from normalize.records import Document

WOO_IN_FORCE = date(2022, 5, 1)
_OUTCOME_KEYS = {
    "besluit", "beslissing", "besluittype", "uitkomst", "oordeel", "resultaat",
    "decision", "decisiontype", "outcome",
}  # fmt: skip
_NOTHING = {
    "geen documenten", "geen documenten aangetroffen", "niets aangetroffen", "geen stukken",
    "geen stukken aangetroffen", "nothing found", "no documents",
}  # fmt: skip
_DECIDED = ("vaststelling", "ondertekening")
_LAW_WORD = re.compile(r"\b(wob|woo)\b", re.IGNORECASE)


def outcome_of_text(text: str | None) -> Outcome | None:
    """The outcome a decision's metadata names (`Deels openbaar`, `partial_public`, ...)."""
    if text is None:
        return None
    key = " ".join(re.sub(r"[^a-z ]", " ", text.lower()).split())
    if key in _NOTHING:
        return Outcome.GEEN_DOCUMENTEN
    judgement = judgement_of(text)
    return Outcome(judgement.value) if judgement is not None else None


def stated_outcome(letter: Document | None) -> Outcome | None:
    """The outcome the decision letter's DiWoo extraMetadata states, if any."""
    if letter is None or letter.woo is None:
        return None
    for block in letter.woo.extra_metadata:
        for field in block.fields:
            name = re.sub(r"[^a-z]", "", field.key.rsplit(":", 1)[-1].lower())
            if name in _OUTCOME_KEYS:
                for value in field.values:
                    found = outcome_of_text(value)
                    if found is not None:
                        return found
    return None


def outcome_of_judgements(judgements: Sequence[Judgement | None]) -> Outcome | None:
    """The outcome the judgements of an inventory's rows add up to: rows without a readable
    judgement do not count (None when no row has one); no rows at all: no documents found."""
    if not judgements:
        return Outcome.GEEN_DOCUMENTEN
    seen = {j for j in judgements if j is not None}
    if not seen:
        return None
    if seen == {Judgement.REEDS_OPENBAAR}:
        return Outcome.REEDS_OPENBAAR
    withheld = bool(seen & {Judgement.NIET_OPENBAAR, Judgement.DEELS_OPENBAAR})
    disclosed = bool(seen & {Judgement.OPENBAAR, Judgement.DEELS_OPENBAAR})
    if not withheld:
        return Outcome.OPENBAAR
    if not disclosed:
        return Outcome.NIET_OPENBAAR
    return Outcome.DEELS_OPENBAAR


def decision_date(letter: Document | None) -> date | None:
    if letter is None:
        return None
    woo = letter.woo
    if woo is not None:
        for wanted in _DECIDED:
            for handeling in woo.documenthandelingen:
                label = handeling.soort_handeling.label.lower()
                if label == wanted and handeling.at_time is not None:
                    return dutch_day(handeling.at_time)
        if woo.creatiedatum is not None:
            return woo.creatiedatum
    return dutch_day(letter.date) if letter.date is not None else None


def law_of(
    texts: Iterable[str | None], entries: Sequence[InventoryEntry], decided: date | None
) -> Law | None:
    """Wob or Woo: named in the texts, else by the most grounds, else by the decision date."""
    named = {m.lower() for text in texts if text for m in _LAW_WORD.findall(text)}
    if named == {"wob"}:
        return Law.WOB
    if named == {"woo"}:
        return Law.WOO
    laws = Counter(g.law for e in entries for g in e.grounds if g.law is not None)
    if laws and laws[Law.WOB] != laws[Law.WOO]:
        return Law.WOB if laws[Law.WOB] > laws[Law.WOO] else Law.WOO
    if decided is not None:
        return Law.WOO if decided >= WOO_IN_FORCE else Law.WOB
    return None


def period_of(entries: Sequence[InventoryEntry]) -> Period | None:
    """The first and last date of the documents the inventory lists."""
    dates = sorted(dutch_day(e.date) for e in entries if e.date is not None)
    return Period(start=dates[0], end=dates[-1]) if dates else None


def case_number(entries: Sequence[InventoryEntry], letter: Document | None) -> str | None:
    """The case number most rows give, else the decision letter's first identifier, else its
    aggregatiekenmerk."""
    counted = Counter(e.case_number for e in entries if e.case_number)
    if counted:
        return sorted(counted.items(), key=lambda item: (-item[1], item[0]))[0][0]
    woo = letter.woo if letter is not None else None
    if woo is not None and woo.identifiers:
        return woo.identifiers[0]
    return woo.aggregatiekenmerk if woo is not None else None


__all__ = [
    "WOO_IN_FORCE",
    "case_number",
    "decision_date",
    "law_of",
    "outcome_of_judgements",
    "outcome_of_text",
    "period_of",
    "stated_outcome",
]
