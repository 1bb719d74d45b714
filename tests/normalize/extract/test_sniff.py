"""Magic-byte sniffing decides the route; names and extensions never do."""

from __future__ import annotations

import pytest

from normalize.extract.sniff import Kind, sniff


@pytest.mark.parametrize(
    ("head", "kind", "content_type"),
    [
        (b"%PDF-1.7\n", Kind.PDF, "application/pdf"),
        (b"\xef\xbb\xbfjunk %PDF-1.4\n1 0 obj", Kind.PDF, "application/pdf"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 20, Kind.IMAGE, "image/png"),
        (b"\xff\xd8\xff\xe0", Kind.IMAGE, "image/jpeg"),
        (b"II*\x00\x08\x00", Kind.IMAGE, "image/tiff"),
        (b"RIFF\x00\x00\x00\x00WEBPVP8 ", Kind.IMAGE, "image/webp"),
        (b"PK\x03\x04\x14\x00", Kind.ZIP, "application/zip"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", Kind.OLE2, "application/x-tika-msoffice"),
        (b"\x1f\x8b\x08\x00", Kind.COMPRESSED, "application/gzip"),
        (b"Rar!\x1a\x07\x01\x00", Kind.OPAQUE, "application/vnd.rar"),
        (b"BMW en DAF: vervoer in de raad.", Kind.TEXT, None),
        ("Raadsbesluit ëü".encode(), Kind.TEXT, None),
        ("Raadsbesluit ëü".encode("cp1252"), Kind.TEXT, None),
        (bytes(range(256)), Kind.BINARY, None),
    ],
)
def test_sniff(head: bytes, kind: Kind, content_type: str | None) -> None:
    sniffed = sniff(head)
    assert sniffed.kind is kind
    assert sniffed.content_type == content_type


def test_pdf_header_after_1024_bytes_is_not_a_pdf() -> None:
    assert sniff(b" " * 1100 + b"%PDF-1.4\n1 0 obj").kind is Kind.TEXT


def test_text_mentioning_pdf_is_text() -> None:
    assert sniff(b"Een PDF begint met %PDF-1.7 en eindigt met %%EOF.").kind is Kind.TEXT
    assert sniff(b"junk\n%PDF-1.4\n1 0 obj\n<<>>\nendobj").kind is Kind.PDF
