"""Our engine side by side with plain tantivy, the HTTP API and Elasticsearch, in one run.

Indexes `--docs` documents of `benchmarks/corpus.py` into plain tantivy (`plain_tantivy`: the
same text analysed once by the same Dutch analyzer, one tantivy document per document) and into
our embedded engine (`vindplaats.engine.open_engine`), in batches of `--batch` that each side
commits, timing only each side's own calls (both get the same generated batch). Then runs the
query mix of `benchmarks/engine_bench.py` `--rounds` times on every side, interleaved
(`side_by_side_search`): ours answers 20 documents with 3 best pages and snippets each, the
count and facets; plain tantivy the top 20, the count and facets. Then `vindplaats serve` over
our index under 1, 8 and 32 clients (`side_by_side_http`; `--no-http` skips it), and, when
`--elasticsearch-url` or `VINDPLAATS_TEST_ELASTICSEARCH_URL` names a node, the Elasticsearch
engine over the same corpus (its own index prefix, deleted afterwards). Last, the targets of
issue 14, each with the measured figure, its baseline, the ratio and PASS or MISS, and for the
queries whose p95 is over 50 ms, what their time is spent on. Run from the repository root:

    nice .venv/bin/python -m benchmarks.side_by_side --docs 100000
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.corpus import generate
from benchmarks.engine_bench import QUERY_MIX, directory_size, percentile
from benchmarks.machine import load_average, run_facts
from benchmarks.plain_tantivy import PlainTantivy
from benchmarks.side_by_side_http import run_http
from benchmarks.side_by_side_search import (
    Latencies,
    Side,
    Unsupported,
    breakdown,
    offset_of,
    print_mix,
    profile,
    run_mix,
)
from vindplaats.engine import open_engine
from vindplaats.engine.base import Engine, SearchQuery
from vindplaats.settings import Settings

# "Embedded engine (tantivy)" in docs/benchmarks.md: 1.99 GB for 1,048,900 pages.
BASELINE_BYTES_PER_PAGE = 1.99e9 / 1_048_900
P95_LIMIT_MS = 50.0
CORPUS_FILE = "corpus.json"  # in the plain index's directory: what was indexed


def index_all(
    plain: PlainTantivy, engines: dict[str, Engine], n_docs: int, batch: int, seed: int
) -> dict[str, float]:
    """Index the corpus on every side; seconds per side (plus `pages` and `cpu <side>`)."""
    sides = ["plain tantivy", *engines]
    seconds = dict.fromkeys(sides, 0.0)
    cpu = dict.fromkeys(sides, 0.0)
    pages = start = 0
    while start < n_docs:
        docs = list(generate(min(batch, n_docs - start), seed=seed, start=start))
        turn = sides[start // batch % len(sides) :] + sides[: start // batch % len(sides)]
        for name in turn:
            t0, c0 = time.perf_counter(), time.process_time()
            if name == "plain tantivy":
                plain.add(docs)
            else:
                report = engines[name].index(docs)
                if report.failed:
                    raise SystemExit(f"{name}: indexing failed: {list(report.failed.items())[:3]}")
            seconds[name] += time.perf_counter() - t0
            cpu[name] += time.process_time() - c0
        pages += sum(len(d.pages) for d in docs)
        start += len(docs)
        rates = "  ".join(f"{n} {start / seconds[n]:6.0f} docs/s" for n in sides)
        print(f"  {start:>7} docs  {rates}", flush=True)
    print(f"\nindexed {n_docs} docs, {pages} pages, batches of {batch}; load {load_average()}")
    print("| side | seconds | docs/s | pages/s | CPU s | docs per CPU s |\n|---|" + "---:|" * 5)
    for name in sides:
        print(
            f"| {name} | {seconds[name]:.1f} | {n_docs / seconds[name]:.0f} "
            f"| {pages / seconds[name]:.0f} | {cpu[name]:.1f} | {n_docs / cpu[name]:.0f} |"
        )
    return {
        **seconds,
        "docs": float(n_docs),
        "pages": float(pages),
        **{f"cpu {n}": cpu[n] for n in sides},
    }


def plain_side(plain: PlainTantivy) -> Side:
    return lambda query: plain.search(query, offset_of(query))[0]


def engine_side(engine: Engine) -> Side:
    def search(query: SearchQuery) -> int:
        if query.cursor and engine.name == "elasticsearch":
            raise Unsupported  # its cursors are search-after keys: no jump to an offset
        return engine.search(query).total

    return search


def row(target: str, measured: float, baseline: float, unit: str, passed: bool) -> str:
    ratio = measured / baseline if baseline else float("nan")
    verdict = "PASS" if passed else "**MISS**"
    return (
        f"| {target} | {measured:,.1f} {unit} | {baseline:,.1f} {unit} | {ratio:.2f}× | {verdict} |"
    )


def targets(
    indexing: dict[str, float] | None,
    results: dict[str, Latencies],
    bytes_per_page: float | None,
    http_p95_8: float | None,
) -> list[str]:
    """The target table's rows; kinds whose p95 misses are returned after it."""
    ours, plain = results["embedded"], results["plain tantivy"]
    rows = ["| target | measured | baseline | ratio | |", "|---|---:|---:|---:|---|"]
    if indexing:
        mine, base = (
            indexing["docs"] / indexing["embedded"],
            indexing["docs"] / indexing["plain tantivy"],
        )
        rows.append(row("indexing ≥ 0.8× plain tantivy", mine, base, "docs/s", mine >= 0.8 * base))
    p50, base50 = percentile(ours.all(), 50), percentile(plain.all(), 50)
    rows.append(row("search p50 ≤ 2× plain tantivy", p50, base50, "ms", p50 <= 2 * base50))
    for kind in dict.fromkeys(k for k, _ in QUERY_MIX):
        p95 = percentile(ours.by_kind[kind], 95)
        base = percentile(plain.by_kind[kind], 95)
        rows.append(row(f"p95 ≤ 50 ms: {kind} (vs plain)", p95, base, "ms", p95 <= P95_LIMIT_MS))
    ours95 = percentile(ours.all(), 95)
    if http_p95_8 is not None:
        rows.append(
            row("HTTP p95 ≤ 50 ms, 8 clients (vs in-process)", http_p95_8, ours95, "ms",
                http_p95_8 <= P95_LIMIT_MS)
        )  # fmt: skip
    if "elasticsearch" in results:  # over the kinds both run (first pages)
        es = results["elasticsearch"]
        es95 = percentile(es.all(), 95)
        same = percentile([ms for k in es.by_kind for ms in ours.by_kind[k]], 95)
        rows.append(
            row("Elasticsearch p95 ≤ 2× ours (first pages)", es95, same, "ms", es95 <= 2 * same)
        )
    if bytes_per_page is not None:
        rows.append(
            row("index bytes per page ≤ today's", bytes_per_page, BASELINE_BYTES_PER_PAGE, "B",
                bytes_per_page <= BASELINE_BYTES_PER_PAGE)
        )  # fmt: skip
    return rows


