"""Supplier plug-ins: one per row of the table of supplier facts, found by the server, and a
new supplier served by adding one module."""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from importlib.util import find_spec
from types import ModuleType

import httpx
import pytest

from vindplaats.sandbox import Sandbox, plugins
from vindplaats.sandbox.plugins import Plugin, discover, route
from vindplaats.sandbox.routing import Request, Response, json_response
from vindplaats.sources import Source
from vindplaats.suppliers import SUPPLIERS


@dataclass(frozen=True)
class _Row:
    """Stands in for a `Supplier` key of the table: only its value is read."""

    value: str


def _with_row(name: str) -> dict[object, object]:
    """The table of supplier facts with one more row, `name`, that has no facts."""
    table: dict[object, object] = {key: facts for key, facts in SUPPLIERS.items()}
    table[_Row(name)] = None
    return table


class _Hello(Plugin):
    supplier = "voorbeeldleverancier"

    @route("GET", r"/hallo/(\w+)")
    def hello(self, request: Request, match: re.Match[str]) -> Response:
        return json_response({"hallo": match[1]})

    def sources(self) -> list[Source]:
        return []

    def prepare_files(self) -> None:
        """It serves no files."""


def _with_module(monkeypatch: pytest.MonkeyPatch, name: str, **attributes: object) -> None:
    module = ModuleType(f"vindplaats.sandbox.{name}")
    for key, value in attributes.items():
        setattr(module, key, value)
    monkeypatch.setitem(sys.modules, module.__name__, module)
    monkeypatch.setattr(plugins, "SUPPLIERS", _with_row(name))


def _sampled() -> list[str]:
    """The suppliers of the table that have a sandbox module, in table order."""
    return [s.value for s in SUPPLIERS if find_spec(f"vindplaats.sandbox.{s.value}") is not None]


def test_every_supplier_with_a_sandbox_module_has_its_plug_in_in_table_order() -> None:
    found = discover()
    assert [p.supplier for p in found] == _sampled()
    assert len({p.prefix for p in found}) == len(found)
    prefixes = {p.supplier: p.prefix for p in found}
    assert {
        k: prefixes.get(k) for k in ("notubiz", "gemeenteoplossingen", "parlaeus", "ibabs")
    } == {
        "notubiz": "/notubiz",
        "gemeenteoplossingen": "/go",
        "parlaeus": "/parlaeus",
        "ibabs": "/ibabs",
    }


def test_the_sandbox_serves_each_supplier_at_its_plug_in_url(sandbox: Sandbox) -> None:
    assert [p.supplier for p in sandbox.plugins] == _sampled()
    for plugin in sandbox.plugins:
        assert sandbox.url(plugin.supplier) == sandbox.base_url + plugin.prefix + plugin.endpoint
        # the ORI plug-in lists no source for the demo (tests register its sources themselves)
        expected = set() if plugin.supplier == "ori" else {plugin.supplier}
        assert {s.supplier.value for s in plugin.sources()} == expected
    assert sandbox.ibabs_url == sandbox.base_url + "/ibabs/api/Public.svc"
    with pytest.raises(KeyError, match="nosuchsupplier"):
        sandbox.url("nosuchsupplier")


def test_a_new_supplier_is_one_module(monkeypatch: pytest.MonkeyPatch) -> None:
    _with_module(monkeypatch, "voorbeeldleverancier", PLUGIN=_Hello)
    with Sandbox() as sandbox, httpx.Client(timeout=30) as client:
        url = sandbox.url("voorbeeldleverancier")
        assert url == sandbox.base_url + "/voorbeeldleverancier"
        answer = client.get(url + "/hallo/wereld")
        assert answer.status_code == 200 and answer.json() == {"hallo": "wereld"}
        assert client.post(url + "/hallo/wereld").status_code == 405
        assert client.get(url + "/elders").status_code == 404
        assert len(sandbox.sources()) == len(Sandbox().sample_world.organisations())


def test_a_supplier_without_a_sandbox_module_is_left_out(monkeypatch: pytest.MonkeyPatch) -> None:
    before = discover()
    monkeypatch.setattr(plugins, "SUPPLIERS", _with_row("nogniet"))
    assert discover() == before


def test_a_module_without_a_plug_in_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    _with_module(monkeypatch, "kapot", PLUGIN=object)
    with pytest.raises(TypeError, match=r"vindplaats\.sandbox\.kapot has no PLUGIN"):
        discover()
