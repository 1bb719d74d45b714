"""The Tika server route, against a real Apache Tika server (`scripts/service-tika start`).

Retries are exercised with loopback stand-ins (`loopback.py`): a proxy that answers 503 before
forwarding to the real server, and a listener that resets every connection.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from pydantic import ValidationError

from normalize.extract import ExtractOptions, Extractor
from normalize.extract.tika_server import TIMEOUT_HEADER, TikaServer
from normalize.extract.tika_xhtml import TikaServerError
from normalize.records import ExtractionStatus
from tests.services import TIKA, service_url

from . import builders
from .loopback import FlakyProxy, Resetter, closed_port_url

THREE_PAGES = [
    ["Pagina een: de gemeenteraad vergadert.", "Agendapunt over de begroting."],
    ["Pagina twee: het college van burgemeester en wethouders."],
    ["Pagina drie: het windmolenpark Zuiderveld.", "Tweede regel met ë en ü."],
]


@pytest.fixture(scope="module")
def tika_url() -> str:
    return service_url(TIKA)


@pytest.fixture(scope="module")
def server(tika_url: str) -> ExtractOptions:
    return ExtractOptions(timeout=60, backend="tika-server", tika_url=tika_url)


@pytest.fixture(scope="module")
def three_pages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return builders.text_pdf(tmp_path_factory.mktemp("tika") / "drie.pdf", THREE_PAGES)


def test_options_need_a_url_for_the_server_backend() -> None:
    with pytest.raises(ValidationError, match="needs tika_url"):
        ExtractOptions(backend="tika-server")
    with pytest.raises(ValidationError):
        ExtractOptions(tika_url="file:///etc/passwd")
    assert ExtractOptions().backend == "embedded" and ExtractOptions().tika_url is None


def test_pdf_pages_come_back_in_place(
    extractor: Extractor, server: ExtractOptions, three_pages: Path
) -> None:
    result = extractor.extract(three_pages, server)
    assert result.status is ExtractionStatus.OK, result.error
    assert result.route == "tika-server"
    assert re.fullmatch(r"Apache Tika server 3\.\d+\.\d+", result.agent)
    assert result.content_type == "application/pdf"
    assert [page.number for page in result.pages] == [1, 2, 3]
    assert "Zuiderveld" in result.pages[2].text and "ë en ü" in result.pages[2].text
    assert all("Zuiderveld" not in page.text for page in result.pages[:2])


def test_docx(extractor: Extractor, server: ExtractOptions, tmp_path: Path) -> None:
    path = builders.word(tmp_path / "motie.docx", ["Motie fietspaden.", "De raad verzoekt."])
    result = extractor.extract(path, server)
    assert result.status is ExtractionStatus.OK, result.error
    assert result.route == "tika-server"
    assert "wordprocessingml" in (result.content_type or "")
    assert [page.text for page in result.pages] == ["Motie fietspaden.\n\nDe raad verzoekt."]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"%PDF-1.4\n1 0 obj garbage\ntrailer\n%%EOF\n", "corrupt or unreadable file"),
        (bytes(range(256)) * 8, "unsupported or unrecognised file type"),
        (b"", "the file is empty (0 bytes)"),
    ],
    ids=["corrupt-pdf", "binary", "empty"],
)
def test_bad_files_are_recorded_failures(
    extractor: Extractor, server: ExtractOptions, tmp_path: Path, content: bytes, expected: str
) -> None:
    path = tmp_path / "stuk.bin"
    path.write_bytes(content)
    result = extractor.extract(path, server)
    assert result.status is ExtractionStatus.FAILED
    assert result.error is not None and result.error.startswith(expected)
    assert result.pages == []


def test_xfa_pdf_goes_to_the_server_with_the_embedded_backend(
    extractor: Extractor, tika_url: str, three_pages: Path, tmp_path: Path
) -> None:
    xfa = builders.xfa_pdf(tmp_path / "formulier.pdf", three_pages, builders.canary(tmp_path))
    result = extractor.extract(xfa, ExtractOptions(timeout=60, tika_url=tika_url))
    assert result.status is ExtractionStatus.OK, result.error
    assert result.route == "tika-server"
    assert result.agent.startswith("Apache Tika server ")
    assert any("CVE-2025-66516" in warning for warning in result.warnings)
    assert "Zuiderveld" in result.pages[2].text
    assert builders.CANARY not in result.text
    plain = extractor.extract(three_pages, ExtractOptions(timeout=60, tika_url=tika_url))
    assert plain.route == "embedded-tika"  # only what the embedded Tika must not read


@pytest.mark.usefixtures("ocr_tools")
def test_pages_without_text_are_ocrd_like_the_embedded_route(
    extractor: Extractor, server: ExtractOptions, tmp_path: Path
) -> None:
    path = builders.scanned_pdf(tmp_path / "scan.pdf", [None, ["Ingescande motie over de dijk."]])
    result = extractor.extract(path, server)
    assert result.status is ExtractionStatus.OK, result.error
    assert result.route == "tika-server+ocr"
    assert "+ tesseract " in result.agent
    assert [page.ocr for page in result.pages] == [False, True]
    assert "dijk" in result.pages[1].text


def test_503_is_retried_and_the_timeout_header_sent(
    extractor: Extractor, tika_url: str, three_pages: Path
) -> None:
    with FlakyProxy(tika_url, failures=2) as proxy:
        options = ExtractOptions(timeout=60, backend="tika-server", tika_url=proxy.url)
        result = extractor.extract(three_pages, options)
    assert result.status is ExtractionStatus.OK, result.error
    assert result.route == "tika-server" and len(result.pages) == 3
    assert proxy.refused == 2
    puts = [r.headers for r in proxy.requests if r.method == "PUT"]
    assert [r.target for r in proxy.requests if r.method == "PUT"] == ["/tika"]
    assert puts[0]["accept"] == "text/html"
    assert 30_000 <= int(puts[0][TIMEOUT_HEADER.lower()]) <= 60_000
    assert puts[0]["x-tika-pdfocrstrategy"] == "no_ocr"


def test_resets_end_in_a_recorded_failure(extractor: Extractor, three_pages: Path) -> None:
    with Resetter() as resetter:
        options = ExtractOptions(timeout=8, backend="tika-server", tika_url=resetter.url)
        result = extractor.extract(three_pages, options)
    assert result.status is ExtractionStatus.FAILED
    assert result.route == "tika-server"
    match = re.match(r"Tika server at \S+ unavailable after (\d+) attempts: ", result.error or "")
    assert match and re.search("reset|closed", result.error or ""), result.error
    assert int(match.group(1)) == resetter.connections >= 2


def test_attempts_are_bounded(three_pages: Path) -> None:
    deadline = time.monotonic() + 30
    resetter = Resetter()
    client = TikaServer(resetter.url, attempts=3, backoff=0.01)
    with resetter, client, pytest.raises(TikaServerError) as raised:
        client.parse(three_pages, deadline, 10**6)
    assert re.search(r"after 3 attempts: .*(reset|closed)", str(raised.value)), raised.value
    assert resetter.connections == 3
    refused = TikaServer(closed_port_url(), attempts=2, backoff=0.01)
    with refused, pytest.raises(TikaServerError, match="after 2 attempts: cannot connect"):
        refused.parse(three_pages, deadline, 10**6)


PARITY = {
    "een.pdf": [[f"Regel {n}: de raad besluit over subsidie nummer {n}." for n in range(40)]],
    "vijf.pdf": [
        [f"Pagina {n}: vergadering {w}." for w in ("dinsdag", "woensdag")] for n in range(5)
    ],
    "tekens.pdf": [["Één café, drie ideeën: coördinatie."], ["Zóé en Noël: € 1.250,-"]],
}


@pytest.mark.parametrize("name", sorted(PARITY))
def test_embedded_and_server_agree(
    extractor: Extractor, server: ExtractOptions, tmp_path: Path, name: str
) -> None:
    path = builders.text_pdf(tmp_path / name, PARITY[name])
    embedded = extractor.extract(path)
    served = extractor.extract(path, server)
    assert (embedded.route, served.route) == ("embedded-tika", "tika-server")
    assert [p.text.split() for p in served.pages] == [p.text.split() for p in embedded.pages]
    assert len(served.pages) == len(PARITY[name])
