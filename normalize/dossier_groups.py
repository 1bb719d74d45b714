"""Which harvested Woo documents form one Woo-besluit dossier, and the role of each.

Documents are grouped by their DiWoo relations: a document's `isPartOf` (a Woo-besluit's
documents point to the decision letter), a main document's `hasParts` (its attachments), and a
shared `aggregatiekenmerk`. A relation's `resource` (or, without one, its label) names a
document by its URL (compared as `dossier_join.url_key`), one of its identifiers (kenmerken),
its native id or its record id; one naming no harvested document is kept as unresolved (the
dossier lists it as a problem).

Documents pointing with `isPartOf` to the same resource are one group also when that resource
is no harvested document (a decision letter withdrawn or not published in the sitemaps): the
group's `missing_letter`.

A group is a Woo-besluit dossier when it holds an inventory list, or when one of its documents
is in the information category `Woo-verzoeken en -besluiten` (3.3.2i) or has the document type
`beslissing op Wob-/Woo-verzoek` or `Wob-/Woo-verzoek` and the group has several documents (or
a missing letter), or its one document is such a decision (typed so, or titled `Besluit ...`).
Roles:

- inventory list: the document type, title, file name or URL names an `inventaris(lijst)` or a
  `productierapport` (and it is not the decision itself);
- decision letter: of the other documents, the one most pointed to by `isPartOf`, then one
  listing `hasParts`, then one typed as a decision (`beslissing op Wob-/Woo-verzoek`,
  `besluit`) or titled `Besluit ...`; ties go to the smallest id, so the choice is stable.
  None when the resource most pointed to by `isPartOf` is not harvested (`missing_letter`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from normalize.dossier_join import url_key
from normalize.records import Document
from normalize.woo_categories import WooCategory
from normalize.woo_metadata import DocumentRef

_DECISION_TYPES = {"beslissing op wob-/woo-verzoek"}
_WOO_TYPES = {"beslissing op wob-/woo-verzoek", "wob-/woo-verzoek"}
_INVENTORY_WORDS = ("inventaris", "productierapport")


@dataclass(frozen=True)
class Unresolved:
    document_id: str
    relation: str  # isPartOf, hasParts
    resource: str


@dataclass
class Group:
    documents: list[Document]  # sorted by id
    unresolved: list[Unresolved] = field(default_factory=list)
    part_of_targets: Counter[str] = field(default_factory=Counter)  # doc id → isPartOf count
    missing_targets: Counter[str] = field(default_factory=Counter)  # unharvested isPartOf

    @property
    def missing_letter(self) -> str | None:
        """The resource most documents point to with `isPartOf` when it is no harvested
        document (and no harvested one is pointed to as often): the decision letter, missing."""
        if not self.missing_targets:
            return None
        resource, count = sorted(self.missing_targets.items(), key=lambda i: (-i[1], i[0]))[0]
        return resource if count > max(self.part_of_targets.values(), default=0) else None

    def inventories(self) -> list[Document]:
        return [d for d in self.documents if d.id in self._inventory_ids]

    @cached_property
    def _inventory_ids(self) -> frozenset[str]:
        return frozenset(d.id for d in self.documents if is_inventory(d))

    def decision_letter(self) -> Document | None:
        return self._letter

    @cached_property
    def _letter(self) -> Document | None:
        others = [d for d in self.documents if d.id not in self._inventory_ids]
        if not others or self.missing_letter is not None:
            return None

        def rank(doc: Document) -> tuple[int, int, int, int]:
            woo = doc.woo
            typed = woo is not None and any(
                t.label.lower() in _DECISION_TYPES or t.label.lower() == "besluit"
                for t in woo.documentsoorten
            )
            titled = doc.title.lower().startswith("besluit")
            has_parts = woo is not None and bool(woo.has_parts)
            return (-self.part_of_targets[doc.id], -int(has_parts), -int(typed), -int(titled))

        return min(others, key=lambda d: (rank(d), d.id))

    def is_woo_besluit(self) -> bool:
        """An inventory list, or a Woo request's documents: several, or one decision."""
        if self.inventories():
            return True
        if not any(_woo_typed(d) for d in self.documents):
            return False
        return (
            len(self.documents) > 1
            or self.missing_letter is not None
            or (_decision_like(self.documents[0]))
        )


