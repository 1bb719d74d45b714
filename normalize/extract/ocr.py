"""OCR with the Tesseract command line: PDF pages rendered by `pdftoppm`, and image files.

Why not Tika's own OCR: one OCR path for every route (also the XFA route, which never sees Tika),
a timeout on every tool call, a per-page `ocr` flag, a clear warning when tesseract is missing,
and pages OCR'd in parallel. PDF pages are rendered with `pdftoppm -r 300` (less for pages larger
than A2, see `ocr_plan.py`) to greyscale PGM and read with `tesseract -l <language>`, one
thread per tesseract process (OMP_THREAD_LIMIT=1: OpenMP threads slow it down on busy machines).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from normalize.extract.pages import clean_text

_VERSION = re.compile(r"tesseract\s+v?(\d[\w.\-]*)", re.I)
_PROBE_TIMEOUT = 15.0


@dataclass(frozen=True)
class OcrTools:
    """The OCR programs found on the search path, once per worker."""

    tesseract: str | None
    pdftoppm: str | None
    version: str | None
    languages: frozenset[str]
    env: dict[str, str]

    @classmethod
    def find(cls, search_path: str) -> OcrTools:
        env = {**os.environ, "PATH": search_path, "OMP_THREAD_LIMIT": "1"}
        tesseract = shutil.which("tesseract", path=search_path)
        pdftoppm = shutil.which("pdftoppm", path=search_path)
        version, languages = None, frozenset[str]()
        if tesseract:
            try:
                out, err = _run([tesseract, "--version"], env, _PROBE_TIMEOUT)
                match = _VERSION.search(out + err)  # tesseract 3 printed it on stderr
                version = match.group(1) if match else "unknown"
                listed, _ = _run([tesseract, "--list-langs"], env, _PROBE_TIMEOUT)
                languages = frozenset(x.strip() for x in listed.splitlines()[1:] if x.strip())
            except (OSError, subprocess.SubprocessError):
                tesseract = None
        return cls(tesseract, pdftoppm, version, languages, env)

    def unavailable(self, language: str, for_pdf: bool) -> str | None:
        """Why OCR cannot run (a warning text), or None when it can."""
        if not self.tesseract:
            return "ocr unavailable: tesseract not found"
        if for_pdf and not self.pdftoppm:
            return "ocr unavailable: pdftoppm not found"
        missing = [code for code in language.split("+") if code not in self.languages]
        if missing:
            return f"ocr unavailable: tesseract language {'+'.join(missing)!r} not installed"
        return None


class OcrError(Exception):
    """One OCR call failed; the message names the tool and its complaint."""


def ocr_image(tools: OcrTools, image: Path, language: str, timeout: float) -> list[str]:
    """Text of an image file, one entry per frame (multi-page TIFF). Raises OcrError."""
    assert tools.tesseract is not None
    out = _tool([tools.tesseract, str(image), "stdout", "-l", language], tools, timeout)
    frames = out.split("\f")
    if len(frames) > 1 and not frames[-1].strip():
        frames.pop()
    return [clean_text(frame) for frame in frames]


def ocr_pdf_pages(
    tools: OcrTools,
    pdf: Path,
    pages: list[tuple[int, int]],
    language: str,
    deadline: float,
) -> tuple[dict[int, str], list[str]]:
    """OCR the given (page number, dpi) pairs until `deadline` (monotonic). Returns the text per
    page number and warnings (pages that failed or were skipped for lack of time)."""
    texts: dict[int, str] = {}
    warnings: list[str] = []
    skipped: list[int] = []
    workers = max(1, min(4, os.cpu_count() or 1, len(pages)))
    with tempfile.TemporaryDirectory(prefix="vindplaats-ocr-") as tmp:

        def one(number: int, dpi: int) -> None:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                skipped.append(number)
                return
            try:
                texts[number] = _ocr_pdf_page(tools, pdf, number, dpi, language, deadline, tmp)
            except OcrError as exc:
                if time.monotonic() >= deadline:
                    skipped.append(number)
                else:
                    warnings.append(f"ocr failed on page {number}: {exc}")

        with ThreadPoolExecutor(max_workers=workers) as pool:
            for future in [pool.submit(one, number, dpi) for number, dpi in pages]:
                future.result()
    if skipped:
        warnings.append(
            f"ocr stopped at the time limit: {len(skipped)} of {len(pages)} page(s) not OCR'd"
        )
    return texts, sorted(warnings)


def _ocr_pdf_page(
    tools: OcrTools, pdf: Path, number: int, dpi: int, language: str, deadline: float, tmp: str
) -> str:
    assert tools.pdftoppm is not None and tools.tesseract is not None
    prefix = str(Path(tmp) / f"page-{number}")
    render = [tools.pdftoppm, "-r", str(dpi), "-f", str(number), "-l", str(number)]
    _tool([*render, "-gray", "-singlefile", str(pdf), prefix], tools, _left(deadline))
    image = Path(prefix + ".pgm")  # uncompressed: writing PNG costs more than OCR'ing it
    try:
        return ocr_image(tools, image, language, _left(deadline))[0]
    finally:
        image.unlink(missing_ok=True)


def _left(deadline: float) -> float:
    return max(0.1, deadline - time.monotonic())


def _tool(cmd: list[str], tools: OcrTools, timeout: float) -> str:
    name = Path(cmd[0]).name
    try:
        proc = subprocess.run(
            cmd, env=tools.env, capture_output=True, timeout=timeout, stdin=subprocess.DEVNULL
        )
    except subprocess.TimeoutExpired as exc:
        raise OcrError(f"{name} timed out after {timeout:.0f} s") from exc
    except OSError as exc:
        raise OcrError(f"{name} could not run ({exc})") from exc
    if proc.returncode != 0:
        detail = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        last = detail[-1][:300] if detail else f"exit status {proc.returncode}"
        raise OcrError(f"{name}: {last}")
    return proc.stdout.decode("utf-8", "replace")


def _run(cmd: list[str], env: dict[str, str], timeout: float) -> tuple[str, str]:
    proc = subprocess.run(cmd, env=env, capture_output=True, timeout=timeout, check=False)
    return proc.stdout.decode("utf-8", "replace"), proc.stderr.decode("utf-8", "replace")
