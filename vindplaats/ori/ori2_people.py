"""People, fracties and places in ORI 2.0's shape, from our records.

Our model knows a person as a `Person` record when the supplier publishes its members, and
otherwise only by name: a voter (`Vote.voter_name`), a motion's submitter (`Motion.submitters`).
ORI 2.0 refers to a `natuurlijkpersoon` from a vote (through its `aanwezigedeelnemer`) and
from an `indiener`, so every name that is not a `Person` of the same source becomes a person of
its own, known by the key `ori-persoon:<source>:<name in lower case>` (its UUID is
`ori_uuid(key)`, like every id). Parties are names too (`Person.party`, `Vote.party`,
`Motion.parties`): each party of a source is one `fractie` (`ori-fractie:<source>:<name>`), and
each person seen in a party one `fractielidmaatschap`.

The place of a record (`place_of`) comes from its source: a municipality's CBS code (`GM0363`)
is ORI's four-digit `gemeentecode` (`0363`, the schema allows four characters), a province its
`provincie` value (ORI spells Overijssel `overijsel`), a water board its four-digit code. A code
that names no organisation of the TOOI lists is left out rather than served wrong.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from normalize.record_enums import OrganizationType
from normalize.tooi import list_values
from vindplaats.ori.ori2_corpus import Corpus
from vindplaats.sources import Source

PARTICLES = {"van", "de", "der", "den", "het", "ter", "ten", "te", "in", "op", "'t", "von", "du"}
_INITIALS = re.compile(r"^(?:[A-Z][a-z]?\.)+$")
_CODE = re.compile(r"^(?:GM|WS|PV)?(\d{4})$", re.IGNORECASE)
_FUNCTIONS = (
    ("burgemeester", "burgemeester"),
    ("wethouder", "wethouder"),
    ("gedeputeerde", "gedeputeerde"),
    ("commissaris", "commissaris_van_de_koning"),
    ("dijkgraaf", "dijkgraaf"),
    ("statenlid", "statenlid"),
    ("burgerlid", "burgerlid"),
    ("commissielid", "burgerlid"),
    ("raadslid", "raadslid"),
    ("griffier", "griffier"),
    ("secretaris", "gemeentesecretaris"),
)
_PROVINCES = {
    "drenthe": "drenthe",
    "groningen": "groningen",
    "overijssel": "overijsel",
    "overijsel": "overijsel",
    "flevoland": "flevoland",
    "friesland": "friesland",
    "fryslan": "friesland",
    "fryslân": "friesland",
    "gelderland": "gelderland",
    "utrecht": "utrecht",
    "noord_holland": "noord_holland",
    "zuid_holland": "zuid_holland",
    "zeeland": "zeeland",
    "noord_brabant": "noord_brabant",
    "limburg": "limburg",
}


def name_parts(full: str) -> dict[str, str]:
    """`NaamNatuurlijkPersoon` of a written name: "A.B. van der Berg" → voorletters "A.B.",
    tussenvoegsel "van der", achternaam "Berg"; the whole name is `volledigeNaam`."""
    tokens = full.split()
    start = 0
    while start < len(tokens) - 1 and _INITIALS.match(tokens[start]):
        start += 1
    rest = tokens[start:]
    at = next((i for i, t in enumerate(rest[:-1]) if t.lower() in PARTICLES), None)
    if at is None:
        given, particles, last = rest[:-1], [], rest[-1:]
    else:
        end = at
        while end < len(rest) - 1 and rest[end].lower() in PARTICLES:
            end += 1
        given, particles, last = rest[:at], rest[at:end], rest[end:]
    parts = {
        "achternaam": (" ".join(last) or full.strip() or "onbekend")[:200],
        "tussenvoegsel": " ".join(particles)[:20],
        "voorletters": " ".join(tokens[:start])[:20],
        "voornamen": " ".join(given)[:200],
        "volledigeNaam": full.strip()[:300],
    }
    return {key: value for key, value in parts.items() if value}


def functie_of(function: str | None) -> str | None:
    text = (function or "").lower()
    return next((value for word, value in _FUNCTIONS if word in text), None)


@cache
def _tooi_codes() -> frozenset[str]:
    """`gm0363`, `ws0155`, ...: the codes of the TOOI gemeenten and waterschappen lists."""
    return frozenset(
        value.uri.rsplit("/", 1)[-1].lower()
        for name in ("gemeenten", "waterschappen")
        for value in list_values(name)
    )


def _code(source: Source, prefix: str) -> str | None:
    """The four digits of the source's CBS code when they name a TOOI organisation."""
    found = _CODE.match((source.cbs_code or "").strip())
    if found is None or f"{prefix}{found.group(1)}" not in _tooi_codes():
        return None
    return found.group(1)


