"""Builds the registers of the iBabs sample world: moties (with results; per-member votes for
the first three), amendementen, ingekomen stukken (45 in Bergenrode: more than the 20 the old
paging returned) and toezeggingen. Agenda items list the entries they handle (`ListEntries`).

Values are written the way the recorded iBabs answers write them (`ibabs_names`): "Onderwerp"
for the title, "Datum" as `Jan 29 2026 12:00AM`, one "Indiener(s)" as
`Lastname, Initials (Firstname) (Party)`, "Mede-indieners" joined by `;`, "Agendapunt" naming
the meeting and item (Polderveen writes its line break as a literal backslash-n), no
"Fractie(s)" value on motions (the parties are in the submitter strings).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from vindplaats.sandbox.concepts import AgendaItem, Meeting, Person, Register, RegisterEntry, Vote
from vindplaats.sandbox.dates import dutch_date
from vindplaats.sandbox.ibabs_model import IbSite, Town, guid
from vindplaats.sandbox.ibabs_names import agenda_point, sql_server_date, submitter, submitters
from vindplaats.sandbox.ibabs_texts import (
    AMENDMENT_SUBJECTS,
    LETTER_TOPICS,
    MOTION_SUBJECTS,
    SENDERS,
)

MOTION_RESULTS = (
    "Aangenomen",
    "Verworpen",
    "Aangenomen met algemene stemmen",
    "Ingetrokken",
    "Aangehouden",
    "Unaniem aangenomen",
    None,
)
AMENDMENT_RESULTS = ("Aangenomen", "Verworpen", "Ingetrokken")
LETTERS = {"bergenrode": 45, "duinwijk": 8, "polderveen": 8}
VOTED = 3  # the first three motions have per-member votes


def add_list(site: IbSite, name: str, can_vote: bool, municipality: str | None) -> Register[str]:
    register = Register(
        guid(site.name, "list", name), name, can_vote=can_vote, source_key=municipality
    )
    site.lists.append(register)
    return register


def add_entry(
    site: IbSite,
    register: Register[str],
    index: int,
    title: str,
    values: dict[str, str],
    mutation: datetime,
    docs: list[str],
) -> RegisterEntry[str]:
    entry = RegisterEntry(
        guid(site.name, "entry", register.name, index),
        register.id,
        title,
        {"ID": str(1000 + index), "Onderwerp": title, **values},
        docs,
        mutation.replace(microsecond=(137 * index + 73) % 1000 * 1000),  # WCF keeps milliseconds
    )
    site.entries[entry.id] = entry
    return entry


def _agenda_point(town: Town, meeting: Meeting[str], item: AgendaItem[str]) -> str:
    kind = next(t for t in town.site.types if t.id == meeting.committee_id)
    literal = town.key == "polderveen"
    return agenda_point(kind.name, meeting.start, item.number, item.title, literal)


def _day(moment: datetime) -> str:
    return sql_server_date(moment.replace(hour=0, minute=0))


def motions(town: Town, council: list[Meeting[str]], users: list[Person[str]]) -> None:
    register = add_list(town.site, f"Moties{town.suffix}", True, town.key)
    members = [u for u in users if u.function == "Raadslid"]
    parties = town.flavour.parties
    for index, (raw, result) in enumerate(zip(MOTION_SUBJECTS, MOTION_RESULTS, strict=True)):
        meeting = council[-1] if result is None else council[index % (len(council) - 1)]
        subject = raw.format(wijk=town.flavour.wijk, project=town.flavour.project)
        pair = members[index % len(members)], members[(index + 4) % len(members)]
        names, fracties = "; ".join(u.name for u in pair), "; ".join(str(u.party) for u in pair)
        fill = {
            "onderwerp": subject,
            "datum": dutch_date(meeting.start),
            "indieners": names,
            "fracties": fracties,
        }
        doc = town.doc("motie", f"Motie {subject}", fill)
        values = {
            "Kenmerk": "",
            "Agendapunt": _agenda_point(town, meeting, meeting.items[5]),
            "Datum": _day(meeting.start),
            "Omschrijving": f"Motie over {subject.lower()}.",
            "Indiener(s)": submitter(pair[0].name, pair[0].party),
            "Mede-indieners": submitters([(pair[1].name, pair[1].party)]),
            "Portefeuillehouder": "Wethouder " + town.flavour.wethouders[0][0].split()[-1],
        }
        if result is not None:
            values["Status"] = result
        mutation = meeting.start + timedelta(days=1, hours=-8, minutes=index)
        if result is None:  # submitted for a meeting still to come
            mutation = datetime(2026, 11, 20, 11, index)
        entry = add_entry(town.site, register, index, f"Motie {subject}", values, mutation, [doc])
        if index < VOTED:
            entry.votes = _votes(members, parties, index)
        meeting.items[5].entries.append(entry.id)


def _votes(members: list[Person[str]], parties: tuple[str, ...], index: int) -> list[Vote[str]]:
    """Motion 0: the two largest parties for (adopted); 1: only the others (rejected);
    2: everyone for, the last member absent."""
    votes = []
    for position, member in enumerate(members):
        if index == 2:
            vote: bool | None = None if position == len(members) - 1 else True
        else:
            vote = (member.party in parties[:2]) == (index == 0)
        votes.append(Vote(member.id, vote))
    return votes


def amendments(town: Town, council: list[Meeting[str]]) -> None:
    register = add_list(town.site, f"Amendementen{town.suffix}", False, town.key)
    members = town.flavour.members
    for index, (raw, result) in enumerate(zip(AMENDMENT_SUBJECTS, AMENDMENT_RESULTS, strict=True)):
        meeting = council[index]
        name, party = members[(index * 3) % len(members)]
        fill = {
            "onderwerp": raw,
            "datum": dutch_date(meeting.start),
            "indieners": name,
            "fracties": party,
        }
        doc = town.doc("amendement", f"Amendement {raw}", fill)
        values = {
            "Agendapunt": _agenda_point(town, meeting, meeting.items[4]),
            "Datum": _day(meeting.start),
            "Indiener(s)": submitter(name, party),
            "Mede-indieners": "",
            "Besluit": result,
        }
        mutation = meeting.start + timedelta(days=1, hours=-7, minutes=index)
        entry = add_entry(town.site, register, index, f"Amendement {raw}", values, mutation, [doc])
        meeting.items[4].entries.append(entry.id)


def letters(town: Town, council: list[Meeting[str]]) -> None:
    register = add_list(town.site, f"Ingekomen stukken{town.suffix}", False, town.key)
    values_of = {"gemeente": town.flavour.gemeente, "wijk": town.flavour.wijk}
    for index in range(LETTERS[town.key]):
        sender = SENDERS[index % len(SENDERS)].format(**values_of)
        topic = LETTER_TOPICS[index % len(LETTER_TOPICS)]
        received = datetime(2025, 9, 3, 10, 0) + timedelta(days=7 * index, hours=index % 5)
        title = f"Brief van {sender} over {topic} ({index + 1})"
        fill = {"onderwerp": topic, "afzender": sender}
        locked = town.key == "bergenrode" and index == 6
        doc = town.doc("brief", title, fill, locked=locked)
        values = {
            "Afzender": sender,
            "Datum ontvangst": _day(received),
            "Voorstel afhandeling": "Ter kennisname"
            if index % 3
            else "In handen van het college stellen",
        }
        entry = add_entry(
            town.site, register, index, title, values, received + timedelta(hours=2), [doc]
        )
        meeting = next((m for m in council if m.start > received), None)
        if meeting is not None:
            meeting.items[3].entries.append(entry.id)


def commitments(site: IbSite, municipality: str | None) -> None:
    register = add_list(site, "Toezeggingen", False, municipality)
    for index in range(4):
        title = f"Toezegging {index + 1}: raad informeren over de voortgang"
        values = {
            "Portefeuillehouder": "Wethouder",
            "Datum": _day(datetime(2026, 2, 3 + index)),
            "Status": "Afgedaan" if index % 2 else "Openstaand",
        }
        add_entry(site, register, index, title, values, datetime(2026, 2, 10 + index, 15, 0), [])
