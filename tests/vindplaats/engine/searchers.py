"""Searching clients for the rebuild tests: engines in threads and in processes, API clients.

Each client runs a fixed mix of searches in a loop and compares every answer with the answer
measured before the rebuilds began (total, ids of the hits in order, facet counts): an error,
a missing hit or a different count is a problem. `Fleet` starts them all and collects the
problems and the number of searches each client made.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import re
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing.context import SpawnContext, SpawnProcess
from multiprocessing.sharedctypes import Synchronized
from pathlib import Path
from types import TracebackType
from typing import Any

import httpx

from vindplaats.engine import open_engine
from vindplaats.engine.base import SearchQuery, SearchResult
from vindplaats.settings import Settings, load_settings

ROOT = Path(__file__).resolve().parents[3]

QUERIES = (
    SearchQuery(q="raad", size=5, facets=False, pages_per_hit=3),
    SearchQuery(q="begroting", sort="date_desc", size=10, pages_per_hit=2),
    SearchQuery(q="", sort="date_asc", size=7, pages_per_hit=0),
    SearchQuery(q='"voorstel 7" | voorstel*', size=3, pages_per_hit=1, facets=False),
)
Facets = tuple[tuple[str, tuple[tuple[str, int], ...]], ...]


@dataclass(frozen=True)
class Answer:
    total: int
    ids: tuple[str, ...]
    facets: Facets


def answer_of(result: SearchResult) -> Answer:
    facets = tuple(
        (name, tuple((v.value, v.count) for v in values))
        for name, values in sorted(result.facets.items())
    )
    return Answer(result.total, tuple(h.id for h in result.hits), facets)


def answer_of_json(body: dict[str, Any]) -> Answer:
    facets = tuple(
        (name, tuple((v["value"], v["count"]) for v in values))
        for name, values in sorted(body["facets"].items())
    )
    return Answer(int(body["total"]), tuple(h["id"] for h in body["hits"]), facets)


def params_of(query: SearchQuery) -> dict[str, str]:
    return {
        "q": query.q,
        "sort": query.sort,
        "size": str(query.size),
        "facets": "true" if query.facets else "false",
        "pages": str(query.pages_per_hit),
    }


def expected_answers(settings: Settings) -> list[Answer]:
    engine = open_engine(settings)
    try:
        answers = [answer_of(engine.search(query)) for query in QUERIES]
    finally:
        engine.close()
    assert all(a.total > 0 and a.ids for a in answers)
    return answers


def settings_env(settings: Settings) -> dict[str, str]:
    """The environment for a subprocess that opens the same store and engine."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("VINDPLAATS_")}
    env.update(
        {
            "VINDPLAATS_DATA_DIR": str(settings.data_dir),
            "VINDPLAATS_ENGINE": settings.engine,
            "VINDPLAATS_ELASTICSEARCH_URL": settings.elasticsearch_url,
            "VINDPLAATS_ELASTICSEARCH_INDEX_PREFIX": settings.elasticsearch_index_prefix,
            "VINDPLAATS_LOG_LEVEL": "WARNING",
            # this is a test of the index swap, not of load shedding
            "VINDPLAATS_API_RATE_LIMIT": "off",
            "VINDPLAATS_API_MAX_CONCURRENT": "100000",
            "VINDPLAATS_API_WORKERS": "2",
        }
    )
    return env


# -- one client --------------------------------------------------------------------------------


Search = Callable[[int], Answer]
MAX_PROBLEMS = 20


def search_loop(
    search: Search,
    expected: list[Answer],
    stop: Callable[[], bool],
    counted: Callable[[], None],
    problem: Callable[[str], None],
) -> None:
    n = 0
    while not stop():
        i = n % len(QUERIES)
        try:
            got = search(i)
            if got != expected[i]:
                problem(f"search {n} ({QUERIES[i].q!r}): {got} instead of {expected[i]}")
        except Exception as exc:
            problem(f"search {n} ({QUERIES[i].q!r}): {exc!r}")
        n += 1
        counted()


def engine_process(
    data_dir: str,
    engine: str,
    env: dict[str, str],
    expected: list[Answer],
    stop: Any,
    count: Synchronized[int],
    problems: Any,
) -> None:
    """A process with an engine of its own (spawned: its own tantivy, its own leases)."""
    os.environ.update(env)
    settings = load_settings(data_dir=Path(data_dir), engine=engine)
    reader = open_engine(settings)
    reported = [0]

    def problem(text: str) -> None:
        if reported[0] < MAX_PROBLEMS:
            problems.put(text)
        reported[0] += 1

    def counted() -> None:
        with count.get_lock():
            count.value += 1

    try:
        search_loop(
            lambda i: answer_of(reader.search(QUERIES[i])), expected, stop.is_set, counted, problem
        )
    finally:
        reader.close()


