"""`vindplaats extract FILE`: extract one file's text page by page, as the harvester would."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from normalize.records import ExtractionStatus
from vindplaats.cli import UsageError
from vindplaats.cli.output import print_json
from vindplaats.settings import Settings


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "extract",
        help="extract the text of one file",
        description="Extract the text of a file (PDF, DOCX, ...) page by page with the same "
        "extractor, timeout and OCR settings as a harvest, and describe the result. "
        "Exit status 1 when the extraction failed.",
    )
    parser.add_argument("file", type=Path, help="The file to extract.")
    parser.add_argument("--json", action="store_true", help="Print the result as JSON.")
    parser.add_argument("--no-ocr", action="store_true", help="Do not OCR pages without text.")
    parser.add_argument("--text", action="store_true", help="Also print the text of each page.")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    from normalize.extract.cli import describe
    from vindplaats.harvest.extract import extractor_from, options_from

    path: Path = args.file
    if not path.is_file():
        raise UsageError(f"{path}: no such file")
    options = options_from(settings)
    if args.no_ocr:
        options = options.model_copy(update={"ocr": False})
    with extractor_from(settings) as extractor:
        result = extractor.extract(path, options)
    if args.json:
        print_json({"file": str(path), **result.model_dump(mode="json")})
    else:
        print(describe(result))
        if args.text:
            for page in result.pages:
                print(f"\n--- page {page.number}{' (OCR)' if page.ocr else ''} ---")
                print(page.text)
    return 1 if result.status == ExtractionStatus.FAILED else 0
