"""Fixtures for the extraction tests: one shared warm extractor, and the OCR tool check."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator

import pytest

from normalize.extract import ExtractOptions, Extractor


@pytest.fixture(scope="package")
def extractor() -> Iterator[Extractor]:
    """A warm extractor shared by the tests that do not change its environment."""
    with Extractor(ExtractOptions(timeout=60)) as shared:
        yield shared


@pytest.fixture(scope="package")
def ocr_tools() -> None:
    """Skip (or, under CI, fail) when tesseract with Dutch or pdftoppm is missing."""
    problems = [tool for tool in ("tesseract", "pdftoppm") if shutil.which(tool) is None]
    if not problems:
        listed = subprocess.run(
            ["tesseract", "--list-langs"], capture_output=True, text=True, timeout=30
        ).stdout.split()
        if "nld" not in listed:
            problems.append("tesseract language nld (tesseract-ocr-nld)")
    if problems:
        reason = f"OCR tools missing: {', '.join(problems)}"
        if os.environ.get("CI"):
            pytest.fail(reason + " (required under CI)")
        pytest.skip(reason)
