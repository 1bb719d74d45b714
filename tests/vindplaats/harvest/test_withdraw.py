"""Withdrawal of motions and votes against the iBabs sandbox (`bergenrode`): a motion the
supplier no longer publishes in the re-check window is withdrawn with its register entry and its
votes, kept, flagged by `/api/motions/{id}` and gone from search; a vote dropped from a motion
that is still published is withdrawn and no longer listed; a partial crawl withdraws nothing; a
motion absent from a feed that lists only changes is not withdrawn; a motion that reappears is
current again. The store's part is checked on both backends (PostgreSQL runs in CI)."""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from normalize.cleaners import AMSTERDAM
from normalize.ids import make_id
from normalize.records import Meeting, Motion, RegisterEntry, Supplier, Vote, VoteChoice
from search_api import create_app
from tests.vindplaats.engine.elasticsearch.test_service import es_service
from tests.vindplaats.harvest.sandboxed import sandbox_settings, searchable_ids
from tests.vindplaats.store.backends import open_backend
from vindplaats.engine.base import Engine, SearchQuery
from vindplaats.engine.elasticsearch import ElasticsearchEngine
from vindplaats.engine.embedded import EmbeddedEngine
from vindplaats.harvest.index import index_motions
from vindplaats.harvest.run import harvest
from vindplaats.sandbox import Sandbox, SandboxWorld
from vindplaats.sandbox.ibabs_model import IbEntry, IbSite, IbVote
from vindplaats.settings import Settings
from vindplaats.sources import build_source
from vindplaats.store import RunStatus, Store, open_store
from vindplaats.store.models import HarvestRun

KEY = "bergenrode"
TODAY = SandboxWorld().now.date()  # the sandbox's today, 2026-11-28


def by_native(store: Store, record_type: str) -> dict[str, str]:
    """Native id (lower case) → record id of the source's records of this type."""
    return {r.native_id.lower(): r.id for r in store.iter_records(record_type, KEY)}


@dataclass
class Story:
    settings: Settings
    store: Store
    first: HarvestRun
    partial: HarvestRun
    changed: HarvestRun
    again: HarvestRun
    gone: str  # the motion removed from the register (its meeting is in the window)
    gone_entry: str
    gone_votes: set[str]
    kept_votes: set[str]  # votes of the motion that lost one vote, still published
    dropped_vote: str
    unlisted: str  # a motion removed outside the window: absence there says nothing
    after_change: dict[str, object]  # what the API and search showed after `changed`


def _unlink(site: IbSite, entry_id: str) -> IbEntry:
    entry = site.entries.pop(entry_id)
    for meeting in site.meetings:
        for item in meeting.items:
            item.entries = [e for e in item.entries if e != entry_id]
    return entry


def _chosen(
    site: IbSite, contexts: Mapping[str, tuple[str, str]], motion_ids: Collection[str]
) -> tuple[IbEntry, IbEntry, str]:
    """The motions the story changes: one on an agenda in the re-check window (to remove), one
    with votes elsewhere (to lose a vote) and the id of another (to remove outside the window)."""
    meetings = {m.id: m for m in site.meetings}
    window = (date(TODAY.year, TODAY.month, 1), date(2027, 1, 31))
    linked = sorted(
        e
        for e, (meeting, _) in contexts.items()
        if e in motion_ids and window[0] <= meetings[meeting].start.date() <= window[1]
    )
    voted = sorted(e for e in motion_ids if site.entries[e].votes and e not in linked)
    return site.entries[linked[0]], site.entries[voted[0]], voted[1]


