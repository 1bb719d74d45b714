"""Builds the iBabs sample world: site `bergenrode` (one municipality) and site `duinpolder`
(Duinwijk and Polderveen, told apart by meeting type Description and list names), plus site
`geheimdorp` that has not whitelisted the harvester.

Per municipality: three meeting types, nine meetings (one in the future) with agendas and
documents, thirteen people, and registers: moties (with results, per-member votes for three),
amendementen, ingekomen stukken and toezeggingen (`ibabs_build_registers`; on `duinpolder` one
list of toezeggingen serves both municipalities). Bergenrode also has a
confidential agenda item, a confidential document and a file the municipality locked (403).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from vindplaats.sandbox.concepts import AgendaItem, Committee, Meeting, Person
from vindplaats.sandbox.dates import dutch_date
from vindplaats.sandbox.ibabs_build_registers import amendments, commitments, letters, motions
from vindplaats.sandbox.ibabs_model import IbSite, IbSource, Town, guid
from vindplaats.sandbox.ibabs_texts import PROPOSALS
from vindplaats.sandbox.places import IBABS_FLAVOURS

Day = tuple[int, int, int]  # (year, month, day) of a meeting
Users = list[Person[str]]
SOURCES = (
    IbSource("bergenrode", "Bergenrode", "bergenrode"),
    IbSource("duinwijk", "Duinwijk", "duinpolder", r".*[Dd]uinwijk$", r".*[Pp]olderveen$"),
    IbSource("polderveen", "Polderveen", "duinpolder", r".*[Pp]olderveen$", r".*[Dd]uinwijk$"),
)
UNLISTED_SITE = "geheimdorp"
COUNCIL_DAYS = ((2025, 10, 9), (2025, 12, 11), (2026, 3, 12), (2026, 7, 2), (2026, 12, 17))
RUIMTE_DAYS = ((2025, 9, 25), (2026, 2, 19))
SAMENLEVING_DAYS = ((2025, 11, 20), (2026, 5, 21))


def build_sites() -> dict[str, IbSite]:
    sites = {
        "bergenrode": IbSite("bergenrode", municipalities=["bergenrode"]),
        "duinpolder": IbSite("duinpolder", municipalities=["duinwijk", "polderveen"]),
        UNLISTED_SITE: IbSite(UNLISTED_SITE, whitelisted=False),
    }
    for offset, source in enumerate(SOURCES):
        site = sites[source.site]
        suffix = f" {source.name}" if len(site.municipalities) > 1 else ""
        _town(Town(site, source.key, IBABS_FLAVOURS[source.key], suffix, offset))
    commitments(sites["duinpolder"], None)
    return sites


def _town(town: Town) -> None:
    users = _users(town)
    types = _types(town)
    council = [_council(town, types[0], users, i, d) for i, d in enumerate(COUNCIL_DAYS)]
    for i, day in enumerate(RUIMTE_DAYS):
        _committee(town, types[1], users, 2 * i, day)
    for i, day in enumerate(SAMENLEVING_DAYS):
        _committee(town, types[2], users, 2 * i + 1, day)
    motions(town, council, users)
    amendments(town, council)
    letters(town, council)
    if not town.suffix:
        commitments(town.site, town.key)


def _users(town: Town) -> list[Person[str]]:
    f = town.flavour
    people: list[tuple[str, str, str | None]] = [
        (f.burgemeester, "Burgemeester", None),
        (f.griffier, "Griffier", None),
    ]
    people += [(name, "Wethouder", party) for name, party in f.wethouders]
    people += [(name, "Raadslid", party) for name, party in f.members]
    users = []
    for name, function, party in people:
        slug = "".join(c for c in name.lower() if c.isalpha())
        user = Person(
            guid(town.site.name, "user", name),
            name,
            function,
            party,
            email=f"{slug}@{town.key}.example",
            source_key=town.key,
        )
        users.append(user)
    town.site.users.extend(users)
    return users


def _types(town: Town) -> list[Committee[str]]:
    spec = (
        ("Gemeenteraad", "Gemeenteraad", "GR"),
        ("Raadscommissie", "Commissie Ruimte", "CR"),
        ("Raadscommissie", "Commissie Samenleving", "CS"),
    )
    types = [
        Committee(
            guid(town.site.name, "type", town.key, label),
            label + town.suffix,
            abbreviation,
            kind=kind,
            source_key=town.key,
        )
        for kind, label, abbreviation in spec
    ]
    town.site.types.extend(types)
    return types


def _meeting(
    town: Town, kind: Committee[str], users: Users, day: Day, council: bool
) -> Meeting[str]:
    hour, minute = (20, 0) if council else (19, 30)
    start = datetime(*day, hour, minute) + timedelta(days=town.offset)
    invited = [u.id for u in users] if council else [u.id for u in users if u.party]
    meeting = Meeting(
        id=guid(town.site.name, "meeting", kind.id, start.isoformat()),
        committee_id=kind.id,
        start=start,
        end=start + timedelta(hours=3 if council else 2, minutes=0 if council else 30),
        location=town.flavour.locatie,
        chair=town.flavour.burgemeester if council else town.flavour.members[0][0],
        description=f"<p>Openbare vergadering van de {kind.name.lower()}.</p>"
        "<p>Voorbeeldgegevens van de Vindplaats-sandbox.</p>",
        published=(start - timedelta(days=10)).replace(hour=9, minute=0),
        invitees=invited,
        attendees=invited[:-1] if start < datetime(2026, 11, 28) else [],
        source_key=town.key,
    )
    fill = {
        "orgaan": kind.name.lower(),
        "datum": dutch_date(start),
        "locatie": meeting.location,
    }
    meeting.documents.append(town.doc("agenda", f"Agenda {kind.name} {dutch_date(start)}", fill))
    town.site.meetings.append(meeting)
    return meeting


def _item(
    town: Town,
    meeting: Meeting[str],
    features: str,
    title: str,
    *,
    documents: list[str] | None = None,
    confidential: bool = False,
) -> AgendaItem[str]:
    item = AgendaItem(
        guid(town.site.name, "item", meeting.id, features),
        features,
        title,
        description=f"<p>{title}.</p>",
        confidential=confidential,
        documents=documents or [],
    )
    meeting.items.append(item)
    return item


def _proposal(town: Town, index: int, when: datetime, *names: str) -> tuple[str, list[str]]:
    subject, explanation = PROPOSALS[index % len(PROPOSALS)]
    values = {
        "gemeente": town.flavour.gemeente,
        "wijk": town.flavour.wijk,
        "project": town.flavour.project,
    }
    subject = subject.format(**values)
    fill = {
        "onderwerp": subject,
        "toelichting": explanation.format(**values),
        "datum": dutch_date(when),
    }
    return subject, [
        town.doc(kind, f"{label} {subject}", fill)
        for kind, label in (("raadsvoorstel", "Raadsvoorstel"), ("raadsbesluit", "Raadsbesluit"))
        if kind in names
    ]


def _council(town: Town, kind: Committee[str], users: Users, index: int, day: Day) -> Meeting[str]:
    meeting = _meeting(town, kind, users, day, council=True)
    subject, docs = _proposal(town, index, meeting.start, "raadsvoorstel", "raadsbesluit")
    for features, title in (
        ("1", "Opening en mededelingen"),
        ("2", "Vaststelling van de agenda"),
        ("3", "Vaststelling besluitenlijst vorige vergadering"),
        ("4", "Lijst van ingekomen stukken"),
    ):
        _item(town, meeting, features, title)
    _item(town, meeting, "5A", f"Raadsvoorstel {subject}", documents=docs)
    _item(town, meeting, "6", "Moties vreemd aan de orde van de dag")
    _item(town, meeting, "7", "Sluiting")
    if meeting.start < datetime(2026, 11, 28):
        fill = {
            "orgaan": kind.name.lower(),
            "datum": dutch_date(meeting.start),
            "onderwerp": subject,
        }
        title = f"Besluitenlijst {kind.name} {dutch_date(meeting.start)}"
        meeting.documents.append(town.doc("besluitenlijst", title, fill))
    return meeting


def _committee(town: Town, kind: Committee[str], users: Users, index: int, day: Day) -> None:
    meeting = _meeting(town, kind, users, day, council=False)
    subject, docs = _proposal(town, index + 1, meeting.start, "raadsvoorstel")
    _item(town, meeting, "1", "Opening")
    item = _item(town, meeting, "2", f"Raadsvoorstel {subject}", documents=docs)
    if town.key == "bergenrode" and index == 1:
        secret = town.doc(
            "raadsvoorstel",
            f"Vertrouwelijke bijlage grondprijzen {subject}",
            {"onderwerp": subject, "toelichting": "", "datum": ""},
            confidential=True,
        )
        item.documents.append(secret)
        hidden = town.doc(
            "raadsvoorstel",
            "Besloten stuk personele aangelegenheid",
            {"onderwerp": "personele aangelegenheid", "toelichting": "", "datum": ""},
        )
        _item(
            town,
            meeting,
            "3",
            "Besloten: personele aangelegenheid",
            confidential=True,
            documents=[hidden],
        )
    _item(town, meeting, "4", "Rondvraag")
    _item(town, meeting, "5", "Sluiting")
