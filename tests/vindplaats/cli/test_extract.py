"""`vindplaats extract FILE`: the extraction described for people, or as JSON."""

from __future__ import annotations

import json
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from tests.vindplaats.cli.runner import run_cli


def make_pdf(path: Path, pages: list[str]) -> Path:
    pdf = canvas.Canvas(str(path), pagesize=A4)
    for text in pages:
        pdf.drawString(72, 720, text)
        pdf.showPage()
    pdf.save()
    return path


def test_extract_pdf(tmp_path: Path) -> None:
    pdf = make_pdf(tmp_path / "voorstel.pdf", ["Raadsvoorstel begroting", "Tweede pagina tekst"])
    result = run_cli("extract", str(pdf), "--no-ocr", "--text", data_dir=tmp_path)
    assert result.code == 0, result.err
    assert result.out.startswith("status:       ok")
    assert "page 2:" in result.out
    assert "--- page 1 ---\nRaadsvoorstel begroting" in result.out
    assert "--- page 2 ---\nTweede pagina tekst" in result.out
    as_json = run_cli("extract", str(pdf), "--json", "--no-ocr", data_dir=tmp_path)
    body = json.loads(as_json.out)
    assert body["status"] == "ok"
    assert [p["number"] for p in body["pages"]] == [1, 2]
    assert "Tweede pagina tekst" in body["pages"][1]["text"]
    assert body["agent"]


def test_extract_corrupt_file_exits_1(tmp_path: Path) -> None:
    corrupt = tmp_path / "kapot.pdf"
    corrupt.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 20)
    result = run_cli("extract", str(corrupt), "--json", "--no-ocr", data_dir=tmp_path)
    assert result.code == 1
    body = json.loads(result.out)
    assert body["status"] == "failed"
    assert body["error"]


def test_extract_missing_file_exits_2(tmp_path: Path) -> None:
    result = run_cli("extract", str(tmp_path / "nope.pdf"), data_dir=tmp_path)
    assert result.code == 2
    assert result.err == f"vindplaats: error: {tmp_path / 'nope.pdf'}: no such file\n"