# -- the real API server -----------------------------------------------------------------------


@contextmanager
def api_server(settings: Settings) -> Iterator[str]:
    """`vindplaats serve --port 0` on `settings` in a subprocess; yields its URL."""
    process = subprocess.Popen(
        [sys.executable, "-m", "vindplaats.cli.main", "serve", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=settings_env(settings),
        cwd=ROOT,
    )
    try:
        assert process.stdout is not None
        first = process.stdout.readline()
        match = re.search(r"http://127\.0\.0\.1:\d+", first)
        assert match, first
        url = match.group(0)
        with httpx.Client(base_url=url, timeout=10) as http:
            for _ in range(300):
                try:
                    if http.get("/healthz").status_code == 200:
                        break
                except httpx.TransportError:
                    threading.Event().wait(0.05)
        yield url
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if process.stdout is not None:
            process.stdout.close()


# -- all clients -------------------------------------------------------------------------------


class Fleet:
    """Searching clients of three kinds, all checking every answer against `expected`:
    threads sharing one engine (as a server's request threads do), processes with an engine
    each, and HTTP clients of the real API server at `url` (keep-alive connections)."""

    def __init__(
        self,
        settings: Settings,
        expected: list[Answer],
        *,
        threads: int,
        processes: int,
        url: str | None = None,
        http_clients: int = 0,
    ) -> None:
        self.settings = settings
        self.expected = expected
        self.problems: list[str] = []
        self._stop = threading.Event()
        self._context: SpawnContext = multiprocessing.get_context("spawn")
        self._process_stop = self._context.Event()
        self._queue = self._context.Queue()
        self._counts: list[Synchronized[int]] = []
        self._threads: list[threading.Thread] = []
        self._processes: list[SpawnProcess] = []
        self._clients: list[httpx.Client] = []
        self._engine = open_engine(settings) if threads else None
        for _ in range(threads):
            self._thread(lambda i: answer_of(self._engine_search(i)))
        for _ in range(http_clients):
            assert url is not None
            self._http_client(url)
        env = settings_env(settings)
        for _ in range(processes):
            count: Synchronized[int] = self._context.Value("q", 0)
            self._counts.append(count)
            self._processes.append(
                self._context.Process(
                    target=engine_process,
                    args=(
                        str(settings.data_dir),
                        settings.engine,
                        env,
                        expected,
                        self._process_stop,
                        count,
                        self._queue,
                    ),
                    daemon=True,
                )
            )

    def _engine_search(self, i: int) -> SearchResult:
        assert self._engine is not None
        return self._engine.search(QUERIES[i])

    def _problem(self, text: str) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(text)

    def _thread(self, search: Search) -> None:
        count: Synchronized[int] = self._context.Value("q", 0)
        self._counts.append(count)

        def counted() -> None:
            with count.get_lock():
                count.value += 1

        def run() -> None:
            search_loop(search, self.expected, self._stop.is_set, counted, self._problem)

        self._threads.append(threading.Thread(target=run, daemon=True))

    def _http_client(self, url: str) -> None:
        http = httpx.Client(base_url=url, timeout=30)

        def search(i: int) -> Answer:
            response = http.get("/api/search", params=params_of(QUERIES[i]))
            if response.status_code != 200:
                raise AssertionError(f"HTTP {response.status_code}: {response.text[:300]}")
            return answer_of_json(response.json())

        self._thread(search)
        self._clients.append(http)

    def _drain(self) -> None:
        while True:
            try:
                self._problem(self._queue.get_nowait())
            except queue.Empty:
                return

    def counts(self) -> list[int]:
        return [count.value for count in self._counts]

    def wait_until_all_searched(self, timeout: float = 60) -> None:
        deadline = threading.Event()
        for _ in range(int(timeout / 0.05)):
            if all(self.counts()) or not all(p.is_alive() for p in self._processes):
                break
            deadline.wait(0.05)
        assert all(self.counts()), f"not every client searched: {self.counts()}"

    def __enter__(self) -> Fleet:
        for thread in self._threads:
            thread.start()
        for process in self._processes:
            process.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._stop.set()
        self._process_stop.set()
        for thread in self._threads:
            thread.join(30)
        for _ in range(600):  # drain the queue while they end (a full pipe would block them)
            self._drain()
            if not any(p.is_alive() for p in self._processes):
                break
            next(p for p in self._processes if p.is_alive()).join(0.05)
        for process in self._processes:
            if process.is_alive():
                process.kill()
            process.join()
            if process.exitcode != 0:
                self._problem(f"a searching process ended with exit code {process.exitcode}")
        self._drain()
        self._queue.close()
        for http in self._clients:
            http.close()
        if self._engine is not None:
            self._engine.close()


__all__ = ["QUERIES", "Answer", "Fleet", "api_server", "expected_answers", "settings_env"]
