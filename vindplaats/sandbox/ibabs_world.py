"""`IbabsWorld`: the iBabs sample sites the sandbox serves, and what a complete harvest of each
sample source must find (`expected`).

Expectations come from the ground truth (which municipality each meeting type, list and person
belongs to), not from the catalogue's patterns: a harvester that applies the include/exclude
patterns correctly finds exactly these. Ids are the native ids (GUIDs) the harvester's records
carry; votes are `<entry id>.<user id>`.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import date

from vindplaats.sandbox.concepts import Document, RegisterEntry, by_key
from vindplaats.sandbox.dates import DATE_FROM, DATE_UNTIL
from vindplaats.sandbox.ibabs_build import SOURCES, UNLISTED_SITE, build_sites
from vindplaats.sandbox.ibabs_model import IbSite, IbSource


@dataclass(frozen=True)
class IbabsExpected:
    source_key: str
    site: str
    committee_ids: frozenset[str]  # the source's meeting types
    council_ids: frozenset[str]
    meeting_ids: frozenset[str]
    other_meeting_ids: frozenset[str]  # meetings of the other municipality on the site
    agenda_item_ids: frozenset[str]  # public ones
    confidential_item_ids: frozenset[str]
    person_ids: frozenset[str]
    list_names: frozenset[str]
    register_entry_ids: frozenset[str]
    motion_ids: frozenset[str]
    motion_results: dict[str, str | None]  # entry id → the raw result value (None: none)
    vote_ids: frozenset[str]
    entry_contexts: dict[str, tuple[str, str]]  # entry id → (meeting id, agenda item id)
    document_ids: frozenset[str]  # every public document reachable from the source
    confidential_document_ids: frozenset[str]  # skipped by a harvester
    locked_document_ids: frozenset[str]  # listed, but the download answers 403
    largest_list: int  # entries in the source's largest list

    @property
    def downloadable_document_ids(self) -> frozenset[str]:
        return self.document_ids - self.locked_document_ids


class IbabsWorld:
    """Sites `bergenrode` and `duinpolder` (Duinwijk + Polderveen); `geheimdorp` is not
    whitelisted. Meetings fall in the same window as the NotuBiz sample world."""

    date_from: date = DATE_FROM
    date_until: date = DATE_UNTIL
    unlisted_site: str = UNLISTED_SITE
    feed_cap: int = 20  # entries per GetListsEntriesByFilterRequest answer

    def __init__(self) -> None:
        self.sites: dict[str, IbSite] = build_sites()
        self.sources: tuple[IbSource, ...] = SOURCES
        self.lock = threading.RLock()

    @property
    def source_keys(self) -> list[str]:
        return [s.key for s in self.sources]

    def source(self, key: str) -> IbSource:
        return by_key(self.sources, key, "iBabs sample source")

    def site(self, name: str | None) -> IbSite | None:
        """The site called `name` (iBabs compares site names case-insensitively)."""
        wanted = (name or "").strip().lower()
        return next((s for k, s in self.sites.items() if k.lower() == wanted), None)

    def document(self, site: str, document_id: str) -> Document[str] | None:
        found = self.site(site)
        if found is None:
            return None
        return next(
            (d for k, d in found.documents.items() if k.lower() == document_id.lower()), None
        )

    def expected(self, key: str) -> IbabsExpected:
        with self.lock:
            return _expected(self.source(key), self.sites[self.source(key).site])


def _expected(source: IbSource, site: IbSite) -> IbabsExpected:
    key = source.key
    types = [t for t in site.types if t.source_key == key]
    own = {t.id for t in types}
    meetings = [m for m in site.meetings if m.committee_id in own]
    items = [i for m in meetings for i in m.items if not i.confidential]
    hidden_items = [i for m in meetings for i in m.items if i.confidential]
    lists = [x for x in site.lists if x.source_key in (key, None)]
    list_ids = {x.id for x in lists}
    entries = [e for e in site.entries.values() if e.register_id in list_ids]
    motion_lists = {x.id for x in lists if _motion_like(x.name, x.can_vote)}
    motions = [e for e in entries if e.register_id in motion_lists]
    listed = [d for m in meetings for d in m.documents]
    listed += [d for i in items for d in i.documents]
    listed += [d for e in entries for d in e.documents]
    docs = {d: site.documents[d] for d in listed}
    contexts = {e: (m.id, i.id) for m in meetings for i in m.items for e in i.entries}
    sizes = [sum(1 for e in entries if e.register_id == x) for x in list_ids]
    return IbabsExpected(
        source_key=key,
        site=site.name,
        committee_ids=frozenset(own),
        council_ids=frozenset(t.id for t in types if t.kind == "Gemeenteraad"),
        meeting_ids=frozenset(m.id for m in meetings),
        other_meeting_ids=frozenset(m.id for m in site.meetings if m.committee_id not in own),
        agenda_item_ids=frozenset(i.id for i in items),
        confidential_item_ids=frozenset(i.id for i in hidden_items),
        person_ids=frozenset(u.id for u in site.users if u.source_key == key),
        list_names=frozenset(x.name for x in lists),
        register_entry_ids=frozenset(e.id for e in entries),
        motion_ids=frozenset(e.id for e in motions),
        motion_results={e.id: _result(e) for e in motions},
        vote_ids=frozenset(f"{e.id}.{v.user_id}" for e in motions for v in e.votes),
        entry_contexts={e.id: contexts[e.id] for e in entries if e.id in contexts},
        document_ids=frozenset(d for d, doc in docs.items() if not doc.confidential),
        confidential_document_ids=frozenset(d for d, doc in docs.items() if doc.confidential),
        locked_document_ids=frozenset(d for d, doc in docs.items() if doc.locked),
        largest_list=max(sizes, default=0),
    )


def _motion_like(name: str, can_vote: bool) -> bool:
    lowered = name.lower()
    return can_vote or "motie" in lowered or "amendement" in lowered


def _result(entry: RegisterEntry[str]) -> str | None:
    return entry.values.get("Status") or entry.values.get("Besluit")
