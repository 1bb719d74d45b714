"""The 17 collections of ORI API 2.0.0-beta.4 over a `Corpus`, each a list of `Entry` in id
order (the order the API pages in), and a resource by id.

Collections our model has nothing for (`dagelijksebesturen`, `dagelijksbestuurlidmaatschappen`,
`mediabronnen`, `spreekfragmenten`) are empty. Every reference a resource holds points at a
resource of these collections (the builders only refer to what is served).
"""

from __future__ import annotations

from collections.abc import Callable

from vindplaats.ori.ori2_corpus import Corpus, Entry, Links, compact, uuid_of
from vindplaats.ori.ori2_documents import indiener, indiener_keys, informatieobject
from vindplaats.ori.ori2_meetings import agendapunt, organisatorische_eenheid, vergadering
from vindplaats.ori.ori2_people import People, functie_of, name_parts, place_of
from vindplaats.ori.ori2_votes import (
    VotePlan,
    aanwezige_deelnemer,
    besluit,
    stem,
    stemming,
    stemresultaat,
    stemresultaat_keys,
)

COLLECTIONS = (
    "aanwezigedeelnemers",
    "agendapunten",
    "besluiten",
    "dagelijksbestuurlidmaatschappen",
    "dagelijksebesturen",
    "fractielidmaatschappen",
    "fracties",
    "indieners",
    "informatieobjecten",
    "mediabronnen",
    "natuurlijkpersonen",
    "organisatorische_eenheden",
    "spreekfragmenten",
    "stemmen",
    "stemmingen",
    "stemresultatenperfractie",
    "vergaderingen",
)
EMPTY = frozenset(
    {"dagelijksebesturen", "dagelijksbestuurlidmaatschappen", "mediabronnen", "spreekfragmenten"}
)


class Catalogue:
    """The collections of one corpus, each built when first asked."""

    def __init__(self, corpus: Corpus, links: Links) -> None:
        self.corpus = corpus
        self.links = links
        self.people = People(corpus)
        self.plan = VotePlan.of(corpus, self.people)
        self.indieners = indiener_keys(corpus, self.people)
        self._built: dict[str, list[Entry]] = {}
        self._by_id: dict[str, dict[str, Entry]] = {}

    def collection(self, name: str) -> list[Entry]:
        """The collection's resources in id order; KeyError for an unknown collection."""
        if name not in self._built:
            builder = self._builders()[name]
            entries = sorted(builder(), key=lambda e: e.id)
            self._built[name] = entries
            self._by_id[name] = {e.id: e for e in entries}
        return self._built[name]

    def get(self, name: str, uuid: str) -> Entry | None:
        self.collection(name)
        return self._by_id[name].get(uuid)

    def _builders(self) -> dict[str, Callable[[], list[Entry]]]:
        c, links, plan = self.corpus, self.links, self.plan
        stemmingen = plan.stemmingen_of_item()
        items = [i for i in c.agenda_items if c.served_item(i)]
        builders: dict[str, Callable[[], list[Entry]]] = {name: list for name in EMPTY}
        builders.update(
            {
                "vergaderingen": lambda: [vergadering(c, links, m) for m in c.meetings.values()],
                "agendapunten": lambda: [
                    agendapunt(c, links, c.agenda_items[i], stemmingen.get(i, [])) for i in items
                ],
                "organisatorische_eenheden": lambda: [
                    organisatorische_eenheid(c, links, k) for k in c.committees
                ],
                "informatieobjecten": self._informatieobjecten,
                "indieners": lambda: [
                    indiener(c, links, self.people, k, of) for k, of in self.indieners.items()
                ],
                "besluiten": lambda: [besluit(c, links, plan, m) for m in c.motions],
                "stemmingen": lambda: [stemming(c, links, plan, m) for m in plan.item_of],
                "stemmen": lambda: [stem(c, links, plan, v) for v in plan.voter_of],
                "aanwezigedeelnemers": lambda: [
                    aanwezige_deelnemer(c, links, plan, k) for k in plan.attendees
                ],
                "stemresultatenperfractie": lambda: [
                    stemresultaat(c, links, plan, k, of)
                    for k, of in stemresultaat_keys(plan).items()
                ],
                "natuurlijkpersonen": self._natuurlijkpersonen,
                "fracties": self._fracties,
                "fractielidmaatschappen": self._lidmaatschappen,
            }
        )
        return builders

    def _informatieobjecten(self) -> list[Entry]:
        submitted: dict[str, list[str]] = {}
        for _, doc_id, person in self.indieners.values():
            submitted.setdefault(doc_id, []).append(person)
        return [
            informatieobject(self.corpus, self.links, d, submitted.get(d, []))
            for d in self.corpus.documents
        ]

    def _natuurlijkpersonen(self) -> list[Entry]:
        by_person: dict[str, list[str]] = {}
        for indiener_key, (_, _, submitter) in self.indieners.items():
            by_person.setdefault(submitter, []).append(indiener_key)
        entries = []
        for key, person in self.people.persons.items():
            submitted = by_person.get(key, [])
            documents = sorted({self.indieners[k][1] for k in submitted})
            body = {
                "url": self.links.href("natuurlijkpersonen", key),
                "id": uuid_of(key),
                "naamNatuurlijkPersoon": name_parts(person.name),
                "functie": functie_of(person.function),
                "indieners": [self.links.href("indieners", k) for k in submitted],
                "informatieobjecten": [self.links.ref("informatieobjecten", d) for d in documents],
            }
            changed = self.corpus.changed_at(*sorted(person.record_ids))
            entries.append(Entry(key, compact(body), changed))
        return entries

    def _fracties(self) -> list[Entry]:
        entries = []
        for key, fractie in self.people.fracties.items():
            body = {
                "url": self.links.href("fracties", key),
                "id": uuid_of(key),
                "fractienaam": fractie.name[:100],
                **place_of(self.corpus, fractie.source_key),
            }
            changed = self.corpus.changed_at(*sorted(fractie.record_ids))
            entries.append(Entry(key, compact(body), changed))
        return entries

    def _lidmaatschappen(self) -> list[Entry]:
        entries = []
        for (person, fractie), records in self.people.memberships.items():
            key = f"ori-lid:{person}:{fractie}"
            body = {
                "url": self.links.href("fractielidmaatschappen", key),
                "id": uuid_of(key),
                "fractie": self.links.ref("fracties", fractie),
                "natuurlijkPersoon": self.links.ref("natuurlijkpersonen", person),
                "indicatieVoorzitter": False,
            }
            entries.append(Entry(key, body, self.corpus.changed_at(*sorted(records))))
        return entries
