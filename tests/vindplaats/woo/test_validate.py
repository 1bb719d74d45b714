"""`validate()` on an export directory: a clean publication, then every rule broken once.

Each case changes one thing in the clean publication of `publication.py` (most of them a
variant seen in the wild, `../shared/docs/woo.md`) and expects that rule's finding on that
file and line. The official XSDs are used for real (skipped when absent).
"""

from __future__ import annotations

import gzip
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.replay import Answer, ReplayServer, Request
from tests.vindplaats.woo.publication import (
    DUTCH,
    PDF,
    ROBOTS,
    SITE,
    Files,
    clean,
    index,
    line_of,
    sitemap,
    write,
)
from vindplaats.settings import Settings
from vindplaats.woo.findings import RULES, Report
from vindplaats.woo.schemas import SITEMAP_NS
from vindplaats.woo.validate import Limits, UnusableInput, validate

SITEMAP = "sitemaps/infocat008-00001.xml"
INDEX = "sitemapindex-diwoo-infocat008.xml"
Expected = tuple[str, int, str]  # file, line, rule


def run(tmp_path: Path, files: Files, settings: Settings, **limits: int) -> Report:
    export = write(tmp_path / "export", files)
    return validate(str(export), settings, Limits(**limits) if limits else None)


def found(report: Report) -> set[Expected]:
    return {(f.file, f.line, f.rule) for f in report.findings}


def test_a_clean_publication_has_no_findings(tmp_path: Path, settings: Settings) -> None:
    report = run(tmp_path, clean(), settings)
    assert report.findings == []
    assert report.valid and report.complete
    kinds = {checked.name: (checked.kind, checked.entries) for checked in report.files}
    assert kinds == {
        "robots.txt": ("robots", 2),
        INDEX: ("sitemapindex", 1),
        "sitemapindex-diwoo-infocat006.xml": ("sitemapindex", 1),
        SITEMAP: ("sitemap", 2),
        "sitemaps/infocat006-00001.xml": ("sitemap", 2),
    }


def test_a_gzipped_sitemap_is_read(tmp_path: Path, settings: Settings) -> None:
    files = clean()
    files[INDEX] = index("sitemaps/infocat008-00001.xml.gz")
    files["sitemaps/infocat008-00001.xml.gz"] = gzip.compress(str(files.pop(SITEMAP)).encode())
    report = run(tmp_path, files, settings)
    assert report.findings == []
    assert report.file("sitemaps/infocat008-00001.xml.gz").entries == 2


def change(name: str, old: str, new: str, nth: int = 1) -> Callable[[Files], None]:
    def apply(files: Files) -> None:
        text = str(files[name])
        at = -1
        for _ in range(nth):
            at = text.index(old, at + 1)
        files[name] = text[:at] + new + text[at + len(old) :]

    return apply


def put(name: str, content: str | bytes) -> Callable[[Files], None]:
    def apply(files: Files) -> None:
        files[name] = content

    return apply


def drop(name: str) -> Callable[[Files], None]:
    def apply(files: Files) -> None:
        del files[name]

    return apply


OTHER_INDEX = index("sitemapindex-diwoo-infocat006.xml")
NO_DOCUMENT = sitemap("rv-1").split("    <diwoo:Document>")[0] + "  </url>\n</urlset>\n"
LOC = f"<loc>{SITE}/documenten/rv-2025-001.pdf</loc>"
FORMAT_LINE = f'        <diwoo:format resource="{PDF}">pdf</diwoo:format>\n'
LASTMOD = "<lastmod>2025-03-05T09:00:00+01:00</lastmod>"


def without_format(loc: str) -> Callable[[Files], None]:
    def apply(files: Files) -> None:
        change(SITEMAP, LOC, f"<loc>{loc}</loc>")(files)
        change(SITEMAP, FORMAT_LINE, "")(files)

    return apply


def lastmod_last(files: Files) -> None:
    change(SITEMAP, f"    {LASTMOD}\n", "")(files)
    change(SITEMAP, "    </diwoo:Document>\n", f"    </diwoo:Document>\n    {LASTMOD}\n")(files)


