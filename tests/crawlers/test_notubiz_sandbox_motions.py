"""End-to-end: the NotuBiz spider turns the sandbox's motion register into Motion records."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from crawlers.run import run_crawl
from normalize.ids import parse_id
from normalize.records import Motion, MotionResult
from vindplaats.sandbox import Sandbox
from vindplaats.sandbox.motions import MOTION_TOWN
from vindplaats.settings import Settings
from vindplaats.store import open_store


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sandbox]:
    with Sandbox(files_dir=tmp_path_factory.mktemp("sandbox-files")) as running:
        yield running


def test_the_harvest_stores_the_motions_with_their_results(
    sandbox: Sandbox, settings: Settings
) -> None:
    world, key = sandbox.world, MOTION_TOWN
    expected = world.expected(key)
    assert len(expected.motion_item_ids) == 3
    store = open_store(settings)
    store.upsert_source(next(s for s in sandbox.sources(supplier="notubiz") if s.key == key))
    try:
        report = run_crawl(
            settings, key, window_from=world.date_from, window_until=world.date_until
        )
        motions = [r for r in store.iter_records("motion", key) if isinstance(r, Motion)]
        assert {int(m.native_id) for m in motions} == expected.motion_item_ids
        assert report.counts["motions"] == 3
        assert report.counts.get("errors", 0) == 0
        by_result = {m.result: m for m in motions}
        assert set(by_result) == {
            MotionResult.AANGENOMEN,
            MotionResult.VERWORPEN,
            MotionResult.INGETROKKEN,
        }
        amendement = by_result[MotionResult.VERWORPEN]
        assert amendement.motion_type == "Amendement" and amendement.result_raw == "verworpen"
        ingetrokken = by_result[MotionResult.INGETROKKEN]
        assert ingetrokken.submitters == ["S. Öztürk", "J. Wiersma"]
        assert ingetrokken.parties == ["GroenLinks-PvdA", "Dorpsbelangen Oosterproef"]
        documents = {int(parse_id(r.id)[3]) for r in store.iter_records("document", key)}
        for motion in motions:
            item = world.register_item(int(motion.native_id))
            assert item is not None
            assert motion.title == item.title
            assert motion.register_entry_id == f"register_entry:notubiz:{key}:{item.id}"
            assert motion.meeting_id is not None and motion.agenda_item_id is None
            assert [int(parse_id(d)[3]) for d in motion.document_ids] == item.document_ids()
            assert set(item.document_ids()) <= documents
            assert motion.submitters and motion.parties
    finally:
        store.close()
