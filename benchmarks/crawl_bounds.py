"""Bounded crawls: the oversized answers of issue 7 served on loopback, harvested with the
product's default bounds; peak memory, time and what the store kept.

    .venv/bin/python -m benchmarks.crawl_bounds                 # all cases, about a minute
    .venv/bin/python -m benchmarks.crawl_bounds --cases fault,stream

Each case is one full harvest run (`vindplaats.harvest.run.harvest`: crawl child, extraction,
indexing) into its own data directory. The iBabs cases run against
`tests.crawlers.bounds_server` (answers generated in 64 KiB pieces, never held whole):

- `baseline`: a normal `GetMeetingtypes` (3 meeting types), the yardstick of the same run;
- `fault`: a SOAP fault (HTTP 500) with a 9 MB faultstring;
- `fault-at-cap`: the same with the largest faultstring the API cap lets through (32 MiB);
- `types`: a valid 150 MB `GetMeetingtypes` (695,000 meeting types), sent with its length;
- `types-chunked`: the same answer sent chunked (no length announced);
- `types-at-cap`: the largest such answer the API cap lets through (150,000 meeting types):
  read, and cut by the records cap;
- `stream`: a 500 MB chunked API answer (a valid envelope followed by whitespace);
- `file-stream`: the NotuBiz fixture council (`tests.crawlers.notubiz_server`, March 2024)
  with one document file streamed chunked for 500 MB.

Figures per case: status, peak RSS of the crawl process (VmHWM, sampled), wall time of the run,
committees stored, the stored run's error text (characters in `harvest_runs.errors`), the growth
of the store (database files) and the first error line; then each case's peak RSS and time
against the baseline's.
"""

from __future__ import annotations

import argparse
import os
import platform
import sqlite3
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from tests.crawlers.bounds_server import BigAnswer, BoundsServer, answer_size, register
from tests.crawlers.conftest import notubiz_source
from tests.crawlers.notubiz_server import NotubizFixtureServer
from vindplaats.harvest.run import harvest
from vindplaats.settings import load_settings
from vindplaats.store import open_store

MB = 1000 * 1000
CASES: dict[str, BigAnswer] = {
    "baseline": BigAnswer(meeting_types=3),
    "fault": BigAnswer(fault_chars=9 * MB),
    "fault-at-cap": BigAnswer(fault_chars=32 * 1024 * 1024 - 200),  # just under the API cap
    "types": BigAnswer(meeting_types=695_000),
    "types-chunked": BigAnswer(meeting_types=695_000, chunked=True),
    "types-at-cap": BigAnswer(meeting_types=150_000),  # 32.4 MB: just under the API cap
    "stream": BigAnswer(meeting_types=3, padding=500 * MB, chunked=True),
    "file-stream": BigAnswer(),  # not used: the NotuBiz fixture server serves this case
}
FILE_STREAM = 500 * MB


@dataclass
class Outcome:
    case: str
    answer_bytes: int
    status: str
    peak_rss_mb: float
    seconds: float
    committees: int
    error_chars: int
    store_growth: int
    first_error: str


class PeakSampler:
    """Samples VmHWM (peak RSS) of a process until it exits."""

    def __init__(self) -> None:
        self.peak_kb = 0
        self._threads: list[threading.Thread] = []

    def follow(self, pid: int) -> None:
        thread = threading.Thread(target=self._sample, args=(pid,), daemon=True)
        thread.start()
        self._threads.append(thread)

    def _sample(self, pid: int) -> None:
        status = Path(f"/proc/{pid}/status")
        while True:
            try:
                text = status.read_text()
            except OSError:
                return
            for line in text.splitlines():
                if line.startswith("VmHWM:"):
                    self.peak_kb = max(self.peak_kb, int(line.split()[1]))
            time.sleep(0.02)

    def join(self) -> None:
        for thread in self._threads:
            thread.join(timeout=5)


def store_bytes(data_dir: Path) -> int:
    return sum(p.stat().st_size for p in data_dir.glob("vindplaats.sqlite3*"))