def index_misnamed(files: Files) -> None:  # an index named sitemap-index.xml
    change("robots.txt", "sitemapindex-diwoo-infocat006.xml", "sitemap-index.xml")(files)
    files["sitemap-index.xml"] = files.pop("sitemapindex-diwoo-infocat006.xml")


# rule -> (change, file, the text on the line expected, or None: the file as a whole)
CASES: dict[str, tuple[Callable[[Files], None], str, str | None]] = {
    "WOO-INPUT-GZIP": (put(SITEMAP, b"\x1f\x8b\x08\x00" + b"not gzip" * 10), SITEMAP, None),
    "WOO-XML-WELLFORMED": (
        change(SITEMAP, LOC, f"<loc>{SITE}/documenten/rv-2025-001.pdf</url>"),
        SITEMAP,
        "rv-2025-001.pdf</url>",
    ),
    "WOO-XML-NAMESPACE": (  # <url> fragments using diwoo: without declaring it
        change(
            SITEMAP, '\n        xmlns:diwoo="https://standaarden.overheid.nl/diwoo/metadata/"', ""
        ),
        SITEMAP,
        "<diwoo:Document>",
    ),
    "WOO-XML-DOCTYPE": (
        change(SITEMAP, "<urlset", '<!DOCTYPE urlset [<!ENTITY e "x">]>\n<urlset'),
        SITEMAP,
        "<!DOCTYPE",
    ),
    "WOO-XML-ROOT": (  # the non-standard diwoo:Documents root
        put(
            SITEMAP,
            '<?xml version="1.0"?>\n<diwoo:Documents '
            'xmlns:diwoo="https://standaarden.overheid.nl/diwoo/metadata/"/>\n',
        ),
        SITEMAP,
        "<diwoo:Documents",
    ),
    "WOO-XSD-SITEMAP": (
        change(SITEMAP, f"{LASTMOD}\n", f"{LASTMOD}\n    <priority>high</priority>\n"),
        SITEMAP,
        "<priority>",
    ),
    "WOO-XSD-DIWOO": (  # verkorteTitel directly under titelcollectie
        change(
            SITEMAP,
            "<diwoo:officieleTitel>",
            "<diwoo:verkorteTitel>x</diwoo:verkorteTitel><diwoo:officieleTitel>",
        ),
        SITEMAP,
        "<diwoo:verkorteTitel>",
    ),
    "WOO-CODE-UNKNOWN": (  # an invented code
        change(SITEMAP, "kern/c_db4862c3", "kern/c_advies"),
        SITEMAP,
        "c_advies",
    ),
    "WOO-DIWOO-VERSION": (
        change(
            SITEMAP,
            "<urlset",
            '<urlset xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
            ' xsi:schemaLocation="https://standaarden.overheid.nl/diwoo/metadata/ '
            'https://standaarden.overheid.nl/diwoo/metadata/0.9.4/xsd/diwoo-metadata.xsd"',
        ),
        SITEMAP,
        'xmlns:diwoo="',  # libxml2 gives an element the line its start tag ends on
    ),
    "WOO-DIWOO-MISSING": (put(SITEMAP, NO_DOCUMENT), SITEMAP, "<url>"),
    "WOO-LOC-ABSOLUTE": (
        change(SITEMAP, LOC, "<loc>documenten/besluit.pdf</loc>"),
        SITEMAP,
        "besluit",
    ),
    "WOO-LOC-HTTPS": (
        change(SITEMAP, LOC, "<loc>http://test.example.nl/woo/besluit.pdf</loc>"),
        SITEMAP,
        "http://test",
    ),
    "WOO-LOC-FILE": (without_format(f"{SITE}/document.aspx?id=5"), SITEMAP, "document.aspx"),
    "WOO-LOC-DUPLICATE": (
        change("sitemaps/infocat006-00001.xml", "documenten/is-2025-101", "documenten/rv-2025-001"),
        "sitemaps/infocat006-00001.xml",
        "documenten/rv-2025-001",
    ),
    "WOO-REF-HTTPS": (
        change(
            SITEMAP,
            "        <diwoo:documenthandelingen>",
            "        <diwoo:isPartOf resource="
            '"http://example.nl/woo/besluit.pdf">Besluit</diwoo:isPartOf>\n'
            "        <diwoo:documenthandelingen>",
        ),
        SITEMAP,
        "<diwoo:isPartOf",
    ),
    "WOO-FORMAT-ACCEPTED": (without_format(f"{SITE}/mail.msg"), SITEMAP, "mail.msg"),
    "WOO-FORMAT-UNKNOWN": (without_format(f"{SITE}/documenten/4711"), SITEMAP, "4711"),
    "WOO-LASTMOD-FORMAT": (  # `Y-m-d H:i:s`, as CommonGateway's woo.documentToSitemap mapping
        change(INDEX, "2025-11-11T11:32:33+01:00", "2025-11-11 11:32:33"),
        INDEX,
        "2025-11-11 11:32:33",
    ),
    "WOO-LASTMOD-ORDER": (lastmod_last, SITEMAP, LASTMOD),  # the DiWoo 0.9.1 template order
    "WOO-LASTMOD-MISSING": (  # an index without lastmod
        change(INDEX, "    <lastmod>2025-11-11T11:32:33+01:00</lastmod>\n", ""),
        INDEX,
        "<sitemap>",
    ),
    "WOO-LASTMOD-FUTURE": (
        change(SITEMAP, "2025-03-05T09:00:00", "2999-03-05T09:00:00"),
        SITEMAP,
        "2999",
    ),
    "WOO-INDEX-NAME": (index_misnamed, "robots.txt", "sitemap-index.xml"),
    "WOO-INDEX-NESTED": (put(INDEX, OTHER_INDEX), INDEX, "<loc>"),
    "WOO-SITEMAP-URL": (  # paged sitemaps, as OpenCatalogi's (there also after the index name)
        change(INDEX, "infocat008-00001.xml", "infocat008-00001.xml?page=1"),
        INDEX,
        "?page=1",
    ),
    "WOO-ROBOTS-MISSING": (drop("robots.txt"), "robots.txt", None),
    "WOO-ROBOTS-NONE": (
        put("robots.txt", "User-agent: *\nDisallow: /private/\n"),
        "robots.txt",
        None,
    ),
    "WOO-ROBOTS-RELATIVE": (
        change(
            "robots.txt",
            f"{SITE}/sitemapindex-diwoo-infocat006",
            "/woo/sitemapindex-diwoo-infocat006",
        ),
        "robots.txt",
        "Sitemap: /woo/",
    ),
    "WOO-ROBOTS-PADDING": (  # OpenCatalogi's robots.txt: spaces before and after each line
        change(
            "robots.txt",
            f"Sitemap: {SITE}/sitemapindex-diwoo-infocat006.xml",
            f" Sitemap: {SITE}/sitemapindex-diwoo-infocat006.xml  ",
        ),
        "robots.txt",
        "infocat006",
    ),
    "WOO-ROBOTS-AGENT": (change("robots.txt", "User-agent: *\n", ""), "robots.txt", "Allow"),
    "WOO-ROBOTS-DUPLICATE": (
        put("robots.txt", ROBOTS + f"Sitemap: {SITE}/sitemapindex-diwoo-infocat008.xml # again\n"),
        "robots.txt",
        "# again",
    ),
    "WOO-ROBOTS-INDEX": (
        change("robots.txt", "sitemapindex-diwoo-infocat006.xml", "sitemaps/infocat006-00001.xml"),
        "robots.txt",
        "sitemaps/infocat006-00001.xml",
    ),
    "WOO-FETCH": (
        drop("sitemaps/infocat006-00001.xml"),
        "sitemapindex-diwoo-infocat006.xml",
        "<loc>",
    ),
    "WOO-EXPORT-UNREACHED": (
        put("sitemaps/old-00009.xml", sitemap("oud")),
        "sitemaps/old-00009.xml",
        None,
    ),
}


