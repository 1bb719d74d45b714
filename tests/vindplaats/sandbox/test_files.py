"""The document files: types, text layers, the page-3 word, the broken ones, determinism."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import docx
import httpx
import pypdf
import pytest

from normalize.cleaners import clean_url
from vindplaats.sandbox import Sandbox
from vindplaats.sandbox.concepts import DOCX_MIME, Document, FileKind
from vindplaats.sandbox.files import render


def _download(sandbox: Sandbox, client: httpx.Client, document: Document[int]) -> httpx.Response:
    return client.get(f"{sandbox.notubiz_url}/document/{document.id}/{document.version}")


def _text_of(data: bytes, mime_type: str) -> list[str]:
    """Text per page (PDF) or one entry with all paragraphs (DOCX)."""
    if mime_type == DOCX_MIME:
        return ["\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)]
    return [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages]


@pytest.fixture(scope="module")
def texts(sandbox: Sandbox) -> dict[int, list[str]]:
    """The extracted text of every readable document with a text layer."""
    result = {}
    for document in sandbox.world.documents():
        if document.kind in (FileKind.PDF, FileKind.DOCX):
            data = render(document, document.version)
            assert data is not None
            result[document.id] = _text_of(data, document.mime_type)
    return result


def test_files_are_served_with_their_type_and_size(sandbox: Sandbox, client: httpx.Client) -> None:
    for key in sandbox.world.source_keys:
        expected = sandbox.world.expected(key)
        for doc_id in expected.downloadable_document_ids:
            document = sandbox.world.document(doc_id)
            assert document is not None
            response = _download(sandbox, client, document)
            assert response.status_code == 200
            assert response.headers["content-type"] == document.mime_type
            assert int(response.headers["content-length"]) == len(response.content)
            meta = client.get(
                f"{sandbox.notubiz_url}/document/{doc_id}",
                params={"format": "json", "version": "1.17.0"},
            ).json()["document"]
            assert meta["versions"][-1]["file_size"] == len(response.content)
            assert meta["versions"][-1]["mime_type"] == document.mime_type


def test_pdfs_and_docx_have_real_text(sandbox: Sandbox, texts: dict[int, list[str]]) -> None:
    for doc_id, pages in texts.items():
        document = sandbox.world.document(doc_id)
        assert document is not None
        if document.kind is FileKind.PDF:
            assert 1 <= len(pages) <= 6
            assert len(pages) == document.pages
        assert all(len(page.split()) > 10 for page in pages), document.title
        assert "Voorbeeldgegevens" in pages[0], "every file says it is sample data"


def test_the_page3_word_is_only_on_page_3(sandbox: Sandbox, texts: dict[int, list[str]]) -> None:
    world = sandbox.world
    word = world.page3_word
    pages = texts[world.page3_document_id]
    assert len(pages) >= 4
    assert [word in page for page in pages] == [n == 3 for n in range(1, len(pages) + 1)]
    others = [doc_id for doc_id, text in texts.items() if word in "".join(text)]
    assert others == [world.page3_document_id]
    assert world.page3_source_key == "voorbeeldstad"


def test_page3_word_is_in_no_api_response(sandbox: Sandbox, client: httpx.Client) -> None:
    urls = [f"{sandbox.base_url}/", f"{sandbox.notubiz_url}/organisations"]
    for meeting_id in sandbox.world.expected("voorbeeldstad").public_meeting_ids:
        urls.append(f"{sandbox.notubiz_url}/events/meetings/{meeting_id}")
    for url in urls:
        body = client.get(url, params={"format": "json", "version": "1.17.0"}).text
        assert sandbox.world.page3_word not in body


def test_budget_texts_use_the_singular_only(texts: dict[int, list[str]]) -> None:
    joined = {doc_id: " ".join(pages).lower() for doc_id, pages in texts.items()}
    assert sum("begroting" in text for text in joined.values()) >= 6
    assert not any("begrotingen" in text for text in joined.values())


def test_broken_documents(sandbox: Sandbox, client: httpx.Client) -> None:
    expected = sandbox.world.expected("voorbeeldstad")
    assert len(expected.missing_document_ids) == 1
    world = sandbox.world

    def fetch(doc_id: int) -> httpx.Response:
        document = world.document(doc_id)
        assert document is not None
        return _download(sandbox, client, document)

    (missing,) = expected.missing_document_ids
    assert fetch(missing).status_code == 404
    (empty,) = expected.empty_document_ids
    response = fetch(empty)
    assert response.status_code == 200 and response.content == b""
    assert response.headers["content-length"] == "0"
    (corrupt,) = expected.corrupt_document_ids
    data = fetch(corrupt).content
    assert data.startswith(b"%PDF-")
    with pytest.raises(pypdf.errors.PdfReadError):
        pypdf.PdfReader(io.BytesIO(data)).pages[0].extract_text()


def test_the_quirky_url_works_once_repaired(sandbox: Sandbox, client: httpx.Client) -> None:
    expected = sandbox.world.expected("voorbeeldstad")
    (quirky,) = expected.quirk_url_document_ids
    meta = client.get(
        f"{sandbox.notubiz_url}/document/{quirky}", params={"format": "json", "version": "1.17.0"}
    ).json()["document"]
    assert meta["url"].startswith("httphttp://127.0.0.1:")
    repaired = clean_url(meta["url"])
    assert repaired == f"{sandbox.notubiz_url}/document/{quirky}/1"
    response = client.get(repaired)
    assert response.status_code == 200 and response.content.startswith(b"%PDF-")


def test_the_scanned_letter_has_no_text_layer_but_ocr_reads_it(
    sandbox: Sandbox, client: httpx.Client, tmp_path: Path
) -> None:
    document = sandbox.world.document(sandbox.world.scanned_document_id)
    assert document is not None
    data = _download(sandbox, client, document).content
    reader = pypdf.PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 1
    assert reader.pages[0].extract_text().strip() == ""
    assert len(reader.pages[0].images) == 1
    if not (shutil.which("pdftoppm") and shutil.which("tesseract")):
        pytest.skip("poppler-utils and tesseract are needed for the OCR check")
    (tmp_path / "scan.pdf").write_bytes(data)
    subprocess.run(
        ["pdftoppm", "-r", "200", "-gray", "-png", "scan.pdf", "page"], cwd=tmp_path, check=True
    )
    image = next(tmp_path.glob("page*.png"))
    ocr = subprocess.run(
        ["tesseract", str(image), "stdout", "-l", "nld"], capture_output=True, text=True, check=True
    )
    assert sandbox.world.scanned_word in ocr.stdout


def test_head_gives_the_size_without_a_body(sandbox: Sandbox, client: httpx.Client) -> None:
    document = sandbox.world.document(sandbox.world.page3_document_id)
    assert document is not None
    url = f"{sandbox.notubiz_url}/document/{document.id}/{document.version}"
    head = client.head(url)
    assert head.status_code == 200 and head.content == b""
    assert int(head.headers["content-length"]) == len(client.get(url).content)


def test_files_are_byte_identical_across_generations(sandbox: Sandbox) -> None:
    for document in sandbox.world.documents():
        assert render(document, document.version) == render(document, document.version)


def test_files_are_cached_on_disk(sandbox: Sandbox, files_dir: Path) -> None:
    names = {p.name for p in files_dir.iterdir()}
    readable = [d for d in sandbox.world.documents() if d.kind is not FileKind.MISSING]
    assert len(names) == len(readable)
    with Sandbox(files_dir=files_dir) as again:
        again.prepare_files()
    assert {p.name for p in files_dir.iterdir()} == names
