"""Which organisation a source belongs to: explicit link, own key, TOOI URI, else itself."""

from __future__ import annotations

from pathlib import Path

import pytest

from vindplaats.accounts.organisations import ensure_organisation, organisation_of, sources_of
from vindplaats.errors import NotFound
from vindplaats.sources import build_source
from vindplaats.store import Store
from vindplaats.store.sqlite import SQLiteStore

GM0361 = "https://identifier.overheid.nl/tooi/id/gemeente/gm0361"


@pytest.fixture
def store(tmp_path: Path) -> Store:
    opened = SQLiteStore(tmp_path / "store.sqlite3")
    for key, tooi in (("alkmaar", GM0361), ("alkmaar-woo", GM0361), ("bergen", None)):
        opened.upsert_source(
            build_source(
                key=key,
                name=key.title(),
                supplier="notubiz",
                notubiz_organisation_id="1",
                tooi_uri=tooi,
            )
        )
    opened.upsert_source(
        build_source(key="extra", name="Extra", supplier="ibabs", ibabs_sitename="extra")
    )
    return opened


def test_without_organisations_every_source_is_its_own(store: Store) -> None:
    assert organisation_of(store, store.get_source("alkmaar-woo")) == "alkmaar-woo"
    assert [s.key for s in sources_of(store, "alkmaar")] == ["alkmaar"]


def test_an_organisation_holds_its_sources_by_key_tooi_uri_and_link(store: Store) -> None:
    org = ensure_organisation(store, "alkmaar")
    assert (org.name, org.organisation_type, org.tooi_uri) == ("Alkmaar", "gemeente", GM0361)
    store.link_source("extra", "alkmaar")
    assert [s.key for s in sources_of(store, "alkmaar")] == ["alkmaar", "alkmaar-woo", "extra"]
    assert organisation_of(store, store.get_source("bergen")) == "bergen"


def test_an_explicit_link_wins_over_the_source_key(store: Store) -> None:
    ensure_organisation(store, "alkmaar")
    ensure_organisation(store, "bergen")
    store.link_source("bergen", "alkmaar")
    assert organisation_of(store, store.get_source("bergen")) == "alkmaar"
    assert sources_of(store, "bergen") == []


def test_an_organisation_comes_from_the_catalogue_when_not_registered(store: Store) -> None:
    org = ensure_organisation(store, "aalsmeer")
    assert org.name == "Aalsmeer" and org.tooi_uri and org.tooi_uri.endswith("gm0358")
    assert ensure_organisation(store, "aalsmeer") == org


def test_an_unknown_key_is_refused_with_a_sentence(store: Store) -> None:
    with pytest.raises(NotFound, match="no organisation 'nergens'"):
        ensure_organisation(store, "nergens")
