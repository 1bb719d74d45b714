"""The crawler's DNS resolver: applies the fetch guard to the addresses a host resolves to.

Scrapy connects to exactly the addresses this resolver hands to Twisted (every connection,
including to IP literals, goes through `resolveHostName`), so the address that was checked is
the address connected to: no second lookup, no DNS rebinding. A refused host gets no addresses
(Twisted then fails the request with a DNS error); the reason is kept in `refusal_for(host)` so
the fetch guard middleware and the spider can report it in plain words.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from twisted.internet.address import IPv4Address, IPv6Address
from twisted.internet.interfaces import (
    IAddress,
    IHostnameResolver,
    IHostResolution,
)
from twisted.internet.threads import deferToThreadPool
from twisted.python.failure import Failure
from zope.interface import implementer

from vindplaats.errors import UnsafeURLError
from vindplaats.net.guard import resolve_checked

logger = logging.getLogger(__name__)

ALLOW_SETTING = "VINDPLAATS_ALLOW_PRIVATE_NETWORKS"
_refusals: dict[str, str] = {}


def refusal_for(host: str | None) -> str | None:
    """Why the resolver refused `host` in this process, or None."""
    if not host:
        return None
    return _refusals.get(host.lower().strip("[]"))


@implementer(IHostResolution)
class _Resolution:
    def __init__(self, name: str) -> None:
        self.name = name

    def cancel(self) -> None:
        """Cancellation is not supported: lookups finish or time out in the thread pool."""


@implementer(IHostnameResolver)
class GuardedResolver:
    """IHostnameResolver running `resolve_checked` in the reactor's thread pool, with a cache."""

    def __init__(self, reactor: Any, *, allow_private: bool, cache: bool = True) -> None:
        self.reactor = reactor
        self.allow_private = allow_private
        self._cache: dict[str, list[str]] | None = {} if cache else None

    @classmethod
    def from_crawler(cls, crawler: Any, reactor: Any) -> GuardedResolver:
        # Scrapy passes the CrawlerProcess here; only its settings are used.
        settings = crawler.settings
        return cls(
            reactor,
            allow_private=settings.getbool(ALLOW_SETTING),
            cache=settings.getbool("DNSCACHE_ENABLED"),
        )

    def install_on_reactor(self) -> None:
        self.reactor.installNameResolver(self)

    def resolveHostName(
        self,
        resolutionReceiver: Any,  # an IResolutionReceiver
        hostName: str,
        portNumber: int = 0,
        addressTypes: Sequence[type[IAddress]] | None = None,
        transportSemantics: str = "TCP",
    ) -> _Resolution:
        resolution = _Resolution(hostName)
        resolutionReceiver.resolutionBegan(resolution)
        key = hostName.lower().strip("[]")
        cached = self._cache.get(key) if self._cache is not None else None
        if cached is not None:
            self._deliver(resolutionReceiver, cached, portNumber, addressTypes)
            return resolution
        if key in _refusals:
            resolutionReceiver.resolutionComplete()
            return resolution
        d = deferToThreadPool(
            self.reactor,
            self.reactor.getThreadPool(),
            resolve_checked,
            hostName,
            portNumber,
            allow_private=self.allow_private,
        )
        d.addCallbacks(
            self._resolved,
            self._failed,
            callbackArgs=(resolutionReceiver, key, portNumber, addressTypes),
            errbackArgs=(resolutionReceiver, key),
        )
        return resolution

    def _resolved(
        self,
        addresses: list[str],
        receiver: Any,
        key: str,
        port: int,
        types: Sequence[type[IAddress]] | None,
    ) -> None:
        if self._cache is not None:
            self._cache[key] = addresses
        self._deliver(receiver, addresses, port, types)

    def _failed(self, failure: Failure, receiver: Any, key: str) -> None:
        if failure.check(UnsafeURLError):
            _refusals[key] = str(failure.value)
            logger.warning("%s", failure.value)
        else:
            logger.debug("lookup of %s failed: %s", key, failure.value)
        receiver.resolutionComplete()

    @staticmethod
    def _deliver(
        receiver: Any,
        addresses: list[str],
        port: int,
        types: Sequence[type[IAddress]] | None,
    ) -> None:
        for address in addresses:
            kind: type[IPv4Address] | type[IPv6Address] = (
                IPv6Address if ":" in address else IPv4Address
            )
            if types is None or kind in types:
                receiver.addressResolved(kind("TCP", address, port))
        receiver.resolutionComplete()