@pytest.mark.parametrize("rule", sorted(CASES))
def test_each_rule_is_found_on_its_line(rule: str, tmp_path: Path, settings: Settings) -> None:
    mutate, file, needle = CASES[rule]
    files = clean()
    mutate(files)
    report = run(tmp_path, files, settings)
    line = 0 if needle is None else line_of(files[file], needle)
    assert (file, line, rule) in found(report), [f.as_json() for f in report.findings]
    assert report.valid == (RULES[rule].severity == "warning")


def test_every_rule_has_a_case() -> None:
    separate = {"WOO-LIMIT-URLS", "WOO-LIMIT-SITEMAPS", "WOO-LIMIT-SIZE", "WOO-CHECK-INCOMPLETE"}
    assert set(RULES) == set(CASES) | separate


def test_a_code_not_in_its_list_names_the_list(tmp_path: Path, settings: Settings) -> None:
    files = clean()
    change(SITEMAP, DUTCH, "https://identifier.overheid.nl/tooi/def/thes/kern/c_nl")(files)
    report = run(tmp_path, files, settings)
    (finding,) = report.findings
    assert finding.rule == "WOO-CODE-UNKNOWN"
    assert "diwoo:language" in finding.message and "taallijst (scw_talen)" in finding.message


def test_more_than_50000_urls_in_a_sitemap(tmp_path: Path, settings: Settings) -> None:
    url = f"  <url>\n    <loc>{SITE}/documenten/%d.pdf</loc>\n    {LASTMOD}\n%s  </url>\n"
    body = "".join(url % (number, "") for number in range(50_000))
    body += url % (50_000, "    <changefreq>sometimes</changefreq>\n")
    files = clean()
    files[SITEMAP] = f'<urlset xmlns="{SITEMAP_NS}">\n{body}</urlset>\n'
    report = run(tmp_path, files, settings)
    expected = (SITEMAP, line_of(files[SITEMAP], "/50000.pdf") - 1, "WOO-LIMIT-URLS")
    assert expected in found(report)
    assert report.file(SITEMAP).entries == 50_001
    # lines past 65,535, where libxml2 keeps none on elements, are still exact
    changefreq = (SITEMAP, line_of(files[SITEMAP], "<changefreq>"), "WOO-XSD-SITEMAP")
    assert changefreq in found(report)
    # every <url> lacks metadata: 1,000 warnings listed, the rest counted; errors still listed
    assert report.file(SITEMAP).count("warning") == 50_001
    listed = report.file(SITEMAP).findings
    assert len(listed) == 1002 and report.file(SITEMAP).unlisted == {"warning": 49_001}


