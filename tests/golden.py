"""Golden files: records a crawl stored, compared to a reviewed JSON file.

`assert_golden(records, path)` fails with a unified diff of the two JSON texts. Rewrite the
golden files after a deliberate change with `UPDATE_GOLDEN=1` or `pytest --update-golden`
(option in tests/conftest.py), then review the diff in git.
"""

from __future__ import annotations

import difflib
import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest

from vindplaats.store import Store

UPDATE = {"flag": False}  # set by tests/conftest.py from --update-golden


def updating() -> bool:
    return UPDATE["flag"] or bool(os.environ.get("UPDATE_GOLDEN"))


def stored_records(
    store: Store, key: str, types: Iterable[str], base_url: str
) -> list[dict[str, Any]]:
    """The source's records of these types, as JSON, with the server's URL as `{base}`."""
    records = [r for t in types for r in store.iter_records(t, key)]
    text = json.dumps([r.model_dump(mode="json") for r in records], ensure_ascii=False)
    return list(json.loads(text.replace(base_url, "{base}")))


def dump(records: list[dict[str, Any]]) -> str:
    return json.dumps(records, indent=1, ensure_ascii=False) + "\n"


def assert_golden(records: list[dict[str, Any]], path: Path) -> None:
    if updating():
        path.write_text(dump(records), "utf-8")
    expected = json.loads(path.read_text("utf-8"))
    if records == expected:
        return
    diff = difflib.unified_diff(
        dump(expected).splitlines(),
        dump(records).splitlines(),
        fromfile=f"{path} (golden)",
        tofile="crawled",
        lineterm="",
        n=3,
    )
    pytest.fail(
        "records differ from the golden file (rewrite with UPDATE_GOLDEN=1 after a deliberate "
        "change):\n" + "\n".join(diff),
        pytrace=False,
    )
