"""Benchmark of the Woo facets on the embedded engine: what counting them adds to a search.

Indexes `--docs` generated records (short pages: facet counting costs per matching document, not
per word), three quarters council records and a quarter Woo publications with several
categories, documentsoorten, themes and grounds, as the indexer fills them. Then, on the same
index and in the same run, times the facet aggregation of the fields counted before the Woo
facets (the baseline: organization, supplier, document_type, woo_category as one value per
document, committee, motion_result) against every facet field now (`facets.facet_counts`) and
each field alone (a multi-valued one also by its value sets, as `facet_counts` counts it), over
every document and over the matches of one word, and whole searches (20 hits, 3 best pages)
with facets on and off.
Prints p50/p95 in ms and the ratios to the baseline. Run from the repository root:

    .venv/bin/python -m benchmarks.woo_facets_bench --docs 100000
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from functools import partial
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tantivy import Query, Searcher

from mappings import FACET_FIELDS
from vindplaats.engine.base import IndexDoc, SearchQuery
from vindplaats.engine.embedded import EmbeddedEngine
from vindplaats.engine.embedded.compile import doc_query
from vindplaats.engine.embedded.facets import facet_counts
from vindplaats.engine.embedded.schema import MULTI_FACET_FIELDS, set_name
from vindplaats.engine.facet_fields import FACET_SIZE
from vindplaats.engine.query import parse_query
from vindplaats.engine.terms import analyse_query

# The facets before the Woo fields; woo_category was single-valued then: its value sets now
# (one per document, the one category of every council record) cost what it cost then.
BASELINE_FACETS = (
    "organization",
    "supplier",
    "document_type",
    "woo_category__set",
    "committee",
    "motion_result",
)
TOWNS = [f"Gemeente {name}" for name in ("Amsterdam", "Utrecht", "Delft", "Assen", "Zwolle")]
MINISTRIES = ("ministerie van Financiën", "ministerie van Volksgezondheid, Welzijn en Sport")
TYPES = ("motie", "raadsvoorstel", "verslag", "besluitenlijst", "brief")
WORDS = ("begroting", "jeugdzorg", "woningbouw", "zwembad", "afval", "subsidie", "vergunning")
CATEGORIES = ("3.3.2i", "3.3.2e", "3.3.2f", "3.3.2g", "3.3.2j", "3.3.2k")
DOCSOORTEN = ("besluit", "advies", "brief", "rapport", "e-mail", "nota")
THEMES = ("afval", "zorg en gezondheid", "ruimtelijke ordening", "onderwijs", "verkeer")
JUDGEMENTS = ("openbaar", "deels openbaar", "niet openbaar", "reeds openbaar", None)
GROUNDS = ("5.1.2e", "5.1.2i", "5.1.1c", "5.2", "10.2e")


def record(i: int, rng: random.Random) -> IndexDoc:
    words = " ".join(rng.choice(WORDS) for _ in range(3))
    common: dict[str, Any] = {
        "id": f"document:bench:{i:07d}",
        "title": f"Stuk {i} over {rng.choice(WORDS)}",
        "date": date(2015, 1, 1) + timedelta(days=rng.randrange(3650)),
        "pages": [f"De raad spreekt over {words}."],
    }
    if i % 4:
        town = rng.choice(TOWNS)
        kind = rng.choice(TYPES)
        return IndexDoc(
            organization=town,
            source_key=town.lower().replace(" ", "-"),
            supplier="notubiz",
            document_type=kind,
            woo_category="3.3.2a" if i % 7 == 0 else "3.3.2c",
            publisher=town.replace("Gemeente", "gemeente"),
            woo_document_type=["motie" if kind == "motie" else "vergaderstuk"],
            committee=rng.choice(("Gemeenteraad", "Commissie Ruimte", None)),
            **common,
        )
    categories = rng.sample(CATEGORIES, rng.randint(1, 2))
    return IndexDoc(
        organization="Rijk",
        source_key="rijk",
        supplier="diwoo",
        document_type="overig",
        woo_category=categories[0],
        woo_categories=categories,
        publisher=rng.choice(MINISTRIES),
        woo_document_type=rng.sample(DOCSOORTEN, rng.randint(1, 2)),
        woo_theme=rng.sample(THEMES, rng.randint(0, 2)),
        woo_judgement=rng.choice(JUDGEMENTS),
        woo_ground=rng.sample(GROUNDS, rng.randint(0, 3)),
        **common,
    )


def _timed(run: Callable[[], object], rounds: int) -> list[float]:
    run()  # warm-up
    out = []
    for _ in range(rounds):
        started = time.perf_counter()
        run()
        out.append((time.perf_counter() - started) * 1000)
    return out


def _aggregate(searcher: Searcher, query: Query, fields: tuple[str, ...]) -> None:
    request = {name: {"terms": {"field": name, "size": FACET_SIZE}} for name in fields}
    searcher.aggregate(query, request)


def _row(name: str, times: list[float], baseline: list[float] | None) -> str:
    p50 = statistics.median(times)
    p95 = statistics.quantiles(times, n=20)[-1]
    ratio = f"{p50 / statistics.median(baseline):.2f}x" if baseline else "1.00x"
    return f"| {name} | {len(times)} | {p50:.2f} | {p95:.2f} | {ratio} |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=50_000)
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    print(f"python {platform.python_version()}, {os.cpu_count()} CPUs, load {os.getloadavg()}")
    with tempfile.TemporaryDirectory() as tmp, EmbeddedEngine(Path(tmp) / "index") as engine:
        started = time.perf_counter()
        for start in range(0, args.docs, 5_000):
            batch = [record(i, rng) for i in range(start, min(args.docs, start + 5_000))]
            assert engine.index(batch).failed == {}
        print(f"indexed {args.docs} records in {time.perf_counter() - started:.1f} s\n")
        schema = engine._schema
        rows = ["| measured | n | p50 ms | p95 ms | p50 / baseline |", "|---|---:|---:|---:|---:|"]
        with engine._reading() as searcher:
            for label, q in (("every record", ""), ("`begroting`", "begroting")):
                compiled = analyse_query(parse_query(q))
                matcher = doc_query(schema, compiled, SearchQuery(q=q).filters, {})
                hits = searcher.search(matcher, 1).count
                before = _timed(
                    partial(_aggregate, searcher, matcher, BASELINE_FACETS), args.rounds
                )
                now = _timed(partial(facet_counts, searcher, matcher), args.rounds)
                rows.append(_row(f"facets before the Woo fields, {label} ({hits:,})", before, None))
                rows.append(_row(f"every facet field now, {label}", now, before))
                for name in FACET_FIELDS:  # what each field costs alone
                    alone = _timed(partial(_aggregate, searcher, matcher, (name,)), args.rounds)
                    rows.append(_row(f"`{name}` alone, {label}", alone, before))
                    if name in MULTI_FACET_FIELDS:  # as facets count it: its value sets
                        twin = (set_name(name),)
                        sets = _timed(partial(_aggregate, searcher, matcher, twin), args.rounds)
                        rows.append(_row(f"`{name}` by its value sets, {label}", sets, before))
        for q in ("", "begroting"):
            off = _timed(partial(engine.search, SearchQuery(q=q, facets=False)), args.rounds)
            on = _timed(partial(engine.search, SearchQuery(q=q)), args.rounds)
            rows.append(_row(f"search `{q}`, facets off", off, None))
            rows.append(_row(f"search `{q}`, every facet", on, off))
    print("\n".join(rows))


if __name__ == "__main__":
    main()
