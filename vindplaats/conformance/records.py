"""What one record says about itself: its key, its organisation codes, its Woo category, and
the references it makes (to be resolved later).

- The key of a record in findings: its `id`, else its `pid`, else its `url`.
- ORI-TOOI: `organisatie.gemeente` / `.provincie` / `.waterschap` (mini-ORI, events: `gm0363`,
  `pv27`, `ws0155`), `gemeente.gemeentecode` and `waterschap.waterschapcode` (ORI 2.0: the
  four digits, `0363`) must name an organisation of the TOOI lists (`normalize.tooi`), upper or
  lower case.
- ORI-WOO-CATEGORY: `wooinformatiecategorie` must be a category of the TOOI Woo list: its code
  (`c_db4862c3`), its URI or its label.
- A value the official schema already rejects is not judged again by these rules, so one fault
  is one finding.
- References (`references`): every field the table `REFERENCE_FIELDS` names, holding a URL, an
  id, a `{id, url}` object, or a list of those; `gerelateerd(I|i)nformatieobject.informatieobject`
  too. Each is (field path, the collection it must be in, the URL or id).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from normalize.tooi import ListName, list_values, values_by_label

# field -> the collection the referred record belongs to
REFERENCE_FIELDS: dict[str, str] = {
    "vergadering": "vergaderingen",
    "vergaderingen": "vergaderingen",
    "hoofdvergadering": "vergaderingen",
    "deelvergaderingen": "vergaderingen",
    "genotuleerdeVergadering": "vergaderingen",
    "agendapunt": "agendapunten",
    "agendapunten": "agendapunten",
    "hoofdagendapunt": "agendapunten",
    "subagendapunten": "agendapunten",
    "informatieobject": "informatieobjecten",
    "informatieobjecten": "informatieobjecten",
    "bijlagen": "informatieobjecten",
    "natuurlijkPersoon": "natuurlijkpersonen",
    "natuurlijkePersonen": "natuurlijkpersonen",
    "fractie": "fracties",
    "stemming": "stemmingen",
    "stemmingen": "stemmingen",
    "stemmen": "stemmen",
    "besluit": "besluiten",
    "mediabron": "mediabronnen",
    "mediabronnen": "mediabronnen",
    "aanwezigeDeelnemer": "aanwezigedeelnemers",
    "dagelijksBestuur": "dagelijksebesturen",
    "organisatorischeEenheid": "organisatorische_eenheden",
    "indieners": "indieners",
}
RELATED = ("gerelateerdInformatieobject", "gerelateerdinformatieobject")
_CODE = re.compile(r"^(gm|pv|ws)?(\d{2,4})$", re.IGNORECASE)
_PREFIX = {"gemeente": "gm", "provincie": "pv", "waterschap": "ws"}


@dataclass(frozen=True)
class Reference:
    field: str  # JSON path within the record: vergaderingen[0].url
    collection: str
    target: str  # a URL, or an id


@dataclass(frozen=True)
class Problem:
    rule: str
    field: str
    expected: str
    found: str


def record_key(record: Any) -> str:
    if isinstance(record, dict):
        for name in ("id", "pid", "url"):
            value = record.get(name)
            if isinstance(value, str | int) and str(value):
                return str(value)
    return ""


@cache
def _tooi_codes() -> frozenset[str]:
    lists: tuple[ListName, ...] = ("gemeenten", "provincies", "waterschappen")
    return frozenset(v.uri.rsplit("/", 1)[-1].lower() for name in lists for v in list_values(name))


@cache
def _woo_categories() -> frozenset[str]:
    return frozenset(
        key
        for v in list_values("informatiecategorieen")
        for key in (v.uri, v.uri.rsplit("/", 1)[-1])
    )


def tooi_known(kind: str, value: str) -> bool:
    match = _CODE.match(value.strip())
    if match is None:
        return False
    prefix = (match.group(1) or _PREFIX[kind]).lower()
    return prefix == _PREFIX[kind] and f"{prefix}{match.group(2)}" in _tooi_codes()


def woo_category_known(value: str) -> bool:
    return value.strip() in _woo_categories() or bool(
        values_by_label("informatiecategorieen", value)
    )


def _codes(record: dict[str, Any]) -> list[tuple[str, str, Any]]:
    """(kind, field path, value) of every organisation code the record carries."""
    found: list[tuple[str, str, Any]] = []
    organisation = record.get("organisatie")
    if isinstance(organisation, dict):
        for kind in _PREFIX:
            if kind in organisation:
                found.append((kind, f"organisatie.{kind}", organisation[kind]))
    for kind, name in (("gemeente", "gemeentecode"), ("waterschap", "waterschapcode")):
        holder = record.get(kind)
        if isinstance(holder, dict) and name in holder:
            found.append((kind, f"{kind}.{name}", holder[name]))
    return found


def problems(record: dict[str, Any], rejected: set[str]) -> list[Problem]:
    """The ORI-TOOI and ORI-WOO-CATEGORY problems of a record; `rejected`: the fields (paths
    within the record) the schema already rejected."""
    out: list[Problem] = []
    for kind, field, value in _codes(record):
        if field in rejected or not isinstance(value, str):
            continue
        if not tooi_known(kind, value):
            example = {"gemeente": "gm0363", "provincie": "pv27", "waterschap": "ws0155"}[kind]
            out.append(
                Problem("ORI-TOOI", field, f"a TOOI {kind} code such as {example}", repr(value))
            )
    category = record.get("wooinformatiecategorie")
    if (
        isinstance(category, str)
        and "wooinformatiecategorie" not in rejected
        and not woo_category_known(category)
    ):
        out.append(
            Problem(
                "ORI-WOO-CATEGORY",
                "wooinformatiecategorie",
                "a category of the TOOI Woo list (c_db4862c3, its URI or its label)",
                repr(category),
            )
        )
    return out


def _targets(value: Any, field: str, nested: bool = False) -> list[tuple[str, str]]:
    """(path, URL or id) of each reference a field's value holds (a list one level deep)."""
    if isinstance(value, str) and value.strip():
        return [(field, value.strip())]
    if isinstance(value, dict):
        url, ident = value.get("url"), value.get("id")
        if isinstance(url, str) and url.strip():
            return [(field, url.strip())]
        if isinstance(ident, str) and ident.strip():
            return [(field, ident.strip())]
        return []
    if isinstance(value, list) and not nested:
        return [t for i, item in enumerate(value) for t in _targets(item, f"{field}[{i}]", True)]
    return []


def _under(path: str, rejected: set[str]) -> bool:
    """Whether the schema rejected `path` or a part of it."""
    return any(r == path or r.startswith((f"{path}.", f"{path}[")) for r in rejected)


def references(record: dict[str, Any], rejected: set[str]) -> list[Reference]:
    out: list[Reference] = []
    for name, collection in REFERENCE_FIELDS.items():
        if name in record:
            for path, target in _targets(record[name], name):
                if not _under(path, rejected):
                    out.append(Reference(path, collection, target))
    for name in RELATED:
        related = record.get(name)
        if isinstance(related, dict) and "informatieobject" in related:
            for path, target in _targets(related["informatieobject"], f"{name}.informatieobject"):
                if not _under(path, rejected):
                    out.append(Reference(path, "informatieobjecten", target))
    return out
