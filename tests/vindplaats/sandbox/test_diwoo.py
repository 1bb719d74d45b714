"""The sandbox's Woo publishers harvested by the DiWoo spider through the real harvest run (crawl
child → store → extract → dossiers → index): the ministry's every document and its two
Woo-besluit dossiers with the judgements and grounds of their XLSX and CSV inventories joined to
the harvested files; the municipality's every sitemap variant read; the scanned note's text
found by OCR only; after the world's mutations a changed lastmod re-fetches only that document
and a URL taken out of the sitemaps is withdrawn."""

from __future__ import annotations

import io
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import httpx
import pypdf
import pytest

from normalize.dossier import Dossier, JoinedBy, Outcome
from normalize.ids import make_id
from normalize.records import Document, ExtractionStatus
from tests.vindplaats.harvest.sandboxed import searchable_ids
from vindplaats.harvest.run import harvest
from vindplaats.sandbox import Sandbox
from vindplaats.sandbox.diwoo import DiwooSites
from vindplaats.sandbox.woo_files import render
from vindplaats.sandbox.woo_publishers import SCANNED_WORD
from vindplaats.sandbox.woo_world import WooExpected, WooWorld
from vindplaats.settings import Settings, load_settings
from vindplaats.store import RunStatus, Store, open_store
from vindplaats.store.models import HarvestRun
from vindplaats.woo.validate import validate

MINISTRY, TOWN = "ministerie-ienw", "zandaam-woo"
TODAY = date(2026, 11, 28)
CHANGED = "/woo/raadsvoorstel-havenkwartier.pdf"  # its lastmod changes before the rerun
REMOVED = "/woo/motie-dijkzicht.pdf"  # taken out of the sitemaps before the rerun
NEW_LASTMOD = "2026-11-27T08:00:00+01:00"
OCR = bool(shutil.which("tesseract") and shutil.which("pdftoppm"))


def diwoo_plugin(sandbox: Sandbox) -> DiwooSites:
    """The sandbox's DiWoo plug-in, discovered beside the others."""
    plugin = next(p for p in sandbox.plugins if p.supplier == "diwoo")
    assert isinstance(plugin, DiwooSites)
    return plugin


@dataclass
class Story:
    sandbox: Sandbox
    plugin: DiwooSites
    settings: Settings
    store: Store
    runs: dict[str, HarvestRun]
    expected: dict[str, WooExpected]  # what the first harvest of each publisher must find
    files: dict[str, list[str]]  # the document files each run asked for, below the site
    searchable: dict[str, set[str]]

    def doc_id(self, key: str, path: str) -> str:
        return make_id("document", "diwoo", key, self.expected[key].documents[path])

    def dossiers(self, key: str) -> dict[str, Dossier]:
        found = [d for d in self.store.iter_records("dossier", key) if isinstance(d, Dossier)]
        return {d.case_number or "": d for d in found}


@pytest.fixture(scope="module")
def story(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Story]:
    tmp: Path = tmp_path_factory.mktemp("sandbox-diwoo")
    settings = load_settings(
        data_dir=tmp / "data",
        allow_private_networks=True,
        download_delay=0,
        autothrottle=False,
        ocr=OCR,
        backfill_from=date(2026, 1, 1),
    )
    with Sandbox(files_dir=tmp / "files") as sandbox:
        plugin = diwoo_plugin(sandbox)
        store = open_store(settings)
        for source in plugin.sources():
            store.upsert_source(source)
        runs: dict[str, HarvestRun] = {}
        files: dict[str, list[str]] = {}
        searchable: dict[str, set[str]] = {}

        def run(name: str, key: str) -> None:
            sandbox.clear_requests()
            runs[name] = harvest(settings, key, today=TODAY)
            site = f"/diwoo/{key}"
            files[name] = sorted(
                e.path[len(site) :] for e in sandbox.requests if e.path.startswith(site + "/woo/")
            )
            searchable[name] = searchable_ids(settings)

        expected = {key: plugin.world.expected(key) for key in (MINISTRY, TOWN)}
        run("ministry", MINISTRY)
        run("town", TOWN)
        plugin.world.relist(TOWN, CHANGED, NEW_LASTMOD)
        plugin.world.withdraw(TOWN, REMOVED)
        run("rerun", TOWN)
        yield Story(sandbox, plugin, settings, store, runs, expected, files, searchable)
        store.close()


