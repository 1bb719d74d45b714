"""Which way a file goes, inside the worker process. Never raises.

- empty or missing file                 → failed
- PDF                                   → XFA check (with attachments):
    no XFA                              → embedded Tika ("embedded-tika"), then OCR of pages
                                          without text ("embedded-tika+ocr")
    XFA                                 → pypdf ("xfa-safe-pdf"), then OCR likewise
    encrypted / unreadable by pypdf     → failed (Tika never sees a PDF that was not checked)
- image (PNG, JPEG, TIFF, GIF, BMP, WebP, JPEG 2000) → tesseract ("ocr")
- anything else                         → embedded-PDF check (`containers.py`), then Tika
With a Tika server (`tika_route.py`): backend "tika-server" sends every PDF and every other
non-image file to it ("tika-server", "tika-server+ocr"); backend "embedded" with `tika_url`
sends it only what the embedded Tika must not read (XFA, unreadable PDFs, risky containers).
"""

from __future__ import annotations

import mmap
import time
from pathlib import Path

from pypdf import PdfReader

from normalize.extract import ocr_plan, safe_pdf, tika_route
from normalize.extract.agents import AGENT, XFA_AGENT, tesseract_agent, with_ocr
from normalize.extract.containers import check_top_pdf, embedded_risk
from normalize.extract.embedded import TikaError, run_tika
from normalize.extract.ocr import OcrError, OcrTools, ocr_image, ocr_pdf_pages
from normalize.extract.result import ExtractionResult, ExtractOptions, failed, finish
from normalize.extract.sniff import HEAD_SIZE, Kind, sniff
from normalize.extract.xfa import Verdict, check_pdf, describe

CVE = "CVE-2025-66516"
MAX_OCR_PIXELS = 150_000_000


def extract_here(path: Path, options: ExtractOptions, tools: OcrTools) -> ExtractionResult:
    """Extract one file in this process. Bad input ends in a failed result, never an exception."""
    started = time.monotonic()
    try:
        return _extract(path, options, tools, started)
    except MemoryError:
        raise  # the worker answers with the memory-limit error
    except Exception as exc:
        return failed(f"internal error: {describe(exc)}", agent=AGENT, route="none")


def read_deadline(started: float, timeout: float) -> float:
    """When reading Tika's output stops (the document is then truncated), leaving a quarter of
    the time limit for splitting pages, the OCR plan and the answer."""
    return started + timeout * 0.75


def soft_deadline(started: float, timeout: float) -> float:
    """When OCR stops starting new pages, so the result comes back before the hard limit."""
    return started + max(timeout - max(2.0, timeout * 0.1), timeout * 0.5)


def _extract(
    path: Path, options: ExtractOptions, tools: OcrTools, started: float
) -> ExtractionResult:
    if not path.exists():
        return failed(f"file not found: {path}", agent=AGENT, route="none")
    if not path.is_file():
        return failed(f"not a regular file: {path}", agent=AGENT, route="none")
    try:
        handle = path.open("rb")
    except OSError as exc:
        return failed(f"cannot read the file ({exc.strerror or exc})", agent=AGENT, route="none")
    with handle:
        if path.stat().st_size == 0:
            return failed("the file is empty (0 bytes)", agent=AGENT, route="none")
        with mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data:
            sniffed = sniff(data[:HEAD_SIZE])
            deadline = soft_deadline(started, options.timeout)
            if sniffed.kind is Kind.PDF:
                return _pdf(path, data, options, tools, deadline, started)
            if sniffed.kind is Kind.IMAGE:
                return _image(path, sniffed.content_type, options, tools, deadline)
            risk = None if options.backend == "tika-server" else embedded_risk(data)
    if tika_route.wanted(options, unsafe_for_embedded=risk is not None):
        warnings = [tika_route.why(risk)] if risk else []
        return tika_route.extract_other(path, options, deadline, warnings, sniffed.content_type)
    if risk is not None:
        message = f"not extracted: {risk} (embedded Tika is vulnerable to XFA forms, {CVE})"
        return failed(message, agent=AGENT, route="none", content_type=sniffed.content_type)
    try:
        out = run_tika(path, options.max_chars, read_deadline(started, options.timeout))
    except TikaError as exc:
        return failed(str(exc), agent=AGENT, route="embedded-tika")
    pages = [(text, False) for text in out.pages]
    return finish(
        pages,
        options=options,
        agent=AGENT,
        route="embedded-tika",
        content_type=out.content_type,
        warnings=out.warnings,
        output_cut=out.truncated,
        timed_out=out.timed_out,
    )


