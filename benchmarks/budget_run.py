"""Rate budgets, the acceptance run: harvest a simulated supplier for five minutes and count, at
the server, how many requests arrived per minute.

    .venv/bin/python -m benchmarks.budget_run [--supplier ibabs|notubiz] [--minutes 5]

Starts the sandbox, registers every sample source of the supplier and crawls them all at once
(one crawl process each, sharing one store, as workers do), with the supplier's default budgets
set explicitly (the defaults leave loopback servers alone). When a round ends before `--minutes`
have passed, the downloaded originals are removed and another round starts, so the download
budget stays busy too. Crawling only: extraction and indexing do not call the supplier.

Prints a Markdown section: requests per minute (API calls and downloads, counted by the server
in consecutive minutes from the first request), the most in any 60 s and any 10 s window, the
budgets, and whether every crawl completed (status ok or partial: a crawl that failed did not).
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

from crawlers.report import CrawlReport
from crawlers.run import run_crawl
from vindplaats.budgets import API, DEFAULT_BUDGETS, DOWNLOAD, Budget
from vindplaats.sandbox import RequestLogEntry, Sandbox
from vindplaats.settings import Settings, load_settings
from vindplaats.store import open_store

PREFIX = {"ibabs": "/ibabs", "notubiz": "/notubiz"}
FILES = {"ibabs": r"/publicdownload\.aspx", "notubiz": r"/document/\d+/\d+"}


def crawl_round(sandbox: Sandbox, settings: Settings, keys: list[str]) -> dict[str, CrawlReport]:
    world = sandbox.world
    reports: dict[str, CrawlReport] = {}

    def one(key: str) -> None:
        reports[key] = run_crawl(
            settings, key, window_from=world.date_from, window_until=world.date_until
        )

    threads = [threading.Thread(target=one, args=(key,)) for key in keys]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return reports


def per_minute(times: list[float], start: float, minutes: int) -> list[int]:
    counts = [0] * minutes
    for moment in times:
        index = int((moment - start) // 60)
        if 0 <= index < minutes:
            counts[index] += 1
    return counts


def run(supplier: str, minutes: float) -> str:
    budgets = {kind: DEFAULT_BUDGETS[(supplier, kind)] for kind in (API, DOWNLOAD)}
    spec = ",".join(f"{supplier}.{kind}={b.count:g}/min" for kind, b in budgets.items())
    with tempfile.TemporaryDirectory(prefix="budget-run-") as tmp, Sandbox() as sandbox:
        settings = load_settings(
            data_dir=Path(tmp), allow_private_networks=True, budgets=spec, ocr=False
        )
        sources = sandbox.sources(supplier)
        store = open_store(settings)
        for source in sources:
            store.upsert_source(source)
        store.close()
        keys = [source.key for source in sources]
        began = time.monotonic()
        rounds: list[dict[str, CrawlReport]] = []
        while not rounds or time.monotonic() - began < minutes * 60:
            shutil.rmtree(settings.originals_dir, ignore_errors=True)
            rounds.append(crawl_round(sandbox, settings, keys))
            print(
                f"round {len(rounds)} done after {time.monotonic() - began:.0f} s", file=sys.stderr
            )
        log = sorted(sandbox.requests, key=lambda entry: entry.time)
        return report(supplier, sandbox, log, rounds, budgets, spec)


def report(
    supplier: str,
    sandbox: Sandbox,
    log: list[RequestLogEntry],
    rounds: list[dict[str, CrawlReport]],
    budgets: dict[str, Budget],
    spec: str,
) -> str:
    prefix, files = PREFIX[supplier], re.compile(FILES[supplier])
    start, end = log[0].time, log[-1].time
    whole = int((end - start) // 60) + 1
    below = [(entry.path[len(prefix) :], entry.time) for entry in log]
    downloads = [t for path, t in below if files.fullmatch(path)]
    calls = [t for path, t in below if not files.fullmatch(path)]
    api_minutes, file_minutes = per_minute(calls, start, whole), per_minute(downloads, start, whole)
    not_api = FILES[supplier]
    api_path = f"(?!{not_api}$).*"
    failed = [key for found in rounds for key, r in found.items() if r.status == "failed"]
    statuses = ", ".join(f"{key} {r.status}" for key, r in rounds[-1].items())
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    lines = [
        "## Rate budgets (5-minute sandbox run)",
        "",
        f"- date: {datetime.now(UTC):%Y-%m-%d}; machine: {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}, load average at the end {load}",
        f"- command: `.venv/bin/python -m benchmarks.budget_run --supplier {supplier}`",
        f"- supplier: simulated {supplier} (sandbox), {len(rounds[0])} sources crawled at once "
        f"(one crawl process each, one store), {len(rounds)} round(s), "
        f"{(end - start) / 60:.1f} minutes from the first to the last request",
        f"- budgets: `VINDPLAATS_BUDGETS={spec}` (the defaults for {supplier})",
        "",
        "| minute | API requests | downloads |",
        "|---:|---:|---:|",
    ]
    for number, (api, down) in enumerate(zip(api_minutes, file_minutes, strict=True), start=1):
        partial = " (partial minute)" if number == whole else ""
        lines.append(f"| {number}{partial} | {api} | {down} |")
    api_budget, file_budget = budgets[API], budgets[DOWNLOAD]
    lines += [
        "",
        f"- most in any 60 s window, measured at the server: API "
        f"{sandbox.rate(prefix, 60, api_path)} (budget {api_budget}), downloads "
        f"{sandbox.rate(prefix, 60, not_api)} (budget {file_budget})",
        f"- most in any 10 s window: API {sandbox.rate(prefix, 10, api_path)}, downloads "
        f"{sandbox.rate(prefix, 10, not_api)}",
        f"- requests in total: {len(calls)} API, {len(downloads)} downloads",
        f"- crawls of the last round: {statuses}",
        f"- harvest completed: {'no, failed: ' + ', '.join(failed) if failed else 'yes'}",
    ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--supplier", choices=sorted(PREFIX), default="ibabs")
    parser.add_argument("--minutes", type=float, default=5.0, help="run at least this long")
    args = parser.parse_args(argv)
    print(run(args.supplier, args.minutes))
    return 0


if __name__ == "__main__":
    sys.exit(main())
