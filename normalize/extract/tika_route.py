"""The Tika server route ("tika-server"), as `routes.py` takes it inside the worker process.

Which files go this way (`ExtractOptions.backend`, `ExtractOptions.tika_url`):

- backend "tika-server": every file that would otherwise go to the embedded Tika, and every PDF,
  XFA or not (a Tika server >= 3.2.2 parses XFA safely). Images are still OCR'd directly.
- backend "embedded" with `tika_url` set: only the files the embedded Tika must not read, XFA
  PDFs, PDFs pypdf cannot check, and containers holding such a PDF, instead of the non-XML
  route or a refusal. A warning on the result says why the file went to the server.

Pages without a text layer are OCR'd afterwards exactly as on the embedded route ("+ocr").
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from normalize.extract.result import ExtractionResult, ExtractOptions, failed, finish
from normalize.extract.tika_server import server_for
from normalize.extract.tika_xhtml import TikaServerError

ROUTE = "tika-server"
CVE = "CVE-2025-66516"


@dataclass
class ServerText:
    """Page texts from the server, before OCR."""

    pages: list[str]
    content_type: str | None
    warnings: list[str]
    agent: str
    truncated: bool = False  # the answer was cut at the size cap


def wanted(options: ExtractOptions, unsafe_for_embedded: bool) -> bool:
    """Whether a file goes to the Tika server: always with that backend, and with the embedded
    backend when the embedded Tika must not read it and a server is configured."""
    return options.backend == "tika-server" or (unsafe_for_embedded and bool(options.tika_url))


def why(reason: str) -> str:
    """The warning for a file the embedded Tika must not read."""
    return f"not for the embedded Tika ({reason}; {CVE}): extracted by the Tika server"


def server_text(
    path: Path,
    options: ExtractOptions,
    deadline: float,
    warnings: list[str],
    content_type: str | None,
) -> ServerText | ExtractionResult:
    """The server's page texts, or a failed result saying what went wrong."""
    if not options.tika_url:
        return failed("no Tika server configured (tika_url)", agent="none", route=ROUTE)
    server = server_for(options.tika_url)
    try:
        out = server.parse(path, deadline, options.max_chars)
    except TikaServerError as exc:
        return failed(str(exc), agent=server.agent, route=ROUTE, content_type=content_type)
    return ServerText(
        pages=out.pages,
        content_type=out.content_type or content_type,
        warnings=[*warnings, *out.warnings],
        agent=server.agent,
        truncated=out.truncated,
    )


def extract_other(
    path: Path,
    options: ExtractOptions,
    deadline: float,
    warnings: list[str],
    content_type: str | None,
) -> ExtractionResult:
    """A file that is neither a PDF nor an image: the server's text is the result."""
    text = server_text(path, options, deadline, warnings, content_type)
    if isinstance(text, ExtractionResult):
        return text
    return finish(
        [(page, False) for page in text.pages],
        options=options,
        agent=text.agent,
        route=ROUTE,
        content_type=text.content_type,
        warnings=text.warnings,
        output_cut=text.truncated,
    )
