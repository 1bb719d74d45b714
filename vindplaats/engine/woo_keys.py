"""What the Woo fields of the index hold, and how a Woo filter reads what a user typed.

The indexer (`vindplaats.harvest.index_woo`) and every engine's filters (`filter_keys`) use these
functions, so a value shown as a facet is a value the filter finds:

- `publisher`: `publisher_name` — the TOOI label of the publisher's URI when the URI is in an
  organisation list (`gemeente Amsterdam`), else the label as published, else the organisation's
  own name. A filter value that is an `http(s)://` URI matches the publisher's TOOI URI exactly;
  any other value matches by name as the organisation filter does (`filter_keys.organization_key`:
  any case, accents and punctuation alike, a leading `gemeente` does not count), so `Amsterdam`,
  `gemeente amsterdam` and `https://identifier.overheid.nl/tooi/id/gemeente/gm0363` all find the
  publisher "gemeente Amsterdam";
- `woo_document_type` (TOOI documentsoorten) and `woo_theme` (TOOI themas): `coded_value` — the
  TOOI label of a URI in the list, else of the value of the list the label names (any case),
  else the label of a code unknown to the list in lower case (`tooi.label_key`: runs of
  whitespace one space, a straight apostrophe), else the URI. A filter value is read the same way
  (`filter_value`: as a URI or as a label), so a URI, the label in any case and the facet value
  all match;
- `woo_judgement`: `judgement_value` — the judgement an inventory list's cell names, in any of its
  spellings (`Deels Openbaar`, `gedeeltelijke openbaarmaking`): `deels openbaar`; text naming no
  judgement matches nothing;
- `woo_ground`: `ground_codes` — the refusal grounds a text names (`normalize.grounds`):
  `5.1.2 e` is `5.1.2e`, `5.1.1c; 5.1.2e` both; text naming no ground matches nothing.
"""

from __future__ import annotations

from normalize.grounds import parse_grounds
from normalize.inventory_values import judgement_of
from normalize.tooi import AnyList, label_key, value_by_uri, values_by_label

_URI_SCHEMES = ("http://", "https://")
_ORGANISATIONS: AnyList = "organisaties"  # every organisation list


def is_uri(value: str) -> bool:
    return value.strip().lower().startswith(_URI_SCHEMES)


def _collapsed(text: str | None) -> str:
    return " ".join((text or "").split())


def coded_value(list_name: AnyList, label: str | None, uri: str | None = None) -> str | None:
    """The index value of a coded value of `list_name` (see the module docstring); None when it
    has neither label nor URI."""
    uri = _collapsed(uri) or None
    if uri is not None and (found := value_by_uri(list_name, uri)) is not None:
        return found.label
    written = _collapsed(label)
    if written:
        named = values_by_label(list_name, written)
        return named[0].label if named else label_key(written)
    return uri


def filter_value(list_name: AnyList, typed: str) -> str | None:
    """What a filter value of a coded field matches: a URI or a label, read as `coded_value`."""
    if is_uri(typed):
        return coded_value(list_name, None, typed)
    return coded_value(list_name, typed)


def publisher_name(label: str | None, uri: str | None, fallback: str) -> str:
    """The publisher as the index holds it: the TOOI label of `uri`, else `label` (or, without
    one, `fallback`: the organisation's name) as the TOOI label it names, else as written."""
    found = value_by_uri(_ORGANISATIONS, _collapsed(uri)) if uri else None
    if found is not None:
        return found.label
    written = _collapsed(label) or _collapsed(fallback)
    named = values_by_label(_ORGANISATIONS, written) if written else ()
    return named[0].label if named else written


def judgement_value(typed: str) -> str | None:
    found = judgement_of(typed)
    return found.value if found is not None else None


def ground_codes(typed: str) -> list[str]:
    return [g.code for g in parse_grounds(typed) if g.code is not None]


__all__ = [
    "coded_value",
    "filter_value",
    "ground_codes",
    "is_uri",
    "judgement_value",
    "publisher_name",
]