@pytest.fixture(scope="module")
def story(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Story]:
    tmp = tmp_path_factory.mktemp("withdrawn")
    with Sandbox(files_dir=tmp / "files") as sandbox:
        sandbox.prepare_files()
        world = sandbox.ibabs_world
        settings = sandbox_settings(tmp / "data", world.date_from)
        store = open_store(settings)
        store.upsert_source(next(s for s in sandbox.sources("ibabs") if s.key == KEY))
        site = world.sites[world.source(KEY).site]
        expected = world.expected(KEY)
        meetings = {m.id: m for m in site.meetings}
        gone, trimmed, unlisted = _chosen(site, expected.entry_contexts, expected.motion_ids)
        gone.votes = [IbVote(v.user_id, v.vote) for v in trimmed.votes[:2]]  # it had votes too

        first = harvest(settings, KEY, today=TODAY)
        assert first.counts.get("errors", 0) == 0, first.errors  # (a locked file answers 403)
        motions, votes = by_native(store, "motion"), by_native(store, "vote")
        entries = by_native(store, "register_entry")
        gone_votes = {votes[f"{gone.id}.{v.user_id}".lower()] for v in gone.votes}
        trimmed_votes = {votes[f"{trimmed.id}.{v.user_id}".lower()] for v in trimmed.votes}
        dropped = votes[f"{trimmed.id}.{trimmed.votes[0].user_id}".lower()]

        removed = _unlink(site, gone.id)  # no longer published
        _unlink(site, unlisted)
        trimmed.votes = trimmed.votes[1:]
        trimmed.last_modified = datetime(TODAY.year, TODAY.month, TODAY.day, 10, 0)  # in the feed

        sandbox.faults.set("/ibabs", "malformed", after=6)  # an outage part-way
        partial = harvest(settings, KEY, today=TODAY)
        sandbox.faults.clear()
        changed = harvest(settings, KEY, today=TODAY)
        with TestClient(create_app(settings)) as client:
            shown = {
                "gone": client.get(f"/api/motions/{motions[gone.id.lower()]}").json(),
                "trimmed": client.get(f"/api/motions/{motions[trimmed.id.lower()]}").json(),
            }
        after_change: dict[str, object] = {**shown, "searchable": searchable_ids(settings)}

        site.entries[removed.id] = removed  # published again, on its agenda item
        meeting, item = expected.entry_contexts[removed.id]
        next(i for i in meetings[meeting].items if i.id == item).entries.append(removed.id)
        again = harvest(settings, KEY, today=TODAY)
        yield Story(
            settings=settings,
            store=store,
            first=first,
            partial=partial,
            changed=changed,
            again=again,
            gone=motions[gone.id.lower()],
            gone_entry=entries[gone.id.lower()],
            gone_votes=gone_votes,
            kept_votes=trimmed_votes - {dropped},
            dropped_vote=dropped,
            unlisted=motions[unlisted.lower()],
            after_change=after_change,
        )
        store.close()


def test_a_partial_crawl_withdraws_no_motion_or_vote(story: Story) -> None:
    assert story.partial.status == RunStatus.PARTIAL, story.partial.errors
    assert story.partial.counts.get("withdrawn", 0) == 0
    assert any(e.startswith("nothing marked withdrawn") for e in story.partial.errors)


def test_a_motion_no_longer_published_is_withdrawn_with_its_entry_and_votes(story: Story) -> None:
    run = story.changed
    assert run.counts.get("errors", 0) == 0, run.errors
    assert run.counts["withdrawn_motions"] == 1
    assert run.counts["withdrawn_register_entries"] == 1
    assert run.counts["withdrawn_votes"] == len(story.gone_votes) + 1  # and the dropped one
    gone = story.after_change["gone"]
    assert isinstance(gone, dict)
    assert gone["id"] == story.gone and gone["withdrawn"] is True
    stamp = datetime.fromisoformat(gone["withdrawn_at"])
    assert story.first.started_at < stamp
    # kept: the motion with the votes it had when it was withdrawn
    assert {v["id"] for v in gone["votes"]} == story.gone_votes
    searchable = story.after_change["searchable"]
    assert isinstance(searchable, set)
    assert story.gone not in searchable
    assert story.gone_entry not in searchable


def test_a_vote_dropped_from_a_published_motion_is_no_longer_counted(story: Story) -> None:
    trimmed = story.after_change["trimmed"]
    assert isinstance(trimmed, dict)
    assert trimmed["withdrawn"] is False and trimmed["withdrawn_at"] is None
    assert {v["id"] for v in trimmed["votes"]} == story.kept_votes
    assert story.store.withdrawn_since(story.dropped_vote) is not None
    searchable = story.after_change["searchable"]
    assert isinstance(searchable, set)
    assert trimmed["id"] in searchable


def test_a_motion_absent_from_a_feed_of_changes_is_not_withdrawn(story: Story) -> None:
    # removed from the register, but neither in the window nor changed: nothing says it is gone
    assert story.store.withdrawn_since(story.unlisted) is None
    assert story.unlisted in searchable_ids(story.settings)


def test_a_motion_that_reappears_is_current_again(story: Story) -> None:
    assert story.again.counts.get("errors", 0) == 0, story.again.errors
    assert story.again.counts.get("withdrawn", 0) == 0
    store = story.store
    assert store.withdrawn_since(story.gone) is None
    assert all(store.withdrawn_since(v) is None for v in story.gone_votes)
    assert story.gone in searchable_ids(story.settings)
    with TestClient(create_app(story.settings)) as client:
        shown = client.get(f"/api/motions/{story.gone}").json()
    assert shown["withdrawn"] is False and shown["withdrawn_at"] is None
    assert {v["id"] for v in shown["votes"]} == story.gone_votes


