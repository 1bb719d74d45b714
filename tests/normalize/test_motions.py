"""The motion-result and vote-choice cleaners on the wording registers really use."""

from __future__ import annotations

import pytest

from normalize.motions import normalize_motion_result, normalize_vote_choice
from normalize.records import MotionResult, VoteChoice


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Aangenomen", MotionResult.AANGENOMEN),
        ("aangenomen", MotionResult.AANGENOMEN),
        ("aangenomen met algemene stemmen", MotionResult.AANGENOMEN),
        ("Met algemene stemmen aangenomen", MotionResult.AANGENOMEN),
        ("unaniem aangenomen", MotionResult.AANGENOMEN),
        ("Aangenomen (15-12)", MotionResult.AANGENOMEN),
        ("Geamendeerd aangenomen", MotionResult.AANGENOMEN),
        ("  AANGENOMEN\n", MotionResult.AANGENOMEN),
        ("Aanvaard", MotionResult.AANGENOMEN),
        ("Aangenomen; eerder aangehouden", MotionResult.AANGENOMEN),
        ("Verworpen", MotionResult.VERWORPEN),
        ("verworpen met 12 tegen 15 stemmen", MotionResult.VERWORPEN),
        ("unaniem verworpen", MotionResult.VERWORPEN),
        ("Niet aangenomen", MotionResult.VERWORPEN),
        ("niet-aangenomen", MotionResult.VERWORPEN),
        ("Afgewezen", MotionResult.VERWORPEN),
        ("Verworpen bij staking van stemmen", MotionResult.VERWORPEN),
        ("Ingetrokken", MotionResult.INGETROKKEN),
        ("Ingetrokken door indiener", MotionResult.INGETROKKEN),
        ("ingetrokken na toezegging wethouder", MotionResult.INGETROKKEN),
        ("Aangehouden", MotionResult.AANGEHOUDEN),
        ("aangehouden tot de volgende vergadering", MotionResult.AANGEHOUDEN),
        ("Niet in stemming gebracht", MotionResult.OVERIG),
        ("Vervallen", MotionResult.OVERIG),
        ("Afgedaan", MotionResult.OVERIG),
        ("<p>Aangenomen</p>", MotionResult.AANGENOMEN),
        # iBabs status texts (recorded and reported)
        ("Motie verworpen", MotionResult.VERWORPEN),
        ("Motie aangenomen", MotionResult.AANGENOMEN),
        ("Motie ingetrokken", MotionResult.INGETROKKEN),
        ("Amendement aangehouden", MotionResult.AANGEHOUDEN),
        ("ingetrokken, niet aangenomen", MotionResult.INGETROKKEN),
        ("gelijke stemming - wordt opnieuw in stemming gebracht", MotionResult.OVERIG),
        # NotuBiz Fryslân, NotuBiz votings and GO codes
        ("Oannommen", MotionResult.AANGENOMEN),
        ("Fersmiten", MotionResult.VERWORPEN),
        ("Ynlutsen", MotionResult.INGETROKKEN),
        ("adopted", MotionResult.AANGENOMEN),
        ("accepted", MotionResult.AANGENOMEN),
        ("rejected", MotionResult.VERWORPEN),
        ("withdrawn", MotionResult.INGETROKKEN),
        ("equal", MotionResult.OVERIG),
        ("", MotionResult.OVERIG),
    ],
)
def test_motion_results_are_normalised(raw: str, expected: MotionResult) -> None:
    assert normalize_motion_result(raw) is expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (True, VoteChoice.VOOR),
        (False, VoteChoice.TEGEN),
        ("true", VoteChoice.VOOR),
        ("false", VoteChoice.TEGEN),
        ("Voor", VoteChoice.VOOR),
        ("tegen", VoteChoice.TEGEN),
        ("Onthouden", VoteChoice.ONTHOUDEN),
        ("afwezig", VoteChoice.AFWEZIG),
        ("niet gestemd", VoteChoice.AFWEZIG),
        ("in_favor", VoteChoice.VOOR),
        ("against", VoteChoice.TEGEN),
        ("absent", VoteChoice.AFWEZIG),
        (None, None),
        ("misschien", None),
    ],
)
def test_vote_choices_are_normalised(raw: object, expected: VoteChoice | None) -> None:
    assert normalize_vote_choice(raw) is expected
