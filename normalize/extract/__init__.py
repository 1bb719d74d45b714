"""Text extraction: any harvested file → text per page, with status, agent and route.

Embedded Apache Tika (extractous) in an isolated worker process with a hard timeout per file;
XFA PDFs never reach Tika (CVE-2025-66516) and go through pypdf instead; pages without a text
layer and images are OCR'd with Tesseract (Dutch by default).

    from normalize.extract import Extractor, ExtractOptions
    with Extractor(ExtractOptions(timeout=120)) as extractor:
        result = extractor.extract(path)   # ExtractionResult: status, pages, agent, route, ...

Modules: `result` (options and result models), `extractor` (the API), `isolate`/`worker` (the
child process), `routes` (which way a file goes), `embedded` (Tika), `pages` (XHTML → pages),
`xfa` and `containers` (XFA checks), `safe_pdf` (the XFA route), `ocr` and `ocr_plan` (Tesseract),
`sniff` (magic bytes), `agents` (name + version strings), `cli` (human summary);
`tika_route`, `tika_server` and `tika_xhtml`: the Apache Tika server route (`backend="tika-server"`,
or `tika_url` alone for the XFA PDFs).
"""

from __future__ import annotations

from normalize.extract.agents import AGENT
from normalize.extract.extractor import Extractor, extract_file
from normalize.extract.result import ExtractionResult, ExtractOptions

__all__ = ["AGENT", "ExtractOptions", "ExtractionResult", "Extractor", "extract_file"]
