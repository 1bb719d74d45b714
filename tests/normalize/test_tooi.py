"""`normalize/tooi_lists.json` is what `scripts/build-vocabulary` builds from the official XSD."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.shared import shared_file

ROOT = Path(__file__).resolve().parents[2]
XSD = "standards/diwoo/0.9.8/diwoo-metadata-lijsten.xsd"


def test_the_committed_lists_are_the_ones_built_from_the_xsd(tmp_path: Path) -> None:
    lists = shared_file(XSD)
    out = tmp_path / "tooi_lists.json"
    script = ROOT / "scripts" / "build-vocabulary"
    done = subprocess.run(
        [sys.executable, str(script), "--lists", str(lists), "--output", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    committed = (ROOT / "normalize" / "tooi_lists.json").read_text("utf-8")
    assert out.read_text("utf-8") == committed, "regenerate it: scripts/build-vocabulary"
    assert "91 documentsoorten, 18 informatiecategorieen" in done.stdout
