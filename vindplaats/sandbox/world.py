"""`World`: the one sample world the sandbox serves. It holds every sample organisation of every
supplier, each part generated once, deterministically, on the shared calendar (`dates`):

- `notubiz`: Voorbeeldstad, Zandaam, Oosterproef (`NotubizWorld`, built from `council_year`);
- `go`: Duinwijk and Polderveen as GemeenteOplossingen towns (`go_towns`);
- `parlaeus`: Heuvelrade (`parlaeus_town`);
- `ibabs`: Bergenrode, and Duinwijk and Polderveen on one shared site (`IbabsWorld`);
- `woo`: the Woo publishers served by the DiWoo protocol (`WooWorld`, built from
  `woo_publishers`).

`organisations()` lists them all with the supplier that serves each; `expected(key)` is what a
complete harvest of one of them must find. The supplier plug-ins render the part they serve in
their own wire format (`plugins`).

`SandboxWorld` is the name tests and tools use for the NotuBiz part (`NotubizWorld`).
"""

from __future__ import annotations

from datetime import date

from vindplaats.sandbox.concepts import Organisation
from vindplaats.sandbox.dates import DATE_FROM, DATE_UNTIL
from vindplaats.sandbox.expected import Expected
from vindplaats.sandbox.go_model import TownExpected, Towns
from vindplaats.sandbox.go_towns import build_go_towns
from vindplaats.sandbox.ibabs_world import IbabsExpected, IbabsWorld
from vindplaats.sandbox.notubiz_world import NotubizWorld
from vindplaats.sandbox.parlaeus_town import build_parlaeus_towns
from vindplaats.sandbox.woo_world import WooExpected, WooWorld

SandboxWorld = NotubizWorld
__all__ = ["Organisation", "SandboxWorld", "World"]


class World:
    """Every sample organisation of every supplier; `notubiz` may be given (tests mutate it)."""

    date_from: date = DATE_FROM  # every sample meeting starts on or after this day
    date_until: date = DATE_UNTIL  # ... and on or before this day

    def __init__(self, notubiz: NotubizWorld | None = None) -> None:
        self.notubiz = notubiz if notubiz is not None else NotubizWorld()
        self.go = Towns(build_go_towns())
        self.parlaeus = Towns(build_parlaeus_towns())
        self.ibabs = IbabsWorld()
        self.woo = WooWorld()

    def towns(self, supplier: str) -> Towns:
        """The towns of the small council model that `supplier` serves (GO or Parlaeus)."""
        return {"gemeenteoplossingen": self.go, "parlaeus": self.parlaeus}[supplier]

    def organisations(self) -> list[Organisation]:
        """Every sample organisation, in the order the sandbox lists its sources."""
        found = [Organisation(m.key, m.name, "notubiz") for m in self.notubiz.municipalities]
        for towns in (self.go, self.parlaeus):
            found += [Organisation(t.key, t.name, t.supplier) for t in towns.towns]
        found += [Organisation(s.key, s.name, "ibabs") for s in self.ibabs.sources]
        found += [Organisation(p.key, p.name, "diwoo") for p in self.woo.publishers]
        return found

    def expected(self, key: str) -> Expected | TownExpected | IbabsExpected | WooExpected:
        """What a complete harvest of the organisation `key` must find."""
        if key in self.notubiz.source_keys:
            return self.notubiz.expected(key)
        for towns in (self.go, self.parlaeus):
            if key in towns.source_keys:
                return towns.expected(key)
        if key in self.woo.source_keys:
            return self.woo.expected(key)
        return self.ibabs.expected(key)
