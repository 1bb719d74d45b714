"""The Woo-index export of a generated organisation, written from a real SQLite store and checked
against the official sitemaps.org and DiWoo 0.9.8 XSDs and by `validate diwoo` itself.

The cuts are parameters: a few thousand documents with small cuts exercise cutting by count and
by size in every run; the 120,000-document organisation with the real limits is marked `slow`.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from lxml import etree

from normalize.diwoo_reader import read_entries
from normalize.records import Document, Supplier
from tests.vindplaats.woo.generated import KEY, PDF, TOOI, Generated, generate
from vindplaats.errors import ConfigError, NotFound
from vindplaats.settings import Settings
from vindplaats.sources import build_source
from vindplaats.store import open_blobs, open_store
from vindplaats.woo.export import ExportReport, Skipped, write_export
from vindplaats.woo.export_layout import MARKER
from vindplaats.woo.export_sitemaps import Cuts
from vindplaats.woo.schemas import load_schemas
from vindplaats.woo.validate import validate

ROOT = "https://woo.alkmaar.nl/publicaties"
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
KERN = "https://identifier.overheid.nl/tooi/def/thes/kern/"


def _export(
    settings: Settings,
    out: Path,
    cuts: Cuts | None = None,
    skipped: list[Skipped] | None = None,
    files: bool = True,
) -> ExportReport:
    store = open_store(settings)
    on_skip = None if skipped is None else skipped.append
    try:
        return write_export(
            store, open_blobs(settings), KEY, ROOT, out, files=files, cuts=cuts, on_skip=on_skip
        )
    finally:
        store.close()


def _sitemaps(out: Path) -> list[Path]:
    return sorted((out / "sitemaps").glob("*.xml"))


def assert_valid_export(settings: Settings, out: Path, max_urls: int, max_bytes: int) -> None:
    """Every file valid against its XSD, `validate diwoo` clean, every sitemap within the cuts."""
    schemas = load_schemas(settings.xsd_dir)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
    for path in [*out.glob("sitemapindex-*.xml"), *_sitemaps(out)]:
        root = etree.parse(str(path), parser)
        schema = schemas.urlset if root.getroot().tag == f"{SM}urlset" else schemas.sitemapindex
        assert schema.validate(root), (path.name, str(schema.error_log)[:500])
        if path.parent.name == "sitemaps":
            assert len(root.getroot().findall(f"{SM}url")) <= max_urls, path.name
            assert path.stat().st_size <= max_bytes, path.name
    report = validate(str(out), settings)
    assert [str(f) for f in report.findings] == []
    assert report.valid


@pytest.fixture(scope="module")
def organisation(tmp_path_factory: pytest.TempPathFactory) -> tuple[Settings, Generated]:
    from tests.vindplaats.woo.conftest import standards_or_skip
    from vindplaats.settings import load_settings

    settings = load_settings(
        data_dir=tmp_path_factory.mktemp("woo-export") / "data", xsd_dir=standards_or_skip()
    )
    return settings, generate(settings, 2_400)


def test_a_few_thousand_documents_cut_by_size_validate_clean(
    organisation: tuple[Settings, Generated], tmp_path: Path
) -> None:
    settings, generated = organisation
    cuts = Cuts(max_urls=1_000, max_bytes=250_000)
    report = _export(settings, tmp_path / "out", cuts)
    assert report.documents == generated.documents
    assert report.exported == generated.exportable
    assert_valid_export(settings, tmp_path / "out", cuts.max_urls, cuts.max_bytes)
    entries = [len(read_entries(p.read_bytes())) for p in _sitemaps(tmp_path / "out")]
    assert sum(entries) == generated.exportable
    assert max(entries) < cuts.max_urls  # the size cut, not the count, closed them
    assert report.sitemaps == len(entries) > 3


def test_sitemaps_are_cut_at_the_url_count(
    organisation: tuple[Settings, Generated], tmp_path: Path
) -> None:
    settings, _ = organisation
    cuts = Cuts(max_urls=400)
    _export(settings, tmp_path / "out", cuts)
    assert_valid_export(settings, tmp_path / "out", cuts.max_urls, cuts.max_bytes)
    counts = Counter(
        re.sub(r"-\d{5}\.xml$", "", p.name) for p in _sitemaps(tmp_path / "out")
    )  # 3.3.2c: 1,440 exportable documents in 4 sitemaps of at most 400
    assert counts == {"infocat008": 4, "infocat006": 1, "infocat011": 1}
    first = read_entries((tmp_path / "out" / "sitemaps" / "infocat008-00001.xml").read_bytes())
    assert len(first) == 400


def test_every_document_left_out_is_listed_with_its_reason(
    organisation: tuple[Settings, Generated], tmp_path: Path
) -> None:
    settings, generated = organisation
    skipped: list[Skipped] = []
    report = _export(settings, tmp_path / "out", skipped=skipped)
    assert dict(report.skipped) == generated.skips
    assert Counter(s.reason for s in skipped) == generated.skips
    assert report.exported + len(skipped) == report.documents
    first = {s.reason: s for s in reversed(skipped)}
    assert "image/jpeg" in first["format_not_accepted"].message
    assert first["no_date"].document_id == f"document:notubiz:{KEY}:600016"
    assert first["not_downloaded"].message == "the original is not stored (pending)"
    listed = "".join(p.read_text() for p in _sitemaps(tmp_path / "out"))
    assert all(f"/documenten/{s.document_id.rsplit(':', 1)[1]}/" not in listed for s in skipped)


def test_council_and_woo_records_carry_their_diwoo_metadata(
    organisation: tuple[Settings, Generated], tmp_path: Path
) -> None:
    settings, _ = organisation
    _export(settings, tmp_path / "out")
    out = tmp_path / "out"
    robots = (out / "robots.txt").read_text()
    assert robots.splitlines()[-3:] == [
        f"Sitemap: {ROOT}/sitemapindex-diwoo-infocat006.xml",
        f"Sitemap: {ROOT}/sitemapindex-diwoo-infocat008.xml",
        f"Sitemap: {ROOT}/sitemapindex-diwoo-infocat011.xml",
    ]
    entries = {
        e.loc: e
        for name in ("infocat008-00001.xml", "infocat006-00001.xml", "infocat011-00001.xml")
        for e in read_entries((out / "sitemaps" / name).read_bytes())
    }
    proposal = entries[f"{ROOT}/documenten/600000/Raadsvoorstel_0_Stationsplein.pdf"]
    meta = proposal.metadata
    assert meta is not None and meta.publisher is not None
    assert (meta.publisher.uri, meta.publisher.label) == (TOOI, "gemeente Alkmaar")
    assert meta.officiele_titel is not None and meta.officiele_titel.startswith("Raadsvoorstel 0:")
    assert [c.uri for c in meta.informatiecategorieen] == [KERN + "c_db4862c3"]
    assert [d.label for d in meta.documentsoorten] == ["vergaderstuk"]
    assert meta.format is not None and meta.format.uri is not None
    assert meta.format.uri.endswith("/file-type/PDF")
    action = meta.documenthandelingen[0]
    assert action.soort_handeling.uri == KERN + "c_641ecd76"  # vaststelling
    assert action.at_time is not None and action.at_time.isoformat() == "2019-01-07T19:30:00+00:00"
    assert meta.creatiedatum is not None and meta.creatiedatum.isoformat() == "2019-01-07"
    received = entries[f"{ROOT}/documenten/600002/Ingekomen_stuk_2_Stationsplein.pdf"].metadata
    assert received is not None
    assert received.documenthandelingen[0].soort_handeling.label == "ontvangst"
    assert [c.uri for c in received.informatiecategorieen] == [KERN + "c_8c840238"]
    agenda = entries[f"{ROOT}/documenten/600003/Agenda_3_Stationsplein.odt"].metadata
    assert agenda is not None and agenda.format is not None and agenda.format.label == "ODT"
    covenant = entries[f"{ROOT}/documenten/600015/Raadsvoorstel_15_Stationsplein.pdf"].metadata
    assert covenant is not None  # a Woo publication: its own metadata as harvested
    assert covenant.officiele_titel is not None and covenant.officiele_titel.startswith("Convenant")
    assert [t.label for t in covenant.themas] == ["zorg en gezondheid"]
    assert covenant.documenthandelingen[0].soort_handeling.label == "ondertekening"
    assert covenant.language is not None and covenant.language.uri is not None
    assert covenant.language.uri.endswith("/language/NLD")


def test_each_loc_is_the_file_itself_beside_the_sitemaps(
    organisation: tuple[Settings, Generated], tmp_path: Path
) -> None:
    settings, generated = organisation
    _export(settings, tmp_path / "out")
    out = tmp_path / "out"
    locs = [e.loc or "" for p in _sitemaps(out) for e in read_entries(p.read_bytes())]
    assert len(set(locs)) == generated.exportable
    for loc in locs[:50]:
        assert loc.startswith(f"{ROOT}/documenten/")
        assert (out / loc.removeprefix(ROOT + "/")).read_bytes() == PDF


def test_a_new_export_replaces_an_earlier_one_and_nothing_else(
    organisation: tuple[Settings, Generated], tmp_path: Path
) -> None:
    settings, _ = organisation
    out = tmp_path / "out"
    _export(settings, out, Cuts(max_urls=100))
    many = len(_sitemaps(out))
    _export(settings, out)
    assert len(_sitemaps(out)) == 3 < many and (out / MARKER).is_file()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # nothing left beside
    other = tmp_path / "mine"
    other.mkdir()
    (other / "notes.txt").write_text("keep me")
    with pytest.raises(ConfigError, match="not an earlier Woo-index export"):
        _export(settings, other)
    assert (other / "notes.txt").read_text() == "keep me"


def test_refusals_name_what_is_wrong(settings: Settings, tmp_path: Path) -> None:
    store = open_store(settings)
    blobs = open_blobs(settings)
    try:
        with pytest.raises(NotFound, match="unknown organisation 'nergens'"):
            write_export(store, blobs, "nergens", ROOT, tmp_path / "a")
        store.upsert_source(build_source(key="dorp", name="Dorp", supplier="notubiz",
                                         notubiz_organisation_id="5"))  # fmt: skip
        with pytest.raises(ConfigError, match=r"no TOOI URI.*sources update dorp --tooi-uri"):
            write_export(store, blobs, "dorp", ROOT, tmp_path / "b")
        with pytest.raises(ConfigError, match="not an absolute https URL"):
            write_export(store, blobs, "dorp", "http://woo.dorp.nl", tmp_path / "c")
        store.upsert_source(build_source(key="nep", name="Nep", supplier="notubiz",
                                         notubiz_organisation_id="6",
                                         tooi_uri=TOOI.replace("gm0361", "gm9999")))  # fmt: skip
        with pytest.raises(ConfigError, match="not in the TOOI organisation lists"):
            write_export(store, blobs, "nep", ROOT, tmp_path / "d")
    finally:
        store.close()
    assert not [p for p in tmp_path.iterdir() if p.name != "data"]


def test_an_odd_native_id_gets_a_reversible_path_segment(
    settings: Settings, tmp_path: Path
) -> None:
    from vindplaats.woo.export_layout import native_of, segment_of

    for native in ("6183601", "a/b c?d", "../etc", "b64-x", "é"):
        segment = segment_of(native)
        assert "/" not in segment and segment not in (".", "..")
        assert native_of(segment) == native
    assert native_of("..") is None and native_of("b64-!!") is None
    doc = Document.build(Supplier.NOTUBIZ, KEY, "x/1", title="T", original_url="https://a/b.pdf",
                         organization_id=f"organization:notubiz:{KEY}:1")  # fmt: skip
    assert segment_of(doc.native_id).startswith("b64-")


@pytest.mark.slow
@pytest.mark.timeout(1800)  # 42 s here on 2 busy cores; the default of 300 s is tight
def test_a_120000_document_organisation_validates_clean(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """The acceptance of issue 10: every file of the export of 120,000 documents valid against
    the official XSDs, `validate diwoo` clean, no sitemap above 50,000 URLs or 50 MB."""
    from tests.vindplaats.woo.conftest import standards_or_skip
    from vindplaats.settings import load_settings

    base = tmp_path_factory.mktemp("woo-120k")
    settings = load_settings(data_dir=base / "data", xsd_dir=standards_or_skip())
    generated = generate(settings, 120_000)
    report = _export(settings, base / "out", files=False)  # the files: the fast tests
    assert report.exported == generated.exportable == 96_000
    cuts = Cuts()
    assert_valid_export(settings, base / "out", cuts.max_urls, cuts.max_bytes)
    assert report.by_category == {"3.3.2a": 18_000, "3.3.2c": 72_000, "3.3.2f": 6_000}
    assert report.sitemaps > 3  # 3.3.2c's 72,000 URLs need more than one sitemap
