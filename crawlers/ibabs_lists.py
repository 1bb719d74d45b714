"""Reading iBabs registers ("lists"): pure functions for lists, entries, motions and votes.

`GetLists` answers key/value pairs (list id → list name). `GetListsEntriesByFilterRequest` is a
modified-since feed of `iBabsListEntryBase`; `GetListEntry` gives an entry's `Values` (a
key/value dictionary: Titel, Omschrijving, Fractie(s), Status, ...) and its `Documents`.
Entries of motion-like lists (a name with "motie"/"amendement", or `ListCanVote`) are motions too;
`GetListEntryVotesByListEntryId` gives their per-member votes (`Vote` true → voor, false → tegen;
no vote → afwezig: Dutch council members cannot abstain, a member without a vote was absent).

Values as iBabs writes them (recorded answers, see `docs/sandbox.md`): dates in SQL Server's text
form (`Jan 29 2026 12:00AM`), read by the shared `normalize.cleaners.clean_datetime`; submitters
as `Lastname, Initials (Firstname) (Party)`, one person per value of "Indiener(s)" and
`;`-separated co-submitters in "Mede-indieners", read by `normalize.cleaners.parse_people`;
voters as `Lastname, Firstname tussenvoegsel`. "Agendapunt" names the meeting and its date
(`Gemeenteraad 29-1-2026`, a line break or a literal `\n`, then the item). An entry's date is
its own (a date value, else the date its "Agendapunt" names), never the feed's `MutationDate`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from crawlers.soap import Element, child, elements, flag, items, key_values, text
from normalize.cleaners import (
    PersonName,
    clean_datetime,
    clean_text,
    date_in_text,
    parse_people,
    parse_person,
)
from normalize.motions import normalize_motion_result, normalize_vote_choice
from normalize.records import MotionResult, VoteChoice

TITLE_KEYS = ("Titel", "Onderwerp", "Naam", "Title")
DESCRIPTION_KEYS = ("Omschrijving", "Toelichting", "Samenvatting", "Beschrijving")
DATE_KEYS = (
    "Datum", "Datum raadsvergadering", "Datum vergadering", "Datum indiening",
    "Datum ontvangst", "Datum document", "Datum brief",
)  # fmt: skip
RESULT_KEYS = ("Uitslag", "Besluit", "Resultaat", "Stemming", "Status", "Afdoening")
SUBMITTER_KEYS = ("Indiener(s)", "Indieners", "Indiener", "Eerste indiener", "Ondertekenaars")
CO_SUBMITTER_KEYS = ("Mede-indieners", "Mede-indiener(s)", "Medeindieners", "Medeondertekenaars")
AGENDA_KEYS = ("Agendapunt", "Agenda punt")
PARTY_KEYS = ("Fractie(s)", "Fracties", "Fractie", "Partij(en)", "Partijen", "Partij")
TYPE_KEYS = ("Soort", "Type", "Soort motie")
_SPLIT = re.compile(r"\s*(?:[;,\n]|\\n)\s*")


@dataclass(frozen=True)
class EntryBase:
    """One `iBabsListEntryBase` of the modified-since feed."""

    entry_id: str
    list_id: str | None
    list_name: str | None
    title: str | None
    can_vote: bool
    mutation: datetime | None


@dataclass(frozen=True)
class VoteRow:
    user_id: str | None
    user_name: str | None
    party: str | None
    choice: VoteChoice


def lists(result: Element) -> list[tuple[str, str]]:
    """(list id, list name) pairs: `iBabsKeyValue`s directly in the result (as iBabs answers)
    or inside a `Lists` container."""
    found: dict[str, str] = {}
    holders = [result, child(result, "Lists")]
    for holder in holders:
        for pair in [*_named(holder, "iBabsKeyValue"), *_named(holder, "KeyValueOfstringstring")]:
            key, value = text(pair, "Key"), text(pair, "Value")
            if key and value and key not in found:
                found[key] = value
    return list(found.items())


def _named(holder: Element | None, name: str) -> list[Element]:
    return [e for e in elements(holder) if e.tag.rpartition("}")[2] == name]


def entries(result: Element) -> list[EntryBase]:
    found: dict[str, EntryBase] = {}
    for node in items(result, "Entries", "iBabsListEntryBase"):
        ident = text(node, "EntryId")
        if not ident or ident in found:
            continue
        found[ident] = EntryBase(
            entry_id=ident,
            list_id=text(node, "ListId"),
            list_name=text(node, "ListName"),
            title=text(node, "EntryTitle"),
            can_vote=flag(node, "ListCanVote") is True,
            mutation=clean_datetime(text(node, "MutationDate")),
        )
    return list(found.values())


def linked_entries(item: Element) -> list[EntryBase]:
    """The register entries an agenda item lists (`ListEntries` of `iBabsListEntryBasic`)."""
    found: dict[str, EntryBase] = {}
    for node in items(item, "ListEntries", "iBabsListEntryBasic"):
        ident = text(node, "EntryId")
        if ident and ident.lower() not in found:
            found[ident.lower()] = EntryBase(
                entry_id=ident,
                list_id=text(node, "ListId"),
                list_name=text(node, "ListName"),
                title=text(node, "EntryTitle"),
                can_vote=flag(node, "ListCanVote") is True,
                mutation=None,
            )
    return list(found.values())


def is_motion_list(name: str | None, can_vote: bool) -> bool:
    lowered = (name or "").lower()
    return can_vote or "motie" in lowered or "amendement" in lowered


def first_value(values: dict[str, str], keys: tuple[str, ...]) -> str | None:
    """The value of the first key present (keys compared case-insensitively)."""
    lowered = {k.lower(): v for k, v in values.items()}
    for key in keys:
        if lowered.get(key.lower()):
            return lowered[key.lower()]
    return None


def entry_values(holder: Element | None) -> dict[str, str]:
    """An entry's `Values` (Serialization/Arrays `KeyValueOfstringstring`s) as {key: text};
    a literal backslash-n (some sites write one instead of a line break) is a break too."""
    return {k: clean_text(v.replace("\\n", "\n")) or v for k, v in key_values(holder).items()}


def agenda_reference(values: dict[str, str]) -> tuple[str | None, datetime | None]:
    """(the text of the "Agendapunt" value, the meeting date it names)."""
    raw = first_value(values, AGENDA_KEYS)
    return raw, date_in_text(raw)


def entry_date(values: dict[str, str], base: EntryBase) -> datetime | None:
    """The entry's own date: the first date value that reads as one, else the date of the
    meeting its "Agendapunt" names. Not `MutationDate` (when the entry last changed)."""
    lowered = {k.lower(): v for k, v in values.items()}
    for key in DATE_KEYS:
        parsed = clean_datetime(lowered.get(key.lower()))
        if parsed is not None:
            return parsed
    return agenda_reference(values)[1]


def entry_fields(values: dict[str, str], base: EntryBase, list_name: str | None) -> dict[str, Any]:
    """RegisterEntry fields except ids and references."""
    return {
        "register_name": list_name or base.list_name,
        "title": first_value(values, TITLE_KEYS) or base.title,
        "attributes": dict(values),
        "date": entry_date(values, base),
    }


def split_names(value: str | None) -> list[str]:
    """Names separated by `;`, `,` or line breaks (party lists: a party name has no comma)."""
    names = []
    for part in _SPLIT.split(value or ""):
        name = clean_text(part)
        if name and name not in names:
            names.append(name)
    return names


def submitting_people(values: dict[str, str]) -> list[PersonName]:
    """The submitter ("Indiener(s)") first, then the co-submitters ("Mede-indieners")."""
    people: list[PersonName] = []
    for keys in (SUBMITTER_KEYS, CO_SUBMITTER_KEYS):
        for person in parse_people(first_value(values, keys)):
            if all(p.name != person.name for p in people):
                people.append(person)
    return people


def submitting_parties(values: dict[str, str], people: list[PersonName]) -> list[str]:
    """The parties a "Fractie(s)" value names, else those in the submitters' names."""
    declared = split_names(first_value(values, PARTY_KEYS))
    if declared:
        return declared
    return list(dict.fromkeys(p.party for p in people if p.party))


