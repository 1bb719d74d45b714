"""`OriWorld`: the ORI part of the one sample world, the publisher the demo harvests (Kreekmond,
`ori_town`) and what a complete harvest of it must find.

The ORI plug-in serves each publisher from a `Feed` it builds at its own address and hands to
this part (`serve`); `expected(key)` is computed from what that feed serves now (tests change
and delete records between harvests), or, before any plug-in serves it, from the records the
feed is built from. Record ids are UUIDs derived from the publisher and the row
(`ori_records.Records.uid`), so they do not depend on the sandbox's port. The planted-violation
publisher (`ori_planted`) is not part of the world: it exists for the conformance checker.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from vindplaats.sandbox import ori_town as town
from vindplaats.sandbox.concepts import Organisation
from vindplaats.sandbox.ori_feed import Feed
from vindplaats.sandbox.ori_records import Json, build

_ANY_API = "http://sandbox.invalid/ori"  # the ids do not depend on where the feed is served


@dataclass(frozen=True)
class OriExpected:
    """The native ids (record `id`s) a complete harvest of one ORI publisher finds."""

    source_key: str
    meeting_ids: frozenset[str]  # every vergadering, the cancelled and planned ones included
    cancelled_meeting_ids: frozenset[str]
    agenda_item_ids: frozenset[str]
    sub_item_ids: frozenset[str]  # agendapunten with a hoofdagendapunt
    document_ids: frozenset[str]  # every informatieobject
    file_document_ids: frozenset[str]  # informatieobjecten with a `link` (a PDF file)
    inline_document_ids: frozenset[str]  # text given inline (`inhoud`)
    motion_ids: frozenset[str]  # stemmingen
    vote_ids: frozenset[str]  # stemmen (hoofdelijke stemmingen only)
    person_ids: frozenset[str]
    committee_names: frozenset[str]


class OriWorld:
    """The ORI publishers of the demo: Kreekmond."""

    def __init__(self) -> None:
        self.organisations = [Organisation(town.PUBLISHER, town.GEMEENTENAAM, "ori")]
        self._served: dict[str, Feed] = {}

    @property
    def source_keys(self) -> set[str]:
        return {o.key for o in self.organisations}

    @property
    def starts(self) -> list[datetime]:
        """When every sample meeting starts (the shared calendar's window holds them)."""
        return [s.start for s in town.SITTINGS]

    def serve(self, feed: Feed) -> None:
        """The feed a plug-in serves publisher `feed.publisher` from (what `expected` reads)."""
        self._served[feed.publisher] = feed

    def expected(self, key: str) -> OriExpected:
        if key not in self.source_keys:
            raise KeyError(f"no ORI publisher {key!r}")
        feed = self._served.get(key)
        if feed is not None:
            with feed.lock:
                collections = {name: list(rows) for name, rows in feed.records.collections.items()}
        else:
            collections = build(_ANY_API, key).collections
        return _expected(key, collections)


def _expected(key: str, collections: dict[str, list[Json]]) -> OriExpected:
    def ids(name: str, keep: object = None) -> frozenset[str]:
        rows = collections[name]
        return frozenset(r["id"] for r in rows if keep is None or keep in r)

    sittings = collections["vergaderingen"]
    return OriExpected(
        source_key=key,
        meeting_ids=ids("vergaderingen"),
        cancelled_meeting_ids=frozenset(r["id"] for r in sittings if r["status"] == "geannuleerd"),
        agenda_item_ids=ids("agendapunten"),
        sub_item_ids=ids("agendapunten", "hoofdagendapunt"),
        document_ids=ids("informatieobjecten"),
        file_document_ids=ids("informatieobjecten", "link"),
        inline_document_ids=ids("informatieobjecten", "inhoud"),
        motion_ids=ids("stemmingen"),
        vote_ids=ids("stemmen"),
        person_ids=ids("natuurlijkpersonen"),
        committee_names=frozenset(r["georganiseerdDoorGremium"]["gremiumnaam"] for r in sittings),
    )
