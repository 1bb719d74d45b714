"""The facts of a dossier: its outcome stated or derived from the judgements, Wob or Woo, the
decision date, the period and the case number."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from normalize.dossier import DossierGround, InventoryEntry, Outcome
from normalize.dossier_facts import (
    case_number,
    decision_date,
    law_of,
    outcome_of_judgements,
    outcome_of_text,
    period_of,
    stated_outcome,
)
from normalize.grounds import Law
from normalize.inventory_values import Judgement
from tests.normalize import dossier_samples as S

J = Judgement


@pytest.mark.parametrize(
    ("written", "outcome"),
    [
        ("Deels openbaar", Outcome.DEELS_OPENBAAR),
        ("partial_public", Outcome.DEELS_OPENBAAR),
        ("Gedeeltelijke openbaarmaking", Outcome.DEELS_OPENBAAR),
        ("Openbaar", Outcome.OPENBAAR),
        ("not_public", Outcome.NIET_OPENBAAR),
        ("Reeds openbaar", Outcome.REEDS_OPENBAAR),
        ("Geen documenten aangetroffen", Outcome.GEEN_DOCUMENTEN),
        ("nothing_found", Outcome.GEEN_DOCUMENTEN),
        ("in behandeling", None),
        (None, None),
    ],
)
def test_outcomes_as_decisions_write_them(written: str | None, outcome: Outcome | None) -> None:
    assert outcome_of_text(written) == outcome


@pytest.mark.parametrize(
    ("judgements", "outcome"),
    [
        ([J.OPENBAAR, J.OPENBAAR], Outcome.OPENBAAR),
        ([J.OPENBAAR, J.REEDS_OPENBAAR], Outcome.OPENBAAR),
        ([J.REEDS_OPENBAAR], Outcome.REEDS_OPENBAAR),
        ([J.NIET_OPENBAAR, J.REEDS_OPENBAAR], Outcome.NIET_OPENBAAR),
        ([J.OPENBAAR, J.NIET_OPENBAAR], Outcome.DEELS_OPENBAAR),
        ([J.DEELS_OPENBAAR], Outcome.DEELS_OPENBAAR),
        ([J.OPENBAAR, None], Outcome.OPENBAAR),  # a row without a readable judgement: not counted
        ([None, None], None),  # nothing to go by
        ([], Outcome.GEEN_DOCUMENTEN),  # a list read without a single row
    ],
)
def test_the_outcome_the_judgements_add_up_to(
    judgements: list[Judgement | None], outcome: Outcome | None
) -> None:
    assert outcome_of_judgements(judgements) == outcome


def test_a_stated_outcome_is_read_from_any_outcome_field_of_extra_metadata() -> None:
    extra = [{"prefix": "woo", "fields": [{"key": "woo:Uitkomst", "values": ["reeds openbaar"]}]}]
    assert stated_outcome(S.letter(extra_metadata=extra)) == Outcome.REEDS_OPENBAAR
    other = [{"fields": [{"key": "zaaktype", "values": ["openbaar"]}]}]
    assert stated_outcome(S.letter(extra_metadata=other)) is None
    assert stated_outcome(None) is None


def entry(
    grounds: list[tuple[str, Law]], when: datetime | None = None, case: str | None = None
) -> InventoryEntry:
    return InventoryEntry(
        number="1", line=2, inventory_document_id="document:diwoo:vws:i", date=when,
        case_number=case,
        grounds=[DossierGround(written=code, code=code, law=law) for code, law in grounds],
    )  # fmt: skip


def test_wob_or_woo_by_the_words_then_the_grounds_then_the_date() -> None:
    wob_grounds = [entry([("10.2e", Law.WOB)]), entry([("10.2g", Law.WOB), ("5.1.2e", Law.WOO)])]
    assert law_of(["Besluit op uw Wob-verzoek"], [], date(2023, 1, 1)) == Law.WOB
    assert law_of(["Besluit Woo-verzoek"], wob_grounds, None) == Law.WOO
    assert law_of(["Besluit"], wob_grounds, date(2023, 1, 1)) == Law.WOB
    assert law_of(["Wob en Woo"], [], date(2022, 5, 1)) == Law.WOO  # both named: the date
    assert law_of([None], [], date(2022, 4, 30)) == Law.WOB
    assert law_of([], [], None) is None


def test_the_decision_date_is_the_vaststelling_then_creatiedatum_then_the_date() -> None:
    assert decision_date(S.letter()) == date(2025, 11, 3)
    undated = S.document(
        f"{S.SITE}/b.pdf", "Besluit", S.woo(documenthandelingen=[], creatiedatum=date(2024, 2, 1))
    )
    assert decision_date(undated) == date(2024, 2, 1)
    bare = S.document(f"{S.SITE}/c.pdf", "Besluit", S.woo(documenthandelingen=[]),
                      date=datetime(2023, 6, 7, 10, tzinfo=UTC))  # fmt: skip
    assert decision_date(bare) == date(2023, 6, 7)


def test_period_and_case_number() -> None:
    rows = [
        entry([], datetime(2021, 3, 2, tzinfo=UTC), "Z/21/9"),
        entry([], datetime(2020, 12, 31, tzinfo=UTC), "Z/21/9"),
        entry([], None, "Z/21/8"),
    ]
    period = period_of(rows)
    assert period is not None and (period.start, period.end) == (
        date(2020, 12, 31),
        date(2021, 3, 2),
    )
    assert period_of([entry([])]) is None
    assert case_number(rows, S.letter()) == "Z/21/9"  # the one most rows give
    assert case_number([], S.letter()) == S.CASE  # else the letter's identifier