def open_elasticsearch(url: str) -> tuple[Engine, str]:
    prefix = f"vpbench-{uuid.uuid4().hex[:8]}"
    settings = Settings(
        engine="elasticsearch",
        elasticsearch_url=url,
        elasticsearch_index_prefix=prefix,
        elasticsearch_timeout=120,
    )
    return open_engine(settings), prefix


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--batch", type=int, default=5_000, help="documents per index() call")
    parser.add_argument("--rounds", type=int, default=30, help="times the query mix is run")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--index-dir", type=Path, help="keep (or reuse) our index here")
    parser.add_argument("--skip-indexing", action="store_true", help="search --index-dir")
    parser.add_argument(
        "--elasticsearch-url", default=os.environ.get("VINDPLAATS_TEST_ELASTICSEARCH_URL", "")
    )
    parser.add_argument("--no-http", dest="http", action="store_false")
    parser.add_argument("--http-seconds", type=float, default=30.0, help="per client count")
    args = parser.parse_args(argv)
    if args.skip_indexing and args.index_dir is None:
        parser.error("--skip-indexing needs --index-dir")
    if args.skip_indexing and args.elasticsearch_url:
        parser.error("the Elasticsearch part indexes the corpus: leave out --skip-indexing")
    if args.skip_indexing and not (args.index_dir / "meta.json").exists():
        parser.error(f"--skip-indexing: no index in {args.index_dir}")
    return args


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    print(run_facts())
    workdir = Path(tempfile.mkdtemp(prefix="vindplaats-side-by-side-"))
    data_dir = workdir / "data"  # the data directory of our engine and of the server
    data_dir.mkdir()
    if args.index_dir:
        args.index_dir.mkdir(parents=True, exist_ok=True)
        (data_dir / "index").symlink_to(args.index_dir.resolve(), target_is_directory=True)
        plain_dir = args.index_dir.resolve().with_name(args.index_dir.name + "-plain")
    else:
        plain_dir = workdir / "plain"
    if not args.skip_indexing:
        shutil.rmtree(plain_dir, ignore_errors=True)  # a fresh baseline, never added to
    plain = PlainTantivy(plain_dir)
    engines: dict[str, Engine] = {"embedded": open_engine(Settings(data_dir=data_dir))}
    prefix = ""
    if args.elasticsearch_url:
        engines["elasticsearch"], prefix = open_elasticsearch(args.elasticsearch_url)
    indexing = None
    try:
        if args.skip_indexing:
            corpus = json.loads((plain_dir / CORPUS_FILE).read_text(encoding="utf-8"))
        else:
            indexing = index_all(plain, engines, args.docs, args.batch, args.seed)
            corpus = {"docs": args.docs, "pages": int(indexing["pages"]), "seed": args.seed}
            (plain_dir / CORPUS_FILE).write_text(json.dumps(corpus), encoding="utf-8")
        ours_bytes = directory_size((data_dir / "index").resolve())
        plain_bytes = directory_size(plain_dir)
        per_page = ours_bytes / corpus["pages"]
        print(
            f"corpus: {corpus['docs']} docs, {corpus['pages']} pages (seed {corpus['seed']}); "
            f"index size: ours {ours_bytes / 1e6:,.0f} MB = {per_page:,.0f} B/page, plain "
            f"tantivy {plain_bytes / 1e6:,.0f} MB = {plain_bytes / corpus['pages']:,.0f} B/page; "
            f"documents: ours {engines['embedded'].count()}, plain {plain.count()}"
        )
        sides: dict[str, Side] = {"plain tantivy": plain_side(plain)}
        sides.update({name: engine_side(engine) for name, engine in engines.items()})
        results = run_mix(sides, args.rounds, args.seed)
        print(f"load average after searching {load_average()}")
        print_mix(results)
        http_p95 = None
        if args.http:
            figures = run_http(data_dir, [q for _, q in QUERY_MIX], args.http_seconds)
            print("\nHTTP API, closed loop, /api/search over the mix, 200s only")
            print("| clients | answers/s | p50 ms | p95 ms | not 200 | connection errors |")
            print("|---:|---:|---:|---:|---|---:|")
            for f in figures:
                print(
                    f"| {f.clients} | {f.answers_per_second:.1f} | {f.p50:.1f} | {f.p95:.1f} "
                    f"| {f.not_ok or 'none'} | {f.connection_errors} |"
                )
            http_p95 = next(f.p95 for f in figures if f.clients == 8)
        print(f"\ntargets (issue 14); load average {load_average()}")
        print("\n".join(targets(indexing, results, per_page, http_p95)))
        ours = results["embedded"]
        slow = sorted(
            (n for n, v in ours.by_query.items() if percentile(v, 95) > P95_LIMIT_MS),
            key=lambda n: -percentile(ours.by_query[n], 95),
        )
        breakdown(sides["embedded"], slow, max(5, args.rounds // 2))
        for number in slow[:2]:  # the slowest two under cProfile
            profile(sides["embedded"], QUERY_MIX[number][1])
    finally:
        for engine in engines.values():
            engine.close()
        if prefix:
            from benchmarks.engines_bench import delete_prefix

            delete_prefix(args.elasticsearch_url, prefix)
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
