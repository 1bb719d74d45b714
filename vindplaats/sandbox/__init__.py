"""The Vindplaats sandbox: a local server that speaks the supplier APIs (NotuBiz,
GemeenteOplossingen, Parlaeus, iBabs: one plug-in each) with one deterministic, realistic sample
world. It powers `vindplaats demo`, the harvester tests and the benchmarks, and is always
labelled as sample data.

    with Sandbox() as sandbox:
        sources = sandbox.sources()               # one source per sample organisation
        sandbox.notubiz_url                       # "http://127.0.0.1:<port>/notubiz"
        sandbox.sample_world.expected("heuvelrade")  # what a complete harvest must find
        sandbox.world.expected("voorbeeldstad")   # the NotuBiz part (`SandboxWorld`)
"""

from __future__ import annotations

from vindplaats.sandbox.expected import Expected
from vindplaats.sandbox.server import RequestLogEntry, Sandbox
from vindplaats.sandbox.world import SandboxWorld, World

__all__ = ["Expected", "RequestLogEntry", "Sandbox", "SandboxWorld", "World"]
