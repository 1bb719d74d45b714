"""HTTP conventions of the API: gzip for text answers, ETags, Cache-Control and 304s.

The app runs over its own copy of the sample, with two more stored originals large enough to be
worth compressing: a PDF (never compressed) and a CSV (text: compressed, its ETag weakened).
"""

from __future__ import annotations

import gzip
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response, StreamingResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from normalize.records import Document, Organization
from search_api import create_app
from search_api.compression import MINIMUM_SIZE, GzipMiddleware, accepts_gzip
from search_api.http_cache import conditional
from tests.search_api.sample import Sample, build_sample
from tests.search_api.sample_documents import NB
from vindplaats.store import open_blobs, open_store

GZIP = {"Accept-Encoding": "gzip"}
IDENTITY = {"Accept-Encoding": "identity"}
BIG_PDF = b"%PDF-1.4\n" + b"% the same words compress well, but a PDF is never compressed\n" * 400
BIG_CSV = b"nummer;onderwerp\n" + b"".join(
    f"{n};Besluit over de begroting, regel {n}\n".encode() for n in range(400)
)


@dataclass
class Site:
    client: TestClient
    sample: Sample
    pdf_id: str
    csv_id: str


def _store_original(sample: Sample, native: str, content: bytes, content_type: str) -> str:
    doc = Document.build(
        NB,
        "testdam",
        native,
        title=f"Bijlage {native}",
        original_url=f"https://example.org/files/{native}",
        content_type=content_type,
        organization_id=Organization.build(NB, "testdam", "99", name="Gemeente Testdam").id,
    )
    store, blobs = open_store(sample.settings), open_blobs(sample.settings)
    try:
        store.upsert_record(doc)
        sha = blobs.put(content)
        store.record_download(doc.id, sha256=sha, size=len(content), content_type=content_type)
    finally:
        store.close()
    return doc.id


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    sample = build_sample(tmp_path_factory.mktemp("http-conventions"))
    pdf_id = _store_original(sample, "9001", BIG_PDF, "application/pdf")
    csv_id = _store_original(sample, "9002", BIG_CSV, "text/csv")
    settings = sample.settings.model_copy(update={"api_rate_limit": "off"})
    with TestClient(create_app(settings)) as client:
        yield Site(client, sample, pdf_id, csv_id)


def raw_get(client: TestClient, url: str, headers: dict[str, str]) -> tuple[int, dict, bytes]:
    """Status, headers and the bytes as sent (not decoded by the client)."""
    with client.stream("GET", url, headers=headers) as response:
        return response.status_code, dict(response.headers), b"".join(response.iter_raw())


def test_json_is_gzipped_for_clients_that_accept_it(site: Site) -> None:
    url = f"/api/documents/{site.sample.begroting_id}"
    status, headers, raw = raw_get(site.client, url, GZIP)
    _, plain_headers, plain = raw_get(site.client, url, IDENTITY)
    assert status == 200 and len(plain) >= MINIMUM_SIZE
    assert headers["content-encoding"] == "gzip"
    assert gzip.decompress(raw) == plain
    assert int(headers["content-length"]) == len(raw) < len(plain)
    assert "accept-encoding" in headers["vary"].lower()
    assert "content-encoding" not in plain_headers
    assert "accept-encoding" in plain_headers["vary"].lower()  # caches keep both apart


@pytest.mark.parametrize("refusal", ["identity", "gzip;q=0", "br", "gzip;q=0, *;q=1"])
def test_clients_that_refuse_gzip_get_identity(site: Site, refusal: str) -> None:
    status, headers, raw = raw_get(
        site.client, f"/api/meetings/{site.sample.meeting_id}", {"Accept-Encoding": refusal}
    )
    assert status == 200 and "content-encoding" not in headers
    assert raw.startswith(b"{")