def stored_documents(story: Story, key: str) -> dict[str, Document]:
    return {d.id: d for d in story.store.iter_records("document", key) if isinstance(d, Document)}


def test_every_document_of_the_ministry_is_harvested_and_extracted(story: Story) -> None:
    run, expected = story.runs["ministry"], story.expected[MINISTRY]
    assert run.status == RunStatus.OK, run.errors
    assert run.counts["listed_in_full"] == 1
    assert run.counts["documents"] == len(expected.documents) == 11
    assert set(stored_documents(story, MINISTRY)) == {
        story.doc_id(MINISTRY, path) for path in expected.documents
    }
    assert sorted(story.files["ministry"]) == sorted(expected.documents)
    letter = story.store.get_record(story.doc_id(MINISTRY, "/woo/2026-0117/besluit.pdf"))
    assert isinstance(letter, Document) and letter.woo is not None
    assert letter.woo.publisher is not None and letter.woo.publisher.known
    assert letter.woo.publisher.uri == "https://identifier.overheid.nl/tooi/id/ministerie/mnre1130"
    assert [c.label for c in letter.woo.informatiecategorieen] == ["Woo-verzoeken en -besluiten"]
    for path in expected.documents:
        state = story.store.get_document_state(story.doc_id(MINISTRY, path))
        if path not in expected.scanned:
            assert state.extraction_status == ExtractionStatus.OK, (path, state.extraction_error)
    text = " ".join(p.text for p in story.store.get_pages(letter.id))
    assert "vervanging van de Kreekbrug" in text


def test_the_xlsx_dossier_shows_its_judgements_and_grounds_joined_to_the_files(
    story: Story,
) -> None:
    run = story.runs["ministry"]
    assert run.counts["dossiers"] == 2 and run.counts["dossier_rows_joined"] == 7
    dossier = story.dossiers(MINISTRY)["WOO-2026-0117"]
    [expected] = [d for d in story.expected[MINISTRY].dossiers if d.case == "WOO-2026-0117"]
    assert dossier.title == expected.title
    assert dossier.decision_document_id == story.doc_id(MINISTRY, expected.letter)
    assert dossier.inventory_files[0].format == "xlsx" and dossier.problems == []
    by_number = {int(e.number): e for e in dossier.inventory}
    assert {n: e.judgement_text for n, e in by_number.items()} == expected.judgements
    assert [g.code for g in by_number[2101].grounds] == ["5.1.2e"]
    assert [g.code for g in by_number[2102].grounds] == ["5.2", "5.1.2i"]
    assert [g.code for g in by_number[2105].grounds] == ["5.1.1c", "5.1.2f"]
    for number in expected.by_link:
        assert by_number[number].joined_by == JoinedBy.LINK, number
    for number in expected.by_number:
        assert by_number[number].joined_by == JoinedBy.NUMBER, number
    assert by_number[2106].document_id == story.doc_id(
        MINISTRY, "/woo/2026-0117/2106_Handgeschreven_aantekening.pdf"
    )
    assert [(n.number, n.reason) for n in dossier.not_joined] == [
        ("2105", "niet openbaar: not published")
    ]
    assert dossier.outcome == Outcome.DEELS_OPENBAAR
    assert dossier.judgement_counts == {
        "deels openbaar": 2, "niet openbaar": 1, "openbaar": 2, "reeds openbaar": 1,
    }  # fmt: skip
    assert set(dossier.document_ids) == {story.doc_id(MINISTRY, p) for p in expected.documents}