def _decision_like(doc: Document) -> bool:
    woo = doc.woo
    typed = woo is not None and any(t.label.lower() in _WOO_TYPES for t in woo.documentsoorten)
    return typed or doc.title.lower().startswith("besluit")


def is_inventory(doc: Document) -> bool:
    woo = doc.woo
    if woo is not None and any(t.label.lower() in _DECISION_TYPES for t in woo.documentsoorten):
        return False
    texts = [doc.title, doc.file_name or "", doc.original_url.rsplit("/", 1)[-1]]
    if woo is not None:
        texts += [t.label for t in woo.documentsoorten] + [woo.officiele_titel or ""]
    return any(word in text.lower() for text in texts for word in _INVENTORY_WORDS)


def _woo_typed(doc: Document) -> bool:
    if doc.woo_category == WooCategory.WOO_VERZOEKEN:
        return True
    woo = doc.woo
    if woo is None:
        return False
    if WooCategory.WOO_VERZOEKEN in woo.woo_categories():
        return True
    return any(t.label.lower() in _WOO_TYPES for t in woo.documentsoorten)


class _Resolver:
    def __init__(self, documents: Sequence[Document]) -> None:
        self.by_name: dict[str, str] = {}
        for doc in documents:
            names = [doc.id, doc.native_id, url_key(doc.original_url), url_key(doc.native_id)]
            names += doc.woo.identifiers if doc.woo is not None else []
            for name in names:
                if name:
                    self.by_name.setdefault(name, doc.id)

    def find(self, ref: DocumentRef) -> str | None:
        for name in (ref.resource, ref.label):
            if not name:
                continue
            found = self.by_name.get(name.strip()) or self.by_name.get(url_key(name) or "")
            if found is not None:
                return found
        return None


def group_documents(documents: Iterable[Document]) -> list[Group]:
    """The Woo documents grouped by their relations (every group, dossier or not), each group's
    documents by id, the groups by their first document's id."""
    docs = sorted((d for d in documents if d.woo is not None), key=lambda d: d.id)
    parent = {d.id: d.id for d in docs}

    def root(doc_id: str) -> str:
        while parent[doc_id] != doc_id:
            parent[doc_id] = parent[parent[doc_id]]
            doc_id = parent[doc_id]
        return doc_id

    def join(a: str, b: str) -> None:
        first, second = sorted((root(a), root(b)))
        parent[second] = first

    resolver = _Resolver(docs)
    unresolved: list[Unresolved] = []
    targets: Counter[str] = Counter()
    missing: dict[str, tuple[str, list[str]]] = {}  # unharvested isPartOf: as written, pointers
    by_kenmerk: dict[str, str] = {}
    for doc in docs:
        woo = doc.woo
        assert woo is not None
        refs = [("isPartOf", woo.is_part_of)] if woo.is_part_of is not None else []
        refs += [("hasParts", part) for part in woo.has_parts]
        for relation, ref in refs:
            found = resolver.find(ref)
            if found is None:
                written = ref.resource or ref.label
                unresolved.append(Unresolved(doc.id, relation, written))
                if relation == "isPartOf":  # the documents of one unharvested letter: a group
                    key = url_key(written) or written.strip()
                    _, pointers = missing.setdefault(key, (written, []))
                    pointers.append(doc.id)
                    join(doc.id, pointers[0])
                continue
            join(doc.id, found)
            if relation == "isPartOf" and found != doc.id:
                targets[found] += 1
        if woo.aggregatiekenmerk:
            join(doc.id, by_kenmerk.setdefault(woo.aggregatiekenmerk.strip(), doc.id))
    members: dict[str, list[Document]] = {}
    for doc in docs:
        members.setdefault(root(doc.id), []).append(doc)
    groups = []
    for first in sorted(members):
        ids = {d.id for d in members[first]}
        groups.append(
            Group(
                members[first],
                [u for u in unresolved if u.document_id in ids],
                Counter({k: n for k, n in targets.items() if k in ids}),
                Counter({w: len(p) for w, p in missing.values() if p[0] in ids}),
            )
        )
    return groups


def woo_besluit_groups(documents: Iterable[Document]) -> list[Group]:
    """The groups that are Woo-besluit dossiers."""
    return [g for g in group_documents(documents) if g.is_woo_besluit()]


__all__ = ["Group", "Unresolved", "group_documents", "is_inventory", "woo_besluit_groups"]
