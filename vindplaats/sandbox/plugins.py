"""The sandbox's supplier plug-ins and how the server finds them.

A plug-in renders the part of the one sample world (`world.World`) its supplier serves, in that
supplier's wire format, under its own prefix (`/notubiz`, ...). It is a subclass of `Plugin` in
the sandbox module named after its supplier (`vindplaats/sandbox/<supplier>.py`, exported as
`PLUGIN`): `discover()` imports one such module per row of the table of supplier facts
(`vindplaats.suppliers.SUPPLIERS`, in its order), so adding a supplier to the sandbox is adding
one module. A supplier without a sandbox module is left out.
"""

from __future__ import annotations

import importlib
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar, TypeVar

from vindplaats.sandbox.files import FileCache
from vindplaats.sandbox.go_files import PaperFiles
from vindplaats.sandbox.go_model import Towns
from vindplaats.sandbox.routing import Request, Response, Router
from vindplaats.sandbox.world import World
from vindplaats.sources import Source, build_source
from vindplaats.suppliers import SUPPLIERS

Handler = TypeVar("Handler", bound=Callable[..., Response])
_ROUTES: dict[Callable[..., Response], tuple[str, str]] = {}  # handler → (method, pattern)


def route(method: str, pattern: str) -> Callable[[Handler], Handler]:
    """Marks a plug-in method `(self, request, match) -> Response` as the handler of `method`
    requests whose path below the prefix fully matches the regex `pattern`."""

    def mark(handler: Handler) -> Handler:
        _ROUTES[handler] = (method, pattern)
        return handler

    return mark


@dataclass(frozen=True)
class Mount:
    """What the server gives every plug-in: where it is served and the shared file caches."""

    base_url: str  # "http://127.0.0.1:<port>"
    files: FileCache  # the NotuBiz documents' files, cached on disk
    papers: PaperFiles  # the GemeenteOplossingen and Parlaeus papers, kept in memory


class Plugin(ABC):
    """One supplier protocol, served by the sandbox under `base_url + prefix`."""

    supplier: ClassVar[str]  # the `Supplier` value, e.g. "notubiz"
    prefix: ClassVar[str]  # where it is served: "/<supplier>" unless the plug-in says otherwise
    endpoint: ClassVar[str] = ""  # what follows the prefix in the API URL sources point at

    def __init_subclass__(cls) -> None:
        super().__init_subclass__()
        if "supplier" in vars(cls) and "prefix" not in vars(cls):
            cls.prefix = "/" + cls.supplier

    def __init__(self, world: World, mount: Mount) -> None:
        self.mount = mount
        self.router = Router()  # the methods marked with `route`, in the order they are written
        for cls in reversed(type(self).__mro__):
            for name, value in vars(cls).items():
                if callable(value) and value in _ROUTES:
                    self.router.add(*_ROUTES[value], getattr(self, name))

    @property
    def url(self) -> str:
        """The API URL of this supplier in the sandbox (`Sandbox.notubiz_url`, ...)."""
        return self.mount.base_url + self.prefix + self.endpoint

    def handle(self, request: Request) -> Response:
        return self.router.dispatch(request)

    @abstractmethod
    def sources(self) -> list[Source]:
        """One source per sample organisation this plug-in serves, pointing at the sandbox."""

    @abstractmethod
    def prepare_files(self) -> None:
        """Build every file this plug-in serves now (else each is built on first use)."""

    def source(self, key: str, name: str, base_url: str, **fields: object) -> Source:
        """A sample source of this supplier (every sample organisation is a municipality)."""
        return build_source(
            key=key,
            name=name,
            supplier=self.supplier,
            organisation_type="gemeente",
            base_url=base_url,
            **fields,
        )


class TownPlugin(Plugin):
    """A plug-in that serves towns of the small council model (`go_model.Towns`:
    GemeenteOplossingen, Parlaeus); their papers are built by the shared `PaperFiles`."""

    town_path: ClassVar[str]  # what follows `<url>/<town key>` in a town's API base

    def __init__(self, world: World, mount: Mount) -> None:
        super().__init__(world, mount)
        self.world: Towns = world.towns(self.supplier)
        self.files = mount.papers

    def sources(self) -> list[Source]:
        """One source per town: its API version (GO) and token (Parlaeus) where it has one."""
        return [
            self.source(
                t.key,
                t.name,
                f"{self.url}/{t.key}{self.town_path}",
                api_version=t.api_version,
                api_token=t.token,
            )
            for t in self.world.towns
        ]

    def prepare_files(self) -> None:
        for town in self.world.towns:
            for paper in town.papers.values():
                self.files.get(town, paper)


def discover() -> list[type[Plugin]]:
    """The plug-in of every supplier in the table that has a sandbox module, in table order."""
    found = []
    for supplier in SUPPLIERS:
        name = f"{__package__}.{supplier.value}"
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        plugin = getattr(module, "PLUGIN", None)
        if not (isinstance(plugin, type) and issubclass(plugin, Plugin)):
            raise TypeError(f"{name} has no PLUGIN (a vindplaats.sandbox.plugins.Plugin subclass)")
        found.append(plugin)
    return found
