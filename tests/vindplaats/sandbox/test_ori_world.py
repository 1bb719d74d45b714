"""The ORI part of the sample world: Kreekmond is a demo source (the planted publisher is not),
and what a complete harvest must find follows what its feed serves."""

from __future__ import annotations

from pathlib import Path

from crawlers.run import run_crawl
from normalize.records import Committee, Record
from tests.crawlers.conftest import crawl_settings
from vindplaats.sandbox import Sandbox, World
from vindplaats.sandbox.ori import OriApi
from vindplaats.sandbox.ori_world import OriExpected
from vindplaats.store import open_store

KEY = "kreekmond"
_TYPES = ("meeting", "agenda_item", "document", "motion", "vote", "person", "committee")


def _plugin(sandbox: Sandbox) -> OriApi:
    found = next(p for p in sandbox.plugins if p.supplier == "ori")
    assert isinstance(found, OriApi)
    return found


def test_the_demo_lists_kreekmond_and_never_the_planted_publisher() -> None:
    with Sandbox() as sandbox:
        plugin = _plugin(sandbox)
        [source] = plugin.sources()
        assert source == plugin.ori_source(KEY)
        assert (source.key, source.name, source.supplier.value) == (KEY, "Kreekmond", "ori")
        assert str(source.base_url) == f"{sandbox.base_url}/ori/{KEY}"
        assert "planted" not in {s.key for s in sandbox.sources()}
        assert sandbox.sources("ori") == [source]


def test_expected_is_what_the_feed_serves_and_follows_its_changes() -> None:
    unserved = World().expected(KEY)
    assert isinstance(unserved, OriExpected)
    assert len(unserved.meeting_ids) == 5 and len(unserved.cancelled_meeting_ids) == 1
    assert (len(unserved.agenda_item_ids), len(unserved.sub_item_ids)) == (18, 4)
    assert len(unserved.document_ids) == 12
    assert (len(unserved.file_document_ids), len(unserved.inline_document_ids)) == (10, 1)
    assert (len(unserved.motion_ids), len(unserved.vote_ids)) == (4, 12)
    with Sandbox() as sandbox:
        feed = _plugin(sandbox).feed(KEY)
        world = sandbox.sample_world
        assert world.expected(KEY) == unserved  # the ids do not depend on the port
        served = {r["id"] for r in feed.listing("informatieobjecten")}
        assert unserved.document_ids == served
        gone = feed.listing("informatieobjecten")[0]["id"]
        feed.delete("informatieobjecten", gone)
        after = world.expected(KEY)
    assert isinstance(after, OriExpected)
    assert after.document_ids == unserved.document_ids - {gone}


def _natives(records: list[Record]) -> set[str]:
    return {r.native_id for r in records}


def test_a_complete_harvest_finds_exactly_what_the_world_expects(tmp_path: Path) -> None:
    settings = crawl_settings(tmp_path)
    with Sandbox() as sandbox:
        store = open_store(settings)
        try:
            store.upsert_source(next(s for s in sandbox.sources() if s.key == KEY))
        finally:
            store.close()
        world = sandbox.sample_world
        report = run_crawl(
            settings, KEY, window_from=world.date_from, window_until=world.date_until
        )
        expected = world.expected(KEY)
    assert isinstance(expected, OriExpected)
    assert report.status == "ok", report.errors
    store = open_store(settings)
    try:
        got = {t: list(store.iter_records(t, KEY)) for t in _TYPES}
    finally:
        store.close()
    assert _natives(got["meeting"]) == expected.meeting_ids
    assert _natives(got["agenda_item"]) == expected.agenda_item_ids
    assert _natives(got["document"]) == expected.document_ids
    assert _natives(got["motion"]) == expected.motion_ids
    assert _natives(got["vote"]) == expected.vote_ids
    assert _natives(got["person"]) == expected.person_ids
    names = {r.name for r in got["committee"] if isinstance(r, Committee)}
    assert names == expected.committee_names
