"""The one sample world: every sample organisation of every supplier, on one calendar."""

from __future__ import annotations

from datetime import datetime

import pytest

from vindplaats.sandbox import Sandbox, World
from vindplaats.sandbox.plugins import discover
from vindplaats.suppliers import SUPPLIERS


def test_the_world_lists_every_sample_source_once_with_its_supplier(sandbox: Sandbox) -> None:
    organisations = World().organisations()
    assert [(o.key, o.name, o.supplier) for o in organisations] == [
        (s.key, s.name, s.supplier.value) for s in sandbox.sources()
    ]
    assert len({o.key for o in organisations}) == len(organisations)
    # the ORI plug-in's sample publishers are not in the demo's world (tests register them)
    assert {o.supplier for o in organisations} == {p.supplier for p in discover()} - {"ori"}
    assert {o.supplier for o in organisations} <= {s.value for s in SUPPLIERS}


def test_expected_answers_for_every_organisation_from_its_own_part() -> None:
    world = World()
    for organisation in world.organisations():
        assert world.expected(organisation.key).source_key == organisation.key
    assert world.expected("heuvelrade") == world.parlaeus.expected("heuvelrade")
    assert world.expected("duinwijk") == world.ibabs.expected("duinwijk")
    assert world.expected("duinwijk-go") == world.go.expected("duinwijk-go")
    with pytest.raises(KeyError, match="nergensdorp"):
        world.expected("nergensdorp")


def test_two_worlds_are_built_the_same() -> None:
    first, second = World(), World()
    assert first.notubiz == second.notubiz
    assert first.go == second.go and first.parlaeus == second.parlaeus
    assert first.ibabs.sites == second.ibabs.sites
    for organisation in first.organisations():
        assert first.expected(organisation.key) == second.expected(organisation.key)


def test_every_meeting_of_every_supplier_falls_in_the_shared_window() -> None:
    world = World()
    starts = [m.start for town in world.notubiz.municipalities for m in town.meetings]
    towns = [t for part in (world.go, world.parlaeus) for t in part.towns]
    starts += [s.start for t in towns for s in t.sittings]
    starts += [m.start for site in world.ibabs.sites.values() for m in site.meetings]
    first = datetime.combine(world.date_from, datetime.min.time())
    last = datetime.combine(world.date_until, datetime.max.time())
    assert len(starts) > 60
    assert all(first <= start <= last for start in starts)
    for part in (world.notubiz, world.go, world.parlaeus, world.ibabs):
        assert (part.date_from, part.date_until) == (world.date_from, world.date_until)


def test_the_sandbox_serves_a_whole_world_it_is_given() -> None:
    world = World()
    world.parlaeus.town("heuvelrade").name = "Heuvelrade (eigen wereld)"
    with Sandbox(world=world) as sandbox:
        assert sandbox.sample_world is world and sandbox.world is world.notubiz
        names = {s.key: s.name for s in sandbox.sources()}
    assert names["heuvelrade"] == "Heuvelrade (eigen wereld)"
