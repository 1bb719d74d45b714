"""Every route of the web interface: the `routes` of each module of `search_api.web`, found by
name (a page module is added by writing it), in module-name order."""

from __future__ import annotations

import importlib
import pkgutil

from starlette.routing import BaseRoute

import search_api.web as web


def _collect() -> list[BaseRoute]:
    found: list[BaseRoute] = []
    for info in sorted(pkgutil.iter_modules(web.__path__), key=lambda i: i.name):
        if info.name == "routes":
            continue
        module = importlib.import_module(f"{web.__name__}.{info.name}")
        found += getattr(module, "routes", [])
    return found


routes = _collect()
