"""The council concepts every part of the sample world is built from (`concepts.py`)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

import pytest

from vindplaats.sandbox import World
from vindplaats.sandbox.concepts import (
    AgendaItem,
    Committee,
    Document,
    Meeting,
    Person,
    Register,
    RegisterEntry,
    Vote,
)


def _ids(objects: Iterable[object], concept: type) -> set[type]:
    """The types of the ids of `objects`, each of which must be a `concept`."""
    found = list(objects)
    assert found and all(isinstance(o, concept) for o in found), concept.__name__
    return {type(getattr(o, "id", None) or getattr(o, "user_id", None)) for o in found}


def test_every_supplier_part_is_built_from_the_shared_concepts_numbered_or_by_guid() -> None:
    world = World()
    municipalities = world.notubiz.municipalities
    meetings = [m for x in municipalities for m in x.meetings]
    assert _ids((c for x in municipalities for c in x.gremia), Committee) == {int}
    assert _ids(meetings, Meeting) == {int}
    assert _ids((i for m in meetings for i in m.agenda_items()), AgendaItem) == {int}
    assert _ids((d for x in municipalities for d in x.documents.values()), Document) == {int}
    assert _ids((r for x in municipalities for r in x.registers), Register) == {int}
    assert _ids((e for x in municipalities for e in x.register_items.values()), RegisterEntry) == {
        int
    }

    towns = world.go.towns + world.parlaeus.towns
    sittings = [s for t in towns for s in t.sittings]
    assert _ids((b for t in towns for b in t.bodies), Committee) == {int}
    assert _ids(sittings, Meeting) == {int}
    assert _ids((p for s in sittings for p in s.items), AgendaItem) == {int}
    assert _ids((p for t in towns for p in t.papers.values()), Document) == {int}
    assert _ids((m for t in world.parlaeus.towns for m in t.members), Person) == {int}

    sites = list(world.ibabs.sites.values())
    entries = [e for s in sites for e in s.entries.values()]
    assert _ids((k for s in sites for k in s.types), Committee) == {str}
    assert _ids((m for s in sites for m in s.meetings), Meeting) == {str}
    assert _ids((i for s in sites for m in s.meetings for i in m.items), AgendaItem) == {str}
    assert _ids((d for s in sites for d in s.documents.values()), Document) == {str}
    assert _ids((u for s in sites for u in s.users), Person) == {str}
    assert _ids((x for s in sites for x in s.lists), Register) == {str}
    assert _ids(entries, RegisterEntry) == {str}
    assert _ids((v for e in entries for v in e.votes), Vote) == {str}


def test_a_time_its_supplier_does_not_give_is_a_clear_error_naming_the_object() -> None:
    paper = Document(7, "Agenda", "agenda", "Agenda.pdf")
    with pytest.raises(ValueError, match="document 7 has no published"):
        _ = paper.published_at
    entry = RegisterEntry("a1b2", "c3d4", "Motie")
    with pytest.raises(ValueError, match="register entry 'a1b2' has no last_modified"):
        _ = entry.changed_at
    moment = datetime(2026, 3, 12, 20, 0)
    meeting = Meeting(3, 1, moment, moment, "Raadzaal", "De voorzitter", last_modified=moment)
    assert meeting.changed_at == moment


def test_an_entry_lists_its_main_document_first_and_a_register_shows_its_rename() -> None:
    entry = RegisterEntry(1, 6, "Motie", documents=[12, 13], main_document=11)
    assert entry.document_ids() == [11, 12, 13]
    assert RegisterEntry(2, 6, "Motie", documents=[12]).document_ids() == [12]
    assert Register(6, "Moties", "motie", "Moties en amendementen").title == (
        "Moties en amendementen"
    )
    assert Register(1, "Ingekomen stukken").title == "Ingekomen stukken"