def _pdf(
    path: Path,
    data: mmap.mmap,
    options: ExtractOptions,
    tools: OcrTools,
    deadline: float,
    started: float,
) -> ExtractionResult:
    pdf = "application/pdf"
    server_only = options.backend == "tika-server"  # attachments need no XFA check then
    check, reader = check_pdf(data) if server_only else check_top_pdf(data)
    if check.encrypted:
        message = "the PDF is encrypted (a password is needed to open it)"
        return failed(message, agent=AGENT, route="none", content_type=pdf)
    unsafe = check.verdict is not Verdict.NONE or reader is None
    if tika_route.wanted(options, unsafe_for_embedded=unsafe):
        warnings = [tika_route.why(check.reason)] if unsafe and not server_only else []
        text = tika_route.server_text(path, options, deadline, warnings, pdf)
        if isinstance(text, ExtractionResult):
            return text
        return _with_ocr(
            path,
            text.pages,
            text.warnings,
            reader,
            options,
            tools,
            deadline,
            text.agent,
            tika_route.ROUTE,
            text.content_type or pdf,
            output_cut=text.truncated,
        )
    if check.verdict is Verdict.UNKNOWN or reader is None:
        message = f"{check.reason}; not given to Tika because an XFA form cannot be ruled out"
        return failed(message, agent=AGENT, route="none", content_type=pdf)
    if check.verdict is Verdict.XFA:
        texts, warnings = safe_pdf.page_texts(reader, options.max_pages, options.max_chars)
        warnings.insert(0, safe_pdf.XFA_WARNING)
        return _with_ocr(
            path, texts, warnings, reader, options, tools, deadline, XFA_AGENT, "xfa-safe-pdf", pdf
        )
    try:
        out = run_tika(path, options.max_chars, read_deadline(started, options.timeout))
    except TikaError as exc:
        return failed(str(exc), agent=AGENT, route="embedded-tika", content_type=pdf)
    return _with_ocr(
        path,
        out.pages,
        out.warnings,
        reader,
        options,
        tools,
        deadline,
        AGENT,
        "embedded-tika",
        out.content_type or pdf,
        output_cut=out.truncated,
        timed_out=out.timed_out,
    )


def _with_ocr(
    path: Path,
    texts: list[str],
    warnings: list[str],
    reader: PdfReader | None,
    options: ExtractOptions,
    tools: OcrTools,
    deadline: float,
    agent: str,
    route: str,
    content_type: str,
    output_cut: bool = False,
    timed_out: bool = False,
) -> ExtractionResult:
    """OCR the pages without a text layer (within the page and text caps), then finish.
    `output_cut`: the extractor stopped writing at its output cap (pages after are missing)."""
    kept = texts[: options.max_pages]
    wanted = ocr_plan.plan(kept, reader) if sum(map(len, kept)) < options.max_chars else []
    pages = [(text, False) for text in texts]
    problem = tools.unavailable(options.ocr_language, for_pdf=True)
    if wanted and not options.ocr:
        warnings.append(f"ocr disabled: {len(wanted)} page(s) without a text layer")
    elif wanted and problem:
        warnings.append(problem)
    elif wanted:
        found, ocr_warnings = ocr_pdf_pages(tools, path, wanted, options.ocr_language, deadline)
        warnings.extend(ocr_warnings)
        for number, ocr_text in found.items():
            pages[number - 1] = ocr_plan.merge(texts[number - 1], ocr_text)
        if any(used for _, used in pages):
            agent, route = with_ocr(agent, tools.version), f"{route}+ocr"
    return finish(
        pages,
        options=options,
        agent=agent,
        route=route,
        content_type=content_type,
        warnings=warnings,
        output_cut=output_cut,
        timed_out=timed_out,
        pages_total=_page_count(reader),
    )


def _page_count(reader: PdfReader | None) -> int | None:
    try:
        return len(reader.pages) if reader is not None else None
    except Exception:  # the page tree was read before; a failure now only loses the count
        return None


def _image(
    path: Path, content_type: str | None, options: ExtractOptions, tools: OcrTools, deadline: float
) -> ExtractionResult:
    agent = tesseract_agent(tools.version)
    problem = tools.unavailable(options.ocr_language, for_pdf=False)
    if not options.ocr or problem:
        warning = "ocr disabled: image not OCR'd" if not options.ocr else str(problem)
        return finish(
            [("", False)],
            options=options,
            agent=agent,
            route="ocr",
            content_type=content_type,
            warnings=[warning],
        )
    too_big = _too_many_pixels(path)
    if too_big:
        return failed(too_big, agent=agent, route="ocr", content_type=content_type)
    try:
        frames = ocr_image(tools, path, options.ocr_language, max(1.0, deadline - time.monotonic()))
    except OcrError as exc:
        message = f"the image could not be read ({exc})"
        return failed(message, agent=agent, route="ocr", content_type=content_type)
    return finish(
        [(text, True) for text in frames],
        options=options,
        agent=agent,
        route="ocr",
        content_type=content_type,
        warnings=[],
    )


def _too_many_pixels(path: Path) -> str | None:
    """An error text when the image is too large to OCR (a decompression bomb), else None."""
    import warnings

    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with Image.open(path) as image:
                width, height = image.size
    except Image.DecompressionBombError as exc:
        return f"the image is too large to OCR ({exc})"
    except Exception:
        return None  # tesseract will say what is wrong with it
    if width * height > MAX_OCR_PIXELS:
        return f"the image is too large to OCR ({width}×{height} pixels)"
    return None
