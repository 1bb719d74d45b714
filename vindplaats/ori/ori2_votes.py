"""Decisions and votes in ORI 2.0's shape, from Motion and Vote.

- `besluiten`: every motion (same UUID as the motion); `besluitresultaat` is its outcome
  (`aangenomen`, `verworpen`, ...; `onbekend` when none is published).
- `stemmingen`: the vote on a motion (same UUID), served when ORI's required `agendapunt` is
  known: the motion's agenda item, else the agenda item that holds one of its documents.
- `stemmen`: each Vote of such a motion; ORI wants its `aanwezigeDeelnemer`, so
- `aanwezigedeelnemers`: each person who voted at a meeting, once per meeting.
- `stemresultatenperfractie`: per motion and party of its voters, `aangenomen` when all of the
  party's votes were for, `verworpen` when all were against, `verdeeld` otherwise.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from normalize.record_enums import MotionResult, VoteChoice
from normalize.records import Motion
from vindplaats.ori.ori2_corpus import Corpus, Entry, Links, compact, uuid_of
from vindplaats.ori.ori2_documents import motion_document
from vindplaats.ori.ori2_people import People

_SPOKEN = {MotionResult.AANGENOMEN: "voor", MotionResult.VERWORPEN: "tegen"}


def agenda_item_of(corpus: Corpus, motion: Motion) -> str | None:
    if corpus.served_item(motion.agenda_item_id):
        return motion.agenda_item_id
    for doc_id in motion.document_ids:
        items = corpus.items_of_document(doc_id)
        if items:
            return items[0]
    return None


@dataclass
class VotePlan:
    """Which motions have a stemming, and who voted where."""

    item_of: dict[str, str] = field(default_factory=dict)  # motion → agenda item
    voter_of: dict[str, str] = field(default_factory=dict)  # vote → person key
    attendee_of: dict[str, str] = field(default_factory=dict)  # vote → aanwezige key
    attendees: dict[str, tuple[str, str]] = field(default_factory=dict)  # key → meeting, person
    votes_of_attendee: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    party_votes: dict[str, dict[str, list[str]]] = field(default_factory=dict)

    @classmethod
    def of(cls, corpus: Corpus, people: People) -> VotePlan:
        plan = cls()
        for motion in sorted(corpus.motions.values(), key=lambda m: m.id):
            item = agenda_item_of(corpus, motion)
            if item is None:
                continue
            plan.item_of[motion.id] = item
            meeting = corpus.agenda_items[item].meeting_id
            by_party: dict[str, list[str]] = defaultdict(list)
            for vote_id in corpus.votes_of_motion(motion.id):
                person = people.voter(vote_id)
                if person is None:
                    continue
                attendee = f"ori-aanwezig:{meeting}:{person}"
                plan.voter_of[vote_id] = person
                plan.attendee_of[vote_id] = attendee
                plan.attendees[attendee] = (meeting, person)
                plan.votes_of_attendee[attendee].append(vote_id)
                party = corpus.votes[vote_id].party
                fractie = people.fractie_key(motion.source_key, party, vote_id) if party else None
                if fractie is not None:
                    by_party[fractie].append(vote_id)
            plan.party_votes[motion.id] = dict(by_party)
        return plan

    def stemmingen_of_item(self) -> dict[str, list[str]]:
        found: dict[str, list[str]] = defaultdict(list)
        for motion, item in self.item_of.items():
            found[item].append(motion)
        return found


def besluit(corpus: Corpus, links: Links, plan: VotePlan, motion_id: str) -> Entry:
    motion = corpus.motions[motion_id]
    result = motion.result.value if motion.result else (motion.result_raw or "onbekend")
    body = {
        "url": links.href("besluiten", motion.id),
        "id": uuid_of(motion.id),
        "besluitresultaat": result[:200],
        "besluittoelichting": motion.title[:200],
        "stemmingen": [links.href("stemmingen", motion.id)] if motion.id in plan.item_of else [],
    }
    return Entry(motion.id, compact(body), corpus.changed_at(motion.id))


def stemming(corpus: Corpus, links: Links, plan: VotePlan, motion_id: str) -> Entry:
    motion = corpus.motions[motion_id]
    votes = [v for v in corpus.votes_of_motion(motion.id) if v in plan.voter_of]
    document = motion_document(corpus, motion)
    spoken = _SPOKEN.get(motion.result) if motion.result and not votes else None
    body = {
        "url": links.href("stemmingen", motion.id),
        "id": uuid_of(motion.id),
        "agendapunt": links.ref("agendapunten", plan.item_of[motion.id]),
        "besluit": links.ref("besluiten", motion.id),
        "informatieobject": links.ref("informatieobjecten", document) if document else None,
        "stemmingstype": "hoofdelijk" if votes else "regulier",
        "resultaatMondelingeStemming": spoken,
        "stemmen": [links.href("stemmen", v) for v in votes],
    }
    return Entry(motion.id, compact(body), corpus.changed_at(motion.id, *votes))


def stem(corpus: Corpus, links: Links, plan: VotePlan, vote_id: str) -> Entry:
    vote = corpus.votes[vote_id]
    body = {
        "url": links.href("stemmen", vote.id),
        "id": uuid_of(vote.id),
        "aanwezigeDeelnemer": links.ref("aanwezigedeelnemers", plan.attendee_of[vote.id]),
        "stemming": links.ref("stemmingen", vote.motion_id),
        "keuzeStemming": VoteChoice(vote.choice).value,
    }
    return Entry(vote.id, body, corpus.changed_at(vote.id))


def aanwezige_deelnemer(corpus: Corpus, links: Links, plan: VotePlan, key: str) -> Entry:
    meeting, person = plan.attendees[key]
    votes = plan.votes_of_attendee[key]
    body = {
        "url": links.href("aanwezigedeelnemers", key),
        "id": uuid_of(key),
        "natuurlijkPersoon": links.ref("natuurlijkpersonen", person),
        "vergadering": links.ref("vergaderingen", meeting),
        "stemmen": [links.href("stemmen", v) for v in votes],
    }
    return Entry(key, body, corpus.changed_at(meeting, *votes))


def fractie_result(choices: list[VoteChoice]) -> str:
    cast = [c for c in choices if c in (VoteChoice.VOOR, VoteChoice.TEGEN)]
    if cast and all(c == VoteChoice.VOOR for c in cast):
        return "aangenomen"
    if cast and all(c == VoteChoice.TEGEN for c in cast):
        return "verworpen"
    return "verdeeld"


def stemresultaat_keys(plan: VotePlan) -> dict[str, tuple[str, str]]:
    """key → (motion id, fractie key) of every party result."""
    return {
        f"ori-fractiestem:{motion}:{fractie}": (motion, fractie)
        for motion, parties in plan.party_votes.items()
        for fractie in parties
    }


def stemresultaat(
    corpus: Corpus, links: Links, plan: VotePlan, key: str, of: tuple[str, str]
) -> Entry:
    motion, fractie = of
    votes = plan.party_votes[motion][fractie]
    body = {
        "url": links.href("stemresultatenperfractie", key),
        "id": uuid_of(key),
        "fractie": links.ref("fracties", fractie),
        "stemming": links.ref("stemmingen", motion),
        "fractiestemresultaat": fractie_result([corpus.votes[v].choice for v in votes]),
    }
    return Entry(key, body, corpus.changed_at(motion, *votes))
