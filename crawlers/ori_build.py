"""`OriRecords`: the records an ORI crawl builds from what it read, once everything is in.

Part of `crawlers.ori.OriSpider`. The crawl keeps every record it read per collection
(`collected[collection][id]`); `assemble()` then yields, in a fixed order whatever order the
answers came in: the organisation, the committees (`georganiseerdDoorGremium`), persons (with
their party from `fractielidmaatschappen`), meetings, agenda items (order among siblings: the
place in the parent's list, `subagendapunten` or the vergadering's `agendapunten`; else the
listing order), documents (their context: the agenda item naming them or named by them, else
the meeting; the file from `link`, else the record itself when the text is inline in `inhoud`,
else the web page), motions (one per `stemming`: its `besluit`'s result, the informatieobject
voted on, its `indieners` and their parties) and votes (one per `stem`, the voter through the
`aanwezigeDeelnemer`). Results per party (`stemresultatenperfractie`) have no place in the
model and are not kept.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from crawlers import ori_parse as parse
from crawlers.spider_records import SpiderRecords
from normalize.cleaners import clean_text
from normalize.motions import normalize_motion_result
from normalize.records import AgendaItem, Committee, Document, Meeting, Motion, Person, Vote

Json = dict[str, Any]
Output = Iterator[Any]


class OriRecords(SpiderRecords):
    collected: dict[str, dict[str, Json]]
    base_url: str

    def got(self, collection: str) -> dict[str, Json]:
        return self.collected.setdefault(collection, {})

    def assemble(self) -> Output:
        yield from self.organization_record(self.base_url)
        committees: dict[str, str] = {}
        for v in self.got("vergaderingen").values():
            body = parse.gremium(v)
            if body is not None and body[0] not in committees:
                committees[body[0]] = body[1]
                yield from self._committee(v, body)
        yield from self._persons()
        for native, v in self.got("vergaderingen").items():
            yield from self._meeting(native, v)
        orders = self._orders()
        for native, a in self.got("agendapunten").items():
            yield from self._item(native, a, orders.get(native, 0))
        for native, io in self.got("informatieobjecten").items():
            yield from self._document(native, io)
        yield from self._motions()

    def _committee(self, v: Json, body: tuple[str, str]) -> Output:
        record = self.build(
            Committee,
            body[0],
            name=body[1],
            is_council=parse.is_council(v, body[1]),
            organization_id=self.organization_id,
            source_url=v.get("url"),
        )
        if record is not None:
            yield record

    def _parties(self) -> dict[str, str]:
        """Person id → the name of their fractie."""
        names = {i: parse.first(f, "fractienaam", "naam") for i, f in self.got("fracties").items()}
        out = {}
        for m in self.got("fractielidmaatschappen").values():
            person, party = parse.ident(m.get("natuurlijkPersoon")), parse.ident(m.get("fractie"))
            if person and party and isinstance(names.get(party), str):
                out[person] = str(names[party])
        return out

    def _persons(self) -> Output:
        parties = self._parties()
        for native, p in self.got("natuurlijkpersonen").items():
            name = parse.person_name(p)
            if name is None:
                self.record_error(f"natuurlijkpersoon {native} has no name: {p.get('url')}")
                continue
            record = self.build(
                Person,
                native,
                name=name,
                party=parties.get(native),
                function=clean_text(p.get("functie")),
                organization_id=self.organization_id,
                source_url=p.get("url"),
            )
            if record is not None:
                yield record

    def _meeting(self, native: str, v: Json) -> Output:
        body = parse.gremium(v)
        record = self.build(
            Meeting,
            native,
            **parse.meeting_fields(v),
            organization_id=self.organization_id,
            committee_id=self.record_id("committee", body[0]) if body else None,
            document_ids=self.record_ids("document", parse.ref_ids(v.get("bijlagen"))),
            source_url=v.get("url"),
        )
        if record is not None:
            yield record

    def _orders(self) -> dict[str, int]:
        """Each agenda item's place among its siblings."""
        orders: dict[str, int] = {}
        for v in self.got("vergaderingen").values():
            for index, child in enumerate(parse.ref_ids(v.get("agendapunten"))):
                orders.setdefault(child, index)
        for a in self.got("agendapunten").values():
            for index, child in enumerate(parse.children(a)):
                orders[child] = index
        listed: dict[tuple[str | None, str | None], int] = {}
        for native, a in self.got("agendapunten").items():
            if native not in orders:
                key = (parse.meeting_of(a), parse.ident(a.get("hoofdagendapunt")))
                orders[native] = listed.get(key, 0)
                listed[key] = orders[native] + 1
        return orders

    def _item(self, native: str, a: Json, order: int) -> Output:
        meeting = parse.meeting_of(a)
        if meeting is None:
            self.record_error(f"agendapunt {native} names no vergadering: {a.get('url')}")
            return
        parent = parse.ident(a.get("hoofdagendapunt")) if a.get("hoofdagendapunt") else None
        record = self.build(
            AgendaItem,
            native,
            **parse.item_fields(a),
            order=order,
            meeting_id=self.record_id("meeting", meeting),
            parent_id=self.record_id("agenda_item", parent) if parent else None,
            document_ids=self.record_ids("document", parse.ref_ids(a.get("informatieobjecten"))),
            source_url=a.get("url"),
        )
        if record is not None:
            yield record

    def _context(self, native: str, io: Json) -> Json:
        """The meeting and agenda item a document belongs to (the lowest ids win a tie)."""
        meetings, items = parse.document_meetings(io)
        for item_id, a in self.got("agendapunten").items():
            if native in parse.ref_ids(a.get("informatieobjecten")):
                items.append(item_id)
        for item_id in sorted(set(items)):
            known = self.got("agendapunten").get(item_id)
            meeting = parse.meeting_of(known) if known else (min(meetings) if meetings else None)
            if meeting:
                return self._meeting_context(meeting, item_id)
        return self._meeting_context(min(meetings), None) if meetings else {}

    def _meeting_context(self, meeting: str, item: str | None) -> Json:
        v = self.got("vergaderingen").get(meeting, {})
        body = parse.gremium(v)
        return {
            "meeting_id": self.record_id("meeting", meeting),
            "agenda_item_id": self.record_id("agenda_item", item) if item else None,
            "committee_id": self.record_id("committee", body[0]) if body else None,
            "meeting_date": parse.meeting_fields(v)["start"] if v else None,
        }

    def _document(self, native: str, io: Json) -> Output:
        location, _ = parse.document_location(io)
        if not location:
            self.record_error(f"informatieobject {native} has no link, inhoud or web page")
            return
        record = self.build(
            Document,
            native,
            **parse.document_fields(io),
            **self._context(native, io),
            original_url=location,
            organization_id=self.organization_id,
            source_url=io.get("url"),
        )
        if record is not None:
            yield record

    def _motions(self) -> Output:
        besluiten = self.got("besluiten")
        for native, s in self.got("stemmingen").items():
            io_id = parse.ident(s.get("informatieobject")) if s.get("informatieobject") else None
            io = self.got("informatieobjecten").get(io_id or "", {})
            a_id = parse.ident(s.get("agendapunt")) if s.get("agendapunt") else None
            a = self.got("agendapunten").get(a_id or "", {})
            b = besluiten.get(parse.ident(s.get("besluit")) or "", {}) if s.get("besluit") else {}
            raw = clean_text(b.get("besluitresultaat"))
            submitters, parties = self._submitters(io_id)
            title = parse.first(io, "titel") or (parse.item_fields(a)["name"] if a else None)
            context = self._context(io_id, io) if io_id and io else {}
            if a_id and a:
                meeting = parse.meeting_of(a)
                context = self._meeting_context(meeting, a_id) if meeting else context
            record = self.build(
                Motion,
                native,
                title=title or "Stemming",
                motion_type=clean_text(io.get("informatieobjecttype")) or None,
                submitters=submitters,
                parties=parties,
                result=normalize_motion_result(raw) if raw else None,
                result_raw=raw,
                date=context.get("meeting_date"),
                meeting_id=context.get("meeting_id"),
                agenda_item_id=context.get("agenda_item_id"),
                document_ids=[self.record_id("document", io_id)] if io_id else [],
                organization_id=self.organization_id,
                source_url=s.get("url"),
            )
            if record is not None:
                yield record
        yield from self._votes()

    def _submitters(self, io_id: str | None) -> tuple[list[str], list[str]]:
        parties = self._parties()
        names, groups = [], []
        for i in self.got("indieners").values():
            if io_id is None or parse.ident(i.get("informatieobject")) != io_id:
                continue
            person = parse.ident(i.get("natuurlijkPersoon")) if i.get("natuurlijkPersoon") else None
            p = self.got("natuurlijkpersonen").get(person or "")
            name = (parse.person_name(p) if p else None) or clean_text(i.get("naam"))
            if name:
                names.append(name)
            if person in parties:
                groups.append(parties[person])
        return list(dict.fromkeys(names)), list(dict.fromkeys(groups))

    def _votes(self) -> Output:
        parties = self._parties()
        present = self.got("aanwezigedeelnemers")
        for native, stem in self.got("stemmen").items():
            choice = parse.choice(stem.get("keuzeStemming"))
            poll = parse.ident(stem.get("stemming")) if stem.get("stemming") else None
            who = present.get(parse.ident(stem.get("aanwezigeDeelnemer")) or "", {})
            person = parse.ident(who.get("natuurlijkPersoon")) if who else None
            p = self.got("natuurlijkpersonen").get(person or "")
            name = parse.person_name(p) if p else None
            if choice is None or poll is None or name is None:
                self.record_error(f"stem {native} lacks its choice, stemming or voter")
                continue
            record = self.build(
                Vote,
                native,
                motion_id=self.record_id("motion", poll),
                voter_name=name,
                voter_person_id=self.record_id("person", person) if person else None,
                party=parties.get(person or ""),
                choice=choice,
                source_url=stem.get("url"),
            )
            if record is not None:
                yield record
