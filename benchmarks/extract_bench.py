"""Extraction benchmark: cold start, and warm ms/page for text pages and OCR pages.

    .venv/bin/python benchmarks/extract_bench.py [--repeat 5] [--update-docs]

Builds a document set in a temporary directory (text PDFs of 1, 10 and 50 pages, a scanned
3-page PDF without a text layer, a DOCX), extracts each file `--repeat` times with one warm
`Extractor`, and prints a Markdown section. `--update-docs` writes that section into
docs/benchmarks.md (replacing an earlier version of the section, leaving the others alone).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import docx
from PIL import Image, ImageDraw, ImageFont
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from benchmarks.machine import load_average, machine
from normalize.extract import AGENT, ExtractOptions, Extractor
from normalize.records import ExtractionStatus

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs" / "benchmarks.md"
HEADING = "## Extraction (embedded Tika)"
LINE = "De gemeenteraad besluit over de begroting, het bestemmingsplan en de motie van {n}."
COLD_SNIPPET = """
import time
t = time.perf_counter()
import extractous
e = extractous.Extractor().set_xml_output(True)
e.extract_file_to_string({path!r})
print(time.perf_counter() - t)
"""


def text_pdf(path: Path, pages: int) -> Path:
    pdf = canvas.Canvas(str(path), pagesize=A4, invariant=True)
    for page in range(pages):
        for row in range(45):
            pdf.drawString(60, 790 - 16 * row, LINE.format(n=page * 45 + row))
        pdf.showPage()
    pdf.save()
    return path


def scanned_pdf(path: Path, pages: int) -> Path:
    font = ImageFont.load_default(size=34)
    pdf = canvas.Canvas(str(path), pagesize=A4, invariant=True)
    for page in range(pages):
        image = Image.new("L", (1654, 2339), 255)  # A4 at 200 dpi
        draw = ImageDraw.Draw(image)
        for row in range(30):
            draw.text((120, 150 + 66 * row), LINE.format(n=page * 30 + row)[:70], font=font)
        pdf.drawImage(ImageReader(image), 0, 0, *A4)
        pdf.showPage()
    pdf.save()
    return path


def word(path: Path, paragraphs: int) -> Path:
    document = docx.Document()
    for n in range(paragraphs):
        document.add_paragraph(LINE.format(n=n) * 3)
    document.save(str(path))
    return path


def measure(extractor: Extractor, path: Path, repeat: int) -> tuple[float, int, int]:
    """Median seconds per extraction, pages, OCR pages."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        result = extractor.extract(path)
        times.append(time.perf_counter() - started)
        if result.status is not ExtractionStatus.OK:
            raise SystemExit(f"{path.name}: {result.status.value} {result.error}")
    return statistics.median(times), len(result.pages), sum(p.ocr for p in result.pages)


@dataclass
class Warm:
    """What one warm `Extractor` measured over the document set."""

    rows: list[str] = field(default_factory=list)
    per_file: dict[str, float] = field(default_factory=dict)
    text_ms: list[float] = field(default_factory=list)
    ocr_ms: list[float] = field(default_factory=list)
    startup: float = 0.0
    ocr_agent: str = ""


def document_set(base: Path) -> dict[str, Path]:
    """The files extracted, by label, written below `base`."""
    return {
        "text PDF, 1 page": text_pdf(base / "p1.pdf", 1),
        "text PDF, 10 pages": text_pdf(base / "p10.pdf", 10),
        "text PDF, 50 pages": text_pdf(base / "p50.pdf", 50),
        "scanned PDF, 3 pages (OCR)": scanned_pdf(base / "scan3.pdf", 3),
        "DOCX, 60 paragraphs": word(base / "doc.docx", 60),
    }


def cold_starts(path: Path) -> tuple[list[float], list[float]]:
    """Seconds to the first extraction of `path`: bare extractous in a fresh interpreter, and
    a new `Extractor` (three of each)."""
    code = COLD_SNIPPET.format(path=str(path))
    raw = [float(subprocess.check_output([sys.executable, "-c", code])) for _ in range(3)]
    cold = []
    for _ in range(3):
        extractor = Extractor(ExtractOptions(timeout=600))
        started = time.perf_counter()
        extractor.start()
        extractor.extract(path)
        cold.append(time.perf_counter() - started)
        extractor.close()
    return raw, cold


