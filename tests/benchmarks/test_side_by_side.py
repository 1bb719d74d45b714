"""The side-by-side benchmark runs end to end on a tiny corpus and prints every target."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from benchmarks import side_by_side
from benchmarks.corpus import generate
from benchmarks.engine_bench import QUERY_MIX
from benchmarks.side_by_side_search import breakdown, profile
from vindplaats.engine import open_engine
from vindplaats.settings import Settings


def test_prints_every_target_with_its_ratio_and_verdict(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # without a node (CI names one for the other tests: the Elasticsearch row is left out here)
    monkeypatch.delenv("VINDPLAATS_TEST_ELASTICSEARCH_URL", raising=False)
    side_by_side.main(["--docs", "200", "--batch", "100", "--rounds", "1", "--no-http"])
    out = capsys.readouterr().out

    assert "documents: ours 200, plain 200" in out
    targets = out.split("targets (issue 14)")[1]
    rows = [line for line in targets.splitlines() if re.search(r"\| (PASS|\*\*MISS\*\*) \|$", line)]
    names = [row.split(" | ")[0].lstrip("| ") for row in rows]
    kinds = ["word", "words", "phrase", "prefix", "or/not", "filter", "date sort", "browse"]
    assert names == [
        "indexing ≥ 0.8× plain tantivy",
        "search p50 ≤ 2× plain tantivy",
        *[f"p95 ≤ 50 ms: {kind} (vs plain)" for kind in [*kinds, "deep page"]],
        "index bytes per page ≤ today's",
    ]
    for row in rows:
        assert re.search(r"\| [\d.]+× \|", row), row
    # the same words find the same documents on both sides (both analyse with our analyzer)
    begroting = next(line for line in out.splitlines() if line.startswith("| `begroting` |"))
    cells = begroting.split(" | ")
    assert cells[2] == cells[5] and int(cells[2]) > 0


def test_breakdown_and_profile_name_the_costs_of_a_query(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    engine = open_engine(Settings(data_dir=tmp_path))
    engine.index(list(generate(50)))
    side = side_by_side.engine_side(engine)
    phrase = next(n for n, (_, q) in enumerate(QUERY_MIX) if q.q == '"de gemeente"')

    breakdown(side, [phrase], 2)
    profile(side, QUERY_MIX[phrase][1], repeat=1)
    engine.close()
    out = capsys.readouterr().out

    header = "| query | whole answer | no facets | no best pages | neither |"
    assert header in out
    row = next(line for line in out.splitlines() if line.startswith('| `"de gemeente"` |'))
    assert len(re.findall(r"[\d.]+ / [\d.]+", row)) == 4
    assert 'cProfile of `"de gemeente"`' in out and "engine.py" in out