def run_case(case: str, answer: BigAnswer, root: Path) -> Outcome:
    data_dir = root / case
    settings = load_settings(data_dir=data_dir, allow_private_networks=True, download_delay=0)
    sampler = PeakSampler()

    def progress(phase: str, event: dict[str, Any]) -> None:
        if phase == "crawl" and event.get("event") == "started":
            sampler.follow(int(event["pid"]))

    server: BoundsServer | NotubizFixtureServer
    if case == "file-stream":
        server, window = NotubizFixtureServer(), (date(2024, 3, 1), date(2024, 3, 31))
        server.streamed["5007"] = FILE_STREAM
        size = FILE_STREAM
    else:
        server, window = BoundsServer(answer), (date(2024, 1, 1), date(2024, 1, 31))
        size = answer_size(answer)
    with server:
        if isinstance(server, NotubizFixtureServer):
            store = open_store(settings)
            try:
                store.upsert_source(notubiz_source(server.url))
            finally:
                store.close()
        else:
            register(data_dir, server.url)
        before = store_bytes(data_dir)
        started = time.perf_counter()
        run = harvest(
            settings, "zuidwaarde", since=window[0], until=window[1], on_progress=progress
        )
        seconds = time.perf_counter() - started
    sampler.join()
    errors = run.errors
    if case == "file-stream":  # the line about the streamed file
        errors = [e for e in errors if "too large" in e] or errors
    with sqlite3.connect(settings.store_path) as db:
        [(error_chars,)] = db.execute(
            "SELECT length(errors) FROM harvest_runs WHERE id=?", (run.id,)
        ).fetchall()
        [(committees,)] = db.execute(
            "SELECT count(*) FROM records WHERE type='committee'"
        ).fetchall()
    return Outcome(
        case=case,
        answer_bytes=size,
        status=run.status.value,
        peak_rss_mb=sampler.peak_kb / 1024,
        seconds=seconds,
        committees=int(committees),
        error_chars=int(error_chars),
        store_growth=store_bytes(data_dir) - before,
        first_error=errors[0] if errors else "",
    )


def report(outcomes: list[Outcome]) -> str:
    base = next((o for o in outcomes if o.case == "baseline"), None)
    lines = [
        f"Machine: {platform.machine()}, {os.cpu_count()} CPUs, Python "
        f"{platform.python_version()}, load {os.getloadavg()[0]:.2f}; "
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        "",
        "| case | answer | status | peak RSS (crawl) | time (run) | committees stored "
        "| stored error text "
        "| store growth |",
        "|---|---:|---|---:|---:|---:|---:|---:|",
    ]
    for o in outcomes:
        lines.append(
            f"| {o.case} | {o.answer_bytes / MB:,.1f} MB | {o.status} | {o.peak_rss_mb:,.0f} MiB "
            f"| {o.seconds:.1f} s | {o.committees:,} | {o.error_chars:,} chars "
            f"| {o.store_growth / 1024:,.0f} KiB |"
        )
    if base is not None:
        lines += ["", "Against the baseline of this run (peak RSS, time):", ""]
        for o in outcomes:
            if o is not base:
                lines.append(
                    f"- {o.case}: {o.peak_rss_mb / base.peak_rss_mb:.2f}× RSS, "
                    f"{o.seconds / base.seconds:.2f}× time"
                )
    lines += ["", "First error of each run:", ""]
    lines += [f"- {o.case}: `{o.first_error[:220]}`" for o in outcomes if o.first_error]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", default=",".join(CASES), help="comma-separated cases")
    args = parser.parse_args(argv)
    chosen = [c.strip() for c in args.cases.split(",") if c.strip()]
    unknown = [c for c in chosen if c not in CASES]
    if unknown:
        parser.error(f"unknown case(s) {', '.join(unknown)}; known: {', '.join(CASES)}")
    outcomes = []
    with tempfile.TemporaryDirectory(prefix="crawl-bounds-") as tmp:
        for case in chosen:
            print(f"running {case} ...", file=sys.stderr, flush=True)
            outcomes.append(run_case(case, CASES[case], Path(tmp)))
    print(report(outcomes))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