def test_accept_encoding_is_read_with_its_weights() -> None:
    assert accepts_gzip("gzip, deflate, br")
    assert accepts_gzip("deflate;q=1, GZIP;q=0.5")
    assert accepts_gzip("*")
    assert not accepts_gzip("gzip;q=0")
    assert not accepts_gzip("identity")
    assert not accepts_gzip("gzip;q=nonsense")
    assert not accepts_gzip(None)


def test_small_answers_are_not_compressed(site: Site) -> None:
    status, headers, raw = raw_get(site.client, "/api/documents/document:notubiz:x:1", GZIP)
    assert status == 404 and len(raw) < MINIMUM_SIZE
    assert "content-encoding" not in headers
    assert raw.startswith(b'{"error"')


def test_a_pdf_original_is_never_compressed(site: Site) -> None:
    status, headers, raw = raw_get(site.client, f"/api/documents/{site.pdf_id}/file", GZIP)
    assert status == 200 and raw == BIG_PDF
    assert "content-encoding" not in headers
    assert headers["content-length"] == str(len(BIG_PDF))
    assert headers["etag"] == f'"{hashlib.sha256(BIG_PDF).hexdigest()}"'  # strong, the digest
    assert headers["cache-control"] == "public, max-age=86400"
    assert headers["accept-ranges"] == "bytes"


def test_a_text_original_is_compressed_with_a_weak_etag(site: Site) -> None:
    status, headers, raw = raw_get(site.client, f"/api/documents/{site.csv_id}/file", GZIP)
    assert status == 200 and headers["content-encoding"] == "gzip"
    assert gzip.decompress(raw) == BIG_CSV
    assert headers["etag"] == f'W/"{hashlib.sha256(BIG_CSV).hexdigest()}"'
    assert "accept-ranges" not in headers  # ranges count the identity bytes
    revalidated = site.client.get(
        f"/api/documents/{site.csv_id}/file", headers={**GZIP, "If-None-Match": headers["etag"]}
    )
    assert revalidated.status_code == 304


def test_a_range_answer_is_never_compressed(site: Site) -> None:
    status, headers, raw = raw_get(
        site.client, f"/api/documents/{site.csv_id}/file", {**GZIP, "Range": "bytes=0-99"}
    )
    assert status == 206 and raw == BIG_CSV[:100]
    assert "content-encoding" not in headers
    assert headers["content-range"] == f"bytes 0-99/{len(BIG_CSV)}"


def test_a_stored_file_answers_304_to_its_digest(site: Site) -> None:
    url = f"/api/documents/{site.pdf_id}/file"
    etag = f'"{hashlib.sha256(BIG_PDF).hexdigest()}"'
    for header in (etag, f"W/{etag}", f'"other", {etag}', "*"):
        response = site.client.get(url, headers={"If-None-Match": header})
        assert response.status_code == 304, header
        assert response.content == b""
        assert response.headers["etag"] == etag
        assert response.headers["cache-control"] == "public, max-age=86400"
    ranged = site.client.get(url, headers={"If-None-Match": etag, "Range": "bytes=0-9"})
    assert ranged.status_code == 304
    other = site.client.get(url, headers={"If-None-Match": '"not-this-file"'})
    assert other.status_code == 200 and other.content == BIG_PDF


def test_if_range_with_the_digest_still_serves_the_range(site: Site) -> None:
    etag = f'"{hashlib.sha256(BIG_PDF).hexdigest()}"'
    response = site.client.get(
        f"/api/documents/{site.pdf_id}/file", headers={"Range": "bytes=0-7", "If-Range": etag}
    )
    assert response.status_code == 206 and response.content == BIG_PDF[:8]


def _detail_paths(sample: Sample) -> list[str]:
    return [
        f"/api/documents/{sample.begroting_id}",
        f"/api/documents/{sample.begroting_id}?format=plooi",
        f"/api/meetings/{sample.meeting_id}",
        f"/api/motions/{sample.motion_id}",
        f"/api/dossiers/{sample.dossier_id}",
    ]


