"""Person names as the suppliers write them, read into one `PersonName`.

Forms (the table in `tests/normalize/test_cleaners.py` has one row per form):

- iBabs submitters: `Lastname, Initials [tussenvoegsel] (Firstname) (Party)`, e.g.
  `Jansen, P. (Pieter) (D66)` or `Heuven, M. van (Maarten) (Partij voor de Dieren)`: ONE person;
  the party is the last bracketed group, the first name the one before it;
- iBabs voters: `Lastname, Firstname [tussenvoegsel]`, e.g. `Heuven, Maarten van`;
- a function before or after the name: `Wethouder Voortman`, `J.P. Neven (Wethouder)`, or only
  the function (`Burgemeester`);
- plain `Firstname Lastname`, `Initials Lastname`, with an optional `(Party)`.

`parse_people` reads a value holding several people: separated by `;` (iBabs "Mede-indieners",
no space after it), line breaks (also a literal `\\n`), or commas between full names
(`P. de Vries, K. Yilmaz`); a comma inside one inverted name is not a separator.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

PREFIXES = frozenset(
    ("van", "de", "der", "den", "het", "'t", "ter", "ten", "te", "in", "op", "von", "vom", "zu",
     "la", "le", "du", "d'", "del", "della", "des", "di", "dos", "da", "'s", "aan", "bij", "uit")
)  # fmt: skip
ROLES = (
    "commissaris van de koning", "burgemeester", "locoburgemeester", "wethouder", "gedeputeerde",
    "raadslid", "duo-raadslid", "burgerraadslid", "burgerlid", "statenlid", "commissielid",
    "fractievoorzitter", "steunfractielid", "griffier", "voorzitter", "secretaris",
)  # fmt: skip
_INITIALS = re.compile(r"^(?:[A-Z][a-z]{0,2}\.)+(?:[A-Z]\.?)?$|^[A-Z]{1,3}$")
_LINES = re.compile(r"\s*(?:;|\r|\n|\\n)\s*")
_WS = re.compile(r"\s+")


@dataclass(frozen=True)
class PersonName:
    """A person as a supplier names them. `name` is the display form: first name (or initials),
    tussenvoegsel, last name ("Pieter Jansen", "Maarten van Heuven", "P. de Vries")."""

    name: str
    last_name: str | None = None
    prefix: str | None = None  # tussenvoegsel: "van", "de", "van der"
    initials: str | None = None
    first_name: str | None = None
    party: str | None = None
    role: str | None = None  # "wethouder", "burgemeester", ... (lowercase)


def _role(text: str) -> str | None:
    lowered = text.lower()
    return lowered if lowered in ROLES else None


def _groups(text: str) -> tuple[str, list[str]]:
    """The text before trailing bracketed groups, and the groups' contents in order."""
    groups: list[str] = []
    rest = text.strip()
    while rest.endswith(")"):
        start = rest.rfind("(")
        if start < 0:
            break
        inner = rest[start + 1 : -1].strip()
        if inner:
            groups.insert(0, inner)
        rest = rest[:start].strip()
    return rest, groups


def _is_prefix(token: str) -> bool:
    return token.lower() in PREFIXES and not token[:1].isupper()


def _given(rest: str) -> tuple[str | None, str | None, str | None] | None:
    """(initials, first name, tussenvoegsel) of the part after the comma of an inverted name;
    None when it is not one (a full name such as "K. Yilmaz")."""
    initials: list[str] = []
    first: list[str] = []
    prefix: list[str] = []
    for token in rest.split():
        if _is_prefix(token):
            prefix.append(token)
        elif prefix:
            return None  # a word after the tussenvoegsel: a last name, so a full name
        elif _INITIALS.match(token) and not first:
            initials.append(token)
        elif token[:1].isupper() and not initials:
            first.append(token)
        else:
            return None
    if not initials and not first:
        return None
    return " ".join(initials) or None, " ".join(first) or None, " ".join(prefix) or None


def _inverted(last: str, given: str, groups: list[str]) -> PersonName | None:
    parts = _given(given)
    if parts is None or not last or "," in last:
        return None
    initials, first, prefix = parts
    party = role = None
    if groups and _role(groups[-1]):
        role = _role(groups.pop())
    if len(groups) >= 2:
        first = first or groups[0]
        party = groups[-1]
    elif groups:
        party = groups[0]
    display = " ".join(p for p in (first or initials, prefix, last) if p)
    return PersonName(display, last, prefix, initials, first, party, role)


def parse_person(value: object) -> PersonName | None:
    """One person in any of the forms above; None for an empty value."""
    text = _WS.sub(" ", str(value or "")).strip().strip(",;").strip()
    if not text:
        return None
    rest, groups = _groups(text)
    if "," in rest:
        last, _, given = rest.partition(",")
        found = _inverted(last.strip(), given.strip(), list(groups))
        if found is not None:
            return found
    role = None
    party = None
    for group in groups:
        if _role(group):
            role = _role(group)
        else:
            party = group
    for candidate in sorted(ROLES, key=len, reverse=True):
        if rest.lower() == candidate:
            return PersonName(rest, role=candidate, party=party)
        if rest.lower().startswith(candidate + " "):
            role, rest = candidate, rest[len(candidate) + 1 :].strip()
            break
    tokens = rest.split()
    initials = tokens[0] if len(tokens) > 1 and _INITIALS.match(tokens[0]) else None
    return PersonName(rest or text, initials=initials, party=party, role=role)


def _joins(current: str, following: str) -> bool:
    """Whether `following` (after a comma) is the given-name part of the inverted `current`."""
    head, _ = _groups(current)
    if "," in head or not head or _INITIALS.match(head.split()[0]):
        return False
    rest, _ = _groups(following)
    return _given(rest) is not None


def parse_people(value: object) -> list[PersonName]:
    """Every person in a value that may hold several (see the module doc); repeats left out."""
    people: list[PersonName] = []
    for line in _LINES.split(str(value or "")):
        parts = [p.strip() for p in line.split(",")]
        merged: list[str] = []
        for part in parts:
            if merged and part and _joins(merged[-1], part):
                merged[-1] = f"{merged[-1]}, {part}"
            elif part:
                merged.append(part)
        for piece in merged:
            person = parse_person(piece)
            if person is not None and all(p.name != person.name for p in people):
                people.append(person)
    return people


__all__ = ["PREFIXES", "ROLES", "PersonName", "parse_people", "parse_person"]
