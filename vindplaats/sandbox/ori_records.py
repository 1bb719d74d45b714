"""The ORI sample municipality (`ori_town`) rendered as ORI API 2.0.0-beta.4 records.

Shape from the official document only (`vng-ori-2.0.0-beta.4.openapi.yaml`): no supplier serves
the standard publicly, so there is no real answer to mirror. Every record has `url` (its own
address in the API) and `id` (a UUID, deterministic per publisher and row); references are
`{url, id}` objects (`VerwijzingNaarResource`) or lists of URLs, as the document defines them.

Informatieobjecten also carry mini-ORI 1.0.0's `formaat` (the file's media type),
`wooinformatiecategorie` (the TOOI URI of the Woo category) and `webpaginalink` (extra properties
are allowed): the file is at `link`, or the text is inline in `inhoud`, or there is only the web
page. `build` returns the collections in listing order plus the time each record last changed
(what `gewijzigdSinds` and the event feed go by).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from normalize.woo_categories import CATEGORIES, WooCategory
from vindplaats.sandbox import ori_town as town

Json = dict[str, Any]
ZONE = ZoneInfo("Europe/Amsterdam")
PDF = "application/pdf"
NAMESPACE = uuid.UUID("0b7f6a52-3c1d-5e8f-9a24-6d1e0c4b7a93")
COLLECTIONS = (
    "vergaderingen",
    "agendapunten",
    "informatieobjecten",
    "besluiten",
    "stemmingen",
    "stemmen",
    "stemresultatenperfractie",
    "aanwezigedeelnemers",
    "fracties",
    "fractielidmaatschappen",
    "natuurlijkpersonen",
    "indieners",
    "dagelijksebesturen",
    "dagelijksbestuurlidmaatschappen",
    "mediabronnen",
    "organisatorische_eenheden",
    "spreekfragmenten",
)
WOO_DECENTRAAL = CATEGORIES[WooCategory.VERGADERSTUKKEN_DECENTRAAL].tooi_uri
WOO_INGEKOMEN = CATEGORIES[WooCategory.INGEKOMEN_STUKKEN].tooi_uri


def stamp(moment: datetime) -> str:
    """An RFC 3339 date-time in Dutch local time: `2025-10-06T19:30:00+02:00`."""
    return moment.replace(tzinfo=ZONE).isoformat()


@dataclass
class Records:
    """One publisher's collections: records in listing order and when each last changed."""

    api: str  # the publisher's API base, e.g. "http://127.0.0.1:8000/ori/kreekmond"
    publisher: str
    collections: dict[str, list[Json]] = field(default_factory=dict)
    changed: dict[str, datetime] = field(default_factory=dict)  # record id → last change
    files: dict[str, str] = field(default_factory=dict)  # informatieobject id → Paper key

    def uid(self, collection: str, key: str) -> str:
        return str(uuid.uuid5(NAMESPACE, f"{self.publisher}:{collection}:{key}"))

    def url(self, collection: str, key: str) -> str:
        return f"{self.api}/{collection}/{self.uid(collection, key)}"

    def ref(self, collection: str, key: str) -> Json:
        return {"url": self.url(collection, key), "id": self.uid(collection, key)}

    def add(self, collection: str, key: str, changed: datetime, **fields: Any) -> Json:
        record = {"url": self.url(collection, key), "id": self.uid(collection, key), **fields}
        self.collections[collection].append(record)
        self.changed[record["id"]] = changed
        return record


GEMEENTE = {"gemeentecode": town.GEMEENTECODE, "gemeentenaam": town.GEMEENTENAAM}
SEASON = datetime(2025, 9, 1, 9, 0)  # when the parties, persons and memberships were entered


def build(api: str, publisher: str) -> Records:
    """Every record of the sample municipality, served at `api`."""
    out = Records(api, publisher, {name: [] for name in COLLECTIONS})
    _people(out)
    _meetings(out)
    _papers(out)
    _polls(out)
    return out


def _people(out: Records) -> None:
    for p in town.PARTIES:
        out.add("fracties", p.key, SEASON, fractienaam=p.name, gemeente=GEMEENTE)
    for m in town.MEMBERS:
        name = {"achternaam": m.surname, "voorletters": m.initials}
        if m.infix:
            name["tussenvoegsel"] = m.infix
        full = " ".join(part for part in (m.initials, m.infix, m.surname) if part)
        name["volledigeNaam"] = full
        out.add(
            "natuurlijkpersonen",
            m.key,
            SEASON,
            functie=m.function,
            geslachtsaanduiding=m.gender,
            naamNatuurlijkPersoon=name,
        )
        if m.party:
            out.add(
                "fractielidmaatschappen",
                m.key,
                SEASON,
                fractie=out.ref("fracties", m.party),
                natuurlijkPersoon=out.ref("natuurlijkpersonen", m.key),
                indicatieVoorzitter=m.leader,
                datumBeginFractieLidmaatschap=stamp(datetime(2022, 3, 31, 20, 0)),
            )


def _meetings(out: Records) -> None:
    for s in town.SITTINGS:
        entered = datetime.combine((s.start - timedelta(days=14)).date(), time(9, 0))
        items = [i for i in town.ITEMS if i.sitting == s.key]
        record: Json = {
            "naam": s.name,
            "vergaderingstype": s.kind,
            "status": s.status,
            "gemeente": GEMEENTE,
            "georganiseerdDoorGremium": {
                "gremiumidentificatie": s.body[0],
                "gremiumnaam": s.body[1],
            },
            "geplandeAanvangVergadering": stamp(s.start),
            "geplandeEindeVergadering": stamp(s.start + timedelta(hours=s.hours)),
            "geplandeVergaderdatum": s.start.date().isoformat(),
            "locatie": s.location,
            "agendapunten": [out.url("agendapunten", i.key) for i in items if not i.parent],
            "wijzigingsdatum": entered.date().isoformat(),
        }
        if s.status == "gehouden":
            record["aanvangVergadering"] = stamp(s.start)
            record["eindeVergadering"] = stamp(s.start + timedelta(hours=s.hours))
            record["vergaderdatum"] = s.start.date().isoformat()
        out.add("vergaderingen", s.key, entered, **record)
        for i in items:
            _item(out, i, entered)


