"""`GET /api/changes`: the change feed replayed from the start reproduces the search index's set
of ids after a harvest of the sandbox, after a re-harvest that withdrew a motion (the feed then
says `delete`) and after one that brought it back; each upsert carries the record as its own
endpoint answers it; following `next` from an earlier cursor yields only what changed since; a
cursor the feed did not write is a 400. The real harvest over HTTP against the iBabs sandbox,
the real store and embedded index, the app over them."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from starlette.testclient import TestClient

from search_api import create_app
from tests.vindplaats.harvest.sandboxed import sandbox_settings, searchable_ids
from vindplaats.harvest.run import harvest
from vindplaats.sandbox import Sandbox, SandboxWorld
from vindplaats.settings import Settings
from vindplaats.store import open_store

KEY = "bergenrode"
TODAY = SandboxWorld().now.date()


@dataclass
class Feed:
    """What the feed gave after each harvest: every line replayed from the start, the cursor
    after the first harvest, and the index's ids at that moment."""

    settings: Settings
    replays: dict[str, list[dict[str, Any]]]
    searchable: dict[str, set[str]]
    cursors: dict[str, str]
    since_first: list[dict[str, Any]]  # followed from the first harvest's cursor
    withdrawn: str  # the motion the second harvest withdrew


def read(client: TestClient, since: str, limit: int = 40) -> tuple[list[dict[str, Any]], str]:
    answer = client.get("/api/changes", params={"since": since, "limit": limit})
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"].startswith("application/x-ndjson")
    lines = [json.loads(line) for line in answer.text.splitlines()]
    assert list(lines[-1]) == ["next"]
    return lines[:-1], lines[-1]["next"]


def follow(client: TestClient, since: str = "") -> tuple[list[dict[str, Any]], str]:
    """Every change line from `since`, following `next` until an answer holds none."""
    found: list[dict[str, Any]] = []
    while True:
        lines, since = read(client, since)
        if not lines:
            return found, since
        found += lines


def current(lines: list[dict[str, Any]]) -> set[str]:
    """The ids a mirror holds after applying the lines in order."""
    held: set[str] = set()
    for line in lines:
        (held.add if line["op"] == "upsert" else held.discard)(line["id"])
    return held


def _feed_now(settings: Settings, feed: Feed, name: str) -> None:
    with TestClient(create_app(settings)) as client:
        feed.replays[name], feed.cursors[name] = follow(client)
        if name != "first":
            feed.since_first = follow(client, feed.cursors["first"])[0]
    feed.searchable[name] = searchable_ids(settings)


@pytest.fixture(scope="module")
def feed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Feed]:
    tmp = tmp_path_factory.mktemp("changes")
    with Sandbox(files_dir=tmp / "files") as sandbox:
        sandbox.prepare_files()
        world = sandbox.ibabs_world
        settings = sandbox_settings(tmp / "data", world.date_from)
        store = open_store(settings)
        store.upsert_source(next(s for s in sandbox.sources("ibabs") if s.key == KEY))
        feed = Feed(settings, {}, {}, {}, [], "")
        assert harvest(settings, KEY, today=TODAY).counts.get("errors", 0) == 0
        _feed_now(settings, feed, "first")

        site = world.sites[world.source(KEY).site]
        expected = world.expected(KEY)
        meetings = {m.id: m for m in site.meetings}
        entry_id = _motion_in_window(expected, meetings)
        meeting, item = expected.entry_contexts[entry_id]
        agenda_item = next(i for i in meetings[meeting].items if i.id == item)
        removed = site.entries.pop(entry_id)
        agenda_item.entries = [e for e in agenda_item.entries if e != entry_id]
        motions = {r.native_id.lower(): r.id for r in store.iter_records("motion", KEY)}
        feed.withdrawn = motions[entry_id.lower()]
        changed = harvest(settings, KEY, today=TODAY)
        assert changed.counts["withdrawn_motions"] == 1, changed.counts
        _feed_now(settings, feed, "withdrawn")

        site.entries[entry_id] = removed  # published again
        agenda_item.entries.append(entry_id)
        assert harvest(settings, KEY, today=TODAY).counts.get("withdrawn", 0) == 0
        _feed_now(settings, feed, "again")
        store.close()
        yield feed


def _motion_in_window(expected: Any, meetings: dict[str, Any]) -> str:
    """A motion on an agenda inside the re-check window: its absence there withdraws it."""
    return sorted(
        e
        for e, (meeting, _) in expected.entry_contexts.items()
        if e in expected.motion_ids
        and meetings[meeting].start.date() >= TODAY.replace(day=1)
        and meetings[meeting].start.date().year <= 2027
    )[0]


@pytest.mark.parametrize("moment", ["first", "withdrawn", "again"])
def test_replaying_from_the_start_reproduces_the_index(feed: Feed, moment: str) -> None:
    lines = feed.replays[moment]
    assert current(lines) == feed.searchable[moment]
    assert len({line["id"] for line in lines}) == len(lines)  # each record once: its latest
    seqs = [line["seq"] for line in lines]
    assert seqs == sorted(seqs)


def test_a_withdrawn_motion_is_a_delete_and_comes_back_as_an_upsert(feed: Feed) -> None:
    assert any(i.startswith("document:") for i in feed.searchable["first"])
    assert feed.withdrawn in feed.searchable["first"]
    assert feed.withdrawn not in feed.searchable["withdrawn"]
    ops = {line["id"]: line["op"] for line in feed.replays["withdrawn"]}
    assert ops[feed.withdrawn] == "delete"
    again = {line["id"]: line for line in feed.replays["again"]}
    assert again[feed.withdrawn]["op"] == "upsert"
    assert again[feed.withdrawn]["record"]["withdrawn"] is False


def test_following_on_from_a_cursor_gives_only_what_changed(feed: Feed) -> None:
    changed = {line["id"] for line in feed.since_first}
    assert feed.withdrawn in changed
    assert len(changed) < len(feed.searchable["again"]) / 2  # not everything again
    assert (
        current(feed.replays["first"])
        - {line["id"] for line in feed.since_first if line["op"] == "delete"}
        | current(feed.since_first)
        == feed.searchable["again"]
    )


def test_an_upsert_carries_the_record_as_its_endpoint_answers(feed: Feed) -> None:
    lines = feed.replays["again"]
    document = next(line for line in lines if line["id"].startswith("document:"))
    motion = next(line for line in lines if line["id"].startswith("motion:"))
    with TestClient(create_app(feed.settings)) as client:
        assert document["record"] == client.get(f"/api/documents/{document['id']}").json()
        assert motion["record"] == client.get(f"/api/motions/{motion['id']}").json()
        _, last = read(client, feed.cursors["again"])
        assert last == feed.cursors["again"]  # nothing new: the same cursor, stable
    assert list(document)[:3] == ["op", "id", "seq"]


@pytest.mark.parametrize(
    "query",
    ["since=djEuMTQ", "since=-1", "since=1e3", "since=" + "9" * 19, "limit=0", "limit=1001", "x=1"],
)
def test_bad_parameters_are_400_json(feed: Feed, query: str) -> None:
    with TestClient(create_app(feed.settings)) as client:
        answer = client.get("/api/changes?" + query)
    assert answer.status_code == 400
    assert answer.json()["error"]["code"] == "bad_request"