@pytest.mark.parametrize("index", range(5))
def test_json_details_carry_a_weak_etag_and_answer_304(site: Site, index: int) -> None:
    url = _detail_paths(site.sample)[index]
    first = site.client.get(url, headers=IDENTITY)
    assert first.status_code == 200
    etag = first.headers["etag"]
    assert etag.startswith('W/"')
    assert first.headers["cache-control"] == "public, max-age=60"
    assert site.client.get(url, headers=GZIP).headers["etag"] == etag  # one tag, either encoding
    again = site.client.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    assert again.headers["etag"] == etag
    assert again.headers["cache-control"] == "public, max-age=60"
    assert site.client.head(url, headers={"If-None-Match": etag}).status_code == 304
    changed = site.client.get(url, headers={"If-None-Match": 'W/"an-older-version"'})
    assert changed.status_code == 200 and changed.json() == first.json()


def test_the_etag_changes_when_the_record_does(site: Site) -> None:
    url = f"/api/documents/{site.pdf_id}"
    before = site.client.get(url).headers["etag"]
    store = open_store(site.sample.settings)
    try:
        record = store.get_record(site.pdf_id)
        store.upsert_record(record.model_copy(update={"title": "Bijlage, herzien"}))
    finally:
        store.close()
    after = site.client.get(url, headers={"If-None-Match": before})
    assert after.status_code == 200 and after.json()["title"] == "Bijlage, herzien"
    assert after.headers["etag"] != before


def test_head_gets_the_headers_of_the_compressed_get(site: Site) -> None:
    url = f"/api/documents/{site.sample.begroting_id}"
    head = site.client.head(url, headers=GZIP)
    assert head.status_code == 200
    assert head.headers["content-encoding"] == "gzip"
    assert head.headers["etag"] == site.client.get(url).headers["etag"]


def test_the_openapi_document_declares_the_validators_and_the_304(site: Site) -> None:
    paths = site.client.get("/openapi.json").json()["paths"]
    for path in ("/api/documents/{id}", "/api/meetings/{id}", "/api/motions/{id}"):
        answers = paths[path]["get"]["responses"]
        assert {"ETag", "Cache-Control"} <= set(answers["200"]["headers"]), path
        assert "ETag" in answers["304"]["headers"] and "content" not in answers["304"], path
    file_answers = paths["/api/documents/{id}/file"]["get"]["responses"]
    assert "sha256" in file_answers["304"]["headers"]["ETag"]["description"]


def test_web_pages_and_their_styles_are_gzipped(site: Site) -> None:
    for url in ("/?q=begroting", "/static/base.css"):
        status, headers, raw = raw_get(site.client, url, GZIP)
        _, _, plain = raw_get(site.client, url, IDENTITY)
        assert status == 200 and headers["content-encoding"] == "gzip", url
        assert gzip.decompress(raw) == plain, url


def test_conditional_serves_html_pages_too() -> None:
    """The helper web pages use: `return conditional(request, render(request, ...))`."""
    page = "<!doctype html><html lang=nl><p>Raadsvergadering</p></html>" * 40

    def html(request: Request) -> Response:
        status = int(request.query_params.get("status", "200"))
        return conditional(request, HTMLResponse(page, status_code=status))

    def streamed(request: Request) -> Response:
        return conditional(request, StreamingResponse(iter([b"a", b"b"]), media_type="text/plain"))

    app = Starlette(routes=[Route("/pagina", html), Route("/stroom", streamed)])
    app.add_middleware(GzipMiddleware)
    with TestClient(app) as client:
        first = client.get("/pagina")
        etag = first.headers["etag"]
        assert etag.startswith('W/"') and first.headers["content-encoding"] == "gzip"
        assert first.headers["cache-control"] == "public, max-age=60"
        assert client.get("/pagina", headers={"If-None-Match": etag}).status_code == 304
        missing = client.get("/pagina?status=404", headers={"If-None-Match": "*"})
        assert missing.status_code == 404 and "etag" not in missing.headers
        stream = client.get("/stroom", headers={"If-None-Match": "*"})
        assert stream.status_code == 200 and stream.text == "ab"
