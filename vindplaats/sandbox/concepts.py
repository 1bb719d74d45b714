"""The council concepts every part of the sample world shares, whatever supplier serves it: an
organisation (a sample source) known by its key and served by one supplier (`by_key` finds one
in a part), committees, persons and votes.

The supplier models (`model` for NotuBiz, `go_model` for GemeenteOplossingen and Parlaeus,
`ibabs_model`) build their worlds from these types; what only one supplier has is an optional
field saying so. Plain dataclasses, comparable: two worlds built the same way are equal.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar


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


# The native id of a world object: NotuBiz, GO and Parlaeus number their objects, iBabs uses
# GUIDs (`ibabs_model.guid`). Each concept is generic in it: `Committee[int]`, `Committee[str]`.
NativeId = TypeVar("NativeId", int, str)


@dataclass(frozen=True)
class Committee(Generic[NativeId]):
    """A council body meetings belong to: a NotuBiz gremium, a GO `dmu`, a Parlaeus `cie`, an
    iBabs meeting type.

    `code` is its short form (GO and Parlaeus `code`, iBabs `Abbreviation`; "" for NotuBiz).
    iBabs only: `kind` is its Meetingtype ("Gemeenteraad", "Raadscommissie"), `source_key` the
    sample municipality it belongs to on a shared site; `name` is what iBabs calls Description
    and the catalogue's include/exclude patterns are matched on."""

    id: NativeId
    name: str
    code: str = ""
    kind: str = ""
    source_key: str = ""


@dataclass(frozen=True)
class Person(Generic[NativeId]):
    """A member of the council or its staff: a Parlaeus member (`raid`), an iBabs user.

    `party` is "" (Parlaeus) or None (iBabs) for someone of no party. iBabs only: `email`, and
    `source_key`, the sample municipality of a shared site the person serves."""

    id: NativeId
    name: str
    function: str
    party: str | None
    email: str = ""
    source_key: str = ""


@dataclass
class Vote(Generic[NativeId]):
    """One member's vote on a motion (iBabs `GetListEntryVotesByListEntryId`): `vote` None is a
    member who did not vote (absent)."""

    user_id: NativeId
    vote: bool | None
