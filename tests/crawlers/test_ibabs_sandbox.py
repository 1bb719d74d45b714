"""End-to-end: the iBabs spider against the loopback sandbox (`vindplaats.sandbox`).

The three iBabs sample sources (and the site that has not whitelisted the harvester) are
harvested once per module, side by side, each into its own data directory.
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from crawlers.report import CrawlReport
from crawlers.run import run_crawl
from normalize.ids import parse_id
from normalize.motions import normalize_motion_result
from normalize.records import (
    RECORD_CLASSES,
    Committee,
    Document,
    DownloadStatus,
    Motion,
    Person,
    Vote,
    VoteChoice,
)
from vindplaats.sandbox import Sandbox
from vindplaats.sandbox.ibabs_names import display
from vindplaats.sandbox.ibabs_world import IbabsExpected, IbabsWorld
from vindplaats.settings import Settings, load_settings
from vindplaats.sources import Source, build_source
from vindplaats.store import Store, open_store

KEYS = ("bergenrode", "duinwijk", "polderveen")
UNLISTED = "geheimdorp"


@dataclass
class Harvest:
    settings: Settings
    report: CrawlReport
    expected: IbabsExpected | None


def crawl(sandbox: Sandbox, source: Source, data_dir: Path) -> Harvest:
    settings = load_settings(
        data_dir=data_dir, allow_private_networks=True, download_delay=0, autothrottle=False
    )
    store = open_store(settings)
    try:
        store.upsert_source(source)
    finally:
        store.close()
    world = sandbox.ibabs_world
    report = run_crawl(
        settings, source.key, window_from=world.date_from, window_until=world.date_until
    )
    expected = world.expected(source.key) if source.key in world.source_keys else None
    return Harvest(settings, report, expected)


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sandbox]:
    with Sandbox(files_dir=tmp_path_factory.mktemp("ibabs-files")) as running:
        running.prepare_files()
        yield running


@pytest.fixture(scope="module")
def harvests(sandbox: Sandbox, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Harvest]:
    sources = sandbox.sources(supplier="ibabs")
    unlisted = build_source(
        key=UNLISTED,
        name="Geheimdorp",
        supplier="ibabs",
        ibabs_sitename=sandbox.ibabs_world.unlisted_site,
        base_url=sandbox.ibabs_url,
    )
    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = {
            s.key: pool.submit(crawl, sandbox, s, tmp_path_factory.mktemp(s.key))
            for s in [*sources, unlisted]
        }
        return {key: future.result() for key, future in futures.items()}


@pytest.fixture
def opened(harvests: dict[str, Harvest]) -> Iterator[dict[str, Store]]:
    stores = {key: open_store(h.settings) for key, h in harvests.items()}
    yield stores
    for store in stores.values():
        store.close()


def natives(store: Store, record_type: str, key: str) -> set[str]:
    return {parse_id(r.id)[3] for r in store.iter_records(record_type, key)}


def test_the_sandbox_has_three_ibabs_sources(sandbox: Sandbox) -> None:
    sources = sandbox.sources(supplier="ibabs")
    assert [s.key for s in sources] == list(KEYS)
    assert {s.ibabs_sitename for s in sources} == {"bergenrode", "duinpolder"}
    assert all(s.base_url == sandbox.ibabs_url for s in sources)


@pytest.mark.parametrize("key", KEYS)
def test_a_harvest_finds_everything(
    harvests: dict[str, Harvest], opened: dict[str, Store], key: str
) -> None:
    harvest, store = harvests[key], opened[key]
    expected = harvest.expected
    assert expected is not None
    assert natives(store, "committee", key) == expected.committee_ids
    assert natives(store, "meeting", key) == expected.meeting_ids
    assert natives(store, "agenda_item", key) == expected.agenda_item_ids
    assert natives(store, "document", key) == expected.document_ids
    assert natives(store, "person", key) == expected.person_ids
    assert natives(store, "register_entry", key) == expected.register_entry_ids
    assert natives(store, "motion", key) == expected.motion_ids
    assert natives(store, "vote", key) == expected.vote_ids
    assert natives(store, "organization", key) == {key}
    councils = {
        c.native_id
        for c in store.iter_records("committee", key)
        if isinstance(c, Committee) and c.is_council
    }
    assert councils == expected.council_ids
    registers = {r.model_dump()["register_name"] for r in store.iter_records("register_entry", key)}
    assert registers == expected.list_names

    counts = harvest.report.counts
    assert counts.get("errors", 0) == 0, harvest.report.errors
    assert counts["documents_downloaded"] == len(expected.downloadable_document_ids)
    assert counts.get("download_failed", 0) == len(expected.locked_document_ids)
    hidden = len(expected.confidential_document_ids) + len(expected.confidential_item_ids)
    assert counts.get("skipped_non_public", 0) == hidden
    assert harvest.report.status == ("partial" if expected.locked_document_ids else "ok")


def test_every_entry_of_a_long_register_is_harvested(
    harvests: dict[str, Harvest], opened: dict[str, Store]
) -> None:
    expected = harvests["bergenrode"].expected
    assert expected is not None and expected.largest_list > 40
    entries = list(opened["bergenrode"].iter_records("register_entry", "bergenrode"))
    letters = [e for e in entries if e.model_dump()["register_name"] == "Ingekomen stukken"]
    assert len(letters) == expected.largest_list  # beyond the 20 one answer holds


def test_include_and_exclude_patterns_split_the_shared_site(
    harvests: dict[str, Harvest], opened: dict[str, Store]
) -> None:
    duinwijk, polderveen = harvests["duinwijk"].expected, harvests["polderveen"].expected
    assert duinwijk is not None and polderveen is not None
    mine = natives(opened["duinwijk"], "meeting", "duinwijk")
    theirs = natives(opened["polderveen"], "meeting", "polderveen")
    assert mine and theirs and not mine & theirs
    assert mine | theirs == duinwijk.meeting_ids | duinwijk.other_meeting_ids
    assert not natives(opened["duinwijk"], "person", "duinwijk") & polderveen.person_ids
    # a register named after neither municipality belongs to both
    assert "Toezeggingen" in duinwijk.list_names & polderveen.list_names
    assert harvests["duinwijk"].report.counts["skipped_by_pattern"] > 0


def test_motions_carry_results_context_and_votes(
    harvests: dict[str, Harvest], opened: dict[str, Store]
) -> None:
    expected, store = harvests["bergenrode"].expected, opened["bergenrode"]
    assert expected is not None
    motions = {m.native_id: m for m in store.iter_records("motion", "bergenrode")}
    for ident, raw in expected.motion_results.items():
        motion = motions[ident]
        assert isinstance(motion, Motion)
        assert motion.result == (normalize_motion_result(raw) if raw else None)
        assert motion.result_raw == raw
        assert motion.motion_type in ("motie", "amendement")
        assert motion.submitters and motion.parties and motion.document_ids
        meeting, item = expected.entry_contexts.get(ident, (None, None))
        assert (motion.meeting_id and parse_id(motion.meeting_id)[3]) == meeting
        assert (motion.agenda_item_id and parse_id(motion.agenda_item_id)[3]) == item
    votes = [v for v in store.iter_records("vote", "bergenrode") if isinstance(v, Vote)]
    persons = {p.id for p in store.iter_records("person", "bergenrode") if isinstance(p, Person)}
    assert {v.voter_person_id for v in votes} <= persons
    choices = {v.choice for v in votes}
    assert choices == {VoteChoice.VOOR, VoteChoice.TEGEN, VoteChoice.AFWEZIG}


def test_register_values_read_in_the_recorded_forms(
    harvests: dict[str, Harvest], opened: dict[str, Store]
) -> None:
    """The sandbox writes dates as `Nov 20 2025 12:00AM`, submitters as `Boer, T. de (Tom)
    (Lokaal Bergenrode)` and voters as `Boer, Tom de`: each submitter string is one person with
    its party, and the date is the entry's own date, not its MutationDate."""
    world = IbabsWorld()
    site = world.sites["bergenrode"]
    users = {u.id.lower(): u for u in site.users}
    store = opened["bergenrode"]
    motions = [m for m in store.iter_records("motion", "bergenrode") if isinstance(m, Motion)]
    assert motions
    for motion in motions:
        entry = site.entry(motion.native_id)
        assert entry is not None
        people = [entry.values["Indiener(s)"], *entry.values["Mede-indieners"].split(";")]
        raw = [p for p in people if p]
        assert len(motion.submitters) == len(raw)
        assert all("," not in name and "(" not in name for name in motion.submitters)
        parties = [p.rsplit("(", 1)[1].rstrip(")") for p in raw]
        assert motion.parties == list(dict.fromkeys(parties))
        assert motion.date is not None and motion.date.hour == 0
        assert motion.date.date() != entry.changed_at.date()  # the day after the meeting
    votes = [v for v in store.iter_records("vote", "bergenrode") if isinstance(v, Vote)]
    for vote in votes:
        user = users[vote.native_id.split(".", 1)[1].lower()]
        assert vote.voter_name == display(user.name)  # "Tom de Boer" from "Boer, Tom de"
        assert vote.party == user.party


