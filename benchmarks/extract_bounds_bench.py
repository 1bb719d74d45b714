"""Oversized files against the extraction bounds: time, the worker's peak memory and what is kept.

    .venv/bin/python -m benchmarks.extract_bounds_bench [--update-docs]

Builds, in a temporary directory, a 10-page text PDF (the baseline), a 10,000-page text PDF, a
DOCX of under 1 MB holding 500 MB of text (a text bomb) and one of 1.8 MB holding 500 MB of
short paragraphs (under Tika's zip-bomb ratio), then extracts each with a fresh
`Extractor` at the default settings (page cap, text cap, memory limit a quarter of the machine's
memory, 120 s timeout), and the text bomb once more under a 2 GiB memory limit. The worker's
peak resident memory is sampled from /proc every 20 ms. Prints a Markdown section; with
`--update-docs` it replaces that section of docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import io
import sys
import threading
import time
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from tempfile import TemporaryDirectory

import docx

from benchmarks.extract_bench import text_pdf, update_docs
from benchmarks.machine import load_average, machine
from normalize.extract import ExtractionResult, ExtractOptions, Extractor
from normalize.extract.memory import GIB, default_limit, human

HEADING = "## Extraction of oversized files (bounds)"
MIB = 1024**2


def text_bomb_docx(path: Path, characters: int, text: str = "ab " * 100_000) -> Path:
    """A DOCX of paragraphs of `text` (by default 300,000 characters, "ab ab ab ...": about
    0.5 MB per 500 MB of text)."""
    blank = io.BytesIO()
    docx.Document().save(blank)
    paragraph = f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>".encode()
    with (
        zipfile.ZipFile(blank) as source,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as out,
    ):
        for info in source.infolist():
            data = source.read(info)
            if info.filename != "word/document.xml":
                out.writestr(info, data)
                continue
            head, _, tail = data.decode("utf-8").partition("<w:body>")
            with out.open("word/document.xml", "w", force_zip64=True) as member:
                member.write((head + "<w:body>").encode("utf-8"))
                for _ in range(characters // len(text)):
                    member.write(paragraph)
                member.write(tail.encode("utf-8"))
    return path


class PeakMemory:
    """Samples the resident memory high-water mark (VmHWM) of whatever worker runs."""

    def __init__(self, extractor: Extractor) -> None:
        self.extractor = extractor
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.wait(0.02):
            pid = self.extractor.worker_pid
            if pid is None:
                continue
            try:
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if line.startswith("VmHWM:"):
                        self.peak = max(self.peak, int(line.split()[1]) * 1024)
            except (OSError, ValueError):
                pass


@dataclass
class Case:
    label: str
    path: Path
    memory_limit: int | None = None


@dataclass
class Outcome:
    case: Case
    seconds: float
    peak: int
    limit: int
    size: int
    result: ExtractionResult

    def row(self) -> str:
        r = self.result
        kept = sum(len(page.text) for page in r.pages)
        stored = sum(len(page.text.encode("utf-8")) for page in r.pages)
        what = r.truncation.message if r.truncation else (r.error or "whole")
        return (
            f"| {self.case.label} | {self.size / MIB:.1f} MB | {human(self.limit)} "
            f"| {self.seconds:.1f} "
            f"| {self.peak / MIB:.0f} MiB | {r.status.value} | {len(r.pages)} | {kept:,} "
            f"| {stored / MIB:.1f} MiB | {what} |"
        )


def measure(case: Case) -> Outcome:
    extractor = Extractor(ExtractOptions(), memory_limit=case.memory_limit)
    try:
        extractor.start()
        with PeakMemory(extractor) as peak:
            started = time.perf_counter()
            result = extractor.extract(case.path)
            seconds = time.perf_counter() - started
            time.sleep(0.05)  # one more sample after the answer
    finally:
        extractor.close()
    outcome = Outcome(
        case, seconds, peak.peak, extractor.memory_limit, case.path.stat().st_size, result
    )
    print(outcome.row(), file=sys.stderr, flush=True)  # progress, and nothing lost on a crash
    return outcome


def run() -> str:
    facts = f"{machine()}, load average at start {load_average()}"
    with TemporaryDirectory(prefix="extract-bounds-") as tmp:
        base = Path(tmp)
        cases = [
            Case("text PDF, 10 pages (baseline)", text_pdf(base / "p10.pdf", 10)),
            Case("text PDF, 10,000 pages", text_pdf(base / "p10000.pdf", 10_000)),
        ]
        bomb = text_bomb_docx(base / "bomb.docx", 500_000_000)
        prose = text_bomb_docx(base / "prose.docx", 500_000_000, "De raad besluit. " * 60)
        cases += [
            Case("DOCX holding 500 MB of text", bomb),
            Case("the same DOCX, memory limit 2 GiB", bomb, memory_limit=2 * GIB),
            Case("DOCX holding 500 MB of prose (paragraphs of 1,020 characters)", prose),
        ]
        outcomes = [measure(case) for case in cases]
    baseline = outcomes[0]
    per_page = baseline.seconds / max(1, len(baseline.result.pages))
    options = ExtractOptions()
    lines = [
        HEADING,
        "",
        f"- date: {datetime.now(UTC):%Y-%m-%d}; machine: {facts}",
        "- command: `.venv/bin/python -m benchmarks.extract_bounds_bench`",
        f"- defaults: page cap {options.max_pages:,}, text cap {options.max_chars:,} characters, "
        f"memory limit {human(default_limit())} (a quarter of this machine), timeout "
        f"{options.timeout:g} s; one fresh `Extractor` per file (start-up not counted); peak = "
        "the worker's resident high-water mark, sampled every 20 ms",
        "",
        "| file | size | memory limit | seconds | peak RSS | status | pages kept | characters "
        "kept | text stored | truncation or error |",
        "|---|---:|---:|---:|---:|---|---:|---:|---:|---|",
        *(outcome.row() for outcome in outcomes),
        "",
        f"- against the baseline (same run): the 10,000-page PDF takes "
        f"{outcomes[1].seconds / max(1, len(outcomes[1].result.pages)) / per_page:.2f}× the "
        f"baseline's time per page and {outcomes[1].peak / max(1, baseline.peak):.1f}× its peak "
        f"memory; the text bomb {outcomes[2].peak / max(1, baseline.peak):.1f}× (default limit) "
        f"and {outcomes[3].peak / max(1, baseline.peak):.1f}× (2 GiB limit), the prose DOCX "
        f"{outcomes[4].peak / max(1, baseline.peak):.1f}×",
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--update-docs", action="store_true", help="write docs/benchmarks.md")
    args = parser.parse_args()
    section = run()
    print(section)
    if args.update_docs:
        update_docs(section, HEADING)


if __name__ == "__main__":
    main()
