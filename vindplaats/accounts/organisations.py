"""Which sources belong to which organisation, and organisations made from sources.

An organisation's key is the key of its home source (`aalsmeer`, `voorbeeldstad`). Its sources
are, in this order of precedence for a source:

1. an explicit link in the store (`store.link_source`, written when an admin approves a source
   an editor registered for the organisation);
2. the organisation whose key is the source's own key;
3. an organisation with the same TOOI URI (a municipality's council and Woo sources, the
   Amsterdam districts, which carry the municipality's URI).

A source none of these place is its own organisation (key = the source key), even before an
organisation row exists for it: every source has exactly one organisation.
"""

from __future__ import annotations

from vindplaats.catalogue import load_catalogue
from vindplaats.errors import NotFound
from vindplaats.sources import Source
from vindplaats.store import Store
from vindplaats.store.sql_organisations import Organisation


class Placement:
    """One read of the store's organisations and links, to place many sources at once."""

    def __init__(self, store: Store) -> None:
        self.links = store.source_links()
        self.organisations = {org.key: org for org in store.list_organisations()}
        self.by_tooi: dict[str, str] = {}
        for org in sorted(self.organisations.values(), key=lambda o: o.key):
            if org.tooi_uri:
                self.by_tooi.setdefault(org.tooi_uri, org.key)

    def organisation_of(self, source: Source) -> str:
        linked = self.links.get(source.key)
        if linked is not None:
            return linked
        if source.key in self.organisations:
            return source.key
        if source.tooi_uri and source.tooi_uri in self.by_tooi:
            return self.by_tooi[source.tooi_uri]
        return source.key


def organisation_of(store: Store, source: Source) -> str:
    """The key of the organisation `source` belongs to."""
    return Placement(store).organisation_of(source)


def sources_of(store: Store, organisation_key: str) -> list[Source]:
    """The registered sources of the organisation, its home source first, then by key."""
    placement = Placement(store)
    found = [s for s in store.list_sources() if placement.organisation_of(s) == organisation_key]
    return sorted(found, key=lambda s: (s.key != organisation_key, s.key))


def _home_source(store: Store, key: str) -> Source | None:
    try:
        return store.get_source(key)
    except NotFound:
        pass
    for source in load_catalogue():
        if source.key == key:
            return source
    return None


def ensure_organisation(store: Store, key: str) -> Organisation:
    """The organisation with that key; created from the registered (or else the catalogue)
    source with that key when it does not exist yet. NotFound when there is neither."""
    found = store.get_organisation(key)
    if found is not None:
        return found
    source = _home_source(store, key)
    if source is None:
        raise NotFound(
            f"no organisation {key!r}: give the key of a registered source or of a source of "
            "the national catalogue"
        )
    return store.upsert_organisation(
        source.key, source.name, source.organisation_type.value, source.tooi_uri
    )