def _item(out: Records, i: town.Item, entered: datetime) -> None:
    record: Json = {
        "vergadering": out.ref("vergaderingen", i.sitting),
        "agendapuntTitel": i.title,
        "agendapuntvolgnummer": i.number,
        "geplandAgendapuntvolgnummer": i.number,
        "gemeente": GEMEENTE,
        "indicatieHamerstuk": i.hammer,
        "subagendapunten": [
            out.url("agendapunten", c.key) for c in town.ITEMS if c.parent == i.key
        ],
        "informatieobjecten": [
            out.url("informatieobjecten", p.key) for p in town.PAPERS if p.item == i.key
        ],
        "stemmingen": [out.url("stemmingen", p.key) for p in town.POLLS if p.item == i.key],
    }
    if i.parent:
        record["hoofdagendapunt"] = out.ref("agendapunten", i.parent)
    out.add("agendapunten", i.key, entered, **record)


def _papers(out: Records) -> None:
    for p in town.PAPERS:
        i = town.item(p.item)
        created = datetime.fromisoformat(p.created).replace(hour=9)
        record: Json = {
            "titel": p.title,
            "informatieobjecttype": p.kind,
            "creatiedatum": p.created,
            "gemeente": GEMEENTE,
            "taal": "nld",
            "vergaderingen": [out.ref("vergaderingen", i.sitting)],
            "agendapunten": [out.ref("agendapunten", i.key)],
            "webpaginalink": f"{out.api}/stukken/{p.key}",
            "wooinformatiecategorie": WOO_INGEKOMEN
            if p.kind == "ingekomen_stuk"
            else WOO_DECENTRAAL,
        }
        if p.kind == "motie":
            record["motietype"] = "voorstel"
        if p.carrier == "link":
            record["link"] = f"{out.api}/bestanden/{out.uid('informatieobjecten', p.key)}"
            record["formaat"] = PDF
        elif p.carrier == "inhoud":
            record["inhoud"] = inline_text(p)
            record["formaat"] = "text/plain"
        out.add("informatieobjecten", p.key, created, **record)
        out.files[out.uid("informatieobjecten", p.key)] = p.key
    for poll in town.POLLS:
        for member in poll.submitters:
            out.add(
                "indieners",
                f"{poll.paper}:{member}",
                SEASON,
                informatieobject=out.ref("informatieobjecten", poll.paper),
                natuurlijkPersoon=out.ref("natuurlijkpersonen", member),
                naam=next(m.surname for m in town.MEMBERS if m.key == member),
            )


def inline_text(paper: town.Paper) -> str:
    return (
        f"{paper.title}. Gemeente {town.GEMEENTENAAM}. De raad besprak de programmabegroting "
        "2026 en nam de motie over zwemles aan. Voorbeeldgegevens van de Vindplaats-sandbox, "
        "geen echte raadsinformatie."
    )


def _polls(out: Records) -> None:
    for poll in town.POLLS:
        i = town.item(poll.item)
        s = town.sitting(i.sitting)
        decided = s.start + timedelta(hours=s.hours)
        votes = [
            (m, "tegen" if m.party in poll.against else "voor")
            for m in town.voters()
            if poll.kind == "hoofdelijk"
        ]
        out.add(
            "besluiten",
            poll.key,
            decided,
            besluitresultaat=poll.outcome,
            stemmingen=[out.url("stemmingen", poll.key)],
        )
        out.add(
            "stemmingen",
            poll.key,
            decided,
            agendapunt=out.ref("agendapunten", poll.item),
            stemmingstype=poll.kind,
            besluit=out.ref("besluiten", poll.key),
            informatieobject=out.ref("informatieobjecten", poll.paper),
            stemmen=[out.url("stemmen", f"{poll.key}:{m.key}") for m, _ in votes],
        )
        for p in town.PARTIES:
            result = "verworpen" if p.key in poll.against else "aangenomen"
            out.add(
                "stemresultatenperfractie",
                f"{poll.key}:{p.key}",
                decided,
                fractie=out.ref("fracties", p.key),
                stemming=out.ref("stemmingen", poll.key),
                fractiestemresultaat=result,
            )
        for m, choice in votes:
            _vote(out, poll, s, m, choice, decided)


def _vote(
    out: Records, poll: town.Poll, s: town.Sitting, m: town.Member, choice: str, at: datetime
) -> None:
    present = f"{s.key}:{m.key}"
    if out.uid("aanwezigedeelnemers", present) not in out.changed:
        out.add(
            "aanwezigedeelnemers",
            present,
            at,
            natuurlijkPersoon=out.ref("natuurlijkpersonen", m.key),
            vergadering=out.ref("vergaderingen", s.key),
            rolnaam="raadslid",
            organisatie=town.party(m.party).name,
        )
    out.add(
        "stemmen",
        f"{poll.key}:{m.key}",
        at,
        aanwezigeDeelnemer=out.ref("aanwezigedeelnemers", present),
        stemming=out.ref("stemmingen", poll.key),
        keuzeStemming=choice,
    )
