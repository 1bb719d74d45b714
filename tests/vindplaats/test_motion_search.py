"""Motions end to end: the iBabs sandbox source `bergenrode` harvested through the pipeline,
its motions found by search filtered by result, and `/api/motions/{id}` showing the votes."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from normalize.records import Motion, MotionResult, Vote
from search_api import create_app
from vindplaats.engine import open_engine
from vindplaats.engine.base import Filters, SearchQuery
from vindplaats.harvest.run import harvest
from vindplaats.sandbox import Sandbox
from vindplaats.settings import Settings, load_settings
from vindplaats.store import Store, open_store

KEY = "bergenrode"


@dataclass
class Harvested:
    settings: Settings
    store: Store


@pytest.fixture(scope="module")
def harvested(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Harvested]:
    tmp = Path(tmp_path_factory.mktemp("motions"))
    with Sandbox(files_dir=tmp / "files") as sandbox:
        sandbox.prepare_files()
        settings = load_settings(
            data_dir=tmp / "data", allow_private_networks=True, download_delay=0, autothrottle=False
        )
        store = open_store(settings)
        for source in sandbox.sources(supplier="ibabs"):
            store.upsert_source(source)
        world = sandbox.ibabs_world
        harvest(settings, KEY, since=world.date_from, until=world.date_until)
        yield Harvested(settings, store)
        store.close()


def _motions(store: Store) -> dict[str, Motion]:
    return {r.id: r for r in store.iter_records("motion", KEY) if isinstance(r, Motion)}


def test_motions_are_found_by_result(harvested: Harvested) -> None:
    motions = _motions(harvested.store)
    accepted = {m.id for m in motions.values() if m.result == MotionResult.AANGENOMEN}
    assert accepted and len(accepted) < len(motions)
    engine = open_engine(harvested.settings)
    try:
        query = SearchQuery(filters=Filters(motion_result=["aangenomen"]), size=100)
        result = engine.search(query)
        everything = engine.search(SearchQuery(size=1))
    finally:
        engine.close()
    assert {hit.id for hit in result.hits} == accepted
    for hit in result.hits:
        assert motions[hit.id].result == MotionResult.AANGENOMEN
        assert hit.motion_result == "aangenomen"
    facet = {v.value: v.count for v in everything.facets["motion_result"]}
    assert facet["aangenomen"] == len(accepted)
    assert sum(facet.values()) == sum(m.result is not None for m in motions.values())


def test_the_api_filters_by_result_and_links_motions(harvested: Harvested) -> None:
    with TestClient(create_app(harvested.settings)) as client:
        bad = client.get("/api/search", params={"motion_result": "gewonnen"})
        assert bad.status_code == 400
        found = client.get("/api/search", params={"motion_result": "aangenomen", "size": 100})
        assert found.status_code == 200
        hits = found.json()["hits"]
        assert hits and all(h["motion_result"] == "aangenomen" for h in hits)
        assert all(h["links"]["self"].startswith("/api/motions/motion:") for h in hits)
        voted = {
            r.motion_id for r in harvested.store.iter_records("vote", KEY) if isinstance(r, Vote)
        }
        hit = next(h for h in hits if h["id"] in voted)
        detail = client.get(hit["links"]["self"])
        assert detail.status_code == 200
        body = detail.json()
        assert body["id"] == hit["id"] and body["result"] == "aangenomen"
        assert body["votes"] and all(v["motion_id"] == hit["id"] for v in body["votes"])
        assert client.get("/api/motions/motion:ibabs:bergenrode:nope").status_code == 404
        assert client.get("/api/motions/document:ibabs:bergenrode:1").status_code == 404
