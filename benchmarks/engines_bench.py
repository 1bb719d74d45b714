"""Embedded (tantivy) vs Elasticsearch on the same generated corpus, side by side.

Indexes `--docs` documents of `benchmarks/corpus.py` into a fresh embedded index and a fresh
Elasticsearch index (own prefix, deleted afterwards) in batches of `--batch` (each `index()`
call ends with the documents searchable: a commit, or a refresh), timing only the engines'
calls. Then runs the same fixed query mix (first pages with facets and 3 best pages per hit, and
each query's second page through its cursor) `--rounds` times per engine in one seeded shuffled
order and reports p50/p95 per query kind. Needs an Elasticsearch 8 node
(`scripts/service-elasticsearch start`). Run from the repository root:

    eval "$(scripts/service-elasticsearch start)"
    .venv/bin/python -m benchmarks.engines_bench --docs 20000
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from elasticsearch import Elasticsearch

from benchmarks.corpus import generate
from benchmarks.machine import load_average, machine
from vindplaats.engine.base import Engine, Filters, SearchQuery
from vindplaats.engine.elasticsearch import ElasticsearchEngine
from vindplaats.engine.elasticsearch.indices import Indices
from vindplaats.engine.embedded import EmbeddedEngine

QUERY_MIX: list[tuple[str, SearchQuery]] = [
    ("word", SearchQuery(q="begroting")),
    ("word", SearchQuery(q="jeugdzorg")),
    ("word", SearchQuery(q="gemeente")),
    ("words", SearchQuery(q="woningbouw starters huurwoningen")),
    ("words", SearchQuery(q="raad besluit")),
    ("phrase", SearchQuery(q='"sociale huurwoningen"')),
    ("phrase", SearchQuery(q='"de gemeente"')),
    ("prefix", SearchQuery(q="woning*")),
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
]


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def index_corpus(engines: dict[str, Engine], n_docs: int, batch: int, seed: int) -> None:
    seconds = dict.fromkeys(engines, 0.0)
    pages = start = 0
    while start < n_docs:
        docs = list(generate(min(batch, n_docs - start), seed=seed, start=start))
        for name, engine in engines.items():
            t0 = time.perf_counter()
            report = engine.index(docs)
            seconds[name] += time.perf_counter() - t0
            if report.failed:
                raise SystemExit(
                    f"{name}: indexing failed: {dict(list(report.failed.items())[:3])}"
                )
        pages += sum(len(d.pages) for d in docs)
        start += len(docs)
        rates = "  ".join(f"{name} {start / seconds[name]:6.0f} docs/s" for name in engines)
        print(f"  {start:>7} docs  {rates}", flush=True)
    print(f"\nindexed {n_docs} docs, {pages} pages, batches of {batch}")
    print("| engine | seconds | docs/s | pages/s |\n|---|---:|---:|---:|")
    for name, spent in seconds.items():
        print(f"| {name} | {spent:.1f} | {n_docs / spent:.0f} | {pages / spent:.0f} |")


def run_queries(engines: dict[str, Engine], rounds: int, seed: int) -> None:
    second_pages: dict[str, list[tuple[str, SearchQuery]]] = {name: [] for name in engines}
    for name, engine in engines.items():  # warm-up, and each query's cursor to page 2
        for _kind, query in QUERY_MIX:
            cursor = engine.search(query).next_cursor
            if cursor is not None:
                second_pages[name].append(
                    ("next page", query.model_copy(update={"cursor": cursor}))
                )
    latencies: dict[str, dict[str, list[float]]] = {name: {} for name in engines}
    for name, engine in engines.items():
        plan = [item for _ in range(rounds) for item in QUERY_MIX + second_pages[name]]
        random.Random(seed).shuffle(plan)
        for kind, query in plan:
            t0 = time.perf_counter()
            engine.search(query)
            latencies[name].setdefault(kind, []).append((time.perf_counter() - t0) * 1000)
    names = list(engines)
    kinds = [*dict.fromkeys(kind for kind, _ in QUERY_MIX), "next page"]
    print(f"\nsearch latency, ms (size 20, facets, 3 pages per hit; {rounds} rounds)")
    header = " | ".join(f"{n} p50 | {n} p95" for n in names)
    print(f"| query kind | {header} |\n|---|" + "---:|" * (2 * len(names)))
    for kind in [*kinds, "all"]:
        cells = []
        for name in names:
            if kind == "all":
                values = [ms for per_kind in latencies[name].values() for ms in per_kind]
            else:
                values = latencies[name].get(kind, [])
            cells += [f"{statistics.median(values):.1f}", f"{percentile(values, 95):.1f}"]
        print(f"| {kind} | " + " | ".join(cells) + " |")
    for kind, query in QUERY_MIX:
        totals = "  ".join(f"{name} {engines[name].search(query).total:>7}" for name in names)
        print(f"  {kind:9s} {totals} hits  q={query.q!r}")


def delete_prefix(url: str, prefix: str) -> None:
    client = Elasticsearch(url, request_timeout=120)
    try:
        names = Indices(client, prefix).versions()
        if names:
            client.indices.delete(index=",".join(names))
        client.indices.delete_index_template(name=f"{prefix}-documents")
    finally:
        client.close()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=20_000)
    parser.add_argument("--batch", type=int, default=1_000, help="documents per index() call")
    parser.add_argument("--rounds", type=int, default=20, help="times the query mix is run")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument(
        "--es-url", default=os.environ.get("VINDPLAATS_TEST_ELASTICSEARCH_URL", ""), help="node"
    )
    args = parser.parse_args(argv)
    if not args.es_url:
        parser.error("--es-url (or VINDPLAATS_TEST_ELASTICSEARCH_URL) is needed")
    print(f"{machine()}; {date.today()}")
    print(f"load average at start {load_average()}")
    workdir = Path(tempfile.mkdtemp(prefix="vindplaats-engines-bench-"))
    prefix = f"vpbench-{uuid.uuid4().hex[:8]}"
    embedded = EmbeddedEngine(workdir / "index")
    elastic = ElasticsearchEngine(args.es_url, prefix, 120)
    engines: dict[str, Engine] = {"embedded": embedded, "elasticsearch": elastic}
    try:
        index_corpus(engines, args.docs, args.batch, args.seed)
        run_queries(engines, args.rounds, args.seed)
        print(f"load average at the end {load_average()}")
    finally:
        for engine in engines.values():
            engine.close()
        shutil.rmtree(workdir, ignore_errors=True)
        delete_prefix(args.es_url, prefix)


if __name__ == "__main__":
    main()