def test_more_than_50000_sitemaps_in_an_index(tmp_path: Path, settings: Settings) -> None:
    entry = "<sitemap><loc>https://example.nl/woo/s-%d.xml</loc></sitemap>\n"
    text = '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
    text += "".join(entry % number for number in range(50_001)) + "</sitemapindex>\n"
    path = tmp_path / "sitemapindex-diwoo.xml"
    path.write_text(text)
    report = validate(str(path), settings)  # a single file: its sitemaps are not followed
    assert (str(path), line_of(text, "/s-50000.xml"), "WOO-LIMIT-SITEMAPS") in found(report)


def test_a_file_over_50_mb_unpacked_is_not_read_further(tmp_path: Path, settings: Settings) -> None:
    inflated = sitemap("rv-1").encode() + b" " * (50 * 1024 * 1024)
    files = clean()
    files[INDEX] = index("sitemaps/infocat008-00001.xml.gz")
    files["sitemaps/infocat008-00001.xml.gz"] = gzip.compress(inflated, compresslevel=1)
    del files[SITEMAP]
    report = run(tmp_path, files, settings)
    assert ("sitemaps/infocat008-00001.xml.gz", 0, "WOO-LIMIT-SIZE") in found(report)
    assert report.file("sitemaps/infocat008-00001.xml.gz").bytes == 50 * 1024 * 1024 + 1


