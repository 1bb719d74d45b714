"""The side-by-side benchmark runs end to end on a tiny corpus and prints every target."""

from __future__ import annotations

import re

import pytest

from benchmarks import side_by_side


def test_prints_every_target_with_its_ratio_and_verdict(capsys: pytest.CaptureFixture[str]) -> None:
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
