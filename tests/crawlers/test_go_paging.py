"""GemeenteOplossingen v2 paging against the loopback sandbox, whatever the installation does
with `limit`/`offset`: the list always ends, no meeting served is lost, and a list that may have
left meetings out makes the run partial (so nothing is withdrawn), with the reason recorded."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from crawlers.go_paging import PageStep, next_page
from crawlers.report import CrawlReport
from crawlers.run import run_crawl
from vindplaats.harvest.run import harvest
from vindplaats.sandbox import Sandbox
from vindplaats.settings import Settings, load_settings
from vindplaats.store import open_store

KEY = "polderveen-go"  # the v2 town: 10 meetings (one inactive), 4 per page at most


@pytest.fixture(scope="module")
def sandbox() -> Iterator[Sandbox]:
    with Sandbox() as running:
        yield running


@dataclass
class Paged:
    report: CrawlReport
    offsets: list[str]  # the `offset` of every meeting-list request, in order
    meetings: set[int]  # native ids of the meetings stored


def settings_in(path: Path) -> Settings:
    return load_settings(
        data_dir=path, allow_private_networks=True, download_delay=0, autothrottle=False
    )


def crawl_with(sandbox: Sandbox, path: Path, mode: str) -> Paged:
    settings = settings_in(path)
    store = open_store(settings)
    try:
        for source in sandbox.sources(supplier="gemeenteoplossingen"):
            store.upsert_source(source)
        world = sandbox.go_world
        world.paging[KEY] = mode
        sandbox.clear_requests()
        try:
            report = run_crawl(
                settings, KEY, window_from=world.date_from, window_until=world.date_until
            )
        finally:
            world.paging.pop(KEY, None)
        offsets = [
            r.query.rsplit("offset=", 1)[1]
            for r in sandbox.requests
            if r.path.endswith("/api/v2/meetings")
        ]
        meetings = {int(r.native_id) for r in store.iter_records("meeting", KEY)}
        return Paged(report, offsets, meetings)
    finally:
        store.close()


def listed(sandbox: Sandbox, count: int | None = None) -> set[int]:
    """The active meetings among the first `count` the town lists (all when None)."""
    town = sandbox.go_world.town(KEY)
    order = sorted(town.sittings, key=lambda s: (s.start, s.id))[:count]
    return {s.id for s in order if not s.inactive}


def test_capped_pages_without_total_count_are_followed_to_the_short_page(
    sandbox: Sandbox, tmp_path: Path
) -> None:
    paged = crawl_with(sandbox, tmp_path, "no_total")
    assert paged.offsets == ["0", "4", "8"]
    assert paged.meetings == listed(sandbox)
    assert paged.report.status == "ok" and paged.report.counts["meeting_pages"] == 3


def test_a_server_ignoring_offset_ends_the_list_and_makes_the_run_partial(
    sandbox: Sandbox, tmp_path: Path
) -> None:
    paged = crawl_with(sandbox, tmp_path, "ignore_offset")
    assert paged.offsets == ["0", "4"]  # the repeated page ends the list
    assert paged.meetings == listed(sandbox, 4)
    assert paged.report.status == "partial"
    assert any(
        "a page repeating earlier meetings at offset 4 after 4 meetings, but totalCount 10" in e
        for e in paged.report.errors
    )


def test_an_envelope_reporting_an_error_makes_the_run_partial_and_names_the_reason(
    sandbox: Sandbox, tmp_path: Path
) -> None:
    paged = crawl_with(sandbox, tmp_path, "error_after_first")  # HTTP 200, status ERROR
    assert paged.offsets == ["0", "4"]
    assert paged.meetings == listed(sandbox, 4)
    assert paged.report.status == "partial"
    assert any(
        "offset=4" in e and "Database timeout (status ERROR, code 500)" in e
        for e in paged.report.errors
    )


def test_the_whole_list_at_once_needs_no_second_page(sandbox: Sandbox, tmp_path: Path) -> None:
    paged = crawl_with(sandbox, tmp_path, "whole_list")
    assert paged.offsets == ["0"]
    assert paged.meetings == listed(sandbox)
    assert paged.report.status == "ok"


def test_a_total_count_too_low_does_not_stop_the_pages_early(
    sandbox: Sandbox, tmp_path: Path
) -> None:
    paged = crawl_with(sandbox, tmp_path, "total_low")  # announces 7 of 10
    assert paged.offsets == ["0", "4", "8"]
    assert paged.meetings == listed(sandbox)
    assert paged.report.status == "ok" and paged.report.counts["meeting_pages_odd"] == 1


def test_a_total_count_too_high_ends_on_the_empty_page_as_partial(
    sandbox: Sandbox, tmp_path: Path
) -> None:
    paged = crawl_with(sandbox, tmp_path, "total_high")  # announces 15 of 10
    assert paged.offsets == ["0", "4", "8", "10"]
    assert paged.meetings == listed(sandbox)
    assert paged.report.status == "partial"
    assert any(
        "an empty page at offset 10 after 10 meetings, but totalCount 15" in e
        for e in paged.report.errors
    )


def test_a_run_whose_pages_repeat_withdraws_nothing(sandbox: Sandbox, tmp_path: Path) -> None:
    settings = settings_in(tmp_path)
    store = open_store(settings)
    try:
        for source in sandbox.sources(supplier="gemeenteoplossingen"):
            store.upsert_source(source)
    finally:
        store.close()
    world = sandbox.go_world
    since, until = world.date_from, world.date_until
    first = harvest(settings, KEY, since=since, until=until)
    assert first.counts["meetings"] == len(listed(sandbox))
    world.paging[KEY] = "ignore_offset"
    try:
        second = harvest(settings, KEY, since=since, until=until)
    finally:
        world.paging.pop(KEY, None)
    assert second.counts.get("withdrawn", 0) == 0
    assert any(e.startswith("nothing marked withdrawn") for e in second.errors)
    store = open_store(settings)
    try:
        meetings = list(store.iter_records("meeting", KEY))
        assert len(meetings) == len(listed(sandbox))
        assert all(store.withdrawn_since(m.id) is None for m in meetings)
    finally:
        store.close()


# -- the decision itself, for the answers the sandbox does not give -------------------------


def step(**given: int | None) -> PageStep:
    values: dict[str, int | None] = {"page": 2, "offset": 100, "limit": 100, "first_len": 100}
    values |= given
    return next_page(**values)  # type: ignore[arg-type]


def test_a_repeated_page_without_total_count_is_an_error() -> None:
    result = step(got=100, new=0, seen=100, total=None)
    assert result.next_offset is None
    assert result.error is not None and "ignores offset" in result.error


def test_a_repeated_whole_list_confirmed_by_total_count_ends_quietly() -> None:
    assert step(offset=150, got=150, new=0, seen=150, total=150) == PageStep(None)


def test_full_pages_are_followed_even_when_total_count_is_reached() -> None:
    assert step(got=100, new=100, seen=200, total=200).next_offset == 200


def test_a_short_first_page_without_total_count_gets_one_probe() -> None:
    assert step(page=1, offset=0, first_len=3, got=3, new=3, seen=3, total=None).next_offset == 3
    assert step(page=2, offset=3, first_len=3, got=0, new=0, seen=3, total=None) == PageStep(None)


def test_an_empty_list_ends_at_once() -> None:
    assert step(page=1, offset=0, first_len=0, got=0, new=0, seen=0, total=0) == PageStep(None)
