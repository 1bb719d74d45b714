"""What every part of the sample world shares: an organisation (a sample source) known by its
key, served by one supplier, and finding one by its key in a part (`by_key`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar


class Keyed(Protocol):
    @property
    def key(self) -> str: ...


K = TypeVar("K", bound=Keyed)


def by_key(items: Sequence[K], key: str, what: str) -> K:
    """The item whose `key` is `key`; KeyError naming `what` and the known keys otherwise."""
    for item in items:
        if item.key == key:
            return item
    raise KeyError(f"no {what} {key!r}; known: {[i.key for i in items]}")


@dataclass(frozen=True)
class Organisation:
    """One sample organisation and the supplier that serves it (a `Supplier` value)."""

    key: str  # its source key, unique across the whole world
    name: str
    supplier: str
