"""Meetings in ORI 2.0's shape: `vergaderingen` (Meeting), `agendapunten` (AgendaItem) and
`organisatorische_eenheden` (Committee; a meeting's `georganiseerdDoorGremium` names it too).

A meeting is a `raadsvergadering` (a `statenvergadering` of a province, an
`algemene_bestuursvergadering` of a water board) when its committee is the council (by flag or
by name), a `presidium` by name, else a `commissievergadering`. Its status is `geannuleerd`
when cancelled, else `gehouden` once it began and `gepland` before. An agenda item is served
only when its meeting is; its `agendapuntvolgnummer` (at most three characters) is the
supplier's number when that fits.
"""

from __future__ import annotations

import re

from normalize.dates import dutch_day
from normalize.record_enums import MeetingStatus, OrganizationType
from normalize.records import AgendaItem, Meeting
from vindplaats.ori.ori2_corpus import Corpus, Entry, Links, compact, stamp, uuid_of
from vindplaats.ori.ori2_people import place_of

_COUNCIL = re.compile(
    r"\b(gemeente)?raad\b|raadsvergadering|provinciale staten|statenvergadering|algemeen bestuur",
    re.IGNORECASE,
)


def vergaderingstype(corpus: Corpus, meeting: Meeting) -> str:
    committee = corpus.committees.get(meeting.committee_id or "")
    name = committee.name if committee is not None else meeting.name
    if "presidium" in name.lower():
        return "presidium"
    council = (committee is not None and committee.is_council) or bool(_COUNCIL.search(name))
    if not council:
        return "commissievergadering"
    source = corpus.sources.get(meeting.source_key)
    kind = source.organisation_type if source is not None else OrganizationType.MUNICIPALITY
    if kind == OrganizationType.PROVINCE:
        return "statenvergadering"
    if kind == OrganizationType.WATER_BOARD:
        return "algemene_bestuursvergadering"
    return "raadsvergadering"


def status(corpus: Corpus, meeting: Meeting) -> str:
    if meeting.status == MeetingStatus.CANCELLED:
        return "geannuleerd"
    return "gehouden" if meeting.start is not None and meeting.start <= corpus.now else "gepland"


def gremium(corpus: Corpus, committee_id: str | None) -> dict[str, str] | None:
    committee = corpus.committees.get(committee_id or "")
    if committee is None:
        return None  # identified by the first ten hex digits of its UUID
    return {
        "gremiumidentificatie": uuid_of(committee.id).replace("-", "")[:10],
        "gremiumnaam": committee.name[:100],
    }


def vergadering(corpus: Corpus, links: Links, meeting: Meeting) -> Entry:
    items = corpus.items_of_meeting(meeting.id)
    day = dutch_day(meeting.start).isoformat() if meeting.start else None
    changed = corpus.changed_at(meeting.id, *items)
    body = {
        "url": links.href("vergaderingen", meeting.id),
        "id": uuid_of(meeting.id),
        "naam": meeting.name[:100],
        "vergaderingstype": vergaderingstype(corpus, meeting),
        "status": status(corpus, meeting),
        "aanvangVergadering": stamp(meeting.start),
        "eindeVergadering": stamp(meeting.end),
        "vergaderdatum": day,
        "locatie": (meeting.location or "")[:100],
        "vergadertoelichting": meeting.description,
        "georganiseerdDoorGremium": gremium(corpus, meeting.committee_id),
        **place_of(corpus, meeting.source_key),
        "agendapunten": [links.href("agendapunten", i) for i in items],
        "bijlagen": [
            links.href("informatieobjecten", d) for d in corpus.documents_of_meeting(meeting.id)
        ],
        "wijzigingsdatum": dutch_day(changed).isoformat(),
    }
    return Entry(meeting.id, compact(body), changed)


def volgnummer(item: AgendaItem) -> str | None:
    for candidate in (item.raw_position, None if item.position is None else str(item.position)):
        text = (candidate or "").strip().rstrip(".")
        if text and len(text) <= 3:
            return text
    return None


def agendapunt(corpus: Corpus, links: Links, item: AgendaItem, stemmingen: list[str]) -> Entry:
    """The agenda item; `stemmingen`: the keys of the votes held on it (`ori2_votes`)."""
    parent = item.parent_id if corpus.served_item(item.parent_id) else None
    body = {
        "url": links.href("agendapunten", item.id),
        "id": uuid_of(item.id),
        "vergadering": links.ref("vergaderingen", item.meeting_id),
        "hoofdagendapunt": links.ref("agendapunten", parent) if parent else None,
        "agendapuntTitel": item.name[:100],
        "agendapuntOmschrijving": item.description,
        "agendapuntvolgnummer": volgnummer(item),
        "geplandAgendapuntvolgnummer": (item.raw_position or "").strip()[:10],
        "subagendapunten": [
            links.href("agendapunten", c) for c in corpus.children(item.id) if c != item.id
        ],
        "informatieobjecten": [
            links.href("informatieobjecten", d) for d in corpus.documents_of_item(item.id)
        ],
        "stemmingen": [links.href("stemmingen", s) for s in stemmingen],
        **place_of(corpus, item.source_key),
    }
    return Entry(item.id, compact(body), corpus.changed_at(item.id))


def organisatorische_eenheid(corpus: Corpus, links: Links, committee_id: str) -> Entry:
    committee = corpus.committees[committee_id]
    organization = corpus.organizations.get(committee.organization_id)
    body = {
        "url": links.href("organisatorische_eenheden", committee.id),
        "id": uuid_of(committee.id),
        "naam": committee.name[:50],
        "toelichting": f"{committee.name} ({organization.name})" if organization else None,
    }
    return Entry(committee.id, compact(body), corpus.changed_at(committee.id))
