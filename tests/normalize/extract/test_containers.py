"""Finding PDFs inside other files (raw, encoded, archived) and vouching for them."""

from __future__ import annotations

import gzip
import io
import tarfile
from pathlib import Path

import pytest

from normalize.extract.containers import embedded_risk

from . import builders


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    tmp = tmp_path_factory.mktemp("containers")
    plain = builders.text_pdf(tmp / "gewoon.pdf", [["Besluitenlijst."]])
    xfa = builders.xfa_pdf(tmp / "xfa.pdf", plain, builders.canary(tmp))
    return {"plain": plain.read_bytes(), "xfa": xfa.read_bytes()}


def tar_with(name: str, content: bytes) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as archive:
        info = tarfile.TarInfo(name)
        info.size = len(content)
        archive.addfile(info, io.BytesIO(content))
    return buffer.getvalue()


def test_text_that_mentions_pdf_headers_is_fine() -> None:
    assert embedded_risk(b"Een PDF begint met %PDF-1.7 en eindigt met %%EOF.\n") is None


def test_raw_embedded_pdfs_are_checked(pdfs: dict[str, bytes]) -> None:
    ole_like = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    assert embedded_risk(ole_like + pdfs["plain"] + b"\x00" * 512) is None
    assert "XFA" in (embedded_risk(ole_like + pdfs["xfa"] + b"\x00" * 512) or "")


def test_hex_encoded_pdfs_are_checked(pdfs: dict[str, bytes]) -> None:
    rtf = b"{\\rtf1 {\\object {\\*\\objdata 0105000002000000" + pdfs["xfa"].hex().encode() + b"}}}"
    assert "XFA" in (embedded_risk(rtf) or "")


def test_archives_are_opened(pdfs: dict[str, bytes]) -> None:
    assert embedded_risk(tar_with("a.pdf", pdfs["plain"])) is None
    assert "XFA" in (embedded_risk(tar_with("a.pdf", pdfs["xfa"])) or "")
    assert "XFA" in (embedded_risk(gzip.compress(tar_with("a.pdf", pdfs["xfa"]))) or "")


def test_archives_that_cannot_be_opened_are_not_vouched_for() -> None:
    risk = embedded_risk(b"7z\xbc\xaf\x27\x1c" + b"\x00" * 100)
    assert risk == "archive type application/x-7z-compressed cannot be checked for XFA PDFs"


def test_broken_zip_is_not_vouched_for(tmp_path: Path) -> None:
    path = builders.word(tmp_path / "a.docx", ["tekst"])
    risk = embedded_risk(path.read_bytes()[:300])
    assert risk is not None and "unreadable ZIP" in risk
