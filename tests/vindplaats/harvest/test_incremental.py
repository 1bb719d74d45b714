"""Incremental harvesting against the sandbox: ordinary runs re-check a window around today and
fetch what changed outside it since the watermark, unchanged files are not downloaded again,
and what disappears from the window is marked withdrawn — but never after a crawl that failed
(reliability items 12 and 16). The `kill -9` cases are in test_backfill.py and test_workers.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from crawlers.report import CrawlReport
from normalize.cleaners import AMSTERDAM
from normalize.ids import make_id
from normalize.records import (
    AgendaItem,
    Document,
    DownloadStatus,
    Meeting,
    Record,
    RegisterEntry,
    Supplier,
)
from search_api import create_app
from tests.vindplaats.harvest.sandboxed import sandbox_settings, searchable_ids
from vindplaats.harvest.run import harvest
from vindplaats.harvest.withdraw import withdraw_unseen
from vindplaats.sandbox import RequestLogEntry, Sandbox, SandboxWorld
from vindplaats.settings import Settings
from vindplaats.sources import build_source
from vindplaats.store import RunStatus, Store, open_store
from vindplaats.store.models import HarvestRun

KEY = "zandaam"
TODAY = SandboxWorld().now.date()  # the sandbox's today, 2026-11-28


def register(store: Store, sandbox: Sandbox, key: str) -> None:
    store.upsert_source(next(s for s in sandbox.sources() if s.key == key))


def doc_id(key: str, native: int) -> str:
    return make_id("document", "notubiz", key, str(native))


def documents_in(store: Store, key: str, first: date, last: date) -> list[Document]:
    found = []
    for record in store.iter_records("document", key):
        assert isinstance(record, Document)
        if record.meeting_date is not None and first <= record.meeting_date.date() <= last:
            found.append(record)
    return found


def supplier_clock_moves_on(sandbox: Sandbox, run: HarvestRun) -> None:
    """The sandbox publishes some `last_modified` stamps after its own today; let its clock pass
    the newest stamp harvested, so the changes that follow are stamped later, as at a real
    supplier (whatever today's date is when the test runs)."""
    assert run.watermark is not None
    newest = run.watermark.astimezone(AMSTERDAM).replace(tzinfo=None)
    sandbox.world.now = max(sandbox.world.now, newest) + timedelta(hours=1)


# -- one source followed through a few ordinary runs ---------------------------------------------
STORY = "voorbeeldstad"


@dataclass
class Story:
    sandbox: Sandbox
    settings: Settings
    store: Store
    first: HarvestRun
    unchanged: HarvestRun
    unchanged_requests: list[RequestLogEntry]
    recent: date  # the day of a past meeting inside the re-check window
    old: date  # the day of a meeting far outside it
    late_recent: str  # documents added later to those two meetings
    late_old: str
    removed: str  # a document of the window removed from the source
    bumped: str  # a document published in a new version
    changed: HarvestRun  # the run after those changes


@pytest.fixture(scope="module")
def story(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Story]:
    tmp = tmp_path_factory.mktemp("incremental")
    with Sandbox(files_dir=tmp / "files") as sandbox:
        settings = sandbox_settings(tmp / "data", SandboxWorld.date_from)
        store = open_store(settings)
        register(store, sandbox, STORY)
        first = harvest(settings, STORY, today=TODAY)
        sandbox.clear_requests()
        unchanged = harvest(settings, STORY, today=TODAY)
        unchanged_requests = sandbox.requests

        world = sandbox.world
        public = [m for m in world.municipality(STORY).meetings if m.public]
        recent = max((m for m in public if m.start.date() < TODAY), key=lambda m: m.start)
        old = min(public, key=lambda m: m.start)
        in_window = documents_in(store, STORY, TODAY - timedelta(days=30), TODAY)
        assert in_window, "the re-check window holds no document to remove"
        supplier_clock_moves_on(sandbox, first)
        world.remove_document(int(in_window[0].native_id))
        bumped = next(d for d in store.iter_records("document", STORY) if d.id != in_window[0].id)
        world.bump_document_version(int(bumped.native_id))
        late_recent = world.add_document(recent.id, title="Nagekomen brief bij de agenda")
        late_old = world.add_document(old.id, title="Nagekomen stuk bij een oude vergadering")
        changed = harvest(settings, STORY, today=TODAY)
        yield Story(
            sandbox=sandbox,
            settings=settings,
            store=store,
            first=first,
            unchanged=unchanged,
            unchanged_requests=unchanged_requests,
            recent=recent.start.date(),
            old=old.start.date(),
            late_recent=doc_id(STORY, late_recent),
            late_old=doc_id(STORY, late_old),
            removed=in_window[0].id,
            bumped=bumped.id,
            changed=changed,
        )
        store.close()


def test_a_first_run_takes_the_whole_history_later_runs_a_window_around_today(
    story: Story,
) -> None:
    first, later = story.first, story.unchanged
    assert (first.window_from, first.window_until) == (SandboxWorld.date_from, date(2027, 1, 27))
    assert first.counts.get("errors", 0) == 0, first.errors  # (one file answers 404)
    # 30 days back from the last run (today, or the real date it ran if that is earlier)
    assert later.window_from == min(first.started_at.date(), TODAY) - timedelta(days=30)
    assert later.window_until == TODAY + timedelta(days=60)
    assert story.store.get_watermark(STORY) is not None


def test_a_run_with_nothing_changed_downloads_no_file(story: Story) -> None:
    assert story.first.counts["documents_downloaded"] > 0
    assert [r.path for r in story.unchanged_requests if "/document/" in r.path] == []
    assert story.unchanged.counts.get("documents_downloaded", 0) == 0
    assert story.unchanged.counts["documents_unchanged"] > 0
    assert story.unchanged.counts.get("withdrawn") == 0
    stored = {k: v for k, v in story.unchanged.counts.items() if k.startswith("stored_")}
    assert stored == {k: v for k, v in story.first.counts.items() if k.startswith("stored_")}


def test_late_additions_are_found_by_the_next_ordinary_run(story: Story) -> None:
    run = story.changed
    assert 0 < (TODAY - story.recent).days <= 30
    assert run.window_from is not None
    assert run.window_from <= story.recent  # in the re-check window
    assert story.old < run.window_from  # far outside it: found by its change
    assert run.counts["modified_items"] >= 1
    for added in (story.late_recent, story.late_old):
        state = story.store.get_document_state(added)
        assert state.download_status == DownloadStatus.OK
        assert state.indexed and not state.withdrawn
    assert {story.late_recent, story.late_old} <= searchable_ids(story.settings)


def test_only_new_and_changed_files_are_downloaded(story: Story) -> None:
    run = story.changed
    assert run.counts["documents_downloaded"] == 3  # two added, one in a new version
    assert run.counts["documents_unchanged"] > 0
    bumped = story.store.get_document_state(story.bumped)
    assert bumped.download_status == DownloadStatus.OK and bumped.original_url.endswith("/2")


def test_a_removed_document_is_withdrawn_kept_and_gone_from_search(story: Story) -> None:
    store, removed = story.store, story.removed
    assert story.changed.counts.get("errors", 0) == 0, story.changed.errors
    assert story.changed.counts["withdrawn"] == 1
    assert story.changed.counts["withdrawn_documents"] == 1
    state = store.get_document_state(removed)
    assert state.withdrawn
    assert state.download_status == DownloadStatus.OK  # kept, with its original
    assert store.count_records(STORY)["document"] == story.first.counts["stored_document"] + 2
    searchable = searchable_ids(story.settings)
    assert removed not in searchable
    assert searchable == {s.id for s in store.iter_document_states(STORY) if not s.withdrawn}
    with TestClient(create_app(story.settings)) as client:
        response = client.get(f"/api/documents/{removed}")
    assert response.status_code == 200
    assert response.json()["withdrawn"] is True


# -- a failed crawl withdraws nothing -----------------------------------------------------------
def test_a_failed_or_partial_crawl_withdraws_nothing(tmp_path: Path) -> None:
    world = SandboxWorld()
    settings = sandbox_settings(tmp_path / "data", SandboxWorld.date_from)
    store = open_store(settings)
    with Sandbox(files_dir=tmp_path / "files", world=world) as sandbox:
        register(store, sandbox, KEY)
        port = int(sandbox.base_url.rsplit(":", 1)[1])
        first = harvest(settings, KEY, today=TODAY)
        assert first.status == RunStatus.OK, first.errors
        watermark = store.get_watermark(KEY)
        everything = {d.id for d in store.iter_records("document", KEY)}
        supplier_clock_moves_on(sandbox, first)
        removed = set()
        for meeting in world.municipality(KEY).meetings:  # every agenda item loses its files
            for item in meeting.agenda_items():
                for native in list(item.documents):
                    world.remove_document(native)
                    removed.add(doc_id(KEY, native))
        assert removed

        # an outage part-way: the organisation, its committees and the event lists answer,
        # every meeting is broken (by path, not by request count: concurrent requests arrive in
        # any order, so "the first four requests" is not always the same four)
        sandbox.faults.set("/notubiz/events/meetings", "malformed")
        outage = harvest(settings, KEY, today=TODAY)
        assert outage.status == RunStatus.PARTIAL, outage.errors
        assert outage.counts.get("withdrawn", 0) == 0
        assert any(e.startswith("nothing marked withdrawn: the crawl had") for e in outage.errors)
        assert store.get_watermark(KEY) == watermark  # not advanced either

    unreachable = harvest(settings, KEY, today=TODAY)  # the sandbox is gone
    assert unreachable.status == RunStatus.FAILED
    assert unreachable.counts.get("withdrawn", 0) == 0
    assert [s.id for s in store.iter_document_states(KEY) if s.withdrawn] == []
    assert searchable_ids(settings) == everything

    # back on the same address: now the removals are seen, and marked withdrawn
    with Sandbox(port=port, files_dir=tmp_path / "files", world=world):
        recovered = harvest(settings, KEY, today=TODAY)
    assert recovered.counts.get("errors", 0) == 0, recovered.errors
    assert recovered.counts["withdrawn_documents"] == len(removed)
    assert {s.id for s in store.iter_document_states(KEY) if s.withdrawn} == removed
    assert searchable_ids(settings) == everything - removed
    store.close()


# -- the store's part, on both backends (`store`: conftest.py) -------------------------------------
ORG = make_id("organization", "notubiz", "alkmaar", "9")


def meeting_records(day: date, native: int) -> list[Record]:
    """A meeting on `day` with one agenda item and one document."""
    start = datetime(day.year, day.month, day.day, 19, 30, tzinfo=AMSTERDAM)
    meeting = Meeting.build(
        Supplier.NOTUBIZ, "alkmaar", native, name=f"Raad {day}", start=start, organization_id=ORG
    )
    item = AgendaItem.build(
        Supplier.NOTUBIZ, "alkmaar", native, name="Punt 1", order=0, meeting_id=meeting.id
    )
    document = Document.build(
        Supplier.NOTUBIZ,
        "alkmaar",
        native,
        title="Stuk",
        original_url=f"https://example.org/{native}.pdf",
        organization_id=ORG,
        meeting_id=meeting.id,
        meeting_date=start,
    )
    return [meeting, item, document]


def register_records(native: int) -> list[Record]:
    """A register entry (no meeting) with one document."""
    entry = RegisterEntry.build(
        Supplier.NOTUBIZ, "alkmaar", native, title="Toezegging", organization_id=ORG
    )
    document = Document.build(
        Supplier.NOTUBIZ,
        "alkmaar",
        native,
        title="Brief",
        original_url=f"https://example.org/{native}.pdf",
        organization_id=ORG,
        register_entry_id=entry.id,
    )
    return [entry, document]


def add_alkmaar(store: Store) -> None:
    store.upsert_source(
        build_source(key="alkmaar", name="Alkmaar", supplier="notubiz", notubiz_organisation_id="9")
    )


def test_unseen_records_are_those_of_the_window_not_seen_again(store: Store) -> None:
    add_alkmaar(store)
    window = {"window_from": date(2026, 10, 1), "window_until": date(2026, 12, 31)}
    inside = meeting_records(date(2026, 11, 10), 1)
    outside = meeting_records(date(2025, 1, 10), 2)
    refetched = meeting_records(date(2024, 5, 5), 3)
    entry, unread_entry = register_records(4), register_records(5)
    for record in [*inside, *outside, *refetched, *entry, *unread_entry]:
        store.upsert_record(record)
    run = store.start_run("alkmaar", **window)
    # the run re-reads an old meeting and a register entry; their documents are gone
    for record in [*refetched[:2], entry[0]]:
        store.upsert_record(record)

    gone = store.unseen_records("alkmaar", seen_since=run.started_at, **window)

    assert gone == sorted((r.id, r.record_type) for r in [*inside, refetched[2], entry[1]])
    assert store.seen_meetings("alkmaar", seen_since=run.started_at, **window) == 0
    store.mark_withdrawn([record_id for record_id, _ in gone])
    assert store.unseen_records("alkmaar", seen_since=run.started_at, **window) == []
    # seen again: no longer withdrawn, and due for the index again
    document = inside[2]
    store.mark_indexed([document.id])
    store.upsert_record(document)
    state = store.get_document_state(document.id)
    assert not state.withdrawn and not state.indexed


def test_an_answer_without_any_meeting_of_the_window_withdraws_nothing(store: Store) -> None:
    add_alkmaar(store)
    for day, native in ((date(2026, 11, 10), 1), (date(2026, 11, 24), 2)):
        for record in meeting_records(day, native):
            store.upsert_record(record)
    run = store.start_run("alkmaar", date(2026, 10, 1), date(2026, 12, 31))
    listed_nothing = CrawlReport(status="ok", counts={"api_responses": 3})

    outcome = withdraw_unseen(store, run, listed_nothing)

    assert not outcome.complete and outcome.counts == {}
    assert "an empty answer is not trusted" in outcome.notes[0]
    assert [s.id for s in store.iter_document_states("alkmaar") if s.withdrawn] == []
    # once one meeting of the window is seen, the other one is gone for real
    store.upsert_record(meeting_records(date(2026, 11, 24), 2)[0])
    outcome = withdraw_unseen(store, run, listed_nothing)
    assert outcome.complete
    assert outcome.counts["withdrawn_meetings"] == 1
    assert outcome.counts["withdrawn"] == 5  # meeting 1 and its item and document; 2's too


def test_watermark_and_the_run_an_ordinary_run_widens_back_to(store: Store) -> None:
    add_alkmaar(store)
    assert store.get_watermark("alkmaar") is None
    mark = datetime(2026, 11, 20, 10, 0, tzinfo=AMSTERDAM)
    store.set_watermark("alkmaar", mark)
    assert store.get_watermark("alkmaar") == mark
    assert store.last_covering_run("alkmaar") is None
    ordinary = store.start_run("alkmaar", date(2000, 1, 1), date(2999, 12, 31))
    store.finish_run(ordinary.id, RunStatus.PARTIAL, {}, [])
    past = store.start_run("alkmaar", date(2015, 1, 1), date(2015, 3, 31))  # a backfill chunk
    store.finish_run(past.id, RunStatus.OK, {}, [])
    failed = store.start_run("alkmaar", date(2000, 1, 1), date(2999, 12, 31))
    store.finish_run(failed.id, RunStatus.FAILED, {}, [])
    covering = store.last_covering_run("alkmaar")
    assert covering is not None and covering.id == ordinary.id


def test_a_crawl_of_an_event_feeds_changes_withdraws_nothing_by_absence(store: Store) -> None:
    add_alkmaar(store)
    for day, native in ((date(2026, 11, 10), 1), (date(2026, 11, 24), 2)):
        for record in meeting_records(day, native):
            store.upsert_record(record)
    run = store.start_run("alkmaar", date(2026, 10, 1), date(2026, 12, 31))
    store.upsert_record(meeting_records(date(2026, 11, 24), 2)[0])  # the one change it read
    changes = CrawlReport(status="ok", counts={"api_responses": 2, "changes_only": 1})

    outcome = withdraw_unseen(store, run, changes)

    assert outcome.complete and outcome.counts == {}
    assert [s.id for s in store.iter_document_states("alkmaar") if s.withdrawn] == []
    ordinary = CrawlReport(status="ok", counts={"api_responses": 2})
    assert withdraw_unseen(store, run, ordinary).counts["withdrawn_meetings"] == 1
