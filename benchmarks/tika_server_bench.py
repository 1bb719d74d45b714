"""Embedded Tika (extractous) vs Apache Tika server: extraction time per page.

    scripts/service-tika start                      # prints export VINDPLAATS_TEST_TIKA_URL=...
    .venv/bin/python -m benchmarks.tika_server_bench --tika-url http://127.0.0.1:PORT \
        [--repeat 5] [--parallel 2] [--warmup 10] [--update-docs]

Builds text PDFs of 1, 10 and 50 pages and a DOCX (the generators of `extract_bench.py`),
extracts each `--repeat` times, after `--warmup` untimed rounds (the server's JVM gets faster as
it compiles), with one `Extractor` per backend (the same worker process and code path; only
`ExtractOptions.backend` differs) and prints a Markdown section; a second table runs `--parallel`
extractors at once on the 50-page PDF, `--repeat` files each (pages per second), because a Tika
server is meant to be shared by several workers. The start-up time of a Tika server is measured
with the jar and config `scripts/service-tika` keeps in .services/tika/. `--update-docs` writes
the section into docs/benchmarks.md under "Embedded Tika vs Tika server", leaving the other
sections alone.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import statistics
import subprocess
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

import httpx

from benchmarks.extract_bench import text_pdf, word
from benchmarks.machine import load_average, machine
from normalize.extract import ExtractOptions, Extractor
from normalize.records import ExtractionStatus

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs" / "benchmarks.md"
HEADING = "## Embedded Tika vs Tika server"
SERVICE = ROOT / ".services" / "tika"  # where scripts/service-tika keeps the jar and config


def server_start_seconds() -> float | None:
    """Start a second Tika server from the jar `scripts/service-tika` fetched (same config) and
    time it until GET /version answers; None when there is no jar."""
    jars = sorted(SERVICE.glob("tika-server-standard-*.jar"))
    config = SERVICE / "tika-config.xml"
    if not jars or not config.exists():
        return None
    with socket.create_server(("127.0.0.1", 0)) as probe:
        port = probe.getsockname()[1]
    command = ["java", "-Xmx256m", "-jar", str(jars[-1]), "-h", "127.0.0.1", "-p", str(port)]
    started = time.perf_counter()
    process = subprocess.Popen(
        [*command, "-c", str(config)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # the forked parser JVM joins this group; killpg ends both
    )
    try:
        with httpx.Client(timeout=2) as client:
            while time.perf_counter() - started < 180:
                try:
                    if client.get(f"http://127.0.0.1:{port}/version").status_code == 200:
                        return time.perf_counter() - started
                except httpx.HTTPError:
                    pass
                time.sleep(0.25)
        return None
    finally:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def options(backend: str, tika_url: str) -> ExtractOptions:
    if backend == "embedded":
        return ExtractOptions(timeout=600, ocr=False)
    return ExtractOptions(timeout=600, ocr=False, backend="tika-server", tika_url=tika_url)


def timed(extractor: Extractor, path: Path, opts: ExtractOptions) -> tuple[float, int, str]:
    started = time.perf_counter()
    result = extractor.extract(path, opts)
    seconds = time.perf_counter() - started
    if result.status is not ExtractionStatus.OK:
        raise SystemExit(f"{path.name} ({opts.backend}): {result.status.value} {result.error}")
    return seconds, len(result.pages), result.agent


def sequential(
    files: dict[str, Path], tika_url: str, repeat: int, warmup: int
) -> tuple[list[str], dict[str, str]]:
    """Rows "| file | pages | embedded ms/page | server ms/page | ratio |" and the agents."""
    per_page: dict[str, dict[str, float]] = {label: {} for label in files}
    pages: dict[str, int] = {}
    agents: dict[str, str] = {}
    for backend in ("embedded", "tika-server"):
        opts = options(backend, tika_url)
        with Extractor(opts) as extractor:
            for _ in range(warmup):  # the server's JVM compiles its hot code over many files
                for path in files.values():
                    timed(extractor, path, opts)
            for label, path in files.items():
                runs = [timed(extractor, path, opts) for _ in range(repeat)]
                pages[label] = runs[0][1]
                agents[backend] = runs[0][2]
                median = statistics.median(seconds for seconds, _, _ in runs)
                per_page[label][backend] = median * 1000 / pages[label]
    rows = []
    for label in files:
        embedded, served = per_page[label]["embedded"], per_page[label]["tika-server"]
        ratio = served / embedded
        rows.append(f"| {label} | {pages[label]} | {embedded:.1f} | {served:.1f} | {ratio:.2f} |")
    return rows, agents


def parallel(path: Path, tika_url: str, workers: int, rounds: int) -> list[str]:
    """Pages per second with `workers` extractors working at once, per backend."""
    rows = []
    for backend in ("embedded", "tika-server"):
        opts = options(backend, tika_url)
        extractors = [Extractor(opts) for _ in range(workers)]
        try:
            for extractor in extractors:
                extractor.start()
                timed(extractor, path, opts)

            def work(extractor: Extractor, opts: ExtractOptions = opts) -> int:
                return sum(timed(extractor, path, opts)[1] for _ in range(rounds))

            started = time.perf_counter()
            with ThreadPoolExecutor(max_workers=workers) as pool:
                done = sum(pool.map(work, extractors))
            seconds = time.perf_counter() - started
        finally:
            for extractor in extractors:
                extractor.close()
        rows.append(f"| {backend} | {workers} | {done} | {seconds:.1f} | {done / seconds:.0f} |")
    return rows


def run(tika_url: str, repeat: int, workers: int, warmup: int) -> str:
    facts = f"{machine()}, load average at start {load_average()}"
    server_version = httpx.get(tika_url.rstrip("/") + "/version", timeout=30).text.strip()
    with tempfile.TemporaryDirectory(prefix="tika-server-bench-") as tmp:
        base = Path(tmp)
        files = {
            "text PDF, 1 page": text_pdf(base / "p1.pdf", 1),
            "text PDF, 10 pages": text_pdf(base / "p10.pdf", 10),
            "text PDF, 50 pages": text_pdf(base / "p50.pdf", 50),
            "DOCX, 60 paragraphs": word(base / "doc.docx", 60),
        }
        rows, agents = sequential(files, tika_url, repeat, warmup)
        concurrent = parallel(files["text PDF, 50 pages"], tika_url, workers, repeat)
    start = server_start_seconds()
    start_line = (
        f"- Tika server start (JVM + forked parser JVM, jar on disk) until `GET /version` answers: "
        f"{start:.1f} s"
        if start is not None
        else "- Tika server start: not measured (no jar)"
    )
    date = datetime.now(UTC).strftime("%Y-%m-%d")
    command = (
        "`scripts/service-tika start`, then `.venv/bin/python -m benchmarks.tika_server_bench "
        f"--tika-url $VINDPLAATS_TEST_TIKA_URL --repeat {repeat} --parallel {workers} "
        f"--warmup {warmup}`"
    )
    lines = [
        HEADING,
        "",
        f"- date: {date}; machine: {facts}",
        f"- embedded: {agents['embedded']}; server: {agents['tika-server']} ({server_version}, "
        "on the same machine, loopback HTTP, forked parser JVM with -Xmx1g)",
        f"- command: {command}",
        f"- median of {repeat} runs per file after {warmup} warm-up rounds over all files, one "
        "`Extractor` per backend, OCR off; the server route includes the HTTP upload and the "
        "XHTML download; the embedded route also checks each PDF and its attachments for XFA "
        "forms before Tika reads it, the server route only opens the PDF with pypdf (for OCR)",
        "",
        "| file | pages | embedded ms/page | Tika server ms/page | server / embedded |",
        "|---|---:|---:|---:|---:|",
        *rows,
        "",
        f"{workers} extractors at once on the 50-page PDF:",
        "",
        "| backend | extractors | pages | seconds | pages/s |",
        "|---|---:|---:|---:|---:|",
        *concurrent,
        "",
        start_line,
        "",
    ]
    return "\n".join(lines)


def update_docs(section: str) -> None:
    """Replace this benchmark's section in docs/benchmarks.md, or append it."""
    if not DOCS.exists():
        DOCS.parent.mkdir(parents=True, exist_ok=True)
        DOCS.write_text("# Benchmarks\n\n" + section)
        return
    text = DOCS.read_text()
    start = text.find(HEADING)
    if start < 0:
        DOCS.write_text(text.rstrip("\n") + "\n\n" + section)
        return
    end = text.find("\n## ", start + len(HEADING))
    rest = text[end + 1 :] if end >= 0 else ""
    DOCS.write_text(text[:start] + section + ("\n" + rest if rest else ""))


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument(
        "--tika-url",
        default=os.environ.get("VINDPLAATS_TEST_TIKA_URL"),
        help="Tika server URL (default: $VINDPLAATS_TEST_TIKA_URL)",
    )
    parser.add_argument("--repeat", type=int, default=5, help="runs per file (default 5)")
    parser.add_argument("--parallel", type=int, default=2, help="extractors at once (default 2)")
    parser.add_argument(
        "--warmup", type=int, default=10, help="untimed rounds over all files first (default 10)"
    )
    parser.add_argument("--update-docs", action="store_true", help="write docs/benchmarks.md")
    args = parser.parse_args()
    if not args.tika_url:
        parser.error("no Tika server: pass --tika-url or run `scripts/service-tika start` first")
    section = run(args.tika_url, args.repeat, args.parallel, args.warmup)
    print(section)
    if args.update_docs:
        update_docs(section)


if __name__ == "__main__":
    main()