def motion_result(values: dict[str, str]) -> tuple[MotionResult | None, str | None]:
    """(result, raw text): the first result-like value that names an outcome; `overig` with
    the first raw text when none does; (None, None) when no result is published."""
    lowered = {k.lower(): v for k, v in values.items()}
    raws = [lowered[k.lower()] for k in RESULT_KEYS if lowered.get(k.lower())]
    for raw in raws:
        result = normalize_motion_result(raw)
        if result is not MotionResult.OVERIG:
            return result, raw
    return (MotionResult.OVERIG, raws[0]) if raws else (None, None)


def motion_type(values: dict[str, str], list_name: str | None, title: str | None) -> str | None:
    declared = first_value(values, TYPE_KEYS)
    if declared:
        return declared.lower()
    for label in (title, list_name):  # the title is the more specific
        lowered = (label or "").lower()
        if "amendement" in lowered:
            return "amendement"
        if "motie vreemd" in lowered:
            return "motie vreemd aan de orde"
        if "motie" in lowered:
            return "motie"
    return None


def motion_fields(values: dict[str, str], base: EntryBase, list_name: str | None) -> dict[str, Any]:
    """Motion fields except ids and references."""
    title = first_value(values, TITLE_KEYS) or base.title or f"Motie {base.entry_id}"
    result, raw = motion_result(values)
    people = submitting_people(values)
    return {
        "title": title,
        "description": first_value(values, DESCRIPTION_KEYS),
        "motion_type": motion_type(values, list_name or base.list_name, title),
        "submitters": [p.name for p in people],
        "parties": submitting_parties(values, people),
        "result": result,
        "result_raw": raw,
        "date": entry_date(values, base),
    }


def votes(result: Element) -> list[VoteRow]:
    rows = []
    for node in items(result, "ListEntryVotes", "iBabsListEntryVote"):
        vote = flag(node, "Vote")
        choice = normalize_vote_choice(vote) if vote is not None else VoteChoice.AFWEZIG
        voter = parse_person(text(node, "UserName"))  # "Heuven, Maarten van"
        rows.append(
            VoteRow(
                user_id=text(node, "UserId"),
                user_name=voter.name if voter is not None else None,
                party=text(node, "GroupName"),
                choice=choice or VoteChoice.AFWEZIG,
            )
        )
    return rows