def place_of(corpus: Corpus, source_key: str) -> dict[str, Any]:
    """`{"gemeente": ...}`, `{"provincie": ...}`, `{"waterschap": ...}` or `{}`."""
    source = corpus.sources.get(source_key)
    if source is None:
        return {}
    kind = source.organisation_type
    if kind == OrganizationType.MUNICIPALITY and (code := _code(source, "gm")):
        return {"gemeente": {"gemeentecode": code, "gemeentenaam": source.name}}
    if kind == OrganizationType.WATER_BOARD and (code := _code(source, "ws")):
        return {"waterschap": {"waterschapcode": code, "waterschapnaam": source.name}}
    if kind == OrganizationType.PROVINCE:
        name = re.sub(r"^provincie\s+", "", source.name.strip().lower())
        value = _PROVINCES.get(re.sub(r"[\s-]+", "_", name))
        return {"provincie": value} if value else {}
    return {}


def _folded(name: str) -> str:
    return " ".join(name.split()).casefold()


@dataclass
class PersonEntry:
    key: str
    name: str
    source_key: str
    record_ids: set[str] = field(default_factory=set)  # the records it was seen in
    function: str | None = None


@dataclass
class FractieEntry:
    key: str
    name: str
    source_key: str
    record_ids: set[str] = field(default_factory=set)


class People:
    """Every person and fractie of the corpus, and who was seen in which party."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.persons: dict[str, PersonEntry] = {}
        self.fracties: dict[str, FractieEntry] = {}
        self.memberships: dict[tuple[str, str], set[str]] = {}  # (person, fractie) → records
        self._by_name: dict[tuple[str, str], str] = {}
        for person in sorted(corpus.persons.values(), key=lambda p: p.id):
            entry = PersonEntry(person.id, person.name, person.source_key, {person.id})
            entry.function = person.function
            self.persons[person.id] = entry
            self._by_name.setdefault((person.source_key, _folded(person.name)), person.id)
            if person.party:
                self._member(person.id, person.source_key, person.party, person.id)
        for vote in sorted(corpus.votes.values(), key=lambda v: v.id):
            key = self.voter(vote.id)
            if vote.party and key is not None:
                self._member(key, vote.source_key, vote.party, vote.id)
        for motion in sorted(corpus.motions.values(), key=lambda m: m.id):
            for name in motion.submitters:
                self.person_key(motion.source_key, name, motion.id)
            for party in motion.parties:
                self.fractie_key(motion.source_key, party, motion.id)

    def person_key(
        self, source_key: str, name: str, record_id: str, person_id: str | None = None
    ) -> str | None:
        """The key of the person: its `Person` record, one of the same name in the source, or
        one made from the name (None for an empty name)."""
        if person_id is not None and person_id in self.persons:
            self.persons[person_id].record_ids.add(record_id)
            return person_id
        folded = _folded(name)
        if not folded:
            return None
        key = self._by_name.get((source_key, folded))
        if key is None:
            key = f"ori-persoon:{source_key}:{folded}"
            self._by_name[(source_key, folded)] = key
            self.persons[key] = PersonEntry(key, " ".join(name.split()), source_key)
        self.persons[key].record_ids.add(record_id)
        return key

    def voter(self, vote_id: str) -> str | None:
        vote = self.corpus.votes[vote_id]
        return self.person_key(vote.source_key, vote.voter_name, vote.id, vote.voter_person_id)

    def fractie_key(self, source_key: str, party: str, record_id: str) -> str | None:
        folded = _folded(party)
        if not folded:
            return None
        key = f"ori-fractie:{source_key}:{folded}"
        entry = self.fracties.setdefault(
            key, FractieEntry(key, " ".join(party.split()), source_key)
        )
        entry.record_ids.add(record_id)
        return key

    def _member(self, person: str, source_key: str, party: str, record_id: str) -> None:
        fractie = self.fractie_key(source_key, party, record_id)
        if fractie is not None:
            self.memberships.setdefault((person, fractie), set()).add(record_id)