def test_the_walk_stops_at_max_files_and_says_so(tmp_path: Path, settings: Settings) -> None:
    report = run(tmp_path, clean(), settings, max_files=2)
    assert ("robots.txt", 0, "WOO-CHECK-INCOMPLETE") in found(report)
    assert not report.complete and report.valid
    assert len([checked for checked in report.files if checked.kind != "unknown"]) == 2
    (incomplete,) = [f for f in report.findings if f.rule == "WOO-CHECK-INCOMPLETE"]
    assert "2 listed files not checked" in incomplete.message  # those known by then


def test_nothing_outside_the_directory_is_read(tmp_path: Path, settings: Settings) -> None:
    (tmp_path / "secret.xml").write_text(sitemap("geheim"))
    files = clean()
    change(INDEX, "sitemaps/infocat008-00001.xml", "../secret.xml")(files)
    report = run(tmp_path, files, settings)
    assert (INDEX, line_of(files[INDEX], "secret"), "WOO-FETCH") in found(report)
    assert all("geheim" not in f.message for f in report.findings)


def served(files: Files, site: list[str]) -> Callable[[Request], Answer]:
    """A route answering /robots.txt and /woo/<name> from `files`; robots.txt and the indexes
    point to `site[0]` (the server), the documents stay on https://example.nl."""

    def route(request: Request) -> Answer:
        if request.path == "/woo/moved-index.xml":
            return Answer.of(301, "text/plain", b"", {"Location": "/woo/" + INDEX})
        name = "robots.txt" if request.path == "/robots.txt" else request.path[len("/woo/") :]
        content = files.get(name) if request.path.startswith(("/robots.txt", "/woo/")) else None
        if content is None:
            return Answer.of(404, "text/plain", b"not found")
        text = str(content)
        if name.endswith("00001.xml"):  # a sitemap, sent compressed as web servers do
            packed = gzip.compress(text.encode())
            return Answer.of(200, "application/xml", packed, {"Content-Encoding": "gzip"})
        return Answer.of(200, "application/xml", text.replace(SITE, site[0]).encode())

    return route


def url_settings(settings: Settings, allow: bool = True) -> Settings:
    return settings.model_copy(update={"allow_private_networks": allow})


def test_a_url_is_followed_from_robots_to_every_sitemap(settings: Settings) -> None:
    files, site = clean(), [""]
    with ReplayServer(served(files, site)) as server:
        site[0] = f"{server.url}/woo"
        report = validate(f"{server.url}/", url_settings(settings))
    kinds = [f.kind for f in report.files]
    assert kinds == ["robots", "sitemapindex", "sitemapindex", "sitemap", "sitemap"]
    assert report.files[0].name == f"{server.url}/robots.txt"
    assert report.files[3].entries == 2  # the gzip-encoded answer was read
    paths = [request.path for request in server.logged()]
    assert paths == [
        "/robots.txt",
        f"/woo/{INDEX}",
        "/woo/sitemapindex-diwoo-infocat006.xml",
        f"/woo/{SITEMAP}",
        "/woo/sitemaps/infocat006-00001.xml",
    ]
    # the loopback server speaks http: exactly its URLs are findings
    other = "sitemapindex-diwoo-infocat006.xml"
    robots = f"{server.url}/robots.txt"
    assert found(report) == {
        (robots, line_of(files["robots.txt"], "infocat008"), "WOO-LOC-HTTPS"),
        (robots, line_of(files["robots.txt"], "infocat006"), "WOO-LOC-HTTPS"),
        (f"{site[0]}/{INDEX}", line_of(files[INDEX], "<loc>"), "WOO-LOC-HTTPS"),
        (f"{site[0]}/{other}", line_of(files[other], "<loc>"), "WOO-LOC-HTTPS"),
    }


