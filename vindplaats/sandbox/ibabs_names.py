"""How the sandbox's iBabs registers write dates and people: the forms of the recorded Utrecht
answers (see `docs/sandbox.md`, iBabs).

- dates in SQL Server's default text form, `Jan 29 2026 12:00AM` (`Jan  9 2026  7:30PM` for a
  one-digit day or hour);
- a submitter as `Lastname, Initials [tussenvoegsel] (Firstname) (Party)`, co-submitters joined
  by `;` without a space;
- a voter as `Lastname, Firstname [tussenvoegsel]`;
- "Agendapunt" as `<meeting> d-M-yyyy`, a line break (or, on some sites, a literal `\\n`), then
  `<item number> <item title>`.

The sample people have initials only ("T. de Boer"); their first names come from `FIRST_NAMES`
by the first initial, so every sample person has one.
"""

from __future__ import annotations

from datetime import datetime

ENGLISH_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
                  "Dec")  # fmt: skip
FIRST_NAMES = {
    "A": "Anouk", "B": "Bram", "C": "Cor", "D": "Daan", "E": "Eva", "F": "Fleur", "G": "Gert",
    "H": "Hanna", "I": "Iris", "J": "Joost", "K": "Kim", "L": "Lotte", "M": "Mila", "N": "Noor",
    "O": "Olaf", "P": "Pieter", "R": "Ruben", "S": "Sanne", "T": "Tom", "W": "Willem",
}  # fmt: skip
_TITLES = ("drs.", "mr.", "dr.", "ir.", "ing.", "prof.")


def sql_server_date(moment: datetime) -> str:
    """`moment` as SQL Server's `CONVERT(varchar, d)` writes it: `Jan 29 2026 12:00AM`."""
    hour = moment.hour % 12 or 12
    half = "PM" if moment.hour >= 12 else "AM"
    month = ENGLISH_MONTHS[moment.month - 1]
    return f"{month} {moment.day:>2} {moment.year} {hour:>2}:{moment.minute:02d}{half}"


def name_parts(name: str) -> tuple[str, str | None, str, str]:
    """(initials, tussenvoegsel, last name, first name) of a sample name like "T. de Boer"."""
    tokens = [t for t in name.split() if t.lower() not in _TITLES]
    initials, rest = tokens[0], tokens[1:]
    prefix = [t for t in rest if t.islower()]
    last = " ".join(t for t in rest if not t.islower())
    first = FIRST_NAMES.get(initials[:1].upper(), "Sam")
    return initials, " ".join(prefix) or None, last, first


def submitter(name: str, party: str | None) -> str:
    """`Boer, T. de (Tom) (Lokaal Bergenrode)`."""
    initials, prefix, last, first = name_parts(name)
    given = f"{initials} {prefix}" if prefix else initials
    return f"{last}, {given} ({first})" + (f" ({party})" if party else "")


def submitters(people: list[tuple[str, str | None]]) -> str:
    """Co-submitters as iBabs joins them: `;` without a space."""
    return ";".join(submitter(name, party) for name, party in people)


def voter(name: str) -> str:
    """`Boer, Tom de`: the form of `UserName` in the votes answer."""
    _, prefix, last, first = name_parts(name)
    return f"{last}, {first}" + (f" {prefix}" if prefix else "")


def display(name: str) -> str:
    """The name a harvester shows for a submitter or voter: `Tom de Boer`."""
    _, prefix, last, first = name_parts(name)
    return " ".join(p for p in (first, prefix, last) if p)


def agenda_point(meeting: str, day: datetime, number: str, title: str, literal: bool) -> str:
    """ "Gemeenteraad 29-1-2026" + a line break (or a literal backslash-n) + "6 <title>"."""
    separator = "\\n" if literal else "\n"
    return f"{meeting} {day.day}-{day.month}-{day.year}{separator}{number} {title}"
