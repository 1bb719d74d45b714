"""The Vindplaats sandbox: a local server that speaks supplier APIs (NotuBiz so far) with
deterministic, realistic sample data. It powers `vindplaats demo`, the harvester tests and the
benchmarks, and is always labelled as sample data.

    with Sandbox() as sandbox:
        sources = sandbox.sources()               # one NotuBiz source per sample municipality
        sandbox.notubiz_url                       # "http://127.0.0.1:<port>/notubiz"
        sandbox.world.expected("voorbeeldstad")   # what a complete harvest must find
"""

from __future__ import annotations

from vindplaats.sandbox.expected import Expected
from vindplaats.sandbox.server import RequestLogEntry, Sandbox
from vindplaats.sandbox.world import SandboxWorld

__all__ = ["Expected", "RequestLogEntry", "Sandbox", "SandboxWorld"]
