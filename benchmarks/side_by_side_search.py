"""The search part of `side_by_side`: the query mix on every side, interleaved, and its causes.

`run_mix` runs `QUERY_MIX` (`benchmarks/engine_bench.py`) `rounds` times in one seeded shuffled
order; each query of the plan runs on every side one after the other (the first side rotating),
so a burst of load from other jobs falls on all sides alike. After one warm-up pass.

`breakdown` measures what the parts of our answer cost, through the interface alone: a query
again with facets off, with no best pages (so no page search and no snippets), and with
neither; the differences of the medians are the cost of facets and of best pages + snippets, and
the rest is matching, counting and sorting. `profile` runs one query under cProfile and prints the
engine's functions that take the most time.
"""

from __future__ import annotations

import cProfile
import io
import pstats
import random
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from benchmarks.engine_bench import MIX, QUERY_MIX, decode_cursor, describe, percentile
from vindplaats.engine.base import SearchQuery

Side = Callable[[SearchQuery], int]  # runs one search, returns its total


class Unsupported(Exception):
    """This side cannot run this query (Elasticsearch cannot jump to an offset's cursor)."""


@dataclass
class Latencies:
    by_kind: dict[str, list[float]] = field(default_factory=dict)
    by_query: dict[int, list[float]] = field(default_factory=dict)
    totals: dict[int, int] = field(default_factory=dict)

    def all(self) -> list[float]:
        return [ms for values in self.by_kind.values() for ms in values]


def offset_of(query: SearchQuery) -> int:
    """The offset a deep page's cursor points at (what the baseline asks for directly)."""
    return decode_cursor(query, query.cursor) if query.cursor else 0


def timed(side: Side, query: SearchQuery) -> tuple[float, int]:
    t0 = time.perf_counter()
    total = side(query)
    return (time.perf_counter() - t0) * 1000, total


def run_mix(sides: dict[str, Side], rounds: int, seed: int) -> dict[str, Latencies]:
    plan = [(number, kind, query) for _ in range(rounds) for number, (kind, query) in MIX]
    random.Random(seed).shuffle(plan)
    out = {name: Latencies() for name in sides}
    skip: set[tuple[str, int]] = set()
    for number, (_kind, query) in MIX:  # warm-up, and each side's hit count
        for name, side in sides.items():
            try:
                out[name].totals[number] = side(query)
            except Unsupported:
                skip.add((name, number))
    names = list(sides)
    for step, (number, kind, query) in enumerate(plan):
        for name in names[step % len(names) :] + names[: step % len(names)]:
            if (name, number) in skip:
                continue
            ms, _ = timed(sides[name], query)
            out[name].by_kind.setdefault(kind, []).append(ms)
            out[name].by_query.setdefault(number, []).append(ms)
    return out


def print_mix(results: dict[str, Latencies]) -> None:
    names = list(results)
    kinds = list(dict.fromkeys(kind for kind, _ in QUERY_MIX))
    head = " | ".join(f"{n} p50 | {n} p95" for n in names)
    print(f"\nsearch latency, ms, per query kind\n| query kind | {head} |")
    print("|---|" + "---:|" * (2 * len(names)))
    for kind in [*kinds, "all"]:
        cells = []
        for name in names:
            values = results[name].all() if kind == "all" else results[name].by_kind.get(kind)
            cells += (
                [f"{statistics.median(values):.1f}", f"{percentile(values, 95):.1f}"]
                if values
                else ["–", "–"]
            )
        print(f"| {kind} | " + " | ".join(cells) + " |")
    head = " | ".join(f"{n} hits | {n} p50 | {n} p95" for n in names)
    print(f"\nper query\n| query | kind | {head} |\n|---|---|" + "---:|" * (3 * len(names)))
    for number, (kind, query) in MIX:
        cells = []
        for name in names:
            values = results[name].by_query.get(number, [])
            if not values:
                cells += ["–", "–", "–"]
                continue
            cells += [
                f"{results[name].totals[number]:,}",
                f"{statistics.median(values):.1f}",
                f"{percentile(values, 95):.1f}",
            ]
        print(f"| {describe(query)} | {kind} | " + " | ".join(cells) + " |")


VARIANTS: dict[str, dict[str, Any]] = {
    "whole answer": {},
    "no facets": {"facets": False},
    "no best pages": {"pages_per_hit": 0},
    "neither": {"facets": False, "pages_per_hit": 0},
}


def breakdown(side: Side, numbers: list[int], rounds: int) -> None:
    """p50/p95 per variant of each query `numbers` names (its place in `QUERY_MIX`)."""
    if not numbers:
        return
    print("\nwhere the time goes (our engine), ms p50 / p95 per variant of the same query")
    print("| query | " + " | ".join(VARIANTS) + " |\n|---|" + "---:|" * len(VARIANTS))
    for number in numbers:
        query = QUERY_MIX[number][1]
        cells = []
        for update in VARIANTS.values():
            variant = query.model_copy(update=update)
            side(variant)  # warm
            values = [timed(side, variant)[0] for _ in range(rounds)]
            cells.append(f"{statistics.median(values):.1f} / {percentile(values, 95):.1f}")
        print(f"| {describe(query)} | " + " | ".join(cells) + " |")


def profile(side: Side, query: SearchQuery, repeat: int = 5, lines: int = 14) -> None:
    """cProfile of `query` run `repeat` times: the engine's costliest calls (cumulative)."""
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(repeat):
        side(query)
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out).sort_stats("cumulative")
    stats.print_stats(r"vindplaats/engine|tantivy", lines)
    print(f"\ncProfile of {describe(query)}, {repeat} runs (cumulative, engine calls):")
    print("\n".join(line for line in out.getvalue().splitlines() if line.strip()))


__all__ = ["Latencies", "Unsupported", "breakdown", "offset_of", "print_mix", "profile", "run_mix"]
