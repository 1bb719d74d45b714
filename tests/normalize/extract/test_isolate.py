"""The worker process: a hung or crashed extraction fails that file only, the next one works.

The hang and the crash are injected with the worker's test-only fault hook (an environment
variable read when the worker starts).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from normalize.extract import ExtractOptions, Extractor
from normalize.extract.memory import MIB
from normalize.extract.worker import FAULTS_ENV
from normalize.records import ExtractionStatus

from . import builders


@pytest.fixture
def pdfs(tmp_path: Path) -> dict[str, Path]:
    good = builders.text_pdf(tmp_path / "goed.pdf", [["Gewoon een raadsbesluit."]])
    hang = tmp_path / "hangt.pdf"
    crash = tmp_path / "crasht.pdf"
    hang.write_bytes(good.read_bytes())
    crash.write_bytes(good.read_bytes())
    return {"good": good, "hang": hang, "crash": crash}


def test_hung_extraction_times_out_and_the_extractor_recovers(
    pdfs: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(FAULTS_ENV, "hangt.pdf:hang")
    with Extractor(ExtractOptions(timeout=2)) as extractor:
        hung = extractor.extract(pdfs["hang"])
        after = extractor.extract(pdfs["good"])
    assert hung.status is ExtractionStatus.FAILED
    assert hung.error == "extraction timed out after 2 s"
    assert after.status is ExtractionStatus.OK
    assert after.pages[0].text == "Gewoon een raadsbesluit."


def test_crashed_extraction_fails_and_the_extractor_recovers(
    pdfs: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(FAULTS_ENV, "crasht.pdf:crash")
    with Extractor() as extractor:
        before = extractor.extract(pdfs["good"])
        crashed = extractor.extract(pdfs["crash"])
        after = extractor.extract(pdfs["good"])
    assert before.status is ExtractionStatus.OK
    assert crashed.status is ExtractionStatus.FAILED
    assert crashed.error == "extractor crashed (signal 11)"
    assert after.status is ExtractionStatus.OK


def test_a_file_past_the_memory_limit_fails_with_that_error_and_the_next_works(
    pdfs: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    hog = tmp_path / "slurpt.pdf"
    hog.write_bytes(pdfs["good"].read_bytes())
    monkeypatch.setenv(FAULTS_ENV, "slurpt.pdf:hog")
    with Extractor(memory_limit=768 * MIB) as extractor:
        extractor.start()
        first = extractor.worker_pid
        hogged = extractor.extract(hog)
        after = extractor.extract(pdfs["good"])
        assert extractor.worker_pid not in (first, None)  # a fresh worker took the next file
    assert hogged.status is ExtractionStatus.FAILED
    assert hogged.error == (
        f"exceeded the extraction memory limit of 768 MiB ({768 * MIB} bytes); "
        "the file needs more memory than extraction may use"
    )
    assert after.status is ExtractionStatus.OK
    assert after.pages[0].text == "Gewoon een raadsbesluit."


def test_one_worker_serves_many_files(pdfs: dict[str, Path]) -> None:
    with Extractor() as extractor:
        worker = extractor._worker
        for _ in range(5):
            assert extractor.extract(pdfs["good"]).status is ExtractionStatus.OK
        assert extractor._worker is worker and worker is not None and worker.served == 5
