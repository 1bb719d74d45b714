"""What the organisation, committee and type filters match, the same in every engine.

- `organization`: a value matches a document when its key equals the key of the document's
  organisation name, or equals the document's source key. The key of a name is the name in
  lowercase without accents, every run of other characters than letters and digits one `-`, and
  without a leading `gemeente-` (the catalogue names municipalities without the word, provinces
  and water boards with it, as in their source keys). So `Gemeente Oosterproef`, `oosterproef`
  and `OOSTERPROEF` all match the organisation "Oosterproef" of source `oosterproef`, while
  `Groningen` and `Provincie Groningen` stay apart.
- `committee`: the same key of the committee's name (`commissie-ruimte` = `Commissie Ruimte`).
- `document_type`: a controlled value, its Dutch label, or any text that names one
  (`normalize.doctypes.resolve`: `Motie`, `moties`, `Ingekomen stukken`); a value that names no
  type matches nothing.
- every other filter: the exact value.

`filter_clauses(filters)` gives each given filter as (index fields, terms): a document passes a
clause when any of the fields holds any of the terms (no terms: nothing passes); clauses AND.
`keyword_value` gives the value of a mapped keyword field of an `IndexDoc`, deriving the keys.
"""

from __future__ import annotations

import re
import unicodedata

from normalize.doctypes import resolve
from vindplaats.engine.base import Filters, IndexDoc

Clause = tuple[tuple[str, ...], list[str]]
_SEPARATORS = re.compile(r"[^a-z0-9]+")


def name_key(name: str) -> str:
    plain = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in plain if not unicodedata.combining(c)).lower()
    return _SEPARATORS.sub("-", plain.replace("'", "").replace("’", "")).strip("-")


def organization_key(name: str) -> str:
    return name_key(name).removeprefix("gemeente-")


def keyword_value(doc: IndexDoc, name: str) -> str | None:
    """The value of keyword field `name` for `doc` (the `*_key` fields derived from the names)."""
    if name == "organization_key":
        return organization_key(doc.organization) or None
    if name == "committee_key":
        return (name_key(doc.committee) or None) if doc.committee else None
    value = getattr(doc, name)
    return value if isinstance(value, str) or value is None else str(value)


def _unique(values: list[str]) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))


def filter_clauses(filters: Filters) -> list[Clause]:
    """The keyword filters given, as (fields, terms); dates are left to the engines."""
    out: list[Clause] = []
    if filters.organization:
        keys = _unique([organization_key(v) for v in filters.organization])
        sources = _unique([v.strip().lower() for v in filters.organization])
        out.append((("organization_key", "source_key"), _unique(keys + sources)))
    if filters.committee:
        out.append((("committee_key",), _unique([name_key(v) for v in filters.committee])))
    if filters.document_type:
        types = [resolve(v) for v in filters.document_type]
        out.append((("document_type",), _unique([t.value for t in types if t is not None])))
    for name in ("supplier", "motion_result", "woo_category", "source_key"):
        values = getattr(filters, name)
        if values:
            out.append(((name,), _unique(list(values))))
    return out


__all__ = ["Clause", "filter_clauses", "keyword_value", "name_key", "organization_key"]
