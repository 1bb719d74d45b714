"""`vindplaats search`: human output with pages and snippets, filters, JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.search_api.sample import LETTERS, Sample, build_sample
from tests.vindplaats.cli.runner import run_cli
from tests.vindplaats.harvest.woo_corpus import (
    ADVIES_DOC,
    AFVAL,
    BESLUIT_DOC,
    CONVENANT_DOC,
    INGEKOMEN_DOC,
    MAILS_DOC,
    MOTIE_DOC,
    MOTION,
    RAADSVOORSTEL_DOC,
    VWS,
    build_corpus,
)


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Sample:
    return build_sample(tmp_path_factory.mktemp("cli-search"))


@pytest.fixture(scope="module")
def woo_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The data directory of the Woo corpus (council records and Woo publications, indexed)."""
    return build_corpus(tmp_path_factory.mktemp("cli-search-woo")).data_dir


def _found(data_dir: Path, *options: str) -> set[str]:
    result = run_cli("search", "", "--json", "--size", "100", *options, data_dir=data_dir)
    assert result.code == 0, result.err
    return {hit["id"] for hit in json.loads(result.out)["hits"]}


def test_human_output_shows_hit_pages_and_total(sample: Sample) -> None:
    result = run_cli("search", "onderwijs", data_dir=sample.settings.data_dir)
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0] == "1. Begroting 2025"
    assert "Gemeente Testdam · 2024-11-05 · raadsvoorstel · Gemeenteraad" in lines[1]
    assert lines[2].strip() == sample.begroting_id
    assert "p. 2: Het college investeert in woningbouw en *onderwijs*." in lines[3]
    assert "\033[" not in result.out  # not a terminal: no ANSI codes
    assert lines[-1] == "1 document found."


def test_filters_sort_and_size(sample: Sample) -> None:
    result = run_cli(
        "search", "", "--organization", "Gemeente Anderdam", "--type", "Ingekomen stuk",
        "--sort", "date_desc", "--size", "2", "--from", "2024-01-01",
        data_dir=sample.settings.data_dir,
    )  # fmt: skip
    assert result.code == 0, result.err
    assert result.out.startswith(f"1. Ingekomen brief {LETTERS - 1:02d}")
    assert f"{LETTERS} documents found; showing 2" in result.out


def test_type_and_organisation_filters_take_any_spelling(sample: Sample) -> None:
    for organization, kind in (("anderdam", "ingekomen stukken"), ("ANDERDAM", "INGEKOMEN_STUK")):
        result = run_cli(
            "search", "", "--organization", organization, "--type", kind, "--size", "1",
            data_dir=sample.settings.data_dir,
        )  # fmt: skip
        assert result.code == 0, result.err
        assert f"{LETTERS} documents found; showing 1" in result.out
    shown = run_cli("search", "fietspad", data_dir=sample.settings.data_dir)
    assert "· motie ·" in shown.out or "· motie (" in shown.out
    bad = run_cli("search", "", "--woo-category", "3.3.9z", data_dir=sample.settings.data_dir)
    assert bad.code == 2 and "invalid choice" in bad.err


def test_json_output(sample: Sample) -> None:
    result = run_cli("search", "fietspad", "--json", data_dir=sample.settings.data_dir)
    assert result.code == 0
    body = json.loads(result.out)
    assert body["total"] == 1
    assert body["hits"][0]["id"] == sample.motie_id
    assert body["hits"][0]["pages"][0]["number"] == 1


def test_nothing_found_and_odd_syntax(sample: Sample) -> None:
    for query in ("zzzonbekendzzz", '"unbalanced - | *'):
        result = run_cli("search", query, data_dir=sample.settings.data_dir)
        assert result.code == 0, (query, result.err)
        assert " found" in result.out.strip().splitlines()[-1]