def test_the_csv_dossier_joins_its_rows_by_number(story: Story) -> None:
    dossier = story.dossiers(MINISTRY)["WOO-2026-0142"]
    assert dossier.inventory_files[0].format == "csv"
    by_number = {e.number: e for e in dossier.inventory}
    assert by_number["3101"].joined_by == JoinedBy.NUMBER
    assert by_number["3101"].document_id == story.doc_id(MINISTRY, "/woo/2026-0142/3101.pdf")
    assert [g.code for g in by_number["3102"].grounds] == ["5.1.2e"]
    assert [(n.number, n.reason) for n in dossier.not_joined] == [
        ("3103", "niet openbaar: not published")
    ]
    assert dossier.judgement_counts == {"deels openbaar": 1, "niet openbaar": 1, "openbaar": 1}


def test_the_scanned_note_has_no_text_layer_and_only_ocr_finds_its_text(story: Story) -> None:
    [path] = story.expected[MINISTRY].scanned
    data = httpx.get(story.plugin.site(MINISTRY) + path, timeout=30).content
    reader = pypdf.PdfReader(io.BytesIO(data))
    assert reader.pages[0].extract_text().strip() == "" and len(reader.pages[0].images) == 1
    if not OCR:
        pytest.skip("tesseract and pdftoppm are needed for OCR")
    doc_id = story.doc_id(MINISTRY, path)
    state = story.store.get_document_state(doc_id)
    assert state.extraction_status == ExtractionStatus.OK, state.extraction_error
    assert state.ocr_pages
    text = " ".join(p.text for p in story.store.get_pages(doc_id)).lower()
    assert SCANNED_WORD in text


def test_every_sitemap_variant_of_the_municipality_is_read(story: Story) -> None:
    run, expected = story.runs["town"], story.expected[TOWN]
    assert run.status == RunStatus.OK, run.errors
    assert run.counts["listed_in_full"] == 1
    docs = stored_documents(story, TOWN)
    assert set(docs) == {story.doc_id(TOWN, path) for path in expected.documents}
    assert len(docs) == 8
    # robots.txt: padded, relative (with the /diwoo/<key> prefix) and lower-case lines
    assert run.counts["sitemap_indexes"] == 3  # infocat008, infocat014, sitemap-index (urlset)
    assert run.counts["sitemaps"] == 4  # 0.9.8, gzip, diwoo:Documents root, 0.9.4
    assert run.counts["lastmod_malformed"] == 1 and run.counts["lastmod_missing"] == 1
    assert run.counts["documents_without_metadata"] == len(expected.without_metadata) == 3
    assert run.counts["unknown_codes"] >= 1  # Zandaam is in no TOOI list
    query = docs[story.doc_id(TOWN, "/woo/besluitenlijst.pdf?versie=2")]
    assert query.original_url is not None and query.original_url.endswith("?versie=2")
    bare = docs[story.doc_id(TOWN, "/woo/begroting%202027.pdf")]
    assert bare.woo is None and bare.title == "begroting 2027.pdf"
    flat = docs[story.doc_id(TOWN, "/woo/besluit-woo-2026-0088.pdf")]
    assert flat.woo is not None and flat.woo.officiele_titel == (
        "Besluit op het Woo-verzoek over de parkeervergunningen in Westerhaven"
    )
    old = docs[story.doc_id(TOWN, "/woo/jaarverslag-2025.pdf")]
    assert old.version == "2026-11-11 11:32:33" and old.title == "Jaarverslag 2025"
    for doc_id in docs:
        state = story.store.get_document_state(doc_id)
        assert state.extraction_status == ExtractionStatus.OK, (doc_id, state.extraction_error)