# -- the store's part, on both backends (`store`: conftest.py) -------------------------------------
ORG = make_id("organization", "ibabs", "alkmaar", "site")


def motion_records(
    native: str, meeting_id: str | None = None
) -> list[Motion | RegisterEntry | Vote]:
    """A register entry that is a motion, with one vote."""
    entry = RegisterEntry.build(
        Supplier.IBABS, "alkmaar", native, title="Motie", organization_id=ORG, meeting_id=meeting_id
    )
    motion = Motion.build(
        Supplier.IBABS,
        "alkmaar",
        native,
        title="Motie",
        organization_id=ORG,
        meeting_id=meeting_id,
        register_entry_id=entry.id,
    )
    vote = Vote.build(
        Supplier.IBABS,
        "alkmaar",
        f"{native}.u1",
        motion_id=motion.id,
        voter_name="Jansen",
        choice=VoteChoice.VOOR,
    )
    return [entry, motion, vote]


def test_motions_and_votes_go_with_their_entry_and_motion(store: Store) -> None:
    store.upsert_source(
        build_source(key="alkmaar", name="Alkmaar", supplier="ibabs", ibabs_sitename="alkmaar")
    )
    window = {"window_from": date(2026, 10, 1), "window_until": date(2026, 12, 31)}
    meeting = make_id("meeting", "ibabs", "alkmaar", "m1")
    store.upsert_record(
        Meeting.build(
            Supplier.IBABS,
            "alkmaar",
            "m1",
            name="Raad",
            start=datetime(2026, 11, 10, 19, 30, tzinfo=AMSTERDAM),
            organization_id=ORG,
        )
    )
    on_agenda = motion_records("a", meeting)  # its meeting is in the window
    reread = motion_records("b")  # the run reads it again, but not its vote
    unlisted = motion_records("c")  # neither: absence says nothing
    for record in [*on_agenda, *reread, *unlisted]:
        store.upsert_record(record)
    run = store.start_run("alkmaar", **window)
    store.upsert_record(next(iter(store.iter_records("meeting", "alkmaar"))))
    for record in reread[:2]:
        store.upsert_record(record)

    gone = store.unseen_records("alkmaar", seen_since=run.started_at, **window)

    assert gone == sorted((r.id, r.record_type) for r in [*on_agenda, reread[2]])
    store.mark_withdrawn([record_id for record_id, _ in gone])
    assert all(store.withdrawn_since(r.id) is not None for r in on_agenda)
    assert store.withdrawn_since(unlisted[1].id) is None
    assert store.withdrawn_record_ids("motion", "alkmaar") == {on_agenda[1].id}
    # seen again: current, and the stamp is cleared
    store.upsert_record(on_agenda[1])
    assert store.withdrawn_since(on_agenda[1].id) is None
    assert store.withdrawn_record_ids("motion", "alkmaar") == set()


# -- removal from search, on both engines -------------------------------------------------------
@pytest.fixture(params=["embedded", "elasticsearch"])
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    if request.param == "embedded":
        opened: Engine = EmbeddedEngine(tmp_path / "index")
        yield opened
        opened.close()
        return
    for es in es_service():
        opened = ElasticsearchEngine(es.url, es.prefix, 30)
        yield opened
        opened.close()


def test_a_withdrawn_motion_leaves_the_index_and_returns_when_seen_again(
    engine: Engine, tmp_path: Path
) -> None:
    store = open_backend("sqlite", str(tmp_path / "store.sqlite3"))
    store.upsert_source(
        build_source(key="alkmaar", name="Alkmaar", supplier="ibabs", ibabs_sitename="alkmaar")
    )
    kept, gone = motion_records("k"), motion_records("g")
    for record in [*kept, *gone]:
        store.upsert_record(record)
    motions = {kept[1].id, gone[1].id}

    def found() -> set[str]:
        hits = engine.search(SearchQuery(size=100, facets=False, pages_per_hit=0)).hits
        return {hit.id for hit in hits}

    index_motions(store, engine, "alkmaar")
    assert found() == motions
    store.mark_withdrawn([gone[1].id, gone[2].id])
    index_motions(store, engine, "alkmaar")
    assert found() == {kept[1].id}
    store.upsert_record(gone[1])  # published again
    index_motions(store, engine, "alkmaar")
    assert found() == motions
    store.close()