def warm(files: dict[str, Path], repeat: int) -> Warm:
    """Each file extracted `repeat` times by one warm `Extractor`."""
    found = Warm()
    with Extractor(ExtractOptions(timeout=600)) as extractor:
        found.startup = extractor.start() or 0.0
        for label, path in files.items():
            measure(extractor, path, 1)  # first use of a parser is not the steady state
            seconds, pages, ocr_pages = measure(extractor, path, repeat)
            found.per_file[label] = seconds
            per_page = seconds * 1000 / pages
            if "PDF" in label:
                (found.ocr_ms if ocr_pages else found.text_ms).append(per_page)
            found.rows.append(f"| {label} | {seconds * 1000:.0f} | {pages} | {per_page:.1f} |")
        found.ocr_agent = extractor.extract(files["scanned PDF, 3 pages (OCR)"]).agent
    return found


def run(repeat: int) -> str:
    facts = f"{machine()}, load average at start {load_average()}"
    with tempfile.TemporaryDirectory(prefix="extract-bench-") as tmp:
        files = document_set(Path(tmp))
        raw, cold = cold_starts(files["text PDF, 1 page"])
        found = warm(files, repeat)
    return section(facts, repeat, found, raw, cold)


def section(facts: str, repeat: int, found: Warm, raw: list[float], cold: list[float]) -> str:
    """The Markdown section of docs/benchmarks.md."""
    date = datetime.now(UTC).strftime("%Y-%m-%d")
    per_file = found.per_file
    marginal = (per_file["text PDF, 50 pages"] - per_file["text PDF, 1 page"]) * 1000 / 49
    note = "- note: the machine was busy with other jobs (load average): expect lower times idle"
    busy = [note] if os.getloadavg()[0] > (os.cpu_count() or 1) / 2 else []
    lines = [
        HEADING,
        "",
        f"- date: {date}; machine: {facts}",
        f"- agents: {AGENT}; OCR pages: {found.ocr_agent}",
        f"- command: `.venv/bin/python benchmarks/extract_bench.py --repeat {repeat}`",
        f"- median of {repeat} runs per file with one warm `Extractor` (worker process reused)",
        "",
        "| file | ms per file | pages | ms per page |",
        "|---|---:|---:|---:|",
        *found.rows,
        "",
        *busy,
        f"- text pages: {statistics.mean(found.text_ms):.1f} ms/page (mean over the text PDFs); "
        f"{marginal:.1f} ms per extra page (50-page minus 1-page file, divided by 49)",
        "- OCR pages (pdftoppm 300 dpi + tesseract nld): "
        f"{statistics.mean(found.ocr_ms):.0f} ms/page",
        f"- cold start, worker (Python + imports + Tika warm-up): {found.startup * 1000:.0f} ms",
        f"- cold start, new `Extractor` up to the first 1-page PDF: "
        f"{statistics.median(cold) * 1000:.0f} ms (median of 3)",
        f"- cold start, bare extractous in a fresh interpreter (import + first PDF): "
        f"{statistics.median(raw) * 1000:.0f} ms (median of 3)",
        "",
    ]
    return "\n".join(lines)


def update_docs(section: str, heading: str = HEADING) -> None:
    """Replace this benchmark's section (`heading`) in docs/benchmarks.md, or append it."""
    if not DOCS.exists():
        DOCS.parent.mkdir(parents=True, exist_ok=True)
        DOCS.write_text("# Benchmarks\n\n" + section)
        return
    text = DOCS.read_text()
    start = text.find(heading)
    if start < 0:
        DOCS.write_text(text.rstrip("\n") + "\n\n" + section)
        return
    end = text.find("\n## ", start + len(heading))
    rest = text[end + 1 :] if end >= 0 else ""
    DOCS.write_text(text[:start] + section + ("\n" + rest if rest else ""))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs per file (default 5)")
    parser.add_argument("--update-docs", action="store_true", help="write docs/benchmarks.md")
    args = parser.parse_args()
    section = run(args.repeat)
    print(section)
    if args.update_docs:
        update_docs(section)


if __name__ == "__main__":
    main()
