"""Benchmark of the embedded (tantivy) engine: indexing throughput and search latency.

Indexes `--docs` generated documents (`benchmarks/corpus.py`) into a fresh index in batches of
`--batch`, timing only the engine's `index()` calls (generation is reported apart), then runs a
fixed mix of searches `--rounds` times in a seeded shuffled order and reports p50/p95/p99
latency per query kind and overall. Run from the repository root:

    .venv/bin/python -m benchmarks.engine_bench --docs 100000
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.corpus import generate
from benchmarks.machine import load_average, machine
from vindplaats.engine.base import Filters, SearchQuery
from vindplaats.engine.cursor import decode_cursor, encode_cursor
from vindplaats.engine.embedded import EmbeddedEngine


def _deep(query: SearchQuery, offset: int) -> SearchQuery:
    return query.model_copy(update={"cursor": encode_cursor(query, offset)})


# Selective (topic words, a few percent of documents) and broad (general words, nearly all).
QUERY_MIX: list[tuple[str, SearchQuery]] = [
    ("word", SearchQuery(q="begroting")),
    ("word", SearchQuery(q="jeugdzorg")),
    ("word", SearchQuery(q="zwembad")),
    ("word", SearchQuery(q="gemeente")),
    ("words", SearchQuery(q="woningbouw starters huurwoningen")),
    ("words", SearchQuery(q="raad besluit")),
    ("phrase", SearchQuery(q='"sociale huurwoningen"')),
    ("phrase", SearchQuery(q='"openbaar vervoer"')),
    ("phrase", SearchQuery(q='"de gemeente"')),
    ("prefix", SearchQuery(q="woning*")),
    ("prefix", SearchQuery(q="klimaat*")),
    ("prefix", SearchQuery(q="gemeen*")),
    ("or/not", SearchQuery(q="zwembad | sporthal")),
    ("or/not", SearchQuery(q="begroting -motie")),
    ("filter", SearchQuery(q="begroting", filters=Filters(organization=["Amsterdam"]))),
    (
        "filter",
        SearchQuery(
            q="gemeente",
            filters=Filters(
                document_type=["motie", "raadsvoorstel"],
                date_from=date(2018, 1, 1),
                date_to=date(2020, 12, 31),
            ),
        ),
    ),
    ("date sort", SearchQuery(q="jeugdzorg", sort="date_desc")),
    ("date sort", SearchQuery(q="", sort="date_asc", filters=Filters(committee=["Presidium"]))),
    ("browse", SearchQuery(q="")),
    ("deep page", _deep(SearchQuery(q="gemeente"), 1000)),
    ("deep page", _deep(SearchQuery(q="", sort="date_desc"), 5000)),
    ("deep page", _deep(SearchQuery(q=""), 1000)),
]
FIRST_PAGE_KINDS = {kind for kind, _ in QUERY_MIX} - {"deep page"}
MIX = list(enumerate(QUERY_MIX))


def describe(query: SearchQuery) -> str:
    """`q` plus whatever else differs from a default first-page search."""
    parts = [f"`{query.q}`" if query.q else "(empty)"]
    filters = query.filters.model_dump(exclude_defaults=True, mode="json")
    if filters:
        parts.append(f"filters {filters}")
    if query.sort != "relevance":
        parts.append(query.sort)
    if query.cursor:
        parts.append("page at offset " + str(decode_cursor(query, query.cursor)))
    return ", ".join(parts).replace("|", "\\|")


def directory_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def run_indexing(engine: EmbeddedEngine, n_docs: int, batch: int, seed: int) -> None:
    engine_seconds = generate_seconds = cpu_seconds = 0.0
    pages = chars = 0
    start = 0
    while start < n_docs:
        t0 = time.perf_counter()
        docs = list(generate(min(batch, n_docs - start), seed=seed, start=start))
        t1, c1 = time.perf_counter(), time.process_time()
        report = engine.index(docs)
        engine_seconds += time.perf_counter() - t1
        cpu_seconds += time.process_time() - c1
        generate_seconds += t1 - t0
        if report.failed:
            raise SystemExit(f"indexing failed: {report.failed}")
        pages += sum(len(d.pages) for d in docs)
        chars += sum(len(p) for d in docs for p in d.pages)
        start += len(docs)
        print(f"  {start:>7} docs  {start / engine_seconds:7.0f} docs/s", flush=True)
    print(f"indexed {n_docs} docs, {pages} pages, {chars / 1e6:.0f} M characters of text")
    print(f"engine time {engine_seconds:.1f} s (generation {generate_seconds:.1f} s, not counted)")
    print(
        f"indexing: {n_docs / engine_seconds:.0f} docs/s, {pages / engine_seconds:.0f} pages/s, "
        f"{chars / engine_seconds / 1e6:.1f} M chars/s (wall clock)"
    )
    print(
        f"CPU: {cpu_seconds:.1f} s over all threads = {n_docs / cpu_seconds:.0f} docs per CPU "
        f"second; load average after indexing {load_average()}"
    )


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def run_queries(engine: EmbeddedEngine, rounds: int, seed: int) -> None:
    plan = [(number, kind, query) for _ in range(rounds) for number, (kind, query) in MIX]
    random.Random(seed).shuffle(plan)
    for _, query in QUERY_MIX:  # warm-up: first touch of every posting list and fast field
        engine.search(query)
    latencies: dict[str, list[float]] = {}
    per_query: dict[int, list[float]] = {}
    for number, kind, query in plan:
        t0 = time.perf_counter()
        engine.search(query)
        ms = (time.perf_counter() - t0) * 1000
        latencies.setdefault(kind, []).append(ms)
        per_query.setdefault(number, []).append(ms)
    everything = [ms for values in latencies.values() for ms in values]
    first_pages = [ms for kind in FIRST_PAGE_KINDS for ms in latencies[kind]]
    print(f"load average after searching {load_average()}")
    print(f"\nsearch latency, ms ({len(everything)} searches, size 20, facets, 3 pages per hit)")
    print("| query kind | n | p50 | p95 | p99 |\n|---|---:|---:|---:|---:|")
    rows = [*latencies.items(), ("all first pages", first_pages), ("all", everything)]
    for kind, values in rows:
        print(
            f"| {kind} | {len(values)} | {statistics.median(values):.1f} "
            f"| {percentile(values, 95):.1f} | {percentile(values, 99):.1f} |"
        )
    print("\n| query | kind | hits | p50 | p95 |\n|---|---|---:|---:|---:|")
    for number, (kind, query) in MIX:
        values = per_query[number]
        print(
            f"| {describe(query)} | {kind} | {engine.search(query).total} "
            f"| {statistics.median(values):.1f} | {percentile(values, 95):.1f} |"
        )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--batch", type=int, default=5_000, help="documents per index() call")
    parser.add_argument("--rounds", type=int, default=30, help="times the query mix is run")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--index-dir", type=Path, help="default: a temporary directory")
    parser.add_argument(
        "--skip-indexing", action="store_true", help="only search the index in --index-dir"
    )
    args = parser.parse_args(argv)
    if args.skip_indexing and args.index_dir is None:
        parser.error("--skip-indexing needs --index-dir")
    print(f"{machine()}; {date.today()}")
    workdir = args.index_dir or Path(tempfile.mkdtemp(prefix="vindplaats-bench-"))
    try:
        engine = EmbeddedEngine(workdir)
        if not args.skip_indexing:
            run_indexing(engine, args.docs, args.batch, args.seed)
        print(f"index size {directory_size(workdir) / 1e9:.2f} GB, {engine.count()} documents")
        run_queries(engine, args.rounds, args.seed)
        engine.close()
    finally:
        if args.index_dir is None:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
