"""Cleaners for motions and votes: the Dutch wording registers use, mapped onto closed enums.

Registers write outcomes freely ("Aangenomen", "unaniem aangenomen", "aangenomen met algemene
stemmen", "Verworpen (12-15)", "niet aangenomen", "Ingetrokken door indiener", ...). The first
outcome word in the text decides (so "Aangenomen; eerder aangehouden" is aangenomen); a negated
adoption ("niet aangenomen") is a rejection; text with no outcome word at all is `overig`.
Besides Dutch: Frisian (Fryslân: "Oannommen", "Fersmiten", "Ynlutsen") and the English codes of
NotuBiz votings and GO (`adopted`/`accepted`, `rejected`, `withdrawn`); a tie ("gelijke
stemming", NotuBiz `equal`) names no outcome. Vote choices also read NotuBiz's `in_favor`,
`against` and `absent`.
"""

from __future__ import annotations

import re

from normalize.cleaners import clean_text
from normalize.records import MotionResult, VoteChoice

_OUTCOMES: tuple[tuple[str, MotionResult], ...] = (
    (r"niet[\s-]+(?:aangenomen|aanvaard)", MotionResult.VERWORPEN),
    (r"ingetrokken|teruggetrokken|ynlutsen|\bwithdrawn\b", MotionResult.INGETROKKEN),
    (r"aangehouden|aanhouden", MotionResult.AANGEHOUDEN),
    (r"verworpen|afgewezen|niet[\s-]+overgenomen|fersmiten|\brejected\b", MotionResult.VERWORPEN),
    (r"aangenomen|aanvaard|oannommen|\b(?:adopted|accepted)\b", MotionResult.AANGENOMEN),
)
_OUTCOME = re.compile(
    "|".join(f"(?P<o{i}>{pattern})" for i, (pattern, _) in enumerate(_OUTCOMES)), re.IGNORECASE
)

_CHOICES: dict[str, VoteChoice] = {
    "voor": VoteChoice.VOOR,
    "ja": VoteChoice.VOOR,
    "true": VoteChoice.VOOR,
    "1": VoteChoice.VOOR,
    "tegen": VoteChoice.TEGEN,
    "nee": VoteChoice.TEGEN,
    "false": VoteChoice.TEGEN,
    "0": VoteChoice.TEGEN,
    "onthouden": VoteChoice.ONTHOUDEN,
    "onthouding": VoteChoice.ONTHOUDEN,
    "blanco": VoteChoice.ONTHOUDEN,
    "afwezig": VoteChoice.AFWEZIG,
    "niet gestemd": VoteChoice.AFWEZIG,
    "niet aanwezig": VoteChoice.AFWEZIG,
    "in_favor": VoteChoice.VOOR,  # NotuBiz votings
    "against": VoteChoice.TEGEN,
    "absent": VoteChoice.AFWEZIG,
}


def normalize_motion_result(raw: str) -> MotionResult:
    """The outcome a register states, as a `MotionResult` (`overig` when none is recognised)."""
    text = clean_text(raw) or ""
    match = _OUTCOME.search(text)
    if match is None or match.lastgroup is None:
        return MotionResult.OVERIG
    return _OUTCOMES[int(match.lastgroup[1:])][1]


def normalize_vote_choice(raw: object) -> VoteChoice | None:
    """A vote as `VoteChoice`: booleans (True → voor, False → tegen) and the Dutch words;
    None for anything unrecognised."""
    if isinstance(raw, bool):
        return VoteChoice.VOOR if raw else VoteChoice.TEGEN
    text = (clean_text(raw) or "").lower()
    return _CHOICES.get(text)


__all__ = ["normalize_motion_result", "normalize_vote_choice"]