def test_a_url_listing_a_missing_sitemap_and_a_redirect(settings: Settings) -> None:
    files, site = clean(), [""]
    del files["sitemaps/infocat006-00001.xml"]
    files["robots.txt"] = str(files["robots.txt"]).replace(INDEX, "moved-index.xml")
    with ReplayServer(served(files, site)) as server:
        site[0] = f"{server.url}/woo"
        report = validate(f"{server.url}/robots.txt", url_settings(settings))
    rules_found = {(f.file.rsplit("/", 1)[-1], f.rule) for f in report.findings}
    assert ("sitemapindex-diwoo-infocat006.xml", "WOO-FETCH") in rules_found
    assert ("robots.txt", "WOO-INDEX-NAME") in rules_found  # moved-index.xml, named so
    fetch = next(f for f in report.findings if f.rule == "WOO-FETCH")
    assert "HTTP 404" in fetch.message
    assert report.file(f"{server.url}/woo/moved-index.xml").kind == "sitemapindex"  # redirected


def test_an_unusable_url_or_path_raises(tmp_path: Path, settings: Settings) -> None:
    with ReplayServer(lambda r: Answer.of(404, "text/plain", b"")) as server:
        with pytest.raises(UnusableInput, match="HTTP 404"):
            validate(f"{server.url}/robots.txt", url_settings(settings))
        with pytest.raises(UnusableInput, match="loopback/private"):
            validate(f"{server.url}/robots.txt", url_settings(settings, allow=False))
        secret = f"http://user:geheim@127.0.0.1:{server.port}/robots.txt"
        with pytest.raises(UnusableInput, match=r"http://\*\*\*@127") as refused:
            validate(secret, url_settings(settings))
        assert "geheim" not in str(refused.value)
        assert len(server.logged()) == 2  # the refused run sent nothing
    with pytest.raises(UnusableInput, match="no such file or directory"):
        validate(str(tmp_path / "nothing.xml"), settings)
    pdf = tmp_path / "besluit.pdf"
    pdf.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    with pytest.raises(UnusableInput, match=r"not XML and not a robots\.txt"):
        validate(str(pdf), settings)


@pytest.mark.parametrize(
    ("content", "rule"),
    [
        (  # billion laughs: never expanded
            '<!DOCTYPE u [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
            '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;">]>'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>&d;</loc></url>'
            "</urlset>",
            "WOO-XML-DOCTYPE",
        ),
        (  # an external entity: never read
            '<!DOCTYPE u [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>&x;</loc></url>'
            "</urlset>",
            "WOO-XML-DOCTYPE",
        ),
        ("<a>" * 10_000 + "</a>" * 10_000, "WOO-XML-WELLFORMED"),  # 10,000 deep
    ],
)
def test_hostile_xml_is_a_finding(
    content: str, rule: str, tmp_path: Path, settings: Settings
) -> None:
    path = tmp_path / "sitemap.xml"
    path.write_text(content)
    report = validate(str(path), settings)
    assert (str(path), 1, rule) in found(report)
    assert not report.valid
    assert all("root:" not in f.message and "aaaaaaaaaa" not in f.message for f in report.findings)


def test_an_index_written_as_urlset_is_followed(tmp_path: Path, settings: Settings) -> None:
    files = clean()
    files[INDEX] = str(files[INDEX]).replace("sitemapindex", "urlset")
    report = run(tmp_path, files, settings)
    assert found(report) == {(INDEX, line_of(files[INDEX], "<urlset"), "WOO-XML-ROOT")}
    assert report.file(INDEX).kind == "sitemapindex"
    assert report.file(SITEMAP).entries == 2  # its sitemap was still checked


def test_an_export_without_robots_has_each_file_checked(
    tmp_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = clean()
    del files["robots.txt"]
    change(SITEMAP, "kern/c_db4862c3", "kern/c_advies")(files)
    files["sitemaps/notes.xml"] = "geen XML"
    write(tmp_path / "export", files)
    monkeypatch.chdir(tmp_path)  # a relative directory, as typed
    report = validate("export", settings)
    assert found(report) == {
        ("robots.txt", 0, "WOO-ROBOTS-MISSING"),
        (SITEMAP, line_of(files[SITEMAP], "c_advies"), "WOO-CODE-UNKNOWN"),
        ("sitemaps/notes.xml", 1, "WOO-XML-WELLFORMED"),
    }
    assert {checked.name: checked.kind for checked in report.files}[INDEX] == "sitemapindex"
