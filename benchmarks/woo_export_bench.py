"""The Woo-index export of a generated organisation: time and memory against the number of
documents.

    .venv/bin/python -m benchmarks.woo_export_bench [--docs 120000] [--baseline 30000]

Generates two organisations straight into real SQLite stores (`tests/vindplaats/woo/generated`:
council documents of 3.3.2c and 3.3.2a, Woo publications, one in five not exportable) of
`--baseline` and `--docs` documents. Each export runs in a fresh process, which reports its
seconds and its peak RSS, once without the originals (as the API builds it) and once with them
(hard links, as `vindplaats export woo-index` writes it); then `validate()` checks the large
one. Prints the figures and the large run against the baseline: the time grows with the
documents, the memory must not (the export is streamed).
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from tests.vindplaats.woo.generated import KEY, generate
from vindplaats.settings import load_settings
from vindplaats.store import open_blobs, open_store
from vindplaats.woo.export import write_export
from vindplaats.woo.validate import validate

ROOT = "https://woo.alkmaar.nl/publicaties"


def _export(data: str, out: str, files: bool, answer: Any) -> None:
    settings = load_settings(data_dir=Path(data))
    store = open_store(settings)
    started = time.perf_counter()
    report = write_export(store, open_blobs(settings), KEY, ROOT, Path(out), files=files)
    seconds = time.perf_counter() - started
    store.close()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    answer.put((seconds, peak, report.exported, report.sitemaps))


def _run(data: Path, out: Path, files: bool) -> tuple[float, float, int, int]:
    context = multiprocessing.get_context("spawn")
    answer = context.Queue()
    process = context.Process(target=_export, args=(str(data), str(out), files, answer))
    process.start()
    result: tuple[float, float, int, int] = answer.get()
    process.join()
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=120_000)
    parser.add_argument("--baseline", type=int, default=30_000)
    args = parser.parse_args(argv)
    print(f"load average at start: {', '.join(f'{x:.1f}' for x in os.getloadavg())}")
    with tempfile.TemporaryDirectory(prefix="woo-export-bench-") as tmp:
        rows = []
        for n in (args.baseline, args.docs):
            data = Path(tmp) / f"data-{n}"
            started = time.perf_counter()
            generate(load_settings(data_dir=data), n)
            print(f"generated {n:,} documents in {time.perf_counter() - started:.1f} s")
            for files in (False, True):
                out = Path(tmp) / f"out-{n}-{'files' if files else 'xml'}"
                seconds, peak, exported, sitemaps = _run(data, out, files)
                rows.append((n, files, seconds, peak, exported, sitemaps))
        print("| documents | originals | seconds | µs per document | peak RSS MiB | exported | "
              "sitemaps |")  # fmt: skip
        print("|---:|---|---:|---:|---:|---:|---:|")
        for n, files, seconds, peak, exported, sitemaps in rows:
            shown = "hard links" if files else "no"
            print(f"| {n:,} | {shown} | {seconds:.1f} | {seconds / n * 1e6:.0f} | {peak:.0f} | "
                  f"{exported:,} | {sitemaps} |")  # fmt: skip
        for files in (False, True):
            small = next(r for r in rows if r[0] == args.baseline and r[1] == files)
            large = next(r for r in rows if r[0] == args.docs and r[1] == files)
            print(
                f"{'with' if files else 'without'} originals: {args.docs / args.baseline:.1f}x "
                f"the documents took {large[2] / small[2]:.2f}x the time and "
                f"{large[3] / small[3]:.2f}x the peak memory"
            )
        settings = load_settings(data_dir=Path(tmp) / "check")
        started = time.perf_counter()
        report = validate(str(Path(tmp) / f"out-{args.docs}-files"), settings)
        print(
            f"validate: {time.perf_counter() - started:.1f} s, {len(report.files)} files, "
            f"{len(report.findings)} findings"
        )
        return 0 if report.valid and not report.findings else 1


if __name__ == "__main__":
    sys.exit(main())
