"""End-to-end: the ORI spider harvests the sandbox's ORI 2.0 publisher completely, then
incrementally through its event feed (a changed and a deleted record; the second run asks only
for the events and the changed resource)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from crawlers.report import CrawlReport
from crawlers.run import run_crawl
from normalize.records import AgendaItem, Document, Meeting, MeetingStatus, Motion, Record, Vote
from tests.crawlers.conftest import crawl_settings
from vindplaats.sandbox import Sandbox
from vindplaats.sandbox.ori import OriApi
from vindplaats.sandbox.ori_feed import Feed
from vindplaats.sandbox.server import RequestLogEntry
from vindplaats.store import open_store

KEY = "kreekmond"
WINDOW = (date(2025, 9, 1), date(2026, 12, 31))
TYPES = ("organization", "committee", "person", "meeting", "agenda_item", "document", "motion")


@dataclass
class Runs:
    feed: Feed
    first: CrawlReport
    first_records: dict[str, list[Record]]
    second: CrawlReport
    second_requests: list[RequestLogEntry]
    records: dict[str, list[Record]]
    withdrawn: set[str]
    changed: str  # the vergadering changed between the runs
    deleted: str  # the informatieobject deleted between the runs
    served: dict[str, set[str]]  # what the publisher served at the first run (ids)
    third: CrawlReport  # after a sub-item changed
    third_requests: list[RequestLogEntry]
    sub_item: str
    third_records: dict[str, list[Record]]


def _records(path: Path) -> dict[str, list[Record]]:
    store = open_store(crawl_settings(path))
    try:
        return {t: list(store.iter_records(t, KEY)) for t in (*TYPES, "vote")}
    finally:
        store.close()


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Runs]:
    path = tmp_path_factory.mktemp("ori")
    settings = crawl_settings(path)
    with Sandbox() as sandbox:
        plugin = next(p for p in sandbox.plugins if isinstance(p, OriApi))
        feed = plugin.feed(KEY)
        store = open_store(settings)
        store.upsert_source(plugin.ori_source(KEY))
        store.close()
        first = run_crawl(settings, KEY, window_from=WINDOW[0], window_until=WINDOW[1])
        first_records = _records(path)
        served = {c: {r["id"] for r in feed.listing(c)} for c in feed.records.collections}
        sitting = feed.listing("vergaderingen")[1]
        paper = feed.listing("informatieobjecten")[2]
        feed.change("vergaderingen", sitting["id"], locatie="Dorpshuis De Kreek")
        feed.delete("informatieobjecten", paper["id"])
        sandbox.clear_requests()
        second = run_crawl(
            settings,
            KEY,
            window_from=WINDOW[0],
            window_until=WINDOW[1],
            modified_since=first.watermark,
        )
        second_requests = sandbox.requests
        sub = next(a for a in feed.listing("agendapunten") if "hoofdagendapunt" in a)
        feed.change("agendapunten", sub["id"], agendapuntTitel="Zienswijzen (gewijzigd)")
        sandbox.clear_requests()
        third = run_crawl(
            settings,
            KEY,
            window_from=WINDOW[0],
            window_until=WINDOW[1],
            modified_since=second.watermark,
        )
        store = open_store(settings)
        try:
            withdrawn = {
                r.native_id
                for r in store.iter_records("document", KEY)
                if store.withdrawn_since(r.id) is not None
            }
        finally:
            store.close()
        yield Runs(
            feed,
            first,
            first_records,
            second,
            second_requests,
            _records(path),
            withdrawn,
            sitting["id"],
            paper["id"],
            served,
            third,
            sandbox.requests,
            sub["id"],
            _records(path),
        )


def natives(records: list[Record]) -> set[str]:
    return {r.native_id for r in records}


def test_the_first_run_harvests_everything_the_publisher_serves(runs: Runs) -> None:
    report, got, feed = runs.first, runs.first_records, runs.feed
    assert report.status == "ok", report.errors
    assert report.counts.get("errors", 0) == 0
    served = runs.served
    assert natives(got["meeting"]) == served["vergaderingen"]
    assert natives(got["agenda_item"]) == served["agendapunten"]
    assert natives(got["document"]) == served["informatieobjecten"]
    assert natives(got["motion"]) == served["stemmingen"]
    assert natives(got["vote"]) == served["stemmen"]
    assert natives(got["person"]) == served["natuurlijkpersonen"]
    assert {r.name for r in got["committee"]} == {  # type: ignore[attr-defined]
        "Gemeenteraad",
        "Commissie Ruimte en Wonen",
        "Commissie Samenleving",
    }
    assert report.counts["listed_in_full"] == 1
    assert report.counts["ori_pages"] > len(served)  # some collections span pages
    assert report.counts["documents_downloaded"] == len(served["informatieobjecten"])
    assert report.watermark is not None
    assert report.watermark == max(e.at for e in feed.events if e.event_type == "CREATE")


def test_records_keep_the_agenda_tree_votes_and_documents_contexts(runs: Runs) -> None:
    got, feed = runs.first_records, runs.feed
    items = {r.native_id: r for r in got["agenda_item"] if isinstance(r, AgendaItem)}
    for a in feed.listing("agendapunten"):
        item = items[a["id"]]
        parent = a.get("hoofdagendapunt", {}).get("id")
        assert (item.parent_id or "").endswith(parent or "") and bool(item.parent_id) == bool(
            parent
        )
        assert item.meeting_id.endswith(a["vergadering"]["id"])
    orders = sorted((i.meeting_id, i.parent_id or "", i.order) for i in items.values())
    assert len(orders) == len(set(orders))  # siblings never share a place
    cancelled = [m for m in got["meeting"] if isinstance(m, Meeting)]
    assert {m.status for m in cancelled} >= {MeetingStatus.CANCELLED, MeetingStatus.CONFIRMED}
    docs = [d for d in got["document"] if isinstance(d, Document)]
    assert all(d.agenda_item_id and d.meeting_id for d in docs)
    motions = {m.native_id: m for m in got["motion"] if isinstance(m, Motion)}
    zwemles = next(m for m in motions.values() if "zwemles" in m.title)
    assert zwemles.result is not None and zwemles.result.value == "aangenomen"
    assert zwemles.submitters == ["P. de Vries", "R. van Dijk"]
    assert zwemles.parties == ["GroenLinks-PvdA", "CDA"]
    votes = [v for v in got["vote"] if isinstance(v, Vote)]
    against = {v.voter_name for v in votes if v.motion_id.endswith(zwemles.native_id)
               and v.choice.value == "tegen"}  # fmt: skip
    assert against == {"E. Mulder"}


def test_the_second_run_reads_only_the_events_and_the_changed_resource(runs: Runs) -> None:
    report = runs.second
    assert report.status == "ok", report.errors
    paths = [(r.path.rsplit("/", 1)[-1] if "/events" not in r.path else "events")
             for r in runs.second_requests]  # fmt: skip
    assert set(paths) == {"events", runs.changed}
    assert paths.count(runs.changed) == 1
    assert report.counts["ori_events"] >= 2 and report.counts["ori_events_deleted"] == 1
    assert "listed_in_full" not in report.counts and report.counts["changes_only"] == 1
    assert "changes_only" not in runs.first.counts
    assert runs.deleted in runs.withdrawn and len(runs.withdrawn) == 1
    sitting = next(m for m in runs.records["meeting"] if m.native_id == runs.changed)
    assert isinstance(sitting, Meeting) and sitting.location == "Dorpshuis De Kreek"
    assert report.watermark is not None and runs.first.watermark is not None
    assert report.watermark > runs.first.watermark


def test_a_changed_sub_item_is_read_with_its_meeting_and_parent_for_its_place(runs: Runs) -> None:
    report = runs.third
    assert report.status == "ok", report.errors
    ids = [r.path.rsplit("/", 1)[-1] for r in runs.third_requests if "/events" not in r.path]
    sub = runs.feed.find("agendapunten", runs.sub_item)
    assert sub is not None
    assert sorted(ids) == sorted(
        [sub["id"], sub["vergadering"]["id"], sub["hoofdagendapunt"]["id"]]
    )
    before = next(r for r in runs.first_records["agenda_item"] if r.native_id == sub["id"])
    after = next(r for r in runs.third_records["agenda_item"] if r.native_id == sub["id"])
    assert isinstance(before, AgendaItem) and isinstance(after, AgendaItem)
    assert after.name == "Zienswijzen (gewijzigd)"
    assert (after.order, after.parent_id, after.meeting_id) == (
        before.order,
        before.parent_id,
        before.meeting_id,
    )
