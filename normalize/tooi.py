"""The TOOI value lists the vocabularies use, read from `tooi_lists.json`.

That file is generated from the official DiWoo lists XSD by `scripts/build-vocabulary` (never
edited by hand); here TOOI concepts are looked up by their label, so no URI is typed in code.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Literal

ListName = Literal["documentsoorten", "informatiecategorieen"]


@cache
def _lists() -> dict[str, dict[str, str]]:
    raw = json.loads(resources.files("normalize").joinpath("tooi_lists.json").read_text("utf-8"))
    return {
        name: {str(v["label"]): str(v["uri"]) for v in raw[name]["values"]}
        for name in ("documentsoorten", "informatiecategorieen")
    }


def tooi_uri(list_name: ListName, label: str) -> str:
    """The URI of the concept labelled `label` in a TOOI list; KeyError names a missing label."""
    values = _lists()[list_name]
    if label not in values:
        raise KeyError(f"TOOI {list_name} has no value labelled {label!r}")
    return values[label]


def tooi_labels(list_name: ListName) -> dict[str, str]:
    """Label -> URI of every value of a TOOI list."""
    return dict(_lists()[list_name])


__all__ = ["ListName", "tooi_labels", "tooi_uri"]
