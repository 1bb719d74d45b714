"""The votes on a motion, counted per party (fractie), and the submitters with their party, for
the motion page.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from normalize.records import Motion, Person, Vote, VoteChoice
from search_api.services import Services

NO_PARTY = "Zonder fractie"


@dataclass
class PartyTally:
    """How the members of one party voted: counts per choice (onthouden and afwezig together
    as `other`)."""

    party: str
    voor: int = 0
    tegen: int = 0
    other: int = 0

    @property
    def total(self) -> int:
        return self.voor + self.tegen + self.other

    def share(self, count: int) -> float:
        """`count` as a percentage of the party's votes (the bar's widths)."""
        return 100.0 * count / self.total if self.total else 0.0


@dataclass(frozen=True)
class Submitter:
    name: str
    party: str | None
    first: bool  # the submitter; the others are co-submitters


def tally_by_party(votes: Iterable[Vote]) -> list[PartyTally]:
    """Counts per party, parties by name (members without a party last)."""
    tallies: dict[str, PartyTally] = {}
    for vote in votes:
        party = (vote.party or "").strip() or NO_PARTY
        tally = tallies.setdefault(party, PartyTally(party))
        if vote.choice is VoteChoice.VOOR:
            tally.voor += 1
        elif vote.choice is VoteChoice.TEGEN:
            tally.tegen += 1
        else:
            tally.other += 1
    return sorted(tallies.values(), key=lambda t: (t.party == NO_PARTY, t.party.casefold()))


def submitters_of(svc: Services, motion: Motion, votes: list[Vote]) -> list[Submitter]:
    """The motion's submitters in order, each with the party its vote or the source's person
    record names; with a single submitting party and no other source, that party."""
    parties: dict[str, str] = {v.voter_name.casefold(): v.party for v in votes if v.party}
    if len(parties) < len(motion.submitters):
        parties = _person_parties(svc, motion.source_key) | parties
    lone = motion.parties[0] if len(motion.parties) == 1 else None
    return [
        Submitter(name=name, party=parties.get(name.casefold()) or lone, first=index == 0)
        for index, name in enumerate(motion.submitters)
    ]


def _person_parties(svc: Services, source_key: str) -> dict[str, str]:
    return {
        record.name.casefold(): record.party
        for record in svc.store.iter_records("person", source_key)
        if isinstance(record, Person) and record.party
    }
