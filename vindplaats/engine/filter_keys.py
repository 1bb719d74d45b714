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
- `publisher`, `woo_document_type`, `woo_theme`, `woo_judgement`, `woo_ground`: as
  `woo_keys` says (a publisher by name or TOOI URI, coded values by TOOI label or URI, judgements
  and refusal grounds in any spelling).
- `year`: the year of the document's date as four digits (`2026`); undated documents have none.
- every other filter: the exact value.

`filter_clauses(filters)` gives each given filter as (index fields, terms): a document passes a
clause when any of the fields holds any of the terms (no terms: nothing passes); clauses AND.
`keyword_values` gives the values of a mapped keyword field of an `IndexDoc` (several for the
`multi` fields of `mappings/fields.json`), deriving the keys.
"""

from __future__ import annotations

import re
import unicodedata

from normalize.doctypes import resolve
from normalize.tooi import AnyList
from vindplaats.engine.base import Filters, IndexDoc
from vindplaats.engine.woo_keys import filter_value, ground_codes, is_uri, judgement_value

Clause = tuple[tuple[str, ...], list[str]]
_SEPARATORS = re.compile(r"[^a-z0-9]+")


def name_key(name: str) -> str:
    plain = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in plain if not unicodedata.combining(c)).lower()
    return _SEPARATORS.sub("-", plain.replace("'", "").replace("’", "")).strip("-")


def organization_key(name: str) -> str:
    return name_key(name).removeprefix("gemeente-")


def keyword_values(doc: IndexDoc, name: str) -> list[str]:
    """The values of keyword field `name` for `doc`, each once, none empty (the `*_key` fields
    derived from the names; `woo_category` holds `woo_categories`, else `woo_category`)."""
    if name == "organization_key":
        found: object = organization_key(doc.organization)
    elif name == "committee_key":
        found = name_key(doc.committee) if doc.committee else None
    elif name == "publisher_key":
        found = organization_key(doc.publisher) if doc.publisher else None
    elif name == "woo_category":
        found = doc.woo_categories or doc.woo_category
    elif name == "year":
        found = f"{doc.date.year:04d}" if doc.date is not None else None
    else:
        found = getattr(doc, name)
    values = found if isinstance(found, list) else [found]
    return _unique([v if isinstance(v, str) else str(v) for v in values if v is not None])


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
    if filters.year:
        out.append((("year",), _unique([v.strip() for v in filters.year])))
    return out + _woo_clauses(filters)


_CODED: tuple[tuple[str, AnyList], ...] = (
    ("woo_document_type", "documentsoorten"),
    ("woo_theme", "themas"),
)


def _woo_clauses(filters: Filters) -> list[Clause]:
    out: list[Clause] = []
    if filters.publisher:
        uris = [v.strip() for v in filters.publisher if is_uri(v)]
        keys = [organization_key(v) for v in filters.publisher if not is_uri(v)]
        out.append((("publisher_key", "publisher_uri"), _unique(keys + uris)))
    for name, list_name in _CODED:
        if values := getattr(filters, name):
            out.append(((name,), _unique([filter_value(list_name, v) or "" for v in values])))
    if filters.woo_judgement:
        found = [judgement_value(v) or "" for v in filters.woo_judgement]
        out.append((("woo_judgement",), _unique(found)))
    if filters.woo_ground:
        codes = [code for v in filters.woo_ground for code in ground_codes(v)]
        out.append((("woo_ground",), _unique(codes)))
    return out


__all__ = ["Clause", "filter_clauses", "keyword_values", "name_key", "organization_key"]