def test_the_locked_file_is_a_recorded_download_failure(
    harvests: dict[str, Harvest], opened: dict[str, Store]
) -> None:
    expected, store = harvests["bergenrode"].expected, opened["bergenrode"]
    assert expected is not None
    [locked] = expected.locked_document_ids
    state = store.get_document_state(f"document:ibabs:bergenrode:{locked}")
    document = store.get_record(f"document:ibabs:bergenrode:{locked}")
    assert isinstance(document, Document)
    assert state.download_status is DownloadStatus.FAILED
    assert state.download_error == f"HTTP 403 Forbidden: {document.original_url}"
    assert harvests["bergenrode"].report.errors == [state.download_error]


def test_every_stored_record_validates(opened: dict[str, Store]) -> None:
    for key in KEYS:
        for record_type, cls in RECORD_CLASSES.items():
            for record in opened[key].iter_records(record_type, key):
                assert cls.model_validate(record.model_dump()) == record


def test_a_site_that_did_not_whitelist_us_fails_the_run_saying_so(
    harvests: dict[str, Harvest], opened: dict[str, Store]
) -> None:
    report = harvests[UNLISTED].report
    assert report.status == "failed"
    assert report.errors == [
        "not whitelisted by iBabs for site 'geheimdorp': ask the municipality to consent to "
        "harvesting (iBabs answered: iBabsWCFService has no access to site geheimdorp!)"
    ]
    assert opened[UNLISTED].count_records(UNLISTED) == {}
