"""Every TOOI value list of DiWoo, read from `tooi_lists.json`: lookups by URI and by label.

That file is generated from the official DiWoo lists XSD by `scripts/build-vocabulary` (never
edited by hand): 16 lists, 1,654 values (DiWoo 0.9.8). Each list has our name (`ListName`), its
XSD type, its TOOI set id and its values in the XSD's order. `organisaties` is the union of the
eight organisation lists (DiWoo's `organisatielijst`: publisher, verantwoordelijke, opsteller,
...), usable wherever a list name is.

- `value_by_uri(list, uri)`: the value with that URI (in the union: the member list holding it);
- `values_by_label(list, label)`: the values with that label, compared without case, extra
  spaces or the curly apostrophe (the ministries list has one label twice: a historical
  ministry);
- `tooi_uri(list, label)` / `tooi_labels(list)`: the exact-label lookups the vocabularies
  (`doctypes.py`, `woo_categories.py`) use, so no URI is typed in code.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Literal, get_args

OrganisationList = Literal[
    "caribische_openbare_lichamen",
    "gemeenten",
    "ministeries",
    "provincies",
    "overige_overheidsorganisaties",
    "samenwerkingsorganisaties",
    "waterschappen",
    "zbos",
]
ListName = Literal[
    OrganisationList,
    "talen",
    "bestandsformaten",
    "documentsoorten",
    "documenthandelingen",
    "themas",
    "documentrelaties",
    "informatiecategorieen",
    "redenen_verwijdering_vervanging",
]
ORGANISATIES = "organisaties"
AnyList = ListName | Literal["organisaties"]
ORGANISATION_LISTS: tuple[ListName, ...] = get_args(OrganisationList)
LIST_NAMES: tuple[ListName, ...] = get_args(ListName)


@dataclass(frozen=True)
class TooiValue:
    """One value of a TOOI list: its URI, its label and the list that holds it."""

    uri: str
    label: str
    list: ListName


@dataclass(frozen=True)
class _List:
    name: ListName
    xsd_type: str
    set: str
    values: tuple[TooiValue, ...]
    by_uri: dict[str, TooiValue]
    by_label: dict[str, tuple[TooiValue, ...]]


def label_key(label: str) -> str:
    """A label as lookups compare it: no case, single spaces, a straight apostrophe."""
    return " ".join(label.replace("\u2019", "'").split()).casefold()


@cache
def _lists() -> dict[str, _List]:
    raw = json.loads(resources.files("normalize").joinpath("tooi_lists.json").read_text("utf-8"))
    out: dict[str, _List] = {}
    for name in LIST_NAMES:
        entry = raw["lists"][name]
        values = tuple(TooiValue(str(v["uri"]), str(v["label"]), name) for v in entry["values"])
        by_label: dict[str, tuple[TooiValue, ...]] = {}
        for value in values:
            key = label_key(value.label)
            by_label[key] = (*by_label.get(key, ()), value)
        out[name] = _List(
            name=name,
            xsd_type=str(entry["xsd_type"]),
            set=str(entry["set"]),
            values=values,
            by_uri={v.uri: v for v in values},
            by_label=by_label,
        )
    return out


def member_lists(list_name: AnyList) -> tuple[ListName, ...]:
    """The lists a name stands for: the eight organisation lists for `organisaties`."""
    if list_name == ORGANISATIES:
        return ORGANISATION_LISTS
    if list_name not in LIST_NAMES:
        raise KeyError(f"no TOOI list named {list_name!r}")
    return (list_name,)


def list_values(list_name: AnyList) -> tuple[TooiValue, ...]:
    """Every value of a list (of each member list in turn for `organisaties`), in XSD order."""
    lists = _lists()
    return tuple(v for name in member_lists(list_name) for v in lists[name].values)


def list_set(list_name: ListName) -> str:
    """The TOOI set id (with version) the list was generated from."""
    return _lists()[list_name].set


def list_xsd_type(list_name: ListName) -> str:
    """The name of the list's simple type in the DiWoo lists XSD (`gemeentelijst`, ...)."""
    return _lists()[list_name].xsd_type


def value_by_uri(list_name: AnyList, uri: str) -> TooiValue | None:
    """The value of the list with this URI; None when the list has no such URI."""
    lists = _lists()
    for name in member_lists(list_name):
        found = lists[name].by_uri.get(uri)
        if found is not None:
            return found
    return None


def values_by_label(list_name: AnyList, label: str) -> tuple[TooiValue, ...]:
    """The values of the list labelled `label` (see `label_key`), in XSD order; () for none."""
    lists = _lists()
    key = label_key(label)
    return tuple(v for name in member_lists(list_name) for v in lists[name].by_label.get(key, ()))


def tooi_uri(list_name: AnyList, label: str) -> str:
    """The URI of the concept labelled exactly `label`; KeyError names a missing label."""
    for value in list_values(list_name):
        if value.label == label:
            return value.uri
    raise KeyError(f"TOOI {list_name} has no value labelled {label!r}")


def tooi_labels(list_name: AnyList) -> dict[str, str]:
    """Label -> URI of every value of a list (the first in XSD order for a repeated label)."""
    out: dict[str, str] = {}
    for value in list_values(list_name):
        out.setdefault(value.label, value.uri)
    return out


__all__ = [
    "LIST_NAMES",
    "ORGANISATIES",
    "ORGANISATION_LISTS",
    "AnyList",
    "ListName",
    "TooiValue",
    "label_key",
    "list_set",
    "list_values",
    "list_xsd_type",
    "member_lists",
    "tooi_labels",
    "tooi_uri",
    "value_by_uri",
    "values_by_label",
]
