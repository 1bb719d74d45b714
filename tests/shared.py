"""Access to the read-only reference material in `../shared` (beside the project folder).

Tests that need it call `shared_file(...)`: when `../shared` is absent they are skipped with the
reason, except under CI (`CI` set), where the reference material must be present.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def shared_file(relative: str) -> Path:
    path = SHARED / relative
    if path.is_file():
        return path
    reason = f"reference file {path} is not present (../shared beside the project)"
    if os.environ.get("CI"):
        pytest.fail(reason + " — required under CI", pytrace=False)
    pytest.skip(reason)