def test_a_changed_lastmod_re_fetches_only_that_document(story: Story) -> None:
    run = story.runs["rerun"]
    assert run.status == RunStatus.OK, run.errors
    assert story.files["rerun"] == [CHANGED]
    assert run.counts["documents_downloaded"] == 1
    record = story.store.get_record(story.doc_id(TOWN, CHANGED))
    assert isinstance(record, Document) and record.version == NEW_LASTMOD
    text = " ".join(p.text for p in story.store.get_pages(record.id))
    assert "Herziene versie 2" in text


def test_a_url_taken_out_of_the_sitemaps_is_withdrawn(story: Story) -> None:
    run = story.runs["rerun"]
    assert run.counts["withdrawn_documents"] == 1
    gone = story.doc_id(TOWN, REMOVED)
    assert story.store.withdrawn_since(gone) is not None
    assert gone in story.searchable["town"] and gone not in story.searchable["rerun"]
    assert story.plugin.world.expected(TOWN).withdrawn == (REMOVED,)
    answer = httpx.get(story.plugin.site(TOWN) + REMOVED, timeout=30)
    assert answer.status_code == 404


def test_sources_point_at_each_publishers_site(story: Story) -> None:
    sources = {s.key: s for s in story.plugin.sources()}
    assert set(sources) == {MINISTRY, TOWN}
    base = story.sandbox.base_url
    assert sources[MINISTRY].base_url == f"{base}/diwoo/{MINISTRY}"
    assert sources[MINISTRY].tooi_uri is not None and sources[TOWN].tooi_uri is None
    robots = httpx.get(f"{base}/diwoo/{TOWN}/robots.txt", timeout=30).text
    assert f"  Sitemap: /diwoo/{TOWN}/sitemapindex-diwoo-infocat008.xml  " in robots.splitlines()
    assert httpx.get(f"{base}/diwoo/nergens/robots.txt", timeout=30).status_code == 404


def rules_found(story: Story, key: str) -> set[str]:
    report = validate(story.plugin.site(key) + "/robots.txt", story.settings)
    return {finding.rule for file in report.files for finding in file.findings}


def test_validate_diwoo_finds_the_ministry_valid_but_for_http_and_names_the_town_variants(
    story: Story,
) -> None:
    """The ministry's files pass the sitemap and DiWoo 0.9.8 XSDs (a loopback site is http);
    the municipality's break the Woo-index rules in every way the harvester tolerates."""
    assert rules_found(story, MINISTRY) == {"WOO-LOC-HTTPS", "WOO-REF-HTTPS"}
    assert rules_found(story, TOWN) - {"WOO-LOC-HTTPS"} == {
        "WOO-ROBOTS-AGENT",  # no User-agent line
        "WOO-ROBOTS-PADDING",  # padded Sitemap: lines
        "WOO-ROBOTS-RELATIVE",  # a relative Sitemap: line
        "WOO-INDEX-NAME",  # sitemap-index.xml: not named by the convention
        "WOO-LOC-ABSOLUTE",  # the relative gzip part of an index
        "WOO-SITEMAP-URL",  # an index loc with a path after .xml and a query string
        "WOO-XML-ROOT",  # <urlset> as an index, the diwoo:Documents root
        "WOO-DIWOO-VERSION",  # DiWoo 0.9.4
        "WOO-LASTMOD-FORMAT",  # 2026-11-11 11:32:33
        "WOO-LASTMOD-ORDER",  # lastmod after diwoo:Document
        "WOO-LASTMOD-MISSING",  # an index and a document without lastmod
        "WOO-DIWOO-MISSING",  # documents without metadata
    }


def test_every_file_is_the_same_bytes_each_time_it_is_built() -> None:
    world, site = WooWorld(), "http://127.0.0.1:8123/diwoo/site"
    for publisher in world.publishers:
        for document in world.documents(publisher.key):
            assert render(publisher, document, site) == render(publisher, document, site)
    assert WooWorld().expected(TOWN) == world.expected(TOWN)
