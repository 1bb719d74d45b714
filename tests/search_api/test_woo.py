"""The Woo-index export served by the API (`/woo/{organisation}/...`) and the PLOOI rendering of
a document (`?format=plooi`), through the real app over a generated store."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from normalize.records import Document, Supplier
from search_api import create_app
from tests.vindplaats.woo.generated import KEY, PDF, TOOI, generate
from vindplaats.settings import Settings, load_settings
from vindplaats.store import open_blobs, open_store
from vindplaats.woo.export import write_export

BASE = "https://ori.alkmaar.nl"
ROOT = f"{BASE}/woo/{KEY}"
N = 200


@pytest.fixture(scope="module")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    settings = load_settings(
        data_dir=tmp_path_factory.mktemp("woo-served") / "data", public_base_url=BASE + "/"
    )
    generate(settings, N)
    return settings


@pytest.fixture(scope="module")
def client(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as test_client:
        yield test_client


def _error(response: object, status: int) -> str:
    assert getattr(response, "status_code", None) == status
    body = response.json()  # type: ignore[attr-defined]
    assert set(body["error"]) == {"code", "message", "parameter"}
    return str(body["error"]["message"])


def test_robots_txt_lists_an_index_per_category(client: TestClient) -> None:
    response = client.get(f"/woo/{KEY}/robots.txt")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/plain; charset=utf-8"
    sitemaps = [line for line in response.text.splitlines() if line.startswith("Sitemap:")]
    assert sitemaps == [
        f"Sitemap: {ROOT}/sitemapindex-diwoo-infocat006.xml",
        f"Sitemap: {ROOT}/sitemapindex-diwoo-infocat008.xml",
        f"Sitemap: {ROOT}/sitemapindex-diwoo-infocat011.xml",
    ]


def test_index_sitemap_and_file_follow_from_each_other(client: TestClient) -> None:
    index = client.get(f"/woo/{KEY}/sitemapindex-diwoo-infocat008.xml")
    assert index.status_code == 200 and index.headers["content-type"] == "application/xml"
    [sitemap_url] = re.findall(r"<loc>([^<]+)</loc>", index.text)
    assert sitemap_url == f"{ROOT}/sitemaps/infocat008-00001.xml"
    sitemap = client.get(sitemap_url.removeprefix(BASE))
    assert sitemap.status_code == 200 and sitemap.headers["content-type"] == "application/xml"
    locs = re.findall(r"<loc>([^<]+)</loc>", sitemap.text)
    assert len(locs) == 120  # 3.3.2c: 12 of every 20 generated documents
    assert locs[0] == f"{ROOT}/documenten/600000/Raadsvoorstel_0_Stationsplein.pdf"
    file = client.get(locs[0].removeprefix(BASE))
    assert file.status_code == 200
    assert file.content == PDF
    assert file.headers["content-type"] == "application/pdf"
    assert (
        file.headers["content-disposition"]
        == 'inline; filename="Raadsvoorstel_0_Stationsplein.pdf"'
    )
    odt = client.get(f"/woo/{KEY}/documenten/600003/Agenda_3_Stationsplein.odt")
    assert odt.headers["content-type"] == "application/vnd.oasis.opendocument.text"


def test_served_files_are_those_of_the_static_export(
    client: TestClient, settings: Settings, tmp_path: Path
) -> None:
    store = open_store(settings)
    try:
        write_export(store, open_blobs(settings), KEY, ROOT, tmp_path / "out", files=False)
    finally:
        store.close()
    out = tmp_path / "out"
    names = ["robots.txt", *(p.relative_to(out).as_posix() for p in out.rglob("*.xml"))]
    assert len(names) == 7
    for name in names:
        assert client.get(f"/woo/{KEY}/{name}").content == (out / name).read_bytes(), name


def test_what_the_export_does_not_hold_is_a_404(client: TestClient) -> None:
    assert _error(client.get("/woo/nergens/robots.txt"), 404) == "unknown organisation 'nergens'"
    assert "has no sitemapindex-diwoo-infocat002.xml" in _error(
        client.get(f"/woo/{KEY}/sitemapindex-diwoo-infocat002.xml"), 404
    )
    assert "has no sitemaps/infocat008-00002.xml" in _error(
        client.get(f"/woo/{KEY}/sitemaps/infocat008-00002.xml"), 404
    )
    _error(client.get(f"/woo/{KEY}/sitemaps/..%2F..%2Fvindplaats.sqlite3"), 404)
    _error(client.get(f"/woo/{KEY}/sitemapindex-diwoo.xml"), 404)
    for path in (
        "documenten/600000/Raadsvoorstel_0.pdf",  # another name than the sitemap's
        "documenten/600016/Motie_16_Stationsplein.pdf",  # no date: not exported
        "documenten/600018/Situatiefoto_18.jpg",  # a type the Woo-index does not take
        "documenten/600019/Raadsinformatiebrief_19_Stationsplein.docx",  # withdrawn
        "documenten/999999/x.pdf",
        "documenten/b64-!!/x.pdf",
    ):
        assert "has no file" in _error(client.get(f"/woo/{KEY}/{path}"), 404), path
    assert "unknown parameter" in _error(client.get(f"/woo/{KEY}/robots.txt?x=1"), 400)


def test_without_a_public_base_url_nothing_is_served(settings: Settings) -> None:
    unset = settings.model_copy(update={"public_base_url": None})
    with TestClient(create_app(unset)) as client:
        for path in ("robots.txt", "documenten/600000/Raadsvoorstel_0_Stationsplein.pdf"):
            message = _error(client.get(f"/woo/{KEY}/{path}"), 404)
            assert "VINDPLAATS_PUBLIC_BASE_URL is not set" in message


def _add_motion(settings: Settings, native: str) -> None:
    store = open_store(settings)
    try:
        doc = Document.build(
            Supplier.NOTUBIZ, KEY, native, title=f"Motie Stationsplein later {native}",
            original_url=f"https://api.notubiz.nl/document/{native}/1",
            file_name=f"Motie later {native}.pdf", organization_id=f"organization:notubiz:{KEY}:1",
            date="2025-06-02T20:00:00+02:00", document_type="Moties",
        )  # fmt: skip
        store.upsert_record(doc)
        sha = open_blobs(settings).put(PDF)
        store.record_download(doc.id, sha256=sha, size=len(PDF), content_type="application/pdf")
    finally:
        store.close()


def test_a_new_document_reaches_the_served_export(tmp_path: Path) -> None:
    settings = load_settings(data_dir=tmp_path / "data", public_base_url=BASE)
    generate(settings, 20)
    cache = tmp_path / "data" / "woo-index" / KEY
    with TestClient(create_app(settings)) as client:
        before = client.get(f"/woo/{KEY}/sitemaps/infocat008-00001.xml").text
        assert "600100" not in before
        for native in ("600100", "600101"):
            _add_motion(settings, native)
            after = client.get(f"/woo/{KEY}/sitemaps/infocat008-00001.xml").text
            link = f"documenten/{native}/Motie_later_{native}.pdf"
            assert f"{ROOT}/{link}" in after
            assert client.get(f"/woo/{KEY}/{link}").content == PDF
            # the new state's export and the one before it (a request may still be using it)
            assert len(list(cache.iterdir())) == 2


def test_a_document_in_plooi_json(client: TestClient) -> None:
    response = client.get(f"/api/documents/document:notubiz:{KEY}:600002?format=plooi")
    assert response.status_code == 200
    plooi = response.json()
    document = plooi["document"]
    assert plooi["id"] == f"document:notubiz:{KEY}:600002"
    assert document["publisher"] == {"id": TOOI, "label": "gemeente Alkmaar"}
    assert document["titelcollectie"]["officieleTitel"].startswith("Ingekomen stuk 2:")
    categories = document["classificatiecollectie"]["informatiecategorieen"]
    assert categories == [
        {
            "id": "https://identifier.overheid.nl/tooi/def/thes/kern/c_8c840238",
            "label": "bij vertegenwoordigende organen ingekomen stukken",
        }
    ]
    [action] = document["documenthandelingen"]
    assert action["soortHandeling"]["label"] == "ontvangst"
    assert action["atTime"] == "2019-01-08T09:30:00+00:00"
    assert document["format"]["id"].endswith("/file-type/PDF")
    [version] = plooi["versies"]
    [file] = version["bestanden"]
    assert file["url"] == f"{ROOT}/documenten/600002/Ingekomen_stuk_2_Stationsplein.pdf"
    assert file["mime-type"] == "application/pdf" and file["grootte"] == len(PDF)
    assert plooi["exporteerbaar"] is True and plooi["redenen"] == []


def test_plooi_json_says_why_a_document_is_not_exported(client: TestClient) -> None:
    plooi = client.get(f"/api/documents/document:notubiz:{KEY}:600017?format=plooi").json()
    assert plooi["exporteerbaar"] is False
    assert [r["code"] for r in plooi["redenen"]] == ["not_downloaded"]
    assert plooi["versies"][0]["bestanden"] == []


def test_an_unknown_format_is_a_400(client: TestClient) -> None:
    response = client.get(f"/api/documents/document:notubiz:{KEY}:600002?format=xml")
    assert _error(response, 400) == "format must be one of: json, plooi"
    assert response.json()["error"]["parameter"] == "format"
    plain = client.get(f"/api/documents/document:notubiz:{KEY}:600002?format=json").json()
    assert plain["id"] == f"document:notubiz:{KEY}:600002" and "versies" not in plain


def test_the_openapi_document_describes_the_woo_endpoints(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert "/woo/{organisation}/robots.txt" in paths
    assert "/woo/{organisation}/sitemapindex-diwoo-infocat008.xml" in paths
    assert "/woo/{organisation}/documenten/{document}/{name}" in paths
    params = paths["/api/documents/{id}"]["get"]["parameters"]
    assert any(p["name"] == "format" and p["schema"]["enum"] == ["json", "plooi"] for p in params)