def test_bad_dates_exit_2(sample: Sample) -> None:
    data = sample.settings.data_dir
    bad = run_cli("search", "x", "--from", "2024-31-01", data_dir=data)
    assert bad.code == 2 and "YYYY-MM-DD" in bad.err
    reversed_range = run_cli(
        "search", "x", "--from", "2024-02-01", "--to", "2024-01-01", data_dir=data
    )
    assert reversed_range.code == 2
    assert reversed_range.err.startswith("vindplaats: error: --from")


def test_search_in_empty_data_dir(tmp_path: Path) -> None:
    result = run_cli("search", "begroting", data_dir=tmp_path)
    assert result.code == 0, result.err
    assert result.out.strip() == "0 documents found."


def test_woo_filters_read_values_as_the_api_does(woo_corpus: Path) -> None:
    utrecht = {CONVENANT_DOC.id, RAADSVOORSTEL_DOC.id, INGEKOMEN_DOC.id}
    assert _found(woo_corpus, "--publisher", "gemeente UTRECHT") == utrecht
    vws_or_testdam = {BESLUIT_DOC.id, MAILS_DOC.id, ADVIES_DOC.id, MOTIE_DOC.id, MOTION.id}
    assert _found(woo_corpus, "--publisher", VWS, "--publisher", "testdam") == vws_or_testdam
    assert _found(woo_corpus, "--woo-document-type", "ADVIES") == {ADVIES_DOC.id, CONVENANT_DOC.id}
    assert _found(woo_corpus, "--woo-theme", AFVAL) == {ADVIES_DOC.id}
    both = ("--woo-judgement", "openbaar", "--woo-judgement", "niet openbaar")
    assert _found(woo_corpus, *both) == {ADVIES_DOC.id, CONVENANT_DOC.id}
    grounds = ("--woo-ground", "5.1.2 e", "--woo-category", "3.3.2f")
    assert _found(woo_corpus, *grounds) == {CONVENANT_DOC.id}
    assert _found(woo_corpus, "--woo-ground", "zie besluit") == set()


def test_woo_filters_shown_for_people(woo_corpus: Path) -> None:
    result = run_cli("search", "", "--woo-judgement", "deels openbaar", data_dir=woo_corpus)
    assert result.code == 0, result.err
    assert result.out.splitlines()[-1] == "1 document found."
    assert f"   {MAILS_DOC.id}" in result.out.splitlines()


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (("--woo-judgement", "gedeeltelijk"), "--woo-judgement must be one of: openbaar, "),
        (("--woo-judgement", ""), "--woo-judgement is empty"),
        (("--woo-ground", "5" * 1001), "--woo-ground is longer than 1000 characters"),
        (("--publisher", "a\x01b"), "--publisher contains control characters"),
    ],
)
def test_bad_woo_filter_values_exit_2_naming_the_option(
    woo_corpus: Path, options: tuple[str, ...], message: str
) -> None:
    result = run_cli("search", "", *options, data_dir=woo_corpus)
    assert result.code == 2
    assert result.err.startswith(f"vindplaats: error: {message}"), result.err
    assert "Traceback" not in result.err and result.out == ""


def test_year_keeps_documents_dated_in_it_and_a_bad_year_exits_2(sample: Sample) -> None:
    data = sample.settings.data_dir
    result = run_cli("search", "", "--json", "--size", "100", data_dir=data)
    hits = json.loads(result.out)["hits"]
    years = {str(h["date"])[:4] for h in hits if h["date"]}
    assert len(years) >= 2, years  # the sample spans years, so the filter can fail
    for year in years:
        wanted = {h["id"] for h in hits if str(h["date"] or "").startswith(year)}
        assert _found(data, "--year", year) == wanted
    both = sorted(years)[:2]
    assert _found(data, "--year", both[0], "--year", both[1]) == {
        h["id"] for h in hits if str(h["date"] or "")[:4] in both
    }
    bad = run_cli("search", "", "--year", "24", data_dir=data)
    assert bad.code == 2 and "four digits" in bad.err
    assert "Traceback" not in bad.err
    newest = run_cli("search", "", "--sort", "added_desc", data_dir=data)
    assert newest.code == 0, newest.err
